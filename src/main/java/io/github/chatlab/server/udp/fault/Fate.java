package io.github.chatlab.server.udp.fault;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What the unreliable channel does with one outgoing datagram (U6).
 */
public sealed interface Fate {

	/** The datagram is not sent (DROP). */
	record Dropped() implements Fate {
	}

	/**
	 * The datagram goes out as {@code datagram}, which is the caller's own array when no
	 * bit changed and a fresh copy otherwise, after {@code delaySeconds} (0: at once).
	 * The counts are for metrics (U7). Equal when the bytes are equal, not the arrays.
	 *
	 * @param datagram the bytes to send
	 * @param flippedBits how many bits FLIP inverted
	 * @param burstBits how many bits a BURST overwrote (0: no burst); some may already
	 * have had the burst's value
	 * @param delaySeconds how long to hold the datagram back
	 */
	record Sent(byte[] datagram, int flippedBits, int burstBits, int delaySeconds) implements Fate {

		@Override
		public boolean equals(Object other) {
			return other instanceof Sent that && Arrays.equals(this.datagram, that.datagram)
					&& this.flippedBits == that.flippedBits && this.burstBits == that.burstBits
					&& this.delaySeconds == that.delaySeconds;
		}

		@Override
		public int hashCode() {
			return Objects.hash(Arrays.hashCode(this.datagram), this.flippedBits, this.burstBits, this.delaySeconds);
		}

		@Override
		public String toString() {
			return "Sent[datagram=" + HexFormat.of().formatHex(this.datagram) + ", flippedBits=" + this.flippedBits
					+ ", burstBits=" + this.burstBits + ", delaySeconds=" + this.delaySeconds + "]";
		}

	}

}
