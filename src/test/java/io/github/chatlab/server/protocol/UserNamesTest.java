package io.github.chatlab.server.protocol;

import java.util.regex.Pattern;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.chatlab.server.protocol.UserNames.Uniqueness;

import static org.assertj.core.api.Assertions.assertThat;

/** L2 without a server: which names are valid, and when two names are one. */
class UserNamesTest {

	/** The default {@code chat.username-pattern}, as in PROTOCOL.md. */
	private static final Pattern DEFAULT_PATTERN = Pattern.compile("[\\p{L}\\p{N}_-][\\p{L}\\p{M}\\p{N}_-]{0,31}");

	private static final UserNames exact = new UserNames(DEFAULT_PATTERN, Uniqueness.EXACT);

	private static final UserNames confusable = new UserNames(DEFAULT_PATTERN, Uniqueness.CONFUSABLE);

	/** A pattern that lets everything through, to show the checks that come on top. */
	private static final UserNames anything = new UserNames(Pattern.compile("(?s).+"), Uniqueness.EXACT);

	@ParameterizedTest
	@ValueSource(strings = { "a", "bob", "Zoë", "Zoe\u0308", "e\u0301tienne", "प्रिया", "தமிழ்", "名前", "Ωmega_-9", "_",
			"-", "42", "𝒜𝒷𝒸", "a\u0301\u0302\u0303" })
	void l2_lettersDigitsUnderscoreOrDashOfAnyScriptWithMarksAfterTheFirst(String name) {
		assertThat(exact.isValid(name)).isTrue();
		assertThat(confusable.isValid(name)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " ", "two words", "comma,name", "tab\tname", "bell\u0007", "del\u007F", "nel\u0085",
			"c1\u009F", "dot.name", "at@name", "\u0301e", "\u093Fप", "\u3164", "\u115F", "\u1160", "\uFFA0", "a\u3164b",
			"ali\u200Dce", "ali\u200Cce", "\u202Ealice", "alice\u2066", "a\u00ADb", "a\u034Fb", "a\uFE0Fb", "a\u2060b",
			"\uDB40\uDC61bc" })
	void l2_invalidNames(String name) {
		assertThat(exact.isValid(name)).isFalse();
		assertThat(confusable.isValid(name)).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "a b", "a,b", "a\tb", "a\u007Fb", "a\u0085b", "a\u0000b", "\u3164", "\u115F", "\u1160",
			"\uFFA0", "a\u200Db", "a\u200Bb", "\u202Eab", "a\u061Cb", "a\uFEFFb" })
	void l2_spacesCommasControlsAndInvisiblesAreInvalidWhateverThePattern(String name) {
		assertThat(anything.isValid(name)).isFalse();
	}

	@Test
	void l2_invisibleIsDefaultIgnorableCodePointAsIcu4jHasIt() {
		for (int c = 0; c <= Character.MAX_CODE_POINT; c++) {
			boolean icu = UCharacter.hasBinaryProperty(c, UProperty.DEFAULT_IGNORABLE_CODE_POINT);
			if (UserNames.isInvisible(c) != icu) {
				throw new AssertionError(String.format("U+%04X is%s Default_Ignorable_Code_Point in ICU4J (Unicode %s)",
						c, icu ? "" : " not", UCharacter.getUnicodeVersion()));
			}
		}
	}

	@Test
	void l2_aPermissivePatternLetsOtherNamesThrough() {
		assertThat(anything.isValid("a.b@c!")).isTrue();
	}

	@Test
	void l2_upTo32CodePointsEvenOfFourByteLetters() {
		// U+1D41A MATHEMATICAL BOLD SMALL A: two chars
		String bold = "\uD835\uDC1A";
		assertThat(exact.isValid(bold.repeat(32))).isTrue();
		assertThat(exact.isValid(bold.repeat(33))).isFalse();
		assertThat(exact.isValid("a".repeat(32))).isTrue();
		assertThat(exact.isValid("a".repeat(33))).isFalse();
		assertThat(exact.isValid("a" + "\u0301".repeat(31))).isTrue();
		assertThat(exact.isValid("a" + "\u0301".repeat(32))).isFalse();
	}

	@ParameterizedTest
	@CsvSource({ "alice, Alice", "alice, ALICE", "alice, \u0430lice", "alice, ａｌｉｃｅ", "alice, 𝐚𝐥𝐢𝐜𝐞",
			"echobot, \u0435chobot", "delaybot, DELAYBOT", "modern, rnodern", "bob1, bobl", "\u00E9, e\u0301", "ß, ss",
			"user42, user４２" })
	void l2_confusableNamesAreOneName(String name, String lookAlike) {
		assertThat(confusable.key(lookAlike)).isEqualTo(confusable.key(name));
		assertThat(exact.key(lookAlike)).isNotEqualTo(exact.key(name));
	}

	@ParameterizedTest
	@CsvSource({ "alice, bob", "alice, alicia", "alice, alice2", "echobot, delaybot", "प्रिया, प्रिय", "Zoë, Zoe" })
	void l2_differentNamesAreDifferentInBothModes(String name, String other) {
		assertThat(confusable.key(other)).isNotEqualTo(confusable.key(name));
		assertThat(exact.key(other)).isNotEqualTo(exact.key(name));
	}

	@Test
	void l2_inExactModeTheKeyIsTheNameItself() {
		assertThat(exact.key("Alice")).isEqualTo("Alice");
	}

}
