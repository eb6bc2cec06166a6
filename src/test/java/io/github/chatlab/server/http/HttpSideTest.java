package io.github.chatlab.server.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.servlet.DispatcherServlet;

import io.github.chatlab.server.support.ChatServerTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The HTTP side in a context of its own, a child of the main one, started after
 * {@code Server is on} (R2), and the HTTP port held from before that line until Tomcat
 * binds it.
 */
class HttpSideTest extends ChatServerTest {

	@Autowired
	private ConfigurableApplicationContext main;

	@Autowired
	private HttpSideStarter starter;

	@Test
	void r2_theMainContextHoldsNoneOfTheHttpSide() {
		assertThat(this.main).isNotInstanceOf(WebServerApplicationContext.class);
		assertThat(this.main.getBeanNamesForType(SecurityFilterChain.class)).isEmpty();
		assertThat(this.main.getBeanNamesForType(DispatcherServlet.class)).isEmpty();
		ConfigurableApplicationContext http = this.starter.http();
		assertThat(http).isInstanceOf(WebServerApplicationContext.class);
		assertThat(http.getParent()).isSameAs(this.main);
		assertThat(((WebServerApplicationContext) http).getWebServer().getPort()).isEqualTo(this.httpPort);
		assertThat(http.getBeanNamesForType(SecurityFilterChain.class)).contains("operatorSecurityFilterChain");
		assertThat(http.getBeanNamesForType(io.github.chatlab.server.console.api.ConsoleApi.class)).hasSize(1);
		assertThat(this.main.getBeanNamesForType(io.github.chatlab.server.console.api.ConsoleApi.class)).isEmpty();
		// the endpoints, the chat's state and health stay in the main context
		assertThat(http.getBeanFactory().containsLocalBean("chatEndpoint")).isFalse();
		assertThat(this.main.containsLocalBean("chatEndpoint")).isTrue();
	}

	@Test
	void r2_aTakenHttpPortIsAFailedStart() throws IOException {
		try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			assertThatExceptionOfType(PortInUseException.class)
				.isThrownBy(() -> HttpSideStarter.PortReservation.reserve(environment(taken.getLocalPort())))
				.satisfies((ex) -> assertThat(ex.getPort()).isEqualTo(taken.getLocalPort()));
		}
	}

	@Test
	void r2_aHeldHttpPortRefusesConnectionsUntilReleased() throws IOException {
		int port;
		try (ServerSocket free = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			port = free.getLocalPort();
		}
		HttpSideStarter.PortReservation reservation = HttpSideStarter.PortReservation.reserve(environment(port));
		assertThat(reservation).isNotNull();
		assertThatExceptionOfType(ConnectException.class)
			.isThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close());
		assertThatExceptionOfType(PortInUseException.class)
			.isThrownBy(() -> HttpSideStarter.PortReservation.reserve(environment(port)));
		assertThat(reservation.isRunning()).isFalse();
		reservation.start();
		assertThat(reservation.isRunning()).isTrue();
		try (ServerSocket tomcat = new ServerSocket()) {
			tomcat.setReuseAddress(true);
			tomcat.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port));
		}
	}

	@Test
	void anHttpPortPickedBySystemOrNoHttpSideHoldsNothing() {
		assertThat(HttpSideStarter.PortReservation.reserve(environment(0))).isNull();
		assertThat(HttpSideStarter.PortReservation.reserve(environment(-1))).isNull();
	}

	private static StandardEnvironment environment(int port) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("test", Map.of("server.port", port, "server.address", "127.0.0.1")));
		return environment;
	}

}
