package io.github.chatlab.server.wire;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

import io.github.chatlab.server.protocol.Frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** F2, F4, F5, F6 at the level of the stream, where reads can be counted. */
class LineInputTest {

	@Test
	void f4_readsInBlocksNeverAByteAtATime() throws IOException {
		String lines = "LIST\n".repeat(1000);
		CountingStream socket = new CountingStream(lines.getBytes(StandardCharsets.US_ASCII));
		LineInput input = new LineInput(socket, 8192, 65536, () -> {
		});
		for (int i = 0; i < 1000; i++) {
			assertThat(text(input.readFrame())).isEqualTo("LIST");
		}
		// 5000 bytes: one read
		assertThat(socket.reads.get()).isEqualTo(1);
		assertThat(socket.singleByteReads.get()).isZero();
	}

	@Test
	void f4_flushesRepliesOnlyWhenItWouldBlock() throws IOException {
		AtomicInteger flushes = new AtomicInteger();
		LineInput input = new LineInput(new ByteArrayInputStream("a\nb\nc\n".getBytes(StandardCharsets.US_ASCII)), 8192,
				100, flushes::incrementAndGet);
		input.readFrame();
		input.readFrame();
		input.readFrame();
		assertThat(flushes).hasValue(1);
	}

	@Test
	void f2_removesOneCrBeforeTheLfEvenAcrossReads() throws IOException {
		LineInput input = new LineInput(new ChunkedStream("ab\r", "\nc\r\r\n"), 8192, 100, () -> {
		});
		assertThat(text(input.readFrame())).isEqualTo("ab");
		assertThat(text(input.readFrame())).isEqualTo("c\r");
	}

	@Test
	void f5_keepsOnlyAPrefixOfAnOverLongLineAndResynchronisesAtItsLf() throws IOException {
		String longLine = "SEND bob " + "x".repeat(300);
		String stream = longLine + "\nLIST\n";
		String[] segments = new String[(stream.length() + 49) / 50];
		for (int i = 0; i < segments.length; i++) {
			segments[i] = stream.substring(i * 50, Math.min(stream.length(), (i + 1) * 50));
		}
		LineInput input = new LineInput(new ChunkedStream(segments), 64, 100, () -> {
		});
		Frame frame = input.readFrame();
		assertThat(frame).isInstanceOf(Frame.Overlong.class);
		assertThat(new String(((Frame.Overlong) frame).prefix(), StandardCharsets.US_ASCII))
			.isEqualTo("SEND bob xxxxxxx");
		assertThat(text(input.readFrame())).isEqualTo("LIST");
	}

	@Test
	void f5_exactlyTheLimitIsFineOneMoreIsNot() throws IOException {
		LineInput input = new LineInput(new ChunkedStream("12345\n", "1234\r\n", "123456\n", "12345\r\n"), 8192, 5,
				() -> {
				});
		assertThat(text(input.readFrame())).isEqualTo("12345");
		assertThat(text(input.readFrame())).isEqualTo("1234");
		assertThat(input.readFrame()).isInstanceOf(Frame.Overlong.class);
		assertThat(input.readFrame()).isInstanceOf(Frame.Overlong.class);
	}

	@Test
	void f6_anUnterminatedLastLineIsDiscardedAtTheEndOfTheStream() throws IOException {
		LineInput input = new LineInput(new ChunkedStream("LIST\nSEND bob unfinished"), 8192, 100, () -> {
		});
		assertThat(text(input.readFrame())).isEqualTo("LIST");
		assertThatExceptionOfType(SoftEndOfStreamException.class).isThrownBy(input::readFrame);
	}

	private static String text(Frame frame) {
		return new String(((Frame.Line) frame).bytes(), StandardCharsets.UTF_8);
	}

	/** Counts the reads a socket stream would see as system calls. */
	private static final class CountingStream extends FilterInputStream {

		final AtomicInteger reads = new AtomicInteger();

		final AtomicInteger singleByteReads = new AtomicInteger();

		CountingStream(byte[] bytes) {
			super(new ByteArrayInputStream(bytes));
		}

		@Override
		public int read() throws IOException {
			this.singleByteReads.incrementAndGet();
			return super.read();
		}

		@Override
		public int read(byte[] b, int off, int len) throws IOException {
			this.reads.incrementAndGet();
			return super.read(b, off, len);
		}

	}

	/** Returns one chunk per read, like TCP segments. */
	private static final class ChunkedStream extends InputStream {

		private final String[] chunks;

		private int next;

		ChunkedStream(String... chunks) {
			this.chunks = chunks;
		}

		@Override
		public int read() {
			throw new UnsupportedOperationException("a byte at a time");
		}

		@Override
		public int read(byte[] b, int off, int len) {
			if (this.next == this.chunks.length) {
				return -1;
			}
			byte[] chunk = this.chunks[this.next++].getBytes(StandardCharsets.US_ASCII);
			assertThat(chunk.length).isLessThanOrEqualTo(len);
			System.arraycopy(chunk, 0, b, off, chunk.length);
			return chunk.length;
		}

	}

}
