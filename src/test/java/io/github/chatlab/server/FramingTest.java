package io.github.chatlab.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.github.chatlab.server.support.Bytes;
import io.github.chatlab.server.support.ChatServerTest;
import io.github.chatlab.server.support.TestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** PROTOCOL.md F: framing, UTF-8, long lines, partial lines. */
class FramingTest extends ChatServerTest {

	@Test
	void f1_listensOnTheConfiguredLoopbackAddress() {
		assertThat(this.connectionFactory.getLocalAddress()).isEqualTo("127.0.0.1");
		assertThat(this.connectionFactory.isListening()).isTrue();
	}

	@Test
	void f2_crlfLinesWorkLikeLfLines() throws IOException {
		String name = uniqueName("crlf");
		TestClient client = connect();
		client.sendRaw(("HELLO-FROM " + name + "\r\nLIST\r\n").getBytes(StandardCharsets.UTF_8));
		client.expectLine("HELLO " + name).expectLine("LIST-OK " + name);
	}

	@Test
	void f2_onlyOneCrIsRemovedAndAnyOtherCrIsContent() throws IOException {
		String alice = uniqueName("alice");
		String bob = uniqueName("bob");
		TestClient a = login(alice);
		TestClient b = login(bob);
		a.sendRaw(("SEND " + bob + " hi\r\r\n").getBytes(StandardCharsets.UTF_8)).expectLine("BAD-RQST-BODY");
		a.sendRaw(("SEND " + bob + " h\ri\n").getBytes(StandardCharsets.UTF_8)).expectLine("BAD-RQST-BODY");
		a.send("SEND " + bob + " fine").expectLine("SEND-OK");
		b.expectLine("DELIVERY " + alice + " fine");
	}

	@Test
	void f2_aCrInANameIsInvalid() throws IOException {
		TestClient client = connect();
		client.sendRaw(("HELLO-FROM " + uniqueName("cr") + "\r\r\n").getBytes(StandardCharsets.UTF_8));
		client.expectLine("BAD-RQST-BODY");
		client.expectClosed();
	}

	@Test
	void f3_invalidUtf8AfterAKnownHeaderAndSpaceIsABadBody() throws IOException {
		String alice = uniqueName("alice");
		TestClient a = login(alice);
		a.sendRaw(Bytes.of("SEND ", alice, " caf", new byte[] { (byte) 0xC3 }, "\n")).expectLine("BAD-RQST-BODY");
		a.sendRaw(Bytes.of("LIST ", new byte[] { (byte) 0xFF }, "\n")).expectLine("BAD-RQST-BODY");
		// an overlong encoding of '/' and an encoded surrogate are not UTF-8 either
		a.sendRaw(Bytes.of("SEND ", alice, " ", new byte[] { (byte) 0xC0, (byte) 0xAF }, "\n"))
			.expectLine("BAD-RQST-BODY");
		a.sendRaw(Bytes.of("SEND ", alice, " ", new byte[] { (byte) 0xED, (byte) 0xA0, (byte) 0x80 }, "\n"))
			.expectLine("BAD-RQST-BODY");
		a.send("LIST").expectLine("LIST-OK " + alice);
	}

	@Test
	void f3_invalidUtf8AnywhereElseIsABadHeader() throws IOException {
		TestClient a = login(uniqueName("alice"));
		a.sendRaw(Bytes.of(new byte[] { (byte) 0xFF }, "SEND x y\n")).expectLine("BAD-RQST-HDR");
		a.sendRaw(Bytes.of("SEND", new byte[] { (byte) 0xFF }, " x y\n")).expectLine("BAD-RQST-HDR");
		a.sendRaw(Bytes.of("LIST", new byte[] { (byte) 0x80 }, "\n")).expectLine("BAD-RQST-HDR");
	}

	@Test
	void f3_invalidUtf8InALoginIsABadBodyAndCloses() throws IOException {
		TestClient client = connect();
		client.sendRaw(Bytes.of("HELLO-FROM ab", new byte[] { (byte) 0xFE }, "\n"));
		client.expectLine("BAD-RQST-BODY");
		client.expectClosed();
	}

	@Test
	void f4_aLineSplitOverManySegmentsIsOneLine() throws IOException {
		String alice = uniqueName("alice");
		String bob = uniqueName("bob");
		TestClient a = login(alice);
		TestClient b = login(bob);
		byte[] line = ("SEND " + bob + " piece by piece ünïcödé\n").getBytes(StandardCharsets.UTF_8);
		for (byte octet : line) {
			// one segment per byte: TCP_NODELAY is on
			a.sendRaw(new byte[] { octet });
		}
		a.expectLine("SEND-OK");
		b.expectLine("DELIVERY " + alice + " piece by piece ünïcödé");
	}

	@Test
	void f4_manyLinesInOneSegmentGetEveryReplyInOrder() throws IOException {
		String alice = uniqueName("alice");
		String bob = uniqueName("bob");
		TestClient a = login(alice);
		TestClient b = login(bob);
		StringBuilder burst = new StringBuilder();
		for (int i = 0; i < 200; i++) {
			burst.append("SEND ").append(bob).append(" m").append(i).append('\n');
			burst.append("LIST\n");
		}
		a.sendRaw(burst.toString().getBytes(StandardCharsets.UTF_8));
		for (int i = 0; i < 200; i++) {
			a.expectLine("SEND-OK").expectLine("LIST-OK " + alice + "," + bob);
			b.expectLine("DELIVERY " + alice + " m" + i);
		}
	}

	@Test
	void f5_aOneMegabyteSendLineIsABadBodyAndTheConnectionGoesOn() throws IOException {
		String alice = uniqueName("alice");
		String bob = uniqueName("bob");
		TestClient a = login(alice);
		TestClient b = login(bob);
		a.sendRaw(Bytes.of("SEND ", bob, " ", "x".repeat(1024 * 1024), "\nSEND ", bob, " after\n"));
		a.expectLine("BAD-RQST-BODY").expectLine("SEND-OK");
		b.expectLine("DELIVERY " + alice + " after");
	}

	@Test
	void f5_overLongLinesAnswerAsF3Would() throws IOException {
		String alice = uniqueName("alice");
		TestClient a = login(alice);
		String tooLong = "y".repeat(65537);
		a.send("LIST " + tooLong).expectLine("BAD-RQST-BODY");
		a.send("LIST" + tooLong).expectLine("BAD-RQST-HDR");
		a.send(tooLong).expectLine("BAD-RQST-HDR");
		// L3.1 decides after login (H0)
		a.send("HELLO-FROM " + tooLong).expectLine("BAD-RQST-HDR");
		a.send("LIST").expectLine("LIST-OK " + alice);
	}

	@Test
	void f5_theLimitCountsEveryByteBeforeTheLfACrToo() throws IOException {
		String alice = uniqueName("alice");
		String bob = uniqueName("bob");
		TestClient a = login(alice);
		TestClient b = login(bob);
		String prefix = "SEND " + bob + " ";
		String exact = prefix + "z".repeat(65536 - prefix.length());
		a.send(exact).expectLine("SEND-OK");
		b.expectLine("DELIVERY " + alice + " " + "z".repeat(65536 - prefix.length()));
		// 65537 bytes with the CR
		a.sendRaw(Bytes.of(exact, "\r\n")).expectLine("BAD-RQST-BODY");
		a.send(exact + "z").expectLine("BAD-RQST-BODY");
	}

	@Test
	void f5_anOverLongLineBeforeLoginIsRefusedAndClosed() throws IOException {
		TestClient hello = connect();
		hello.sendRaw(Bytes.of("HELLO-FROM ", "n".repeat(1024 * 1024), "\n"));
		hello.expectLine("BAD-RQST-BODY");
		hello.expectClosed();
		TestClient other = connect();
		other.sendRaw(Bytes.of("SEND ", "n".repeat(1024 * 1024), "\n"));
		other.expectLine("BAD-RQST-HDR");
		other.expectClosed();
	}

	@Test
	void f6_anUnterminatedLastLineIsDiscarded() throws IOException {
		String alice = uniqueName("alice");
		String bob = uniqueName("bob");
		TestClient a = login(alice);
		TestClient b = login(bob);
		a.sendRaw(("SEND " + bob + " never sent").getBytes(StandardCharsets.UTF_8));
		a.shutdownOutput();
		a.expectClosed();
		// the DELIVERY would have come before this
		b.send("LIST").expectLine("LIST-OK " + bob);
	}

}
