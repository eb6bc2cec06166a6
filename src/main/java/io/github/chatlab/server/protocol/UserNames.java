package io.github.chatlab.server.protocol;

import java.util.regex.Pattern;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.SpoofChecker;

/**
 * What makes a user name valid, and when two names are the same name (L2). ICU4J's data
 * is loaded on first use, never while the server starts: the lab restarts the server for
 * every test, and building the confusables table and the property tries costs some 60 ms
 * of CPU (measured on the lab's 2-core machine), so {@link #loadInBackground()} is called
 * once the server is on.
 */
public final class UserNames {

	private static final Log logger = LogFactory.getLog(UserNames.class);

	/** When two names are the same name, so that the second login gets IN-USE (L3.4). */
	public enum Uniqueness {

		/** Only equal names: {@code bob} and {@code Bob} are two users. */
		EXACT,

		/**
		 * Names whose UTS #39 skeletons of their NFKC case folding are equal:
		 * {@code alice}, {@code Alice}, Cyrillic {@code аlice} and fullwidth
		 * {@code ａｌｉｃｅ} are one name.
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
	 * let two users look alike in {@code LIST} or break its comma-separated list.
	 */
	public boolean isValid(String name) {
		if (name.isEmpty()) {
			return false;
		}
		for (int i = 0; i < name.length();) {
			int c = name.codePointAt(i);
			if (c == ' ' || c == ',' || Character.getType(c) == Character.CONTROL || Icu.isInvisible(c)) {
				return false;
			}
			i += Character.charCount(c);
		}
		return this.pattern.matcher(name).matches();
	}

	/**
	 * The key under which a valid name is unique: two names are the same name when their
	 * keys are equal.
	 */
	public String key(String name) {
		return (this.uniqueness == Uniqueness.CONFUSABLE) ? Skeletons.of(name) : name;
	}

	/**
	 * Loads, on a daemon thread, the ICU data this instance needs, so that the first
	 * login does not wait for it. A login that comes sooner waits for the same loading
	 * (class initialization), never loads twice.
	 */
	public void loadInBackground() {
		Thread thread = new Thread(() -> {
			try {
				long start = System.nanoTime();
				key(isValid("warm-up") ? "warm-up" : "");
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

	/**
	 * ICU4J's character properties, behind a class of their own so that they are read
	 * only when a name is first checked.
	 */
	private static final class Icu {

		static boolean isInvisible(int codePoint) {
			return UCharacter.hasBinaryProperty(codePoint, UProperty.DEFAULT_IGNORABLE_CODE_POINT);
		}

	}

	/**
	 * ICU4J's confusables and NFKC case folding, read only when the first key is made in
	 * {@link Uniqueness#CONFUSABLE} mode. Both are immutable, so one instance serves
	 * every thread.
	 */
	private static final class Skeletons {

		private static final Normalizer2 NFKC_CASEFOLD = Normalizer2.getNFKCCasefoldInstance();

		private static final SpoofChecker CONFUSABLES = new SpoofChecker.Builder().setChecks(SpoofChecker.CONFUSABLE)
			.build();

		static String of(String name) {
			return CONFUSABLES.getSkeleton(NFKC_CASEFOLD.normalize(name));
		}

	}

}
