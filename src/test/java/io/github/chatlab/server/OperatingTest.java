package io.github.chatlab.server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.github.chatlab.server.support.ChatServerTest;
import io.github.chatlab.server.support.TestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What an operator sees over HTTP after real chat traffic: metrics, Prometheus, the chat
 * view, kicks, info. Every request carries the operator's credentials (R5).
 */
@ExtendWith(OutputCaptureExtension.class)
class OperatingTest extends ChatServerTest {

	@Test
	void metricsCountLoginsSendsAndErrorsByOutcome() throws Exception {
		double ok = count("chat.logins", "outcome:ok");
		double inUse = count("chat.logins", "outcome:in-use");
		double badName = count("chat.logins", "outcome:bad-name");
		double delivered = count("chat.sends", "outcome:delivered");
		double badDest = count("chat.sends", "outcome:bad-dest-user");
		double badBody = count("chat.sends", "outcome:bad-body");
		double headerErrors = count("chat.protocol.errors", "kind:header");
		double bodyErrors = count("chat.protocol.errors", "kind:body");

		String alice = uniqueName("alice");
		String bob = uniqueName("bob");
		TestClient a = login(alice);
		TestClient b = login(bob);
		connect().send("HELLO-FROM " + alice).expectLine("IN-USE");
		connect().send("HELLO-FROM bad name").expectLine("BAD-RQST-BODY");
		a.send("SEND " + bob + " one").expectLine("SEND-OK");
		a.send("SEND " + bob + " two").expectLine("SEND-OK");
		a.send("SEND nobody x").expectLine("BAD-DEST-USER");
		a.send("SEND " + bob).expectLine("BAD-RQST-BODY");
		a.send("WHAT").expectLine("BAD-RQST-HDR");
		b.expectLine("DELIVERY " + alice + " one").expectLine("DELIVERY " + alice + " two");

		assertThat(count("chat.logins", "outcome:ok")).isEqualTo(ok + 2);
		assertThat(count("chat.logins", "outcome:in-use")).isEqualTo(inUse + 1);
		assertThat(count("chat.logins", "outcome:bad-name")).isEqualTo(badName + 1);
		assertThat(count("chat.sends", "outcome:delivered")).isEqualTo(delivered + 2);
		assertThat(count("chat.sends", "outcome:bad-dest-user")).isEqualTo(badDest + 1);
		assertThat(count("chat.sends", "outcome:bad-body")).isEqualTo(badBody + 1);
		assertThat(count("chat.protocol.errors", "kind:header")).isEqualTo(headerErrors + 1);
		assertThat(count("chat.protocol.errors", "kind:body")).isEqualTo(bodyErrors + 2);
		assertThat(value("chat.users.online", "VALUE")).isEqualTo(2);
		assertThat(value("chat.send.duration", "COUNT")).isGreaterThanOrEqualTo(2);
	}

	@Test
	void prometheusShowsTheMetersWithoutNamesOrMessages() throws Exception {
		String alice = uniqueName("secretive");
		TestClient a = login(alice);
		a.send("SEND " + alice + " my-private-words").expectLine("DELIVERY " + alice + " my-private-words");
		a.expectLine("SEND-OK");
		// a gauge whose object was only weakly held reads NaN after a collection
		System.gc();
		HttpResponse<String> response = get("/actuator/prometheus");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("chat_logins_total{outcome=\"ok\"}")
			.contains("chat_sends_total{outcome=\"failed-write\"}")
			.contains("chat_protocol_errors_total{kind=\"header\"}")
			.contains("chat_users_online 1")
			.contains("chat_connections_open 1")
			.contains("chat_send_duration_seconds_count")
			.doesNotContain(alice)
			.doesNotContain("my-private-words");
	}

	@Test
	void chatEndpointListsUsersWithTheirCounts() throws Exception {
		String alice = uniqueName("alice");
		String bob = uniqueName("bob");
		TestClient a = login(alice);
		TestClient b = login(bob);
		a.send("SEND " + bob + " hi").expectLine("SEND-OK");
		b.expectLine("DELIVERY " + alice + " hi");
		// not logged in: a connection, not a user
		connect();
		await().until(() -> this.tracker.openConnections() == 3);

		String body = get("/actuator/chat").body();
		assertThat(JsonPath.<Integer>read(body, "$.usersOnline")).isEqualTo(2);
		assertThat(JsonPath.<Integer>read(body, "$.connections")).isEqualTo(3);
		List<Map<String, Object>> users = JsonPath.read(body, "$.users");
		assertThat(users).extracting(user -> user.get("name")).containsExactly(alice, bob);
		assertThat(users.get(0)).containsEntry("messagesSent", 1)
			.containsEntry("messagesReceived", 0)
			.containsEntry("address", "127.0.0.1")
			.containsKey("loggedInAt")
			.containsKey("port");
		assertThat(users.get(1)).containsEntry("messagesSent", 0).containsEntry("messagesReceived", 1);
	}

	@Test
	void deletingAUserClosesTheirSocketAndFreesTheName() throws Exception {
		String alice = uniqueName("alice");
		String troll = uniqueName("troll");
		TestClient a = login(alice);
		TestClient t = login(troll);
		HttpResponse<String> response = send(asOperator(request("/actuator/chat/" + troll)).DELETE());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(JsonPath.<String>read(response.body(), "$.disconnected")).isEqualTo(troll);
		t.expectDisconnected();
		await().until(() -> this.registry.user(troll) == null);
		a.send("SEND " + troll + " gone?").expectLine("BAD-DEST-USER");
		a.send("LIST").expectLine("LIST-OK " + alice);
		login(troll);
	}

	@Test
	void deletingAnUnknownUserChangesNothing() throws Exception {
		String alice = uniqueName("alice");
		TestClient a = login(alice);
		HttpResponse<String> response = send(asOperator(request("/actuator/chat/nobody")).DELETE());
		assertThat(response.statusCode()).isIn(204, 404);
		a.send("LIST").expectLine("LIST-OK " + alice);
	}

	@Test
	void r4_logsNameUsersAndConnectionsButNeverMessageBodies(CapturedOutput output) throws Exception {
		String alice = uniqueName("diarist");
		String bob = uniqueName("confidant");
		// an address of its own: warnings are logged at most once a minute per address
		// (R4)
		TestClient a = track(TestClient.connectFrom("127.0.0.66", port())).send("HELLO-FROM " + alice)
			.expectLine("HELLO " + alice);
		TestClient b = login(bob);
		a.send("SEND " + bob + " the-secret-plan").expectLine("SEND-OK");
		b.expectLine("DELIVERY " + alice + " the-secret-plan");
		a.send("SEND " + bob + " " + "the-secret-novel".repeat(5000)).expectLine("BAD-RQST-BODY");
		a.send("SEND " + alice.toUpperCase() + " the-secret-plan").expectLine("BAD-DEST-USER");
		b.close();
		await().until(() -> output.getOut().contains("Logout " + bob));
		assertThat(output.getOut()).contains("Login " + alice).contains("Over-long line").doesNotContain("the-secret");
	}

	@Test
	void infoShowsTheBuild() throws Exception {
		String body = get("/actuator/info").body();
		assertThat(JsonPath.<String>read(body, "$.build.artifact")).isEqualTo("chat-server");
		assertThat(JsonPath.<String>read(body, "$.build.version")).isNotBlank();
		assertThat(JsonPath.<String>read(body, "$.build.time")).isNotBlank();
	}

	@Test
	void r4_loginTimeoutsAndDisconnectsAreCountedByReason() throws Exception {
		double timeouts = value("chat.login.timeouts", "COUNT");
		double timedOut = count("chat.disconnects", "reason:login-timeout");
		double clientClosed = count("chat.disconnects", "reason:client-closed");
		double operator = count("chat.disconnects", "reason:operator");

		// L8: no login within the test's 2 s
		connect().expectDisconnected();
		TestClient leaving = login(uniqueName("leaving"));
		leaving.close();
		String kicked = uniqueName("kicked");
		TestClient victim = login(kicked);
		assertThat(send(asOperator(request("/actuator/chat/" + kicked)).DELETE()).statusCode()).isEqualTo(200);
		victim.expectDisconnected();

		await().untilAsserted(() -> {
			assertThat(value("chat.login.timeouts", "COUNT")).isEqualTo(timeouts + 1);
			assertThat(count("chat.disconnects", "reason:login-timeout")).isEqualTo(timedOut + 1);
			assertThat(count("chat.disconnects", "reason:client-closed")).isEqualTo(clientClosed + 1);
			assertThat(count("chat.disconnects", "reason:operator")).isEqualTo(operator + 1);
		});
	}

	@Test
	void r4_theSendTimerHasAPercentileHistogramForPrometheus() throws Exception {
		String alice = uniqueName("alice");
		login(alice).send("SEND " + alice + " hi").expectLine("DELIVERY " + alice + " hi").expectLine("SEND-OK");
		assertThat(get("/actuator/prometheus").body()).contains("chat_send_duration_seconds_bucket{le=");
	}

	private double count(String meter, String tag) throws Exception {
		String body = get("/actuator/metrics/" + meter + "?tag=" + tag).body();
		return ((Number) JsonPath.<List<Object>>read(body, "$.measurements[?(@.statistic=='COUNT')].value").get(0))
			.doubleValue();
	}

	private double value(String meter, String statistic) throws Exception {
		String body = get("/actuator/metrics/" + meter).body();
		return ((Number) JsonPath.<List<Object>>read(body, "$.measurements[?(@.statistic=='" + statistic + "')].value")
			.get(0)).doubleValue();
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return send(asOperator(request(path)));
	}

}
