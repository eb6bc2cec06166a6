package io.github.chatlab.server.udp;

import java.util.concurrent.TimeUnit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * U7's budget on a clock of its own: a burst of {@code rate}, then {@code rate} a second.
 */
class UdpBudgetTest {

	private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

	private final Clock clock = new Clock();

	@Test
	void u7_aFullBudgetTakesABurstOfRateThenRefillsAtRate() {
		this.clock.now = 1_000_000;
		Bucket budget = UdpClients.budget(10, this.clock);
		assertThat(taken(budget, 100)).isEqualTo(10);
		this.clock.now += SECOND / 10;
		assertThat(taken(budget, 100)).isEqualTo(1);
		this.clock.now += SECOND / 2;
		assertThat(taken(budget, 100)).isEqualTo(5);
	}

	@Test
	void u7_silenceRefillsNoMoreThanOneBurst() {
		Bucket budget = UdpClients.budget(10, this.clock);
		taken(budget, 10);
		this.clock.now += 60 * SECOND;
		assertThat(taken(budget, 100)).isEqualTo(10);
	}

	private static int taken(Bucket budget, int tries) {
		int taken = 0;
		for (int i = 0; i < tries; i++) {
			if (budget.tryConsume(1)) {
				taken++;
			}
		}
		return taken;
	}

	/** Time that moves only when the test moves it. */
	private static final class Clock implements TimeMeter {

		private long now;

		@Override
		public long currentTimeNanos() {
			return this.now;
		}

		@Override
		public boolean isWallClockBased() {
			return false;
		}

	}

}
