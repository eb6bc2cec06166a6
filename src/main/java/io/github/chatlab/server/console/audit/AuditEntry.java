package io.github.chatlab.server.console.audit;

import java.time.Instant;

/**
 * One change made through the console (O6).
 *
 * @param at when
 * @param operator the operator's account
 * @param address the address the operator acted from
 * @param action {@code kick}, {@code ban}, {@code unban}, {@code message} or
 * {@code setting}
 * @param target whom or what it was done to: a connection, a user, an address, a ban's
 * id, {@code everyone}
 * @param detail anything else worth knowing (a ban's reason and expiry; never a message's
 * text)
 */
public record AuditEntry(Instant at, String operator, String address, String action, String target, String detail) {
}
