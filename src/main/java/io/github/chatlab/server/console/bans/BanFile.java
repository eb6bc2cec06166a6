package io.github.chatlab.server.console.bans;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code chat.bans.file}, written so that a crash at any moment leaves either the old
 * list or the new one, whole (O4): the new list goes to a temporary file beside it, is
 * forced to the disk, and is then moved over the old one in one atomic rename, and the
 * directory is forced so the rename itself survives a power cut. A temporary file left by
 * a crash is never read, and the next write replaces it.
 */
final class BanFile {

	private static final Log logger = LogFactory.getLog(BanFile.class);

	private final Path path;

	private final Path temporary;

	private final JsonMapper json;

	/** Runs between the forced write and the rename: where a test simulates a crash. */
	private final Runnable beforeRename;

	BanFile(Path path, JsonMapper json) {
		this(path, json, () -> {
		});
	}

	BanFile(Path path, JsonMapper json, Runnable beforeRename) {
		this.path = path.toAbsolutePath();
		this.temporary = this.path.resolveSibling(this.path.getFileName() + ".tmp");
		this.json = json;
		this.beforeRename = beforeRename;
	}

	Path path() {
		return this.path;
	}

	/**
	 * The bans in the file; none when there is no file yet. A file that is not a list of
	 * bans (edited by hand) is moved aside, named in an ERROR line, and the server starts
	 * with no bans rather than not at all.
	 */
	List<Ban> read() {
		byte[] bytes;
		try {
			bytes = Files.readAllBytes(this.path);
		}
		catch (NoSuchFileException ex) {
			return List.of();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read chat.bans.file " + this.path + ": " + ex.getMessage(), ex);
		}
		try {
			Contents contents = this.json.readValue(bytes, Contents.class);
			return (contents.bans() != null) ? List.copyOf(contents.bans()) : List.of();
		}
		catch (JacksonException | IllegalArgumentException | NullPointerException ex) {
			Path aside = this.path
				.resolveSibling(this.path.getFileName() + ".unreadable-" + Instant.now().toEpochMilli());
			try {
				Files.move(this.path, aside);
			}
			catch (IOException moveFailed) {
				ex.addSuppressed(moveFailed);
			}
			logger.error("chat.bans.file " + this.path + " is not a list of bans (moved to " + aside
					+ "); starting with no bans", ex);
			return List.of();
		}
	}

	/**
	 * Replaces the file's list with {@code bans}, atomically.
	 * @throws IOException when the disk refuses: the old list is still there, whole
	 */
	void write(List<Ban> bans) throws IOException {
		Path directory = this.path.getParent();
		if (directory != null) {
			Files.createDirectories(directory);
		}
		byte[] bytes = this.json.writerWithDefaultPrettyPrinter().writeValueAsBytes(new Contents(1, bans));
		try (FileChannel channel = FileChannel.open(this.temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
				StandardOpenOption.TRUNCATE_EXISTING)) {
			ByteBuffer buffer = ByteBuffer.wrap(bytes);
			while (buffer.hasRemaining()) {
				channel.write(buffer);
			}
			channel.force(true);
		}
		this.beforeRename.run();
		try {
			Files.move(this.temporary, this.path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (AtomicMoveNotSupportedException ex) {
			throw new IOException("chat.bans.file " + this.path + " is on a file system without atomic renames", ex);
		}
		forceDirectory(directory);
	}

	/**
	 * Makes the rename durable; where a directory cannot be opened (Windows) it is moot.
	 */
	private static void forceDirectory(Path directory) {
		if (directory == null) {
			return;
		}
		try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
			channel.force(true);
		}
		catch (IOException | UnsupportedOperationException ex) {
			// not every platform can open a directory
		}
	}

	/**
	 * The file's contents.
	 *
	 * @param version the format, 1
	 * @param bans the bans
	 */
	record Contents(int version, List<Ban> bans) {
	}

}
