package io.github.chatlab.server.protocol;

import java.util.regex.Pattern;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * L2 and L3.4 on generated names: validity never throws, and in confusable mode a valid
 * name's key (the skeleton of its NFKC case folding) is stable, so that uniqueness is an
 * equivalence: the key of a key is the key, and a name and its key are the same name.
 */
class UserNamesProperties {

	private static final Pattern DEFAULT = Pattern.compile("[\\p{L}\\p{N}_-][\\p{L}\\p{M}\\p{N}_-]{0,31}");

	private final UserNames confusable = new UserNames(DEFAULT, UserNames.Uniqueness.CONFUSABLE);

	private final UserNames exact = new UserNames(DEFAULT, UserNames.Uniqueness.EXACT);

	@Property(tries = 5_000)
	void l3_4_aValidNamesSkeletonIsStable(@ForAll("names") String name) {
		Assume.that(this.confusable.isValid(name));
		String key = this.confusable.key(name);
		assertThat(this.confusable.key(key)).as("key of %s (%s)", name, key).isEqualTo(key);
	}

	@Property(tries = 5_000)
	void l2_validityNeverThrowsAndExactKeysAreTheNames(@ForAll("names") String name) {
		boolean valid = this.exact.isValid(name);
		if (valid) {
			assertThat(this.exact.key(name)).isEqualTo(name);
			assertThat(name).doesNotContain(" ", ",");
		}
	}

	@Provide
	Arbitrary<String> names() {
		// letters of many scripts, digits, marks, _ and -, and a few characters that look
		// like others (Cyrillic, Greek, fullwidth, ligatures)
		Arbitrary<Character> mixed = Arbitraries.oneOf(Arbitraries.chars().alpha(), Arbitraries.chars().numeric(),
				Arbitraries.chars().range('\u0400', '\u04FF'), Arbitraries.chars().range('\u0370', '\u03FF'),
				Arbitraries.chars().range('\uFF10', '\uFF5A'), Arbitraries.chars().range('\u0300', '\u036F'),
				Arbitraries.chars().range('\u0900', '\u097F'), Arbitraries.chars().range('\uFB00', '\uFB06'),
				Arbitraries.of('_', '-', '\u0131', '\u017F', '\u212A', '\u00DF'));
		return Arbitraries.oneOf(mixed.list().ofMinSize(1).ofMaxSize(12).map(UserNamesProperties::join),
				Arbitraries.strings().all().ofMinLength(1).ofMaxLength(8));
	}

	private static String join(java.util.List<Character> chars) {
		StringBuilder text = new StringBuilder(chars.size());
		chars.forEach(text::append);
		return text.toString();
	}

}
