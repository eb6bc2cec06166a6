package io.github.chatlab.server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import io.github.chatlab.server.support.ChatServerTest;
import io.github.chatlab.server.support.TestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * R5 over real HTTP: health and its probes are open, every other actuator endpoint needs
 * the operator's HTTP Basic credentials, anything else is denied, and nothing hands out a
 * session cookie. Wrong passwords are tried so often here that O1's slowdown of failed
 * logins is set out of the way.
 */
@TestPropertySource(properties = "chat.console.login-failures.max=1000")
class OperatorAccessTest extends ChatServerTest {

	private static final List<String> OPERATOR_PATHS = List.of("/actuator", "/actuator/chat", "/actuator/metrics",
			"/actuator/metrics/chat.logins", "/actuator/prometheus", "/actuator/info");

	@Test
	void r5_everyOperatorEndpointNeedsCredentials() throws Exception {
		for (String path : OPERATOR_PATHS) {
			HttpResponse<String> response = send(request(path));
			assertThat(response.statusCode()).as(path).isEqualTo(401);
			assertThat(response.headers().firstValue("WWW-Authenticate")).as(path)
				.hasValueSatisfying(
						(challenge) -> assertThat(challenge).startsWith("Basic realm=\"chat-server operator\""));
			assertThat(response.body()).as(path).doesNotContain("chat_logins_total").doesNotContain("usersOnline");
		}
	}

	@Test
	void r5_aKickWithoutCredentialsKicksNobody() throws Exception {
		String troll = uniqueName("troll");
		TestClient t = login(troll);
		assertThat(send(request("/actuator/chat/" + troll).DELETE()).statusCode()).isEqualTo(401);
		assertThat(send(request("/actuator/chat/" + troll).DELETE()
			.header("Authorization", basic(OPERATOR, "not-the-password"))).statusCode()).isEqualTo(401);
		t.send("LIST").expectLine("LIST-OK " + troll);
		assertThat(this.registry.user(troll)).isNotNull();
	}

	@Test
	void r5_aWrongPasswordOrUserIsRefused() throws Exception {
		for (String authorization : List.of(basic(OPERATOR, "not-the-password"), basic(OPERATOR, ""),
				basic("user", OPERATOR_PASSWORD), "Bearer " + OPERATOR_PASSWORD)) {
			for (String path : OPERATOR_PATHS) {
				assertThat(send(request(path).header("Authorization", authorization)).statusCode())
					.as(authorization + " " + path)
					.isEqualTo(401);
			}
		}
	}

	@Test
	void r5_theOperatorsCredentialsOpenEveryOperatorEndpoint() throws Exception {
		for (String path : OPERATOR_PATHS) {
			assertThat(send(asOperator(request(path))).statusCode()).as(path).isEqualTo(200);
		}
	}

	@Test
	void r5_healthAndItsProbesAreOpenWithoutCredentials() throws Exception {
		for (String path : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
			HttpResponse<String> response = send(request(path));
			assertThat(response.statusCode()).as(path).isEqualTo(200);
			assertThat(response.body()).as(path).contains("\"status\":\"UP\"");
		}
	}

	@Test
	void r5_everythingElseIsDeniedWithOrWithoutCredentials() throws Exception {
		for (String path : List.of("/", "/index.html", "/error", "/actuator/env", "/actuator/shutdown", "/logout",
				"/login", "/chat")) {
			assertThat(send(request(path)).statusCode()).as(path).isEqualTo(401);
			assertThat(send(asOperator(request(path))).statusCode()).as(path).isEqualTo(403);
		}
		assertThat(
				send(asOperator(request("/actuator/shutdown").POST(HttpRequest.BodyPublishers.noBody()))).statusCode())
			.isEqualTo(403);
	}

	@Test
	void r5_noResponseSetsACookie() throws Exception {
		List<HttpRequest.Builder> requests = List.of(request("/actuator/health"), request("/actuator/chat"),
				asOperator(request("/actuator/chat")), asOperator(request("/actuator/chat/nobody").DELETE()),
				request("/actuator/chat").header("Authorization", basic(OPERATOR, "not-the-password")),
				asOperator(request("/")));
		for (HttpRequest.Builder request : requests) {
			HttpResponse<String> response = send(request);
			assertThat(response.headers().allValues("Set-Cookie")).as(response.request().toString()).isEmpty();
		}
	}

}
