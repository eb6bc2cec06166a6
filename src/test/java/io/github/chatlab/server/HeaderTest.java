package io.github.chatlab.server;

import java.io.IOException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import io.github.chatlab.server.support.Bytes;
import io.github.chatlab.server.support.ChatServerTest;
import io.github.chatlab.server.support.TestClient;

/** PROTOCOL.md H: which rule answers a line, and what a header is. */
class HeaderTest extends ChatServerTest {

	@ParameterizedTest
	@ValueSource(strings = { "send x y", "SENDX x y", " SEND x y", "", "list", "LIST\t", "HELLO", "hello-from x",
			"DELIVERY x y", "SEND-OK" })
	void h1_headersMatchExactlyAndCaseSensitively(String line) throws IOException {
		TestClient a = login(uniqueName("alice"));
		a.send(line).expectLine("BAD-RQST-HDR");
		// and the connection stays open (L6)
		a.send("LIST");
		a.readLine();
	}

	@Test
	void h0_beforeLoginABadSendLineIsABadHeaderWhateverItsBody() throws IOException {
		TestClient client = connect();
		client.sendRaw(Bytes.of("SEND bob ", new byte[] { (byte) 0xFF }, "\n"));
		client.expectLine("BAD-RQST-HDR");
		client.expectClosed();
	}

	@Test
	void h0_afterLoginAHelloFromLineIsABadHeaderWhateverItsBody() throws IOException {
		TestClient a = login(uniqueName("alice"));
		a.sendRaw(Bytes.of("HELLO-FROM ", new byte[] { (byte) 0xFF }, "\n")).expectLine("BAD-RQST-HDR");
		a.send("HELLO-FROM").expectLine("BAD-RQST-HDR");
		a.send("HELLO-FROM bad,name").expectLine("BAD-RQST-HDR");
	}

}
