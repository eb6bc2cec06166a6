package io.github.chatlab.server.udp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.github.chatlab.server.chat.Peer.Piece;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * U1 for writes in pieces: each line reaches a UDP client as one datagram, whole, also
 * when two bots write to it in pieces at once.
 */
class DatagramLineGathererTest {

	private final DatagramLineGatherer gatherer = new DatagramLineGatherer();

	@Test
	void u1_piecesBecomeWholeLinesAndWhatFollowsTheLastLfIsDropped() {
		assertThat(add("DELIVERY delaybot Hel", Piece.FIRST)).isEmpty();
		assertThat(add("lo\nDELI", Piece.MIDDLE)).containsExactly("DELIVERY delaybot Hello\n");
		assertThat(add("VERY delaybot Hello\ncut", Piece.LAST)).containsExactly("DELIVERY delaybot Hello\n");
		assertThat(add("DELIVERY echobot x\n", Piece.FIRST)).containsExactly("DELIVERY echobot x\n");
	}

	@Test
	void u1_aSecondWriteInPiecesWaitsForTheFirstToEnd() throws Exception {
		assertThat(add("DELIVERY splitbot caf", Piece.FIRST)).isEmpty();
		CompletableFuture<List<String>> burst = new CompletableFuture<>();
		Thread burstbot = new Thread(() -> {
			List<String> lines = add("DELIVERY burstbot hi\nDELIVERY burstbot hi\n", Piece.FIRST);
			lines.addAll(add("", Piece.LAST));
			burst.complete(lines);
		});
		burstbot.start();
		await().until(() -> burstbot.getState() == Thread.State.TIMED_WAITING);

		assertThat(add("\u00e9\n", Piece.LAST)).containsExactly("DELIVERY splitbot caf\u00e9\n");
		assertThat(burst.get()).containsExactly("DELIVERY burstbot hi\n", "DELIVERY burstbot hi\n");
	}

	@Test
	void u1_whenTheClientLeavesNoWriteWaitsForAPieceThatWillNotCome() throws Exception {
		assertThat(add("DELIVERY delaybot Hel", Piece.FIRST)).isEmpty();
		CompletableFuture<List<String>> next = new CompletableFuture<>();
		Thread echobot = new Thread(() -> next.complete(add("DELIVERY echobot x\n", Piece.FIRST)));
		echobot.start();
		await().until(() -> echobot.getState() == Thread.State.TIMED_WAITING);

		this.gatherer.abandon();
		assertThat(next.get(1, TimeUnit.SECONDS)).containsExactly("DELIVERY echobot x\n");
	}

	private List<String> add(String piece, Piece which) {
		byte[] bytes = piece.getBytes(StandardCharsets.UTF_8);
		return new ArrayList<>(this.gatherer.add(bytes, 0, bytes.length, which)
			.stream()
			.map((line) -> new String(line, StandardCharsets.UTF_8))
			.toList());
	}

}
