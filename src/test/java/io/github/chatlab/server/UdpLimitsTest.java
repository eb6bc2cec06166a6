package io.github.chatlab.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import io.github.chatlab.server.chat.CloseReason;
import io.github.chatlab.server.support.TestClient;
import io.github.chatlab.server.support.UdpChatServerTest;
import io.github.chatlab.server.support.UdpTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The UDP server's limits, each set low so a test can reach it: three UDP users beside
 * eight TCP users, one second of silence, 50 datagrams a second, 256-byte datagrams, and
 * fault defaults of {@code DELAY-LEN 2 2}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.NONE,
		properties = { "chat.port=0", "chat.max-clients=8", "chat.udp.enabled=true", "chat.udp.port=0",
				"chat.udp.max-clients=3", "chat.udp.idle-timeout=1s", "chat.udp.rate=50",
				"chat.udp.max-datagram-bytes=256", "chat.udp.faults.delay-len.lo=2", "chat.udp.faults.delay-len.hi=2" })
class UdpLimitsTest extends UdpChatServerTest {

	@Test
	void u2_udpUsersCountTowardsChatUdpMaxClientsAndTcpUsersTowardsChatMaxClients() throws IOException {
		List<String> tcpUsers = logInTcpUsers(8, "t");
		for (int i = 0; i < 3; i++) {
			udpLogin(uniqueName("u"));
		}
		String late = uniqueName("late");
		UdpTestClient refused = udp();
		refused.send("HELLO-FROM " + late).expect("BUSY");
		TestClient ninth = tcp();
		ninth.send("HELLO-FROM " + uniqueName("t")).expectLine("BUSY");
		ninth.expectClosed();
		this.registry.disconnect(tcpUsers.get(0), CloseReason.OPERATOR);
		// a TCP user left, not a UDP one
		refused.send("HELLO-FROM " + late).expect("BUSY");
	}

	@Test
	void u3_anAddressSilentForTheIdleTimeoutIsLoggedOutAndEveryRequestRefreshes() throws IOException {
		String talker = uniqueName("talker");
		String silent = uniqueName("silent");
		UdpTestClient t = udpLogin(talker);
		UdpTestClient s = udpLogin(silent);
		await().pollInterval(Duration.ofMillis(200)).atMost(Duration.ofSeconds(5)).until(() -> {
			t.send("LIST").receive();
			return this.registry.user(silent) == null;
		});
		assertThat(this.registry.user(talker)).isNotNull();
		// logged out: LIST gets nothing, and the name is free
		s.send("LIST").send("HELLO-FROM " + silent).expect("HELLO " + silent);
	}

	@Test
	void u4_listIsCutToTheNamesThatFitOneDatagram() throws IOException {
		List<String> names = logInTcpUsers(8, "long");
		String list = new String(udpLogin(uniqueName("u")).send("LIST").receive(), StandardCharsets.UTF_8);
		// "LIST-OK " and seven names of 32 bytes with their commas: 8 + 7 * 33 = 239
		assertThat(list).isEqualTo("LIST-OK " + String.join(",", names.subList(0, 7)) + "\n");
	}

	@Test
	void u5_clientsStartFromTheConfiguredDefaultsAndResetToZero() throws IOException {
		UdpTestClient bob = udpLogin(uniqueName("bob"));
		bob.send("GET DELAY-LEN").expect("VALUE DELAY-LEN 2 2");
		bob.send("RESET").expect("SET-OK");
		bob.send("GET DELAY-LEN").expect("VALUE DELAY-LEN 0 0");
	}

	@Test
	void u7_aClientBeyondChatUdpRateHasTheExcessIgnoredAndNobodyElseIsSlowed() throws IOException {
		UdpTestClient flooder = udpLogin(uniqueName("flooder"));
		String other = uniqueName("other");
		UdpTestClient calm = udpLogin(other);
		for (int i = 0; i < 200; i++) {
			flooder.send("LIST");
		}
		calm.send("GET DROP").expect("VALUE DROP 0.000000");
		int answered = 0;
		while (flooder.receive(Duration.ofMillis(500)) != null) {
			answered++;
		}
		// a full bucket of 50, and what refills while the 200 are read
		assertThat(answered).isBetween(50, 70);
	}

	private List<String> logInTcpUsers(int count, String base) throws IOException {
		List<String> names = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			String name = uniqueName(base);
			name = name + "x".repeat(32 - name.length());
			tcpLogin(name);
			names.add(name);
		}
		return names;
	}

}
