package io.github.chatlab.server.wire;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.github.chatlab.server.chat.Peer.Piece;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A connection's replies behind a line that delaybot writes in pieces (S6, S8), on an
 * in-memory stream.
 */
class ReplyBatchTest {

	private static final byte[] LINE = bytes("DELIVERY delaybot hello\n");

	private final ByteArrayOutputStream socket = new ByteArrayOutputStream();

	private final Outbox outbox = new Outbox(this.socket, TimeUnit.SECONDS.toNanos(30), () -> {
	});

	private final ReplyBatch batch = new ReplyBatch(this.outbox, 1024);

	@Test
	void s6_repliesBelowTheBudgetStayQueuedBehindALineInPiecesAndTheReaderGoesOn() {
		assertThat(this.outbox.hold().write(LINE, 0, 10, Piece.FIRST)).isTrue();
		this.batch.add(bytes("SEND-OK\n"));
		this.batch.write();
		assertThat(text()).isEqualTo("DELIVERY d");
		assertThat(this.outbox.hold().write(LINE, 10, LINE.length - 10, Piece.LAST)).isTrue();
		assertThat(text()).isEqualTo("DELIVERY delaybot hello\nSEND-OK\n");
	}

	@Test
	void s8_aBudgetOfRepliesBehindALineInPiecesStopsTheReaderUntilTheLineEnds() throws Exception {
		assertThat(this.outbox.hold().write(LINE, 0, 10, Piece.FIRST)).isTrue();
		String reply = "LIST-OK " + "a".repeat(591) + "\n";
		Thread reader = new Thread(() -> {
			this.batch.add(bytes(reply));
			// the budget is reached: written before reading on
			this.batch.add(bytes(reply));
		}, "reader");
		reader.start();
		await().atMost(Duration.ofSeconds(10))
			.until(() -> reader.getState() == Thread.State.TIMED_WAITING || !reader.isAlive());
		assertThat(reader.isAlive()).as("the reader waits for the line to end").isTrue();
		assertThat(text()).isEqualTo("DELIVERY d");
		assertThat(this.outbox.hold().write(LINE, 10, LINE.length - 10, Piece.LAST)).isTrue();
		reader.join(TimeUnit.SECONDS.toMillis(10));
		assertThat(reader.isAlive()).isFalse();
		assertThat(text()).isEqualTo("DELIVERY delaybot hello\n" + reply + reply);
	}

	private String text() {
		return this.socket.toString(StandardCharsets.UTF_8);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
