package io.github.chatlab.server.protocol;

import java.util.regex.Pattern;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.SpoofChecker;

/**
 * What makes a user name valid, and when two names are the same name (L2). ICU4J is used
 * only for {@link Uniqueness#CONFUSABLE} keys, and loaded on first use, never while the
 * server starts: the lab restarts the server for every test, and reading the confusables
 * and normalization data takes 90 to 170 ms (measured on a loaded 2-core machine), so
 * {@link #loadInBackground()} is called once the server is on.
 */
public final class UserNames {

	private static final Log logger = LogFactory.getLog(UserNames.class);

	/**
	 * Default_Ignorable_Code_Point as ranges (first, last), copied from ICU4J: asking
	 * ICU4J at run time costs the first login 15 to 30 ms, on every restart of the lab's
	 * tests. UserNamesTest compares every code point with ICU4J, so an update that
	 * changes the property fails the build.
	 */
	private static final int[] INVISIBLE = { 0x00AD, 0x00AD, 0x034F, 0x034F, 0x061C, 0x061C, 0x115F, 0x1160, 0x17B4,
			0x17B5, 0x180B, 0x180F, 0x200B, 0x200F, 0x202A, 0x202E, 0x2060, 0x206F, 0x3164, 0x3164, 0xFE00, 0xFE0F,
			0xFEFF, 0xFEFF, 0xFFA0, 0xFFA0, 0xFFF0, 0xFFF8, 0x1BCA0, 0x1BCA3, 0x1D173, 0x1D17A, 0xE0000, 0xE0FFF };

	/** When two names are the same name, so that the second login gets IN-USE (L3.4). */
	public enum Uniqueness {

		/** Only equal names: {@code bob} and {@code Bob} are two users. */
		EXACT,

		/**
		 * Names whose UTS #39 skeletons of their NFKC case folding are equal, once
		 * case-folded again: {@code alice}, {@code Alice}, Cyrillic {@code аlice} and
		 * fullwidth {@code ａｌｉｃｅ} are one name, and so are {@code b0b}, {@code bOb} and
		 * {@code bob}.
		 */
		CONFUSABLE

	}

	private final Pattern pattern;

	private final Uniqueness uniqueness;

	public UserNames(Pattern pattern, Uniqueness uniqueness) {
		this.pattern = pattern;
		this.uniqueness = uniqueness;
	}

	/**
	 * L2: the configured pattern, and whatever the pattern says, no space, comma, control
	 * character (Cc) or invisible character (Default_Ignorable_Code_Point), which would
	 * break {@code LIST}'s comma-separated list or let two users look alike in it.
	 */
	public boolean isValid(String name) {
		if (name.isEmpty()) {
			return false;
		}
		for (int i = 0; i < name.length();) {
			int c = name.codePointAt(i);
			if (c == ' ' || c == ',' || Character.getType(c) == Character.CONTROL || isInvisible(c)) {
				return false;
			}
			i += Character.charCount(c);
		}
		return this.pattern.matcher(name).matches();
	}

	/** The configured pattern, for {@link Reasons} to say where a name leaves it. */
	Pattern pattern() {
		return this.pattern;
	}

	/** Whether look-alike names are one name (L2), for {@link Reasons}. */
	public Uniqueness uniqueness() {
		return this.uniqueness;
	}

	/**
	 * The key under which a valid name is unique: two names are the same name when their
	 * keys are equal.
	 */
	public String key(String name) {
		return (this.uniqueness == Uniqueness.CONFUSABLE) ? Skeletons.of(name) : name;
	}

	/**
	 * Loads, on a daemon thread, the ICU4J data this instance needs, if any, so that the
	 * first login does not wait for it. A login that comes sooner waits for the same
	 * loading (class initialization), never loads twice.
	 */
	public void loadInBackground() {
		if (this.uniqueness != Uniqueness.CONFUSABLE) {
			return;
		}
		Thread thread = new Thread(() -> {
			try {
				long start = System.nanoTime();
				Skeletons.of("warm-up");
				if (logger.isDebugEnabled()) {
					logger.debug("ICU4J loaded in " + (System.nanoTime() - start) / 1_000_000 + " ms");
				}
			}
			catch (Throwable ex) {
				logger.error("Could not load ICU4J's data; logins will fail", ex);
			}
		}, "chat-names-load");
		thread.setDaemon(true);
		thread.start();
	}

	/** Whether {@code codePoint} is a Default_Ignorable_Code_Point. */
	static boolean isInvisible(int codePoint) {
		for (int i = 0; i < INVISIBLE.length && codePoint >= INVISIBLE[i]; i += 2) {
			if (codePoint <= INVISIBLE[i + 1]) {
				return true;
			}
		}
		return false;
	}

	/**
	 * ICU4J's confusables and NFKC case folding, read only when the first key is made in
	 * {@link Uniqueness#CONFUSABLE} mode. Both are immutable, so one instance serves
	 * every thread.
	 */
	private static final class Skeletons {

		private static final Normalizer2 NFKC_CASEFOLD = Normalizer2.getNFKCCasefoldInstance();

		/** Enough for every name the property tests tried: two rounds at most. */
		private static final int MAX_ROUNDS = 4;

		private static final SpoofChecker CONFUSABLES = new SpoofChecker.Builder().setChecks(SpoofChecker.CONFUSABLE)
			.build();

		/**
		 * The skeleton of the case folding, case-folded again until it stops changing: a
		 * skeleton may hold capitals ({@code 0} becomes {@code O}), so one round alone
		 * gave {@code b0b} the key {@code bOb} and {@code bOb} the key {@code bob}, and
		 * both logged in (found by {@code UserNamesProperties}).
		 */
		static String of(String name) {
			String key = NFKC_CASEFOLD.normalize(name);
			for (int round = 0; round < MAX_ROUNDS; round++) {
				String next = NFKC_CASEFOLD.normalize(CONFUSABLES.getSkeleton(key));
				if (next.equals(key)) {
					break;
				}
				key = next;
			}
			return key;
		}

	}

}
