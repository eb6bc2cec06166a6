package io.github.chatlab.server.udp;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.integration.config.EnableIntegration;

import io.github.chatlab.server.settings.ChatProperties;
import io.github.chatlab.server.settings.SettingChecks;
import io.github.chatlab.server.chat.ChatMetrics;
import io.github.chatlab.server.chat.ChatService;
import io.github.chatlab.server.chat.SessionRegistry;
import io.github.chatlab.server.protocol.CommandParser;
import io.github.chatlab.server.startup.StartupFailure;
import io.github.chatlab.server.udp.fault.FaultSettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * U's defaults, invalid {@code chat.udp.*} settings stopping start-up with a message that
 * names the key, and a taken UDP port stopping it with one line (R2).
 */
class UdpPropertiesTest {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withBean("configurationPropertiesValidator", SettingChecks.Validator.class)
		.withUserConfiguration(PropertiesOnly.class);

	@Test
	void u1_defaultsAreThoseOfTheProtocol() {
		this.runner.run((context) -> {
			UdpProperties udp = context.getBean(UdpProperties.class);
			assertThat(udp.enabled()).isFalse();
			assertThat(udp.addressOr("192.0.2.1")).isEqualTo("192.0.2.1");
			assertThat(udp.port()).isEqualTo(5382);
			assertThat(udp.maxClients()).isEqualTo(300);
			assertThat(udp.maxDatagramBytes()).isEqualTo(2048);
			assertThat(udp.idleTimeout()).hasMinutes(5);
			assertThat(udp.rate()).isEqualTo(100);
			assertThat(udp.faults().settings()).isEqualTo(FaultSettings.NONE);
			assertThat(udp.faults().seed()).isNull();
		});
	}

	@Test
	void u5_faultDefaultsBindToTheFaultSettings() {
		this.runner
			.withPropertyValues("chat.udp.address=127.0.0.2", "chat.udp.max-clients=0", "chat.udp.faults.drop=0.1",
					"chat.udp.faults.flip=0.0005", "chat.udp.faults.burst=0.05", "chat.udp.faults.delay=1",
					"chat.udp.faults.burst-len.lo=1", "chat.udp.faults.burst-len.hi=16",
					"chat.udp.faults.delay-len.lo=0", "chat.udp.faults.delay-len.hi=3", "chat.udp.faults.seed=42")
			.run((context) -> {
				UdpProperties udp = context.getBean(UdpProperties.class);
				assertThat(udp.addressOr("127.0.0.1")).isEqualTo("127.0.0.2");
				assertThat(udp.maxClients()).isZero();
				assertThat(udp.faults().settings()).isEqualTo(new FaultSettings(0.1, 0.0005, 0.05, 1, 1, 16, 0, 3));
				assertThat(udp.faults().seed()).isEqualTo(42);
			});
	}

	@Test
	void invalidSettingsNameTheirKey() {
		for (String setting : new String[] { "chat.udp.port=70000", "chat.udp.max-clients=-1",
				"chat.udp.max-datagram-bytes=100", "chat.udp.max-datagram-bytes=70000", "chat.udp.idle-timeout=0s",
				"chat.udp.rate=0", "chat.udp.faults.drop=1.5", "chat.udp.faults.flip=-0.1",
				"chat.udp.faults.burst-len.hi=1025", "chat.udp.faults.delay-len.hi=31",
				"chat.udp.faults.delay-len.lo=3", "chat.udp.faults.burst-len.lo=2", "chat.udp.address= " }) {
			this.runner.withPropertyValues(setting).run((context) -> {
				assertThat(context).hasFailed();
				assertThat(allMessages(context.getStartupFailure()))
					.contains(setting.substring(0, setting.indexOf('=')));
			});
		}
	}

	@Test
	void r2_aTakenUdpPortStopsStartUpWithOneLineNamingTheKeys() throws Exception {
		try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
			int port = taken.getLocalPort();
			new ApplicationContextRunner().withUserConfiguration(UdpServerOnly.class)
				.withPropertyValues("chat.udp.enabled=true", "chat.udp.port=" + port)
				.run((context) -> {
					assertThat(context).hasFailed();
					assertThat(StartupFailure.describe(context.getStartupFailure()))
						.startsWith("cannot listen on UDP 127.0.0.1:" + port + " (chat.udp.address, chat.udp.port): ")
						.doesNotContain("\n");
				});
		}
	}

	private static String allMessages(Throwable failure) {
		StringBuilder messages = new StringBuilder();
		for (Throwable t = failure; t != null; t = t.getCause()) {
			messages.append(t.getMessage()).append('\n');
		}
		return messages.toString();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(UdpProperties.class)
	static class PropertiesOnly {

	}

	/** The UDP server's beans and a chat core, without TCP, HTTP or bots. */
	@Configuration(proxyBeanMethods = false)
	@EnableIntegration
	@EnableConfigurationProperties(ChatProperties.class)
	@Import(UdpConfiguration.class)
	static class UdpServerOnly {

		@Bean
		SimpleMeterRegistry meters() {
			return new SimpleMeterRegistry();
		}

		@Bean
		SessionRegistry sessionRegistry(ChatProperties chat) {
			return new SessionRegistry(chat.maxClients(), Map.of(), List.of(), chat.perAddress().limits(),
					chat.userNames());
		}

		@Bean
		ChatMetrics chatMetrics(MeterRegistry meters, SessionRegistry registry) {
			return new ChatMetrics(meters, registry, () -> 0);
		}

		@Bean
		ChatService chatService(ChatProperties chat, SessionRegistry registry, ChatMetrics metrics) {
			return new ChatService(registry, new CommandParser(chat.userNames()), metrics);
		}

	}

}
