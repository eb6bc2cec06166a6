package io.github.chatlab.server.operations;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.github.chatlab.server.startup.ListenerStatus;
import io.github.chatlab.server.support.ChatServerTest;
import io.github.chatlab.server.udp.UdpChatServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Actuator health over HTTP on the (random, loopback) HTTP port, without credentials
 * (R5); DOWN when the chat socket is not listening.
 */
class HealthTest extends ChatServerTest {

	@Autowired
	private ChatListenerHealthIndicator indicator;

	@Autowired
	private UdpChatServer udpServer;

	@Test
	void healthIsUpWithTheListenerDetailsOverHttp() throws Exception {
		login(uniqueName("alice"));
		HttpResponse<String> response = get("/actuator/health");
		assertThat(response.statusCode()).isEqualTo(200);
		String body = response.body();
		assertThat(JsonPath.<String>read(body, "$.status")).isEqualTo("UP");
		assertThat(JsonPath.<String>read(body, "$.components.chatListener.status")).isEqualTo("UP");
		assertThat(JsonPath.<Integer>read(body, "$.components.chatListener.details.port")).isEqualTo(port());
		assertThat(JsonPath.<Integer>read(body, "$.components.chatListener.details.users")).isEqualTo(1);
		assertThat(JsonPath.<Boolean>read(body, "$.components.chatListener.details.udp.enabled")).isFalse();
	}

	@Test
	void livenessAndReadinessProbesAreOn() throws Exception {
		assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
		assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
	}

	@Test
	void onlyTheOperatorsEndpointsAreExposed() throws Exception {
		// not exposed, so not an operator's endpoint either: denied even with
		// credentials
		assertThat(getWithCredentials("/actuator/env").statusCode()).isEqualTo(403);
		assertThat(getWithCredentials("/actuator/beans").statusCode()).isEqualTo(403);
		assertThat(getWithCredentials("/actuator/chat").statusCode()).isEqualTo(200);
	}

	@Test
	void healthIsDownWhenTheListenerIsNotListening() {
		ChatListenerHealthIndicator notYetListening = new ChatListenerHealthIndicator(this.connectionFactory,
				new ListenerStatus(), this.registry, this.tracker, this.udpServer);
		Health health = notYetListening.health(true);
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(this.indicator.health(true).getStatus()).isEqualTo(Status.UP);
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return send(request(path));
	}

	private HttpResponse<String> getWithCredentials(String path) throws IOException, InterruptedException {
		return send(asOperator(request(path)));
	}

}
