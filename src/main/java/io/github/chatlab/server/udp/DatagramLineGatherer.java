package io.github.chatlab.server.udp;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.github.chatlab.server.chat.Peer.Piece;

/**
 * Gathers the pieces of a write into whole lines, because a datagram is a line (U1):
 * delaybot's two lines in three pieces reach a UDP client as two datagrams, the first
 * when the second piece completes it. Thread-safe: guarded by its buffer.
 */
final class DatagramLineGatherer {

	private final ByteArrayOutputStream pieces = new ByteArrayOutputStream();

	/**
	 * Adds one piece and returns the lines it completes, each with its LF; what follows
	 * the last LF waits for the next piece, or is dropped after the {@code LAST} one.
	 */
	List<byte[]> add(byte[] bytes, int offset, int length, Piece piece) {
		List<byte[]> lines = new ArrayList<>(2);
		synchronized (this.pieces) {
			if (piece == Piece.FIRST) {
				this.pieces.reset();
			}
			this.pieces.write(bytes, offset, length);
			byte[] gathered = this.pieces.toByteArray();
			int start = 0;
			for (int i = 0; i < gathered.length; i++) {
				if (gathered[i] == '\n') {
					lines.add(Arrays.copyOfRange(gathered, start, i + 1));
					start = i + 1;
				}
			}
			this.pieces.reset();
			if (piece != Piece.LAST) {
				this.pieces.write(gathered, start, gathered.length - start);
			}
		}
		return lines;
	}

}
