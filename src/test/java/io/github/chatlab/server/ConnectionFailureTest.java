package io.github.chatlab.server;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import io.github.chatlab.server.bots.OnlineBots;
import io.github.chatlab.server.chat.Bot;
import io.github.chatlab.server.chat.Session;
import io.github.chatlab.server.protocol.Command.Send;
import io.github.chatlab.server.support.ChatServerTest;
import io.github.chatlab.server.support.TestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * S8, L7: an error on a connection's thread, even an {@link OutOfMemoryError}, closes
 * that connection and frees its name; everyone else carries on. The error is injected by
 * a test bot that throws it on the sender's thread.
 */
class ConnectionFailureTest extends ChatServerTest {

	@TestConfiguration
	static class ThrowingBots {

		@Bean
		@Primary
		OnlineBots throwingBots() {
			return new OnlineBots(List.of(new Throwing("oombot", new OutOfMemoryError("Java heap space (injected)")),
					new Throwing("failbot", new IllegalStateException("injected"))), () -> {
					});
		}

	}

	@Test
	void s8_anOutOfMemoryErrorOnAConnectionClosesItAndFreesTheName() throws IOException {
		assertNameIsFreedAfterSendingTo("oombot");
	}

	@Test
	void s8_anExceptionInTheFlowClosesTheConnectionAndFreesTheName() throws IOException {
		assertNameIsFreedAfterSendingTo("failbot");
	}

	private void assertNameIsFreedAfterSendingTo(String bot) throws IOException {
		String alice = uniqueName("alice");
		String bob = uniqueName("bob");
		TestClient a = login(alice);
		TestClient b = login(bob);
		a.send("SEND " + bot + " boom");
		a.expectDisconnected();
		await().until(() -> this.registry.user(alice) == null);
		b.send("SEND " + alice + " hi").expectLine("BAD-DEST-USER");
		login(alice).send("LIST").expectLine("LIST-OK oombot,failbot," + bob + "," + alice);
		assertThat(this.registry.userCount()).isEqualTo(2);
	}

	private record Throwing(String name, Throwable error) implements Bot {

		@Override
		public boolean receive(Session sender, Send send) {
			if (this.error instanceof Error fatal) {
				throw fatal;
			}
			throw (RuntimeException) this.error;
		}

	}

}
