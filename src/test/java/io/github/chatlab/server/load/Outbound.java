package io.github.chatlab.server.load;

import java.util.BitSet;

/**
 * The sending side of one flow: the next sequence number, the SENDs still waiting for
 * their reply (the server answers a client's requests in order, so replies match them
 * first in, first out) and which ones got {@code SEND-OK}.
 */
final class Outbound {

	private final String to;

	private final Inbound peer;

	private final BitSet acked = new BitSet();

	private long[] pendingSeq = new long[64];

	private long[] pendingSent = new long[64];

	private int head;

	private int size;

	private long nextSeq;

	/** {@code peer}: the receiver's record of this flow, for the integrity check. */
	Outbound(String to, Inbound peer) {
		this.to = to;
		this.peer = peer;
	}

	String to() {
		return this.to;
	}

	Inbound peer() {
		return this.peer;
	}

	long takeSeq() {
		return this.nextSeq++;
	}

	void pending(long seq, long sentNanos) {
		if (this.size == this.pendingSeq.length) {
			grow();
		}
		int tail = (this.head + this.size) % this.pendingSeq.length;
		this.pendingSeq[tail] = seq;
		this.pendingSent[tail] = sentNanos;
		this.size++;
	}

	/**
	 * Matches a reply to the oldest pending SEND; returns its send time, or -1 if nothing
	 * was pending.
	 */
	long replied(boolean accepted) {
		if (this.size == 0) {
			return -1;
		}
		long seq = this.pendingSeq[this.head];
		long sent = this.pendingSent[this.head];
		this.head = (this.head + 1) % this.pendingSeq.length;
		this.size--;
		if (accepted) {
			this.acked.set((int) seq);
		}
		return sent;
	}

	int inFlight() {
		return this.size;
	}

	BitSet acked() {
		return this.acked;
	}

	private void grow() {
		int length = this.pendingSeq.length;
		long[] seqs = new long[length * 2];
		long[] sents = new long[length * 2];
		for (int i = 0; i < this.size; i++) {
			seqs[i] = this.pendingSeq[(this.head + i) % length];
			sents[i] = this.pendingSent[(this.head + i) % length];
		}
		this.pendingSeq = seqs;
		this.pendingSent = sents;
		this.head = 0;
	}

}
