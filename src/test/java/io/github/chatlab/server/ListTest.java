package io.github.chatlab.server;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import io.github.chatlab.server.support.ChatServerTest;
import io.github.chatlab.server.support.TestClient;

/** PROTOCOL.md Q: LIST. */
class ListTest extends ChatServerTest {

	@Test
	void q1_listsEveryUserInLoginOrderWithTheRequester() throws IOException {
		String first = uniqueName("zed");
		String second = uniqueName("amy");
		String third = uniqueName("Mo");
		TestClient a = login(first);
		login(second);
		TestClient c = login(third);
		String expected = "LIST-OK " + first + "," + second + "," + third;
		a.send("LIST").expectLine(expected);
		c.send("LIST").expectLine(expected);
	}

	@Test
	void q1_aUserWhoLeavesLeavesTheListAndOneWhoReturnsComesLast() throws IOException {
		String first = uniqueName("first");
		String second = uniqueName("second");
		TestClient a = login(first);
		TestClient b = login(second);
		a.close();
		// a LIST after the logout was seen: wait for it through the registry, then ask
		org.awaitility.Awaitility.await().until(() -> this.registry.user(first) == null);
		b.send("LIST").expectLine("LIST-OK " + second);
		login(first);
		b.send("LIST").expectLine("LIST-OK " + second + "," + first);
	}

	@Test
	void q2_listWithAnythingAfterItIsABadBody() throws IOException {
		String name = uniqueName("alice");
		TestClient a = login(name);
		a.send("LIST x").expectLine("BAD-RQST-BODY");
		a.send("LIST ").expectLine("BAD-RQST-BODY");
		a.send("LIST  ").expectLine("BAD-RQST-BODY");
		a.send("LIST").expectLine("LIST-OK " + name);
	}

}
