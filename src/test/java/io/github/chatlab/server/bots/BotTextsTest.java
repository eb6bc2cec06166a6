package io.github.chatlab.server.bots;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The texts the bots compute: bigbot's ruler, splitbot's cut, the bots' numbers. */
class BotTextsTest {

	@Test
	void theRulerIsNBytesAndEachMarkCountsTheBytesUpToItsEnd() {
		assertThat(text(Bigbot.ruler(1))).isEqualTo("1");
		assertThat(text(Bigbot.ruler(9))).isEqualTo("........9");
		assertThat(text(Bigbot.ruler(10))).isEqualTo("........10");
		assertThat(text(Bigbot.ruler(25))).isEqualTo("....5........15........25");
		for (int n : new int[] { 1, 2, 99, 100, 101, 1_000, 1_024, 65_520, 1_000_000 }) {
			String ruler = text(Bigbot.ruler(n));
			assertThat(ruler).hasSize(n).endsWith(Integer.toString(n));
			Matcher mark = Pattern.compile("[0-9]+").matcher(ruler);
			int marks = 0;
			while (mark.find()) {
				assertThat(Integer.parseInt(mark.group())).isEqualTo(mark.end());
				marks++;
			}
			assertThat(marks).isEqualTo((n + 9) / 10);
		}
	}

	@Test
	void splitbotCutsAfterTheLeadByteOfTheFirstMultiByteCharacterElseMidLine() {
		byte[] line = "DELIVERY splitbot a\u00e9\u20ac\n".getBytes(StandardCharsets.UTF_8);
		assertThat(Splitbot.cut(line, "DELIVERY splitbot ".length())).isEqualTo("DELIVERY splitbot a".length() + 1);
		byte[] ascii = "DELIVERY splitbot ab\n".getBytes(StandardCharsets.US_ASCII);
		assertThat(Splitbot.cut(ascii, "DELIVERY splitbot ".length())).isEqualTo(ascii.length / 2);
	}

	@Test
	void aNumberIsTheWholeMessageInDigitsWithinItsRange() {
		assertThat(parse("7", 1, 20)).isEqualTo(7);
		assertThat(parse("20", 1, 20)).isEqualTo(20);
		assertThat(parse("21", 1, 20)).isEqualTo(-1);
		assertThat(parse("0", 1, 20)).isEqualTo(-1);
		assertThat(parse("+7", 1, 20)).isEqualTo(-1);
		assertThat(parse("7 ", 1, 20)).isEqualTo(-1);
		assertThat(parse("", 1, 20)).isEqualTo(-1);
		assertThat(parse("99999999999999", 1, Integer.MAX_VALUE)).isEqualTo(-1);
		assertThat(parse("0065520", 1, 65_520)).isEqualTo(65_520);
	}

	private static int parse(String message, int min, int max) {
		byte[] line = ("SEND bot " + message).getBytes(StandardCharsets.US_ASCII);
		return Numbers.parse(line, "SEND bot ".length(), min, max);
	}

	private static String text(byte[] bytes) {
		return new String(bytes, StandardCharsets.US_ASCII);
	}

}
