package io.github.chatlab.server.wire;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.github.chatlab.server.chat.Peer.Piece;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outbox alone, on an in-memory stream: sequence numbers, order, close, S8 buffers.
 */
class OutboxTest {

	private final ByteArrayOutputStream socket = new ByteArrayOutputStream();

	private final AtomicInteger failures = new AtomicInteger();

	private final Outbox outbox = new Outbox(this.socket, TimeUnit.SECONDS.toNanos(1), this.failures::incrementAndGet);

	@Test
	void s4_aLineCountsAsWrittenOnlyOnceFlushed() {
		long first = this.outbox.enqueue(bytes("DELIVERY a "), bytes("xhix"), 1, 2);
		long second = this.outbox.enqueue(bytes("SEND-OK\n"));
		assertThat(second).isEqualTo(first + 1);
		assertThat(this.outbox.isWritten(first)).isFalse();
		assertThat(this.outbox.queuedBytes()).isEqualTo("DELIVERY a hi\nSEND-OK\n".length());
		assertThat(this.outbox.flush()).isTrue();
		assertThat(this.outbox.isWritten(second)).isTrue();
		assertThat(this.outbox.queuedBytes()).isZero();
		assertThat(text()).isEqualTo("DELIVERY a hi\nSEND-OK\n");
	}

	@Test
	void s5_aClosedOutboxTakesNothingAndWritesNothing() {
		this.outbox.enqueue(bytes("LIST-OK a\n"));
		this.outbox.close();
		assertThat(this.outbox.enqueue(bytes("more\n"))).isEqualTo(-1);
		assertThat(this.outbox.flush()).isFalse();
		assertThat(this.socket.size()).isZero();
	}

	@Test
	void s5_aFailedWriteClosesTheOutboxAndReportsOnce() {
		Outbox broken = new Outbox(new OutputStream() {

			@Override
			public void write(int b) throws IOException {
				throw new IOException("Broken pipe");
			}

		}, TimeUnit.SECONDS.toNanos(1), this.failures::incrementAndGet);
		long sequence = broken.enqueue(bytes("x\n"));
		assertThat(broken.flush()).isFalse();
		assertThat(broken.isWritten(sequence)).isFalse();
		assertThat(this.failures).hasValue(1);
		assertThat(broken.enqueue(bytes("y\n"))).isEqualTo(-1);
	}

	@Test
	void s6_nothingLandsInsideALineWrittenInPieces() {
		byte[] line = bytes("DELIVERY delaybot hello\n");
		assertThat(this.outbox.hold().write(line, 0, 10, Piece.FIRST)).isTrue();
		this.outbox.enqueue(bytes("SEND-OK\n"));
		assertThat(this.outbox.flushUnlessHeld()).isTrue();
		assertThat(text()).isEqualTo("DELIVERY d");
		assertThat(this.outbox.hold().write(line, 10, line.length - 10, Piece.LAST)).isTrue();
		assertThat(text()).isEqualTo("DELIVERY delaybot hello\nSEND-OK\n");
	}

	@Test
	void s8_aLargeLinesBufferIsNotKept() throws Exception {
		byte[] big = new byte[1 << 20];
		big[big.length - 1] = '\n';
		this.outbox.enqueue(big);
		this.outbox.flush();
		this.outbox.enqueue(bytes("a\n"));
		this.outbox.flush();
		assertThat(retainedBytes()).isLessThan(128 * 1024);
	}

	private long retainedBytes() throws Exception {
		Object queue = field(Outbox.class, "queue", this.outbox);
		return ((byte[]) field(Outbox.class, "spare", this.outbox)).length
				+ ((byte[]) field(LineQueue.class, "queued", queue)).length;
	}

	private static Object field(Class<?> type, String name, Object target) throws Exception {
		var field = type.getDeclaredField(name);
		field.setAccessible(true);
		return field.get(target);
	}

	private String text() {
		return this.socket.toString(StandardCharsets.UTF_8);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
