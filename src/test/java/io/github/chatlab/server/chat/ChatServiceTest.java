package io.github.chatlab.server.chat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import io.github.chatlab.server.protocol.Command.Send;
import io.github.chatlab.server.protocol.CommandParser;
import io.github.chatlab.server.protocol.Frame;
import io.github.chatlab.server.protocol.UserNames;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The state machine with peers that only record: what each client is sent, and how each
 * SEND is counted, without a socket in sight.
 */
class ChatServiceTest {

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final UserNames names = new UserNames(Pattern.compile("[\\p{L}\\p{N}_-]{1,32}"),
			UserNames.Uniqueness.EXACT);

	private final SessionRegistry registry = new SessionRegistry(16, Map.of(), List.of(new Bot() {

		@Override
		public String name() {
			return "fullbot";
		}

		@Override
		public boolean receive(Session sender, Send send) {
			return false;
		}

	}), AddressLimits.NONE, this.names);

	private final ChatService chat = new ChatService(this.registry, new CommandParser(this.names),
			new ChatMetrics(this.meters, this.registry, () -> 0));

	private int ports = 41000;

	private RecordingPeer client(String... lines) {
		int port = this.ports++;
		RecordingPeer peer = new RecordingPeer(port);
		Session session = this.chat.opened("c" + port, peer);
		for (String line : lines) {
			this.chat.handle(session, new Frame.Line(line.getBytes(StandardCharsets.UTF_8)));
		}
		return peer;
	}

	private void send(RecordingPeer peer, String line) {
		Session session = this.registry.session("c" + peer.remote.getPort());
		this.chat.handle(session, new Frame.Line(line.getBytes(StandardCharsets.UTF_8)));
	}

	@Test
	void s4_aMessageIsDeliveredThenConfirmed() {
		RecordingPeer alice = client("HELLO-FROM alice");
		RecordingPeer bob = client("HELLO-FROM bob");
		send(alice, "SEND bob hi there");
		assertThat(bob.lines).containsExactly("HELLO bob", "DELIVERY alice hi there");
		assertThat(alice.lines).containsExactly("HELLO alice", "SEND-OK");
		assertThat(count("delivered")).isEqualTo(1);
	}

	@Test
	void s3_toYourselfTheDeliveryComesBeforeItsSendOk() {
		RecordingPeer alice = client("HELLO-FROM alice", "SEND alice me");
		assertThat(alice.lines).containsExactly("HELLO alice", "DELIVERY alice me", "SEND-OK");
	}

	@Test
	void s3_s8_unknownRecipientsAndFullBotsAreBadDestUserAndCountedOnce() {
		RecordingPeer alice = client("HELLO-FROM alice", "SEND nobody hi", "SEND fullbot hi", "SEND alice");
		assertThat(alice.lines).containsExactly("HELLO alice", "BAD-DEST-USER", "BAD-DEST-USER", "BAD-RQST-BODY");
		assertThat(count("bad-dest-user")).isEqualTo(2);
		assertThat(count("bad-body")).isEqualTo(1);
		assertThat(count("delivered")).isZero();
	}

	@Test
	void s5_aDeliveryThatFailsIsBadDestUserAndCountedAsAFailedWrite() {
		RecordingPeer alice = client("HELLO-FROM alice");
		Session bob = this.chat.opened("gone", new RecordingPeer(1) {

			@Override
			public Delivery deliver(byte[] prefix, byte[] message, int offset, int length) {
				return Delivery.FAILED;
			}

		});
		this.chat.handle(bob, new Frame.Line("HELLO-FROM bob".getBytes(StandardCharsets.UTF_8)));
		send(alice, "SEND bob hi");
		assertThat(alice.lines).containsExactly("HELLO alice", "BAD-DEST-USER");
		assertThat(count("failed-write")).isEqualTo(1);
	}

	@Test
	void l3_l4_refusalsCloseAndL6ErrorsAfterLoginDoNot() {
		RecordingPeer early = client("LIST");
		assertThat(early.lines).containsExactly("BAD-RQST-HDR");
		assertThat(early.refused).isTrue();
		RecordingPeer alice = client("HELLO-FROM alice", "WHAT", "HELLO-FROM alice");
		assertThat(alice.lines).containsExactly("HELLO alice", "BAD-RQST-HDR", "BAD-RQST-HDR");
		assertThat(alice.refused).isFalse();
		RecordingPeer again = client("HELLO-FROM alice");
		assertThat(again.lines).containsExactly("IN-USE");
		assertThat(again.refused).isTrue();
	}

	@Test
	void l7_closingCountsTheReasonAndFreesTheName() {
		RecordingPeer alice = client("HELLO-FROM alice");
		this.chat.closed("c" + alice.remote.getPort(), CloseReason.WRITE_TIMEOUT);
		assertThat(this.registry.user("alice")).isNull();
		assertThat(this.meters.counter("chat.disconnects", "reason", "write-timeout").count()).isEqualTo(1);
	}

	private double count(String outcome) {
		return this.meters.counter("chat.sends", "outcome", outcome).count();
	}

}
