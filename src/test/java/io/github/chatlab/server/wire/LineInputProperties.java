package io.github.chatlab.server.wire;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

import io.github.chatlab.server.protocol.Command;
import io.github.chatlab.server.protocol.CommandParser;
import io.github.chatlab.server.protocol.Frame;
import io.github.chatlab.server.protocol.ProtocolArbitraries;
import io.github.chatlab.server.protocol.UserNames;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * F4 on generated streams: however the bytes are cut into TCP segments, {@link LineInput}
 * yields the same frames (F2, F5, F6 included) and so the parser the same commands, as
 * when the whole stream arrives in one read.
 */
class LineInputProperties {

	private static final CommandParser parser = new CommandParser(
			new UserNames(Pattern.compile("[\\p{L}\\p{N}_-][\\p{L}\\p{M}\\p{N}_-]{0,31}"), UserNames.Uniqueness.EXACT));

	@Property(tries = 100)
	void f4_aStreamCutAtEveryPointGivesTheSameFrames(@ForAll("streams") byte[] stream,
			@ForAll @IntRange(min = 4, max = 40) int maxLineBytes) throws IOException {
		List<String> whole = frames(stream, new int[0], 8192, maxLineBytes);
		for (int cut = 0; cut <= stream.length; cut++) {
			assertThat(frames(stream, new int[] { cut }, 8192, maxLineBytes)).as("cut at %d", cut).isEqualTo(whole);
		}
	}

	@Property(tries = 1_000)
	void f4_anySegmentsAndBufferSizeGiveTheSameFramesAndCommands(@ForAll("streams") byte[] stream,
			@ForAll("cuts") int[] cuts, @ForAll @IntRange(min = 1, max = 64) int bufferSize,
			@ForAll @IntRange(min = 1, max = 80) int maxLineBytes, @ForAll boolean loggedIn) throws IOException {
		List<String> whole = frames(stream, new int[0], 8192, maxLineBytes);
		assertThat(frames(stream, cuts, bufferSize, maxLineBytes)).isEqualTo(whole);
		assertThat(commands(stream, cuts, bufferSize, maxLineBytes, loggedIn))
			.isEqualTo(commands(stream, new int[0], 8192, maxLineBytes, loggedIn));
	}

	@Provide
	Arbitrary<byte[]> streams() {
		Arbitrary<byte[]> line = ProtocolArbitraries.lineContent(60)
			.flatMap((content) -> Arbitraries.of("\n", "\r\n", "\r\r\n", "")
				.map((end) -> ProtocolArbitraries.concat(content,
						end.getBytes(java.nio.charset.StandardCharsets.US_ASCII))));
		return line.list().ofMaxSize(6).map((lines) -> {
			byte[] all = new byte[0];
			for (byte[] l : lines) {
				all = ProtocolArbitraries.concat(all, l);
			}
			return all;
		});
	}

	@Provide
	Arbitrary<int[]> cuts() {
		return Arbitraries.integers().between(0, 400).array(int[].class).ofMaxSize(20).map((c) -> {
			int[] sorted = c.clone();
			Arrays.sort(sorted);
			return sorted;
		});
	}

	/** The frames of {@code stream} delivered in segments ending at {@code cuts}. */
	private static List<String> frames(byte[] stream, int[] cuts, int bufferSize, int maxLineBytes) throws IOException {
		LineInput input = new LineInput(new Segments(stream, cuts), bufferSize, maxLineBytes, () -> {
		});
		List<String> frames = new ArrayList<>();
		while (true) {
			try {
				Frame frame = input.readFrame();
				frames.add((frame instanceof Frame.Line line) ? "L" + Arrays.toString(line.bytes())
						: "O" + Arrays.toString(((Frame.Overlong) frame).prefix()) + ((Frame.Overlong) frame).length());
			}
			catch (SoftEndOfStreamException end) {
				return frames;
			}
		}
	}

	private static List<String> commands(byte[] stream, int[] cuts, int bufferSize, int maxLineBytes, boolean loggedIn)
			throws IOException {
		LineInput input = new LineInput(new Segments(stream, cuts), bufferSize, maxLineBytes, () -> {
		});
		List<String> commands = new ArrayList<>();
		while (true) {
			try {
				Command command = parser.parse(input.readFrame(), loggedIn);
				commands.add((command instanceof Command.Send send)
						? "Send[" + send.to() + "," + Arrays.toString(send.line()) + "," + send.messageOffset() + "]"
						: command.toString());
			}
			catch (SoftEndOfStreamException end) {
				return commands;
			}
		}
	}

	/** A socket that returns at most one segment per read, as TCP may. */
	private static final class Segments extends InputStream {

		private final byte[] bytes;

		private final int[] cuts;

		private int position;

		private int nextCut;

		Segments(byte[] bytes, int[] cuts) {
			this.bytes = bytes;
			this.cuts = cuts;
		}

		@Override
		public int read() {
			byte[] one = new byte[1];
			return (read(one, 0, 1) < 0) ? -1 : one[0] & 0xFF;
		}

		@Override
		public int read(byte[] b, int off, int len) {
			if (this.position >= this.bytes.length) {
				return -1;
			}
			while (this.nextCut < this.cuts.length && this.cuts[this.nextCut] <= this.position) {
				this.nextCut++;
			}
			int end = (this.nextCut < this.cuts.length) ? Math.min(this.cuts[this.nextCut], this.bytes.length)
					: this.bytes.length;
			int n = Math.min(len, end - this.position);
			System.arraycopy(this.bytes, this.position, b, off, n);
			this.position += n;
			return n;
		}

	}

}
