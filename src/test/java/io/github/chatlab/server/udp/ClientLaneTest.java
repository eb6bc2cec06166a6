package io.github.chatlab.server.udp;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A client's requests in order, bounded, and dropped once it is gone (S6, S8). */
class ClientLaneTest {

	/** Runs what the lane hands it when the test says so. */
	private final ConcurrentLinkedQueue<Runnable> pool = new ConcurrentLinkedQueue<>();

	private final Executor manual = this.pool::add;

	@Test
	void s6_requestsRunOneAtATimeInArrivalOrderOnOnePoolTask() {
		ClientLane lane = new ClientLane(this.manual);
		List<Integer> ran = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			int request = i;
			assertThat(lane.submit(() -> ran.add(request), 10)).isTrue();
		}
		assertThat(this.pool).hasSize(1);
		this.pool.poll().run();
		assertThat(ran).containsExactly(0, 1, 2, 3, 4);
		lane.submit(() -> ran.add(5), 10);
		// a new task once the lane had drained
		assertThat(this.pool).hasSize(1);
	}

	@Test
	void s8_beyondTheWaitingBytesADatagramIsIgnoredUntilTheLaneDrains() {
		ClientLane lane = new ClientLane(this.manual);
		int request = 2048;
		int fits = ClientLane.MAX_WAITING_BYTES / (request + ClientLane.OVERHEAD_BYTES);
		for (int i = 0; i < fits; i++) {
			assertThat(lane.submit(() -> {
			}, request)).isTrue();
		}
		assertThat(lane.submit(() -> {
		}, request)).isFalse();
		this.pool.poll().run();
		assertThat(lane.submit(() -> {
		}, request)).isTrue();
	}

	@Test
	void l7_aClosedLaneDropsWhatWaitsAndTakesNothingMore() {
		ClientLane lane = new ClientLane(this.manual);
		List<String> ran = new ArrayList<>();
		lane.submit(() -> ran.add("before"), 10);
		lane.close();
		this.pool.poll().run();
		assertThat(lane.submit(() -> ran.add("after"), 10)).isFalse();
		assertThat(ran).isEmpty();
	}

	@Test
	void u7_aFailingRequestDoesNotStopTheOnesBehindIt() {
		ClientLane lane = new ClientLane(this.manual);
		List<String> ran = new ArrayList<>();
		lane.submit(() -> {
			throw new IllegalStateException("malformed");
		}, 10);
		lane.submit(() -> ran.add("next"), 10);
		this.pool.poll().run();
		assertThat(ran).containsExactly("next");
	}

}
