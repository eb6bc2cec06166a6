package io.github.chatlab.server;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import io.github.chatlab.server.soak.Soak;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A one-minute soak ({@link Soak}, {@code bench/soak.sh} runs it for longer) on the
 * packaged jar: churn, floods, unread bursts, slow and stuck readers, UDP with faults,
 * garbage and resets at once. Only the end state is bounded, never time: every name is
 * free (L7), the server's threads and descriptors are back near where they started and
 * its live heap after a full collection is small (S8). {@code -Dsoak.seconds} changes the
 * length.
 */
@EnabledOnOs(OS.LINUX)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class SoakIT {

	/** What the live heap may hold once the load has stopped (S8). */
	private static final long LIVE_HEAP_BOUND_BYTES = 64L << 20;

	@Test
	void s8_aMinuteOfMixedAbuseLeavesNoNameThreadDescriptorOrHeapBehind() throws Exception {
		Path jar = Path.of(System.getProperty("soak.jar", "target/chat-server.jar"));
		assertThat(jar).as("the packaged jar (mvn package)").isRegularFile();
		Soak.Result result = new Soak(new Soak.Options(java.time.Duration.ofSeconds(Long.getLong("soak.seconds", 60)),
				jar, "256m", 17, java.time.Duration.ofSeconds(10), java.util.List.of()))
			.run();
		System.out.print(result.report());
		assertThat(result.failures()).isEmpty();
		assertThat(result.after().liveHeapBytes()).isPositive().isLessThan(LIVE_HEAP_BOUND_BYTES);
		assertThat(result.counts()).containsKeys("churn", "stuck-reader", "udp", "garbage");
	}

}
