package io.github.chatlab.server.load;

import java.util.BitSet;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The end-of-run verdict on delivery: every SEND-OK'd message delivered exactly once, and
 * in order per sender/receiver pair. {@code unacked} counts deliveries whose SEND never
 * got SEND-OK (the run stopped waiting, or the server said BAD-DEST-USER after
 * delivering).
 */
record Integrity(long acked, long delivered, long lost, long duplicates, long reordered, long unacked, long corrupt) {

	boolean ok() {
		return this.lost == 0 && this.duplicates == 0 && this.reordered == 0 && this.corrupt == 0;
	}

	/**
	 * Compares what the senders were told with what the receivers got; loop thread only.
	 */
	static Integrity of(Collection<Outbound> flows, long corrupt) {
		Map<Inbound, BitSet> ackedByPeer = new IdentityHashMap<>();
		for (Outbound flow : flows) {
			ackedByPeer.computeIfAbsent(flow.peer(), peer -> new BitSet()).or(flow.acked());
		}
		return compare(ackedByPeer, corrupt);
	}

	/**
	 * The same for receivers whose SEND-OK'd sequence numbers the caller collected
	 * itself.
	 */
	static Integrity compare(Map<Inbound, BitSet> ackedByPeer, long corrupt) {
		long acked = 0;
		long delivered = 0;
		long lost = 0;
		long duplicates = 0;
		long reordered = 0;
		long unacked = 0;
		for (Map.Entry<Inbound, BitSet> entry : ackedByPeer.entrySet()) {
			Inbound peer = entry.getKey();
			BitSet ackedSet = entry.getValue();
			acked += ackedSet.cardinality();
			delivered += peer.received();
			duplicates += peer.duplicates();
			reordered += peer.reordered();
			BitSet missing = (BitSet) ackedSet.clone();
			missing.andNot(peer.seen());
			lost += missing.cardinality();
			BitSet extra = (BitSet) peer.seen().clone();
			extra.andNot(ackedSet);
			unacked += extra.cardinality();
		}
		return new Integrity(acked, delivered, lost, duplicates, reordered, unacked, corrupt);
	}

	static Integrity none() {
		return new Integrity(0, 0, 0, 0, 0, 0, 0);
	}

}
