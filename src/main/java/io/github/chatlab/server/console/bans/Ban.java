package io.github.chatlab.server.console.bans;

import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.jspecify.annotations.Nullable;

/**
 * One ban as the teaching team set it (O4), as it is kept in {@code chat.bans.file} and
 * listed.
 *
 * @param id the ban's id, for {@code DELETE /api/bans/{id}}
 * @param kind what it bans
 * @param value the name, address or CIDR block as the moderator gave it
 * @param reason why, in the moderator's words
 * @param setBy the operator who set it
 * @param setFrom the address the operator set it from
 * @param created when it was set
 * @param expires when it ends; null for a permanent ban
 */
public record Ban(String id, Kind kind, String value, String reason, String setBy, String setFrom, Instant created,
		@Nullable Instant expires) {

	/** What a ban applies to. */
	public enum Kind {

		/**
		 * A user name; in {@code confusable} mode its skeleton, so look-alikes too (L2).
		 */
		NAME("name"),

		/**
		 * An address (an IPv4 address, an IPv6 /64 as L10 counts) or a CIDR block.
		 */
		ADDRESS("address");

		private final String json;

		Kind(String json) {
			this.json = json;
		}

		@JsonValue
		public String json() {
			return this.json;
		}

		/**
		 * @throws IllegalArgumentException naming the text when it is no kind
		 */
		@JsonCreator
		public static Kind of(@Nullable String text) {
			for (Kind kind : values()) {
				if (kind.json.equals(text)) {
					return kind;
				}
			}
			throw new IllegalArgumentException("kind must be \"name\" or \"address\", not " + quoted(text));
		}

	}

	/** Whether it has ended by {@code now}. */
	public boolean hasExpired(Instant now) {
		return this.expires != null && !now.isBefore(this.expires);
	}

	/** The time left at {@code now}; null for a permanent ban. */
	public @Nullable Duration left(Instant now) {
		return (this.expires != null)
				? Duration.between(now, this.expires).isNegative() ? Duration.ZERO : Duration.between(now, this.expires)
				: null;
	}

	static String quoted(@Nullable String text) {
		return (text != null) ? "\"" + text + "\"" : "nothing";
	}

}
