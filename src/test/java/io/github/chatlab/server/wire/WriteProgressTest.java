package io.github.chatlab.server.wire;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * S5's write time-out and S7's rule that only reading earns its allowance, on a clock the
 * test turns: see {@link WriteProgress}. The watchdog's scans are the {@code isStalled}
 * calls.
 */
class WriteProgressTest {

	private static final long MILLI = 1_000_000L;

	private static final long SECOND = 1_000_000_000L;

	private static final long T = 5 * SECOND;

	private static final int CHUNK = 8 * 1024;

	@Test
	void s5_noWriteUnderWayIsNeverStalled() {
		WriteProgress progress = new WriteProgress(T, 0);
		assertThat(progress.isStalled(100 * SECOND)).isFalse();
		progress.writing(SECOND);
		progress.accepted(1024, SECOND);
		progress.idle();
		assertThat(progress.isStalled(100 * SECOND)).isFalse();
	}

	@Test
	void s5_aSocketThatTookLittleIsStalledAfterTheTimeOut() {
		WriteProgress progress = new WriteProgress(T, 0);
		progress.writing(0);
		progress.accepted(CHUNK, 0);
		progress.writing(0);
		assertThat(progress.isStalled(T)).isFalse();
		assertThat(progress.isStalled(T + 1)).isTrue();
	}

	@Test
	void s5_aWriteThatNeverGotAByteIsStalledAfterTheTimeOut() {
		WriteProgress progress = new WriteProgress(T, 0);
		progress.writing(SECOND);
		assertThat(progress.isStalled(SECOND + T)).isFalse();
		assertThat(progress.isStalled(SECOND + T + 1)).isTrue();
	}

	@Test
	void s7_bytesThatFilledTheBuffersOfAClientThatNeverReadsEarnNothing() {
		WriteProgress progress = new WriteProgress(T, 0);
		// what loopback showed: 176 KiB at once, a 30 ms wait for the client's kernel to
		// widen its window (a scan sees it), 104 KiB more, then nothing
		long now = fill(progress, 0, 22);
		progress.writing(now);
		assertThat(progress.isStalled(now + 30 * MILLI)).isFalse();
		now = fill(progress, now + 30 * MILLI, 13);
		progress.writing(now);
		assertThat(progress.isStalled(now + T)).isFalse();
		assertThat(progress.isStalled(now + T + 1)).isTrue();
	}

	@Test
	void s7_waitsWhileALargeReceiveWindowOpensStepByStepEarnNothing() {
		WriteProgress progress = new WriteProgress(T, 0);
		// a client with a 4 MiB receive buffer that never reads: 8 MiB in 2 s, in steps
		// 40 to 162 ms apart
		long now = 0;
		for (int step = 0; step < 50; step++) {
			now = fill(progress, now, 20);
			progress.writing(now);
			long wait = (step % 10 == 9) ? 162 * MILLI : 40 * MILLI;
			assertThat(progress.isStalled(now + wait)).isFalse();
			now += wait;
		}
		progress.writing(now);
		assertThat(progress.isStalled(now + T + 1)).isTrue();
	}

	@Test
	void s5_aReaderKeepingUp16KibPerSecondThroughTcpBackOffIsNotStalled() {
		WriteProgress progress = new WriteProgress(T, 0);
		long now = fill(progress, 0, 35);
		// the first wait, while the client reads what filled its buffers
		progress.writing(now);
		assertThat(progress.isStalled(now + 3 * SECOND)).isFalse();
		now += 3 * SECOND;
		// then what loopback showed: ~112 KiB taken at once every 7 to 8 s
		for (int burst = 0; burst < 10; burst++) {
			now = fill(progress, now, 14);
			// the next chunk waits for the next burst
			progress.writing(now);
			assertThat(progress.isStalled(now + SECOND)).isFalse();
			assertThat(progress.isStalled(now + 7_900 * MILLI)).as("burst %d", burst).isFalse();
			now += 7_900 * MILLI;
		}
		// it stops reading after a last burst: a second T, no more
		now = fill(progress, now, 14);
		progress.writing(now);
		assertThat(progress.isStalled(now + 2 * T)).isFalse();
		assertThat(progress.isStalled(now + 2 * T + 1)).isTrue();
	}

	@Test
	void s7_aSteadyReaderThatLaterStopsEarnsNothingFromTheBytesThatFilledItsBuffers() {
		WriteProgress progress = new WriteProgress(T, 0);
		progress.writing(0);
		assertThat(progress.isStalled(2 * SECOND)).isFalse();
		long now = fill(progress, 2 * SECOND, 20);
		progress.idle();
		// a minute without anything to send, then it has stopped reading
		now += 60 * SECOND;
		now = fill(progress, now, 35);
		progress.writing(now);
		assertThat(progress.isStalled(now + T + 1)).isTrue();
	}

	@Test
	void s5_creditFromLongAgoDoesNotCount() {
		WriteProgress progress = new WriteProgress(T, 0);
		progress.writing(0);
		assertThat(progress.isStalled(2 * SECOND)).isFalse();
		progress.accepted(1024 * 1024, 2 * SECOND + 1);
		progress.writing(3 * T);
		progress.accepted(1024, 3 * T);
		progress.writing(3 * T);
		assertThat(progress.isStalled(3 * T + T)).isFalse();
		assertThat(progress.isStalled(3 * T + T + 1)).isTrue();
	}

	@Test
	void s7_aShortTimeOutSeesAFullSocketSooner() {
		long t = 500 * MILLI;
		WriteProgress progress = new WriteProgress(t, 0);
		progress.writing(0);
		assertThat(progress.isStalled(100 * MILLI)).isFalse();
		long now = fill(progress, 100 * MILLI + 1, 2);
		progress.writing(now);
		assertThat(progress.isStalled(now + t + 1)).as("stalled after the first T").isFalse();
		assertThat(progress.isStalled(now + 2 * t + 1)).isTrue();
	}

	/** The socket takes {@code chunks} chunks at once; returns the time after them. */
	private static long fill(WriteProgress progress, long now, int chunks) {
		for (int chunk = 0; chunk < chunks; chunk++) {
			progress.writing(now);
			progress.accepted(CHUNK, now);
			now += 20_000;
		}
		return now;
	}

}
