package io.github.chatlab.server.console.voice;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * A message to or from the teaching team, as {@code GET /api/messages} lists it (O5). Its
 * text is shown: a student sent it to the teaching team, or the teaching team wrote it.
 *
 * @param id its number, counting from 1 since the start
 * @param at when the console took it
 * @param direction {@code in} (a student's {@code SEND teaching-team …}) or {@code out}
 * (the teaching team's message)
 * @param from the student's name, or the operator who wrote it
 * @param address the student's address, or the operator's
 * @param transport an incoming message's transport ({@code tcp} or {@code udp})
 * @param to for {@code out}, the user it went to, null for everyone
 * @param text the message
 * @param recipients for {@code out}, how many users it was sent to
 * @param delivered for {@code out}, how many deliveries were written so far
 * @param failed for {@code out}, how many deliveries failed (the user left, or read
 * nothing for the write time-out)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConsoleMessage(long id, Instant at, String direction, String from, String address,
		@Nullable String transport, @Nullable String to, String text, @Nullable Integer recipients,
		@Nullable Integer delivered, @Nullable Integer failed) {
}
