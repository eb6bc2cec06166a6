package io.github.chatlab.server.buildtools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * The last step of {@code ./mvnw package} for {@code lab/server.py}, run from the jar it
 * has just extracted. Every build extracts into a folder of its own,
 * {@code target/app/<build time>/}, and records its class-data-sharing archive there;
 * this marks that folder ready, notes where the project is for copies of the launcher
 * (once: see {@link #recordProject}), and removes the older folders no server runs from.
 * <p>
 * A server started from {@code target/} used to break when the project was rebuilt: the
 * build rewrote the jars it had open, and the next class it loaded failed
 * ({@code NoClassDefFoundError}) while its port stayed open. Now a build never writes
 * into an older folder, and the launcher holds a shared lock on its folder's
 * {@code .lock} for as long as the server runs (the lock passes to the Java process with
 * {@code exec}), which this respects. {@code ./mvnw clean} leaves {@code target/app}
 * alone for the same reason (pom.xml).
 */
public final class RunFolders {

	/** Present once the folder is complete: the launcher uses no folder without it. */
	static final String READY = "ready";

	/** Locked (shared) by every server that runs from the folder. */
	static final String LOCK = ".lock";

	/** The folder names the build gives ({@code yyyyMMdd-HHmmss}), in time order. */
	private static final String BUILD_TIME = "\\d{8}-\\d{6}";

	private RunFolders() {
	}

	/**
	 * {@code RunFolders <jar> <project>}: {@code <jar>} is the extracted jar, named
	 * exactly as the class-data-sharing archive was recorded with it, which is how the
	 * launcher must name it too; {@code <project>} is the project's folder.
	 */
	public static void main(String[] args) throws IOException {
		if (args.length != 2) {
			System.err.println("usage: RunFolders <extracted jar> <project folder>");
			System.exit(2);
		}
		Path jar = Path.of(args[0]);
		Path folder = jar.toAbsolutePath().getParent();
		publish(folder, args[0]);
		String recorded = recordProject(Path.of(args[1]).toAbsolutePath(),
				configHome(System.getenv("XDG_CONFIG_HOME")));
		if (recorded != null) {
			System.out.println(recorded);
		}
		List<Path> removed = prune(folder.getParent(), folder);
		if (!removed.isEmpty()) {
			System.out.println("Removed " + removed.size() + " older build folder(s) from " + folder.getParent());
		}
	}

	/** Marks the folder complete, with the jar's name as the archive knows it. */
	static void publish(Path folder, String jarAsRecorded) throws IOException {
		if (!Files.exists(folder.resolve(LOCK))) {
			Files.createFile(folder.resolve(LOCK));
		}
		write(folder.resolve(READY), "jar=" + jarAsRecorded + "\n");
	}

	/**
	 * Notes where the project is for copies of {@code lab/server.py}: a copy, unlike a
	 * symlink, cannot tell from its own path, and every copy of the account follows the
	 * note. So it is written only when it names no project yet (the first build, or the
	 * project it names is gone): building a second clone must not switch the first one's
	 * launchers behind the user's back.
	 * @return the one line that says the note changed, or null when it did not
	 */
	static @Nullable String recordProject(Path project, Path configHome) throws IOException {
		Path record = record(configHome);
		Path recorded = recorded(record);
		if (recorded != null && isProject(recorded)) {
			return null;
		}
		Files.createDirectories(record.getParent());
		write(record, project + "\n");
		return "Copies of lab/server.py now start the project in " + project + " (noted in " + record + ")";
	}

	/** The note {@link #recordProject} writes. */
	static Path record(Path configHome) {
		return configHome.resolve("chat-server").resolve("project");
	}

	private static @Nullable Path recorded(Path record) {
		try {
			String text = Files.readString(record, StandardCharsets.UTF_8).strip();
			return text.isEmpty() ? null : Path.of(text);
		}
		catch (IOException | InvalidPathException ex) {
			return null;
		}
	}

	/** What {@code lab/server.py} takes for the project: its pom and its launcher. */
	private static boolean isProject(Path folder) {
		return Files.isRegularFile(folder.resolve("pom.xml")) && Files.isRegularFile(folder.resolve("lab/server.py"));
	}

	static Path configHome(String xdgConfigHome) {
		if (xdgConfigHome != null && !xdgConfigHome.isEmpty() && Path.of(xdgConfigHome).isAbsolute()) {
			return Path.of(xdgConfigHome);
		}
		return Path.of(System.getProperty("user.home"), ".config");
	}

	/**
	 * Removes what is in {@code app} besides {@code current}: older build folders that no
	 * server holds, and the files of the layout before build folders. Newer folders
	 * belong to a build running beside this one and stay.
	 * @return what was removed
	 */
	static List<Path> prune(Path app, Path current) throws IOException {
		String currentName = current.getFileName().toString();
		try (Stream<Path> entries = Files.list(app)) {
			return entries.filter((entry) -> !entry.getFileName().toString().equals(currentName))
				.filter((entry) -> !isBuildFolder(entry) || entry.getFileName().toString().compareTo(currentName) < 0)
				.filter(RunFolders::removeUnlessInUse)
				.toList();
		}
	}

	private static boolean isBuildFolder(Path entry) {
		return Files.isDirectory(entry) && entry.getFileName().toString().matches(BUILD_TIME);
	}

	private static boolean removeUnlessInUse(Path entry) {
		Path lock = entry.resolve(LOCK);
		if (!Files.isRegularFile(lock)) {
			delete(entry);
			return true;
		}
		try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.WRITE)) {
			FileLock exclusive = channel.tryLock();
			if (exclusive == null) {
				return false;
			}
			// a launcher that locked the folder after this will find it gone
			Files.deleteIfExists(entry.resolve(READY));
			delete(entry);
			return true;
		}
		catch (OverlappingFileLockException ex) {
			return false;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void delete(Path entry) {
		try (Stream<Path> tree = Files.walk(entry)) {
			for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
		catch (NoSuchFileException ex) {
			// removed by another build meanwhile
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void write(Path file, String content) throws IOException {
		Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
		Files.writeString(temporary, content, StandardCharsets.UTF_8);
		Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}

}
