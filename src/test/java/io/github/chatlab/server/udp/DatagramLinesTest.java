package io.github.chatlab.server.udp;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** U1's framing of a datagram and U4's cut of {@code LIST-OK}, on bytes alone. */
class DatagramLinesTest {

	@Test
	void u1_theRequestIsTheTextUpToTheFirstLfWithoutOneCr() {
		assertThat(text(DatagramLines.request(bytes("LIST\n")))).isEqualTo("LIST");
		assertThat(text(DatagramLines.request(bytes("LIST\r\n")))).isEqualTo("LIST");
		assertThat(text(DatagramLines.request(bytes("LIST\r\r\n")))).isEqualTo("LIST\r");
		assertThat(text(DatagramLines.request(bytes("LIST\nSEND a b\n")))).isEqualTo("LIST");
		assertThat(text(DatagramLines.request(bytes("\n")))).isEmpty();
		assertThat(text(DatagramLines.request(bytes("\r\n")))).isEmpty();
		assertThat(DatagramLines.request(bytes("LIST"))).isNull();
		assertThat(DatagramLines.request(new byte[0])).isNull();
	}

	@Test
	void u3_onlyAHelloFromHeaderIsAnsweredBeforeLogin() {
		assertThat(DatagramLines.isHelloFrom(bytes("HELLO-FROM alice"))).isTrue();
		assertThat(DatagramLines.isHelloFrom(bytes("HELLO-FROM"))).isTrue();
		assertThat(DatagramLines.isHelloFrom(bytes("HELLO-FROM "))).isTrue();
		assertThat(DatagramLines.isHelloFrom(bytes("HELLO-FROMX alice"))).isFalse();
		assertThat(DatagramLines.isHelloFrom(bytes("hello-from alice"))).isFalse();
		assertThat(DatagramLines.isHelloFrom(bytes(" HELLO-FROM alice"))).isFalse();
		assertThat(DatagramLines.isHelloFrom(bytes("HELLO"))).isFalse();
	}

	@Test
	void u4_aLongListOkIsCutAfterTheLastNameThatFits() {
		byte[] list = bytes("LIST-OK alice,bob,carol\n");
		assertThat(DatagramLines.fitted(list, list.length)).isSameAs(list);
		assertThat(text(DatagramLines.fitted(list, list.length - 1))).isEqualTo("LIST-OK alice,bob\n");
		assertThat(text(DatagramLines.fitted(list, 18))).isEqualTo("LIST-OK alice,bob\n");
		assertThat(text(DatagramLines.fitted(list, 17))).isEqualTo("LIST-OK alice\n");
	}

	@Test
	void u4_otherLinesAreNeverCut() {
		byte[] delivery = bytes("DELIVERY alice a,b,c\n");
		assertThat(DatagramLines.fitted(delivery, 10)).isSameAs(delivery);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static String text(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

}
