package io.github.chatlab.server.protocol;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** F3's strict UTF-8, as the JDK's decoder: the edges where lenient decoders differ. */
class Utf8Test {

	@Test
	void f3_acceptsEveryLengthOfSequence() {
		assertThat(valid("a\u00e9\u20ac\uD83D\uDE00".getBytes(StandardCharsets.UTF_8))).isTrue();
		// U+10FFFF
		assertThat(valid(0xF4, 0x8F, 0xBF, 0xBF)).isTrue();
		// U+FFFF
		assertThat(valid(0xEF, 0xBF, 0xBF)).isTrue();
	}

	@Test
	void f3_rejectsOverlongForms() {
		assertThat(valid(0xC0, 0xAF)).isFalse();
		assertThat(valid(0xC1, 0xBF)).isFalse();
		assertThat(valid(0xE0, 0x80, 0xAF)).isFalse();
		assertThat(valid(0xF0, 0x80, 0x80, 0xAF)).isFalse();
	}

	@Test
	void f3_rejectsSurrogatesAndCodePointsAboveTheLast() {
		// U+D800
		assertThat(valid(0xED, 0xA0, 0x80)).isFalse();
		// U+DFFF
		assertThat(valid(0xED, 0xBF, 0xBF)).isFalse();
		// U+110000
		assertThat(valid(0xF4, 0x90, 0x80, 0x80)).isFalse();
		assertThat(valid(0xF8, 0x88, 0x80, 0x80, 0x80)).isFalse();
	}

	@Test
	void f3_rejectsTruncatedAndStrayBytes() {
		assertThat(valid(0xE2, 0x82)).isFalse();
		assertThat(valid(0x80)).isFalse();
		assertThat(valid(0xC3, 0x41)).isFalse();
		assertThat(valid(0xFF)).isFalse();
	}

	@Test
	void s2_controlsAreC0DelAndC1ButNotTab() {
		assertThat(Utf8.hasControlOtherThanTab(bytes(0x09), 0, 1)).isFalse();
		assertThat(Utf8.hasControlOtherThanTab(bytes(0x1F), 0, 1)).isTrue();
		assertThat(Utf8.hasControlOtherThanTab(bytes(0x7F), 0, 1)).isTrue();
		// U+0080
		assertThat(Utf8.hasControlOtherThanTab(bytes(0xC2, 0x80), 0, 2)).isTrue();
		// U+009F
		assertThat(Utf8.hasControlOtherThanTab(bytes(0xC2, 0x9F), 0, 2)).isTrue();
		// U+00A0
		assertThat(Utf8.hasControlOtherThanTab(bytes(0xC2, 0xA0), 0, 2)).isFalse();
	}

	@Test
	void s2_blankIsOnlySpacesAndTabs() {
		assertThat(Utf8.isBlank(bytes(' ', '\t', ' '), 0, 3)).isTrue();
		assertThat(Utf8.isBlank(bytes(), 0, 0)).isTrue();
		assertThat(Utf8.isBlank(bytes(' ', 'x'), 0, 2)).isFalse();
	}

	private static boolean valid(int... values) {
		return valid(bytes(values));
	}

	private static boolean valid(byte[] bytes) {
		return Utf8.isValid(bytes, 0, bytes.length);
	}

	private static byte[] bytes(int... values) {
		byte[] bytes = new byte[values.length];
		for (int i = 0; i < values.length; i++) {
			bytes[i] = (byte) values[i];
		}
		return bytes;
	}

}
