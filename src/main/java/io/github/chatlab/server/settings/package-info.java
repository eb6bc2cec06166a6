/**
 * The chat listener's settings ({@link io.github.chatlab.server.settings.ChatProperties},
 * {@code chat.*}) and the guard that stops start-up on a {@code chat.*} setting nothing
 * reads ({@link io.github.chatlab.server.settings.UnknownSettings}, R2), with a "did you
 * mean" for a misspelt one. The other properties classes under {@code chat} stay beside
 * what they configure ({@code udp.UdpProperties}, {@code bots.BotProperties}); the guard
 * knows them all from the configuration metadata.
 */
package io.github.chatlab.server.settings;
