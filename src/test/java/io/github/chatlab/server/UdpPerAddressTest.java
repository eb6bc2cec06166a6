package io.github.chatlab.server;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;

import io.github.chatlab.server.chat.CloseReason;
import io.github.chatlab.server.support.TestClient;
import io.github.chatlab.server.support.UdpChatServerTest;
import io.github.chatlab.server.support.UdpTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * U8 over real UDP sockets: L10's per-address limits for UDP logins. Other hosts are
 * played by source addresses 127.0.0.2, 127.0.0.3, …, none of them exempt here (only
 * 127.0.0.9 is); each test uses addresses of its own, so one test's buckets cannot touch
 * another's.
 */
@SpringBootTest(webEnvironment = WebEnvironment.NONE,
		properties = { "chat.port=0", "chat.udp.enabled=true", "chat.udp.port=0", "chat.per-address.max-users=2",
				"chat.per-address.connect-rate=1", "chat.per-address.connect-burst=4",
				"chat.per-address.exempt=127.0.0.9/32" })
@ExtendWith(OutputCaptureExtension.class)
class UdpPerAddressTest extends UdpChatServerTest {

	private static final Duration QUIET = Duration.ofMillis(300);

	@Autowired
	private MeterRegistry meters;

	@Autowired
	private ApplicationContext context;

	@Test
	void u8_oneAddressHoldsAtMostMaxUsersUdpUsersAndTheRestGetBusy(CapturedOutput output) throws IOException {
		double busy = busyLogins();
		String a1 = uniqueName("a");
		String a2 = uniqueName("a");
		udpFrom("127.0.0.2").send("HELLO-FROM " + a1).expect("HELLO " + a1);
		udpFrom("127.0.0.2").send("HELLO-FROM " + a2).expect("HELLO " + a2);
		UdpTestClient third = udpFrom("127.0.0.2");
		third.send("HELLO-FROM " + uniqueName("a")).expect("BUSY").expectNothing(QUIET);
		third.send("HELLO-FROM " + uniqueName("a")).expect("BUSY");
		assertThat(busyLogins() - busy).isEqualTo(2);
		// another address is not held up, and a TCP user from the full address counts
		// towards TCP's quota of it, not UDP's
		String b1 = uniqueName("b");
		udpFrom("127.0.0.3").send("HELLO-FROM " + b1).expect("HELLO " + b1);
		String tcp = uniqueName("t");
		track(TestClient.connectFrom("127.0.0.2", this.connectionFactory.getPort())).send("HELLO-FROM " + tcp)
			.expectLine("HELLO " + tcp);
		assertThat(output).containsOnlyOnce(
				"Refused a udp login from 127.0.0.2 with BUSY: L10: 127.0.0.2 already has 2 users logged in, "
						+ "the most chat.per-address.max-users allows");
	}

	@Test
	void u8_aUserLoggedOutFreesItsPlaceAtOnce() throws IOException {
		String c1 = uniqueName("c");
		String c2 = uniqueName("c");
		udpFrom("127.0.0.4").send("HELLO-FROM " + c1).expect("HELLO " + c1);
		udpFrom("127.0.0.4").send("HELLO-FROM " + c2).expect("HELLO " + c2);
		this.registry.disconnect(c1, CloseReason.OPERATOR);
		String c3 = uniqueName("c");
		udpFrom("127.0.0.4").send("HELLO-FROM " + c3).expect("HELLO " + c3);
	}

	@Test
	void u8_loginsBeyondTheConnectRateGetBusyOneDatagramForOne(CapturedOutput output) throws IOException {
		UdpTestClient looping = udpFrom("127.0.0.5");
		// the burst: every HELLO-FROM from an address not logged in takes a token,
		// whatever it holds
		for (int i = 0; i < 4; i++) {
			looping.send("HELLO-FROM a,b").expect("BAD-RQST-BODY");
		}
		double busy = busyLogins();
		for (int i = 0; i < 20; i++) {
			looping.send("HELLO-FROM " + uniqueName("loop"));
		}
		for (int i = 0; i < 20; i++) {
			looping.expect("BUSY");
		}
		looping.expectNothing(QUIET);
		assertThat(busyLogins() - busy).isEqualTo(20);
		assertThat(output)
			.containsOnlyOnce("Refused a udp login from 127.0.0.5 with BUSY: L10: 127.0.0.5 connected more often than "
					+ "chat.per-address.connect-rate allows (1 a second after a burst of 4)");
		// TCP's connects from that address are counted apart
		String tcp = uniqueName("t");
		track(TestClient.connectFrom("127.0.0.5", this.connectionFactory.getPort())).send("HELLO-FROM " + tcp)
			.expectLine("HELLO " + tcp);
		// a token a second: a client that tries again later gets in
		String late = uniqueName("late");
		UdpTestClient patient = udpFrom("127.0.0.5");
		await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(250)).until(() -> {
			byte[] reply = patient.send("HELLO-FROM " + late).receive();
			return UdpTestClient.text(reply).equals("HELLO " + late + "\n");
		});
	}

	@Test
	void u8_anExemptAddressHasNoSuchLimits() throws IOException {
		for (int i = 0; i < 3; i++) {
			String name = uniqueName("x");
			udpFrom("127.0.0.9").send("HELLO-FROM " + name).expect("HELLO " + name);
		}
		UdpTestClient many = udpFrom("127.0.0.9");
		for (int i = 0; i < 10; i++) {
			many.send("HELLO-FROM a,b").expect("BAD-RQST-BODY");
		}
	}

	@Test
	void u8_healthReportsTheUdpListenerBesideTheTcpOne() throws IOException {
		String name = uniqueName("h");
		udpFrom("127.0.0.6").send("HELLO-FROM " + name).expect("HELLO " + name);
		Health health = this.context.getBean("chatListenerHealthIndicator", HealthIndicator.class).health(true);
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("port", this.connectionFactory.getPort());
		@SuppressWarnings("unchecked")
		Map<String, Object> udp = (Map<String, Object>) health.getDetails().get("udp");
		assertThat(udp).containsEntry("enabled", true)
			.containsEntry("listening", true)
			.containsEntry("address", "127.0.0.1")
			.containsEntry("port", this.udpServer.port())
			.containsEntry("users", 1L);
	}

	private double busyLogins() {
		return this.meters.get("chat.logins").tag("outcome", "busy").counter().count();
	}

}
