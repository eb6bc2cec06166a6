package io.github.chatlab.server.settings;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import io.github.chatlab.server.protocol.UserNames.Uniqueness;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * F1 defaults, and invalid settings stopping start-up with a message that names the key.
 */
class ChatPropertiesTest {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withBean("configurationPropertiesValidator", SettingChecks.Validator.class)
		.withUserConfiguration(PropertiesOnly.class);

	@Test
	void f1_defaultsAreThoseOfTheProtocol() {
		this.runner.run(context -> {
			ChatProperties chat = context.getBean(ChatProperties.class);
			assertThat(chat.address()).isEqualTo("127.0.0.1");
			assertThat(chat.port()).isEqualTo(5378);
			assertThat(chat.maxClients()).isEqualTo(16);
			assertThat(chat.maxConnections()).isEqualTo(1024);
			assertThat(chat.maxLineBytes()).isEqualTo(65536);
			assertThat(chat.usernamePattern()).isEqualTo("[\\p{L}\\p{N}_-][\\p{L}\\p{M}\\p{N}_-]{0,31}");
			assertThat(chat.names().unique()).isEqualTo(Uniqueness.EXACT);
			assertThat(chat.loginTimeout()).hasSeconds(30);
			assertThat(chat.writeTimeout()).hasSeconds(5);
			assertThat(chat.closeLinger()).hasSeconds(1);
		});
	}

	@Test
	void invalidNumbersNameTheirKey() {
		for (String setting : new String[] { "chat.max-clients=-1", "chat.port=70000", "chat.max-line-bytes=1",
				"chat.max-connections=-1" }) {
			this.runner.withPropertyValues(setting).run(context -> {
				assertThat(context).hasFailed();
				assertThat(allMessages(context.getStartupFailure()))
					.contains(setting.substring(0, setting.indexOf('=')));
			});
		}
	}

	@Test
	void invalidDurationsAndPatternsNameTheirKey() {
		for (String setting : new String[] { "chat.write-timeout=0s", "chat.login-timeout=-1s",
				"chat.username-pattern=[a-", "chat.names.unique=fuzzy" }) {
			this.runner.withPropertyValues(setting).run(context -> {
				assertThat(context).hasFailed();
				assertThat(allMessages(context.getStartupFailure()))
					.contains(setting.substring(0, setting.indexOf('=')));
			});
		}
	}

	@Test
	void virtualThreadsOnAJvmWithoutThemNameTheKey() {
		org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.version().feature() < 21, "this JVM has virtual threads");
		this.runner.withPropertyValues("chat.threads=virtual").run(context -> {
			assertThat(context).hasFailed();
			assertThat(allMessages(context.getStartupFailure())).contains("chat.threads=virtual needs Java 21");
		});
		this.runner.run(context -> assertThat(context.getBean(ChatProperties.class).virtualThreads()).isFalse());
	}

	private static String allMessages(Throwable failure) {
		StringBuilder messages = new StringBuilder();
		for (Throwable t = failure; t != null; t = t.getCause()) {
			messages.append(t.getMessage()).append('\n');
		}
		return messages.toString();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(ChatProperties.class)
	static class PropertiesOnly {

	}

}
