package io.github.chatlab.server.udp.fault;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import io.github.chatlab.server.chat.ChatThreads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * U6's delays on one scheduler with a clock the test moves, and S8's bound on what each
 * client may have waiting.
 */
class DelayedSendsTest {

	private final ManualScheduler scheduler = new ManualScheduler();

	private final List<String> sent = new ArrayList<>();

	private final DelayedSends<String> delays = new DelayedSends<>(this.scheduler, 64, 64 * 1024);

	@Test
	void u6_aDatagramGoesOutWhenItsDelayHasPassed() {
		assertThat(schedule(this.delays, "alice", "late", 1)).isTrue();
		this.scheduler.advance(Duration.ofMillis(999));
		assertThat(this.sent).isEmpty();
		assertThat(this.delays.pending("alice")).isOne();
		this.scheduler.advance(Duration.ofMillis(1));
		assertThat(this.sent).containsExactly("alice:late");
		assertThat(this.delays.pending("alice")).isZero();
		assertThat(this.delays.clientsWaiting()).isZero();
	}

	@Test
	void u6_laterDatagramsMayOvertakeADelayedOne() {
		schedule(this.delays, "alice", "first", 3);
		schedule(this.delays, "alice", "second", 1);
		schedule(this.delays, "alice", "third", 2);
		this.scheduler.advance(Duration.ofSeconds(3));
		assertThat(this.sent).containsExactly("alice:second", "alice:third", "alice:first");
	}

	@Test
	void s8_beyondItsDatagramBoundAClientsDelayedDatagramsAreDroppedAndCounted() {
		int accepted = 0;
		for (int i = 0; i < 70; i++) {
			if (schedule(this.delays, "alice", "m" + i, 30)) {
				accepted++;
			}
		}
		assertThat(accepted).isEqualTo(64);
		assertThat(this.delays.dropped()).isEqualTo(6);
		assertThat(this.delays.delayed()).isEqualTo(64);
		assertThat(this.delays.pending("alice")).isEqualTo(64);
		assertThat(schedule(this.delays, "bob", "other client", 30)).isTrue();
		this.scheduler.advance(Duration.ofSeconds(30));
		assertThat(this.sent).hasSize(65)
			.contains("alice:m0", "alice:m63", "bob:other client")
			.doesNotContain("alice:m64");
		assertThat(schedule(this.delays, "alice", "room again", 1)).isTrue();
	}

	@Test
	void s8_beyondItsByteBoundAClientsDelayedDatagramsAreDropped() {
		DelayedSends<String> small = new DelayedSends<>(this.scheduler, 64, 100);
		Consumer<byte[]> out = (datagram) -> this.sent.add("alice:" + datagram.length);
		assertThat(small.schedule("alice", new byte[40], 5, out)).isTrue();
		assertThat(small.schedule("alice", new byte[40], 5, out)).isTrue();
		assertThat(small.schedule("alice", new byte[40], 5, out)).isFalse();
		assertThat(small.schedule("alice", new byte[20], 5, out)).isTrue();
		assertThat(small.schedule("alice", new byte[1], 5, out)).isFalse();
		assertThat(small.pendingBytes("alice")).isEqualTo(100);
		assertThat(small.dropped()).isEqualTo(2);
		this.scheduler.advance(Duration.ofSeconds(5));
		assertThat(this.sent).hasSize(3);
		assertThat(small.pendingBytes("alice")).isZero();
	}

	@Test
	void l7_cancellingAClientDiscardsWhatIsWaitingForIt() {
		schedule(this.delays, "alice", "a1", 2);
		schedule(this.delays, "alice", "a2", 3);
		schedule(this.delays, "bob", "b1", 2);
		assertThat(this.delays.cancel("alice")).isEqualTo(2);
		assertThat(this.scheduler.waiting()).isOne();
		this.scheduler.advance(Duration.ofSeconds(3));
		assertThat(this.sent).containsExactly("bob:b1");
		assertThat(this.delays.cancel("alice")).isZero();
		assertThat(this.delays.clientsWaiting()).isZero();
	}

	@Test
	void r3_aShutDownSchedulerDropsInsteadOfFailing() {
		this.scheduler.shutdown();
		assertThat(schedule(this.delays, "alice", "late", 1)).isFalse();
		assertThat(this.delays.dropped()).isOne();
		assertThat(this.delays.pending("alice")).isZero();
		assertThat(this.delays.clientsWaiting()).isZero();
	}

	/** One thread for every delay, cancelled datagrams freed at once, no wait at exit. */
	@Test
	void s8_theSchedulerHoldsNoThreadPerDatagramAndFreesCancelledOnes() {
		ScheduledThreadPoolExecutor executor = ChatThreads.timer("udp-delays");
		try {
			DelayedSends<String> real = new DelayedSends<>(executor, 64, 64 * 1024);
			for (int i = 0; i < 50; i++) {
				schedule(real, "alice", "m" + i, 30);
			}
			assertThat(executor.getQueue()).hasSize(50);
			assertThat(executor.getPoolSize()).isLessThanOrEqualTo(1);
			real.cancel("alice");
			assertThat(executor.getQueue()).isEmpty();
			schedule(real, "bob", "b", 30);
		}
		finally {
			executor.shutdown();
		}
		// shutting down discards, so exit never waits 30 s
		assertThat(executor.getQueue()).isEmpty();
	}

	/**
	 * Many threads scheduling, sending and cancelling at once: every datagram is counted
	 * once.
	 */
	@Test
	void s8_countsStayExactUnderConcurrency() throws Exception {
		ScheduledThreadPoolExecutor executor = ChatThreads.timer("udp-delays");
		ExecutorService senders = Executors.newFixedThreadPool(4);
		try {
			DelayedSends<Integer> real = new DelayedSends<>(executor, 8, 64 * 1024);
			AtomicLong delivered = new AtomicLong();
			CountDownLatch start = new CountDownLatch(1);
			int perThread = 20_000;
			for (int t = 0; t < 4; t++) {
				int client = t % 2;
				senders.execute(() -> {
					try {
						start.await();
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
					for (int i = 0; i < perThread; i++) {
						real.schedule(client, new byte[10], 0, (datagram) -> delivered.incrementAndGet());
					}
				});
			}
			start.countDown();
			senders.shutdown();
			assertThat(senders.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
			await().atMost(Duration.ofSeconds(30)).until(() -> delivered.get() + real.dropped() == 4L * perThread);
			assertThat(real.delayed()).isEqualTo(delivered.get());
			assertThat(real.clientsWaiting()).isZero();
			assertThat(real.pending(0)).isZero();
		}
		finally {
			executor.shutdownNow();
			senders.shutdownNow();
		}
	}

	private boolean schedule(DelayedSends<String> delays, String client, String text, int seconds) {
		byte[] datagram = text.getBytes(StandardCharsets.US_ASCII);
		return delays.schedule(client, datagram, seconds,
				(out) -> this.sent.add(client + ":" + new String(out, StandardCharsets.US_ASCII)));
	}

}
