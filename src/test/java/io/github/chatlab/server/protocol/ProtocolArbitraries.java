package io.github.chatlab.server.protocol;

import java.nio.charset.StandardCharsets;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * Byte sequences for the property tests, biased towards what breaks parsers: the
 * protocol's headers with and without their space, the bytes that start, continue or
 * cannot start UTF-8, CR, LF, TAB, space and comma, mixed with uniformly random bytes.
 * <p>
 * The properties run on jqwik's engine beside Jupiter's under surefire. Still to come
 * with the console (issue 18): that a ban matches exactly the addresses its CIDR covers
 * (O4), beside {@code chat.Cidr}'s tests.
 */
public final class ProtocolArbitraries {

	private static final String[] HEADERS = { "HELLO-FROM ", "HELLO-FROM", "LIST", "LIST ", "SEND ", "SEND", "SET ",
			"GET ", "RESET", "hello-from ", " SEND " };

	/**
	 * Bytes that matter to F2, F3, S2 and L2: ASCII specials, every UTF-8 lead-byte class
	 * and the continuation range's ends.
	 */
	private static final byte[] SPECIAL = { 0x00, 0x09, 0x0A, 0x0D, 0x20, 0x2C, 0x2D, 0x5F, 0x41, 0x61, 0x30, 0x7F,
			(byte) 0x80, (byte) 0x8F, (byte) 0x90, (byte) 0x9F, (byte) 0xA0, (byte) 0xBF, (byte) 0xC0, (byte) 0xC1,
			(byte) 0xC2, (byte) 0xDF, (byte) 0xE0, (byte) 0xED, (byte) 0xEF, (byte) 0xF0, (byte) 0xF4, (byte) 0xF5,
			(byte) 0xF8, (byte) 0xFF };

	private ProtocolArbitraries() {
	}

	/** Any bytes, up to {@code maxLength}: random, special, encoded text or a mix. */
	public static Arbitrary<byte[]> bytes(int maxLength) {
		Arbitrary<Byte> oneByte = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, Arbitraries.bytes()),
				net.jqwik.api.Tuple.of(3, Arbitraries.of(boxed(SPECIAL))));
		Arbitrary<byte[]> raw = oneByte.array(byte[].class).ofMaxSize(maxLength);
		Arbitrary<byte[]> text = Arbitraries.strings()
			.all()
			.ofMaxLength(maxLength / 4)
			.map((s) -> s.getBytes(StandardCharsets.UTF_8));
		return Arbitraries.oneOf(raw, text,
				Arbitraries.of(HEADERS)
					.flatMap((header) -> Arbitraries.oneOf(raw, text)
						.map((tail) -> concat(header.getBytes(StandardCharsets.US_ASCII), tail))));
	}

	/** Bytes as {@link #bytes(int)}, without LF: the content of one framed line. */
	public static Arbitrary<byte[]> lineContent(int maxLength) {
		return bytes(maxLength).map(ProtocolArbitraries::withoutLf);
	}

	public static byte[] concat(byte[] a, byte[] b) {
		byte[] joined = new byte[a.length + b.length];
		System.arraycopy(a, 0, joined, 0, a.length);
		System.arraycopy(b, 0, joined, a.length, b.length);
		return joined;
	}

	private static byte[] withoutLf(byte[] bytes) {
		byte[] copy = bytes.clone();
		for (int i = 0; i < copy.length; i++) {
			if (copy[i] == '\n') {
				copy[i] = ' ';
			}
		}
		return copy;
	}

	private static Byte[] boxed(byte[] bytes) {
		Byte[] boxed = new Byte[bytes.length];
		for (int i = 0; i < bytes.length; i++) {
			boxed[i] = bytes[i];
		}
		return boxed;
	}

}
