package io.github.chatlab.server.protocol;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * F3's validation and S2's body checks against the JDK: {@link Utf8} must accept exactly
 * what a strict {@link CharsetDecoder} (malformed and unmappable input reported) decodes,
 * and judge control characters and blank bodies as the decoded text does.
 */
class Utf8Properties {

	@Property(tries = 10_000)
	void f3_agreesWithTheJdksStrictDecoder(@ForAll("utf8ish") byte[] bytes) {
		assertThat(Utf8.isValid(bytes, 0, bytes.length)).isEqualTo(decode(bytes) != null);
	}

	@Property(tries = 5_000)
	void f3_agreesOnEverySlice(@ForAll("utf8ish") byte[] bytes, @ForAll("cut") int a, @ForAll("cut") int b) {
		int from = Math.min(a, b) % (bytes.length + 1);
		int to = Math.max(from, Math.max(a, b) % (bytes.length + 1));
		byte[] slice = java.util.Arrays.copyOfRange(bytes, from, to);
		assertThat(Utf8.isValid(bytes, from, to)).isEqualTo(decode(slice) != null);
	}

	@Property(tries = 5_000)
	void s2_controlsAndBlanksAsTheDecodedTextHasThem(@ForAll("utf8ish") byte[] bytes) {
		String text = decode(bytes);
		if (text == null) {
			return;
		}
		boolean control = text.codePoints().anyMatch((c) -> c != '\t' && Character.getType(c) == Character.CONTROL);
		boolean blank = text.chars().allMatch((c) -> c == ' ' || c == '\t');
		assertThat(Utf8.hasControlOtherThanTab(bytes, 0, bytes.length)).isEqualTo(control);
		assertThat(Utf8.isBlank(bytes, 0, bytes.length)).isEqualTo(blank);
	}

	@Provide
	Arbitrary<byte[]> utf8ish() {
		Arbitrary<byte[]> encoded = Arbitraries.integers()
			.between(0, Character.MAX_CODE_POINT)
			.filter((c) -> c < 0xD800 || c > 0xDFFF)
			.list()
			.ofMaxSize(12)
			.map((cps) -> new String(cps.stream().mapToInt(Integer::intValue).toArray(), 0, cps.size())
				.getBytes(StandardCharsets.UTF_8));
		// valid text with one byte changed: the cases next to valid ones
		Arbitrary<byte[]> mutated = encoded.filter((b) -> b.length > 0)
			.flatMap((b) -> Arbitraries.integers()
				.between(0, b.length - 1)
				.flatMap((i) -> Arbitraries.bytes().map((v) -> {
					byte[] copy = b.clone();
					copy[i] = v;
					return copy;
				})));
		return Arbitraries.oneOf(encoded, mutated, ProtocolArbitraries.bytes(24));
	}

	@Provide
	Arbitrary<Integer> cut() {
		return Arbitraries.integers().between(0, 64);
	}

	/** The text, or null when a strict decoder refuses the bytes. */
	private static String decode(byte[] bytes) {
		CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		try {
			CharBuffer chars = decoder.decode(ByteBuffer.wrap(bytes));
			return chars.toString();
		}
		catch (CharacterCodingException ex) {
			return null;
		}
	}

}
