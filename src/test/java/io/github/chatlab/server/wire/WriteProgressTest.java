package io.github.chatlab.server.wire;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** S5's write time-out, on a clock the test turns: see {@link WriteProgress}. */
class WriteProgressTest {

	private static final long SECOND = 1_000_000_000L;

	private static final long T = 5 * SECOND;

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
		progress.accepted(8 * 1024, 0);
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
	void s5_aReaderKeepingUp16KibPerSecondThroughTcpBackOffIsNotStalled() {
		WriteProgress progress = new WriteProgress(T, 0);
		progress.writing(0);
		// what loopback showed: ~112 KiB taken at once every 7 to 8 s
		long now = 0;
		for (int burst = 0; burst < 10; burst++) {
			for (int chunk = 0; chunk < 14; chunk++) {
				progress.writing(now);
				progress.accepted(8 * 1024, now);
			}
			// the next chunk waits for the next burst
			progress.writing(now);
			assertThat(progress.isStalled(now + 7_900_000_000L)).as("burst %d", burst).isFalse();
			now += 7_900_000_000L;
		}
		assertThat(progress.isStalled(now + 2 * T + 1)).isTrue();
	}

	@Test
	void s5_creditFromLongAgoDoesNotCount() {
		WriteProgress progress = new WriteProgress(T, 0);
		progress.writing(0);
		progress.accepted(1024 * 1024, 0);
		progress.writing(3 * T);
		progress.accepted(1024, 3 * T);
		progress.writing(3 * T);
		assertThat(progress.isStalled(3 * T + T)).isFalse();
		assertThat(progress.isStalled(3 * T + T + 1)).isTrue();
	}

}
