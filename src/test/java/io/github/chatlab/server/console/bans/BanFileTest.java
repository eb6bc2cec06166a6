package io.github.chatlab.server.console.bans;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import io.github.chatlab.server.console.bans.Ban.Kind;
import io.github.chatlab.server.protocol.UserNames;
import io.github.chatlab.server.protocol.UserNames.Uniqueness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * O4: {@code chat.bans.file} survives a restart, and a crash at any moment of a write
 * leaves the old list or the new one, whole.
 */
class BanFileTest {

	private static final UserNames names = new UserNames(
			Pattern.compile("[\\p{L}\\p{N}_-][\\p{L}\\p{M}\\p{N}_-]{0,31}"), Uniqueness.EXACT);

	private static final JsonMapper json = JsonMapper.builder().build();

	private final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T12:00:00Z"));

	@TempDir
	Path folder;

	private Bans bans(BanFile file) {
		Bans bans = new Bans(names, file, this.clock, Duration.ofHours(1));
		bans.load();
		return bans;
	}

	@Test
	void o4_bansSurviveARestartAndExpiredOnesAreDropped() throws Exception {
		Path path = this.folder.resolve("bans.json");
		Bans before = bans(new BanFile(path, json));
		Ban address = before.add(Kind.ADDRESS, "10.0.0.0/8", "campus flood", "permanent", "ta", "10.9.9.9");
		Ban name = before.add(Kind.NAME, "troll", "spam", "30m", "ta", "10.9.9.9");
		Bans after = bans(new BanFile(path, json));
		assertThat(after.list()).containsExactlyInAnyOrder(address, name);
		assertThat(after.refusesConnect(InetAddress.getByName("10.1.2.3"))).isNotNull();
		this.clock.advance(Duration.ofMinutes(31));
		Bans later = bans(new BanFile(path, json));
		assertThat(later.list()).containsExactly(address);
		assertThat(Files.readString(path)).doesNotContain("troll");
	}

	@Test
	void o4_aCrashBetweenTheWriteAndTheRenameLosesNothing() throws Exception {
		Path path = this.folder.resolve("bans.json");
		Bans first = bans(new BanFile(path, json));
		Ban kept = first.add(Kind.NAME, "troll", null, "permanent", "ta", "x");
		byte[] before = Files.readAllBytes(path);
		Bans crashing = bans(new BanFile(path, json, () -> {
			throw new UncheckedIOException(new IOException("power cut"));
		}));
		try {
			crashing.add(Kind.NAME, "other", null, "permanent", "ta", "x");
		}
		catch (UncheckedIOException expected) {
			// the process "died" here
		}
		assertThat(Files.readAllBytes(path)).isEqualTo(before);
		assertThat(crashing.list()).as("memory is never ahead of the disk").containsExactly(kept);
		Bans restarted = bans(new BanFile(path, json));
		assertThat(restarted.list()).containsExactly(kept);
		Ban next = restarted.add(Kind.NAME, "next", null, "permanent", "ta", "x");
		assertThat(bans(new BanFile(path, json)).list()).containsExactlyInAnyOrder(kept, next);
	}

	@Test
	void o4_aHalfWrittenTemporaryFileIsNeverRead() throws Exception {
		Path path = this.folder.resolve("bans.json");
		Ban kept = bans(new BanFile(path, json)).add(Kind.NAME, "troll", null, "permanent", "ta", "x");
		Files.writeString(this.folder.resolve("bans.json.tmp"), "{\"version\":1,\"bans\":[{\"id\":\"12",
				StandardCharsets.UTF_8);
		Bans restarted = bans(new BanFile(path, json));
		assertThat(restarted.list()).containsExactly(kept);
		restarted.add(Kind.NAME, "next", null, "permanent", "ta", "x");
		assertThat(bans(new BanFile(path, json)).list()).hasSize(2);
	}

	@Test
	void o4_aFileThatCannotBeWrittenLeavesTheBanUnset() throws Exception {
		Path blocked = this.folder.resolve("not-a-folder");
		Files.writeString(blocked, "a file where a folder should be");
		Bans bans = new Bans(names, new BanFile(blocked.resolve("bans.json"), json), this.clock, Duration.ofHours(1));
		assertThatIllegalStateException().isThrownBy(() -> bans.add(Kind.NAME, "troll", null, null, "ta", "x"))
			.withMessageContaining("Cannot write chat.bans.file");
		assertThat(bans.list()).isEmpty();
	}

	@Test
	void o4_anUnreadableFileIsMovedAsideAndTheServerStartsWithNoBans() throws Exception {
		Path path = this.folder.resolve("bans.json");
		Files.writeString(path, "this is not json");
		assertThat(bans(new BanFile(path, json)).list()).isEmpty();
		try (var aside = Files.list(this.folder)) {
			List<String> files = aside.map((file) -> file.getFileName().toString()).toList();
			assertThat(files).anyMatch((file) -> file.startsWith("bans.json.unreadable-"));
		}
	}

}
