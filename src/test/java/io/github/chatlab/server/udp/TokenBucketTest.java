package io.github.chatlab.server.udp;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * U7's budget on a clock of its own: a burst of {@code rate}, then {@code rate} a second.
 */
class TokenBucketTest {

	private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

	@Test
	void u7_aFullBucketTakesABurstOfRateThenRefillsAtRate() {
		long now = 1_000_000;
		TokenBucket bucket = new TokenBucket(10, now);
		assertThat(taken(bucket, now, 100)).isEqualTo(10);
		assertThat(taken(bucket, now + SECOND / 10, 100)).isEqualTo(1);
		assertThat(taken(bucket, now + SECOND / 10 + SECOND / 2, 100)).isEqualTo(5);
	}

	@Test
	void u7_silenceRefillsNoMoreThanOneBurst() {
		long now = 0;
		TokenBucket bucket = new TokenBucket(10, now);
		taken(bucket, now, 10);
		assertThat(taken(bucket, now + 60 * SECOND, 100)).isEqualTo(10);
	}

	private static int taken(TokenBucket bucket, long now, int tries) {
		int taken = 0;
		for (int i = 0; i < tries; i++) {
			if (bucket.tryTake(now)) {
				taken++;
			}
		}
		return taken;
	}

}
