package io.github.chatlab.server.chat;

import java.net.InetAddress;

import org.jspecify.annotations.Nullable;

import io.github.chatlab.server.protocol.Reason;

/**
 * Who may not come in at all, whatever the limits say: the teaching team's bans (O4). The
 * TCP transport asks at connect, {@link ChatService} at every {@code HELLO-FROM} of
 * either transport; a refusal is {@code BUSY} and a close (L5, L3.3). The core knows no
 * bans itself: the console implements this, and without it every door is {@link #OPEN}.
 * Both checks run for every connect or login, so they must be cheap and must not block.
 */
public interface Gate {

	/** Nobody is banned. */
	Gate OPEN = new Gate() {

		@Override
		public @Nullable Reason refusesConnect(InetAddress address) {
			return null;
		}

		@Override
		public @Nullable Reason refusesLogin(InetAddress address, String name) {
			return null;
		}

	};

	/**
	 * @return why (O2) a connection from {@code address} is refused, null if it may in
	 */
	@Nullable Reason refusesConnect(InetAddress address);

	/**
	 * @return why (O2) {@code name}'s login from {@code address} is refused, null if it
	 * may log in
	 */
	@Nullable Reason refusesLogin(InetAddress address, String name);

}
