package io.github.chatlab.server.settings;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.env.OriginTrackedMapPropertySource;
import org.springframework.boot.origin.TextResourceOrigin;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;

import io.github.chatlab.server.settings.UnknownSettings.UnknownSettingException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * R2: a misspelt {@code chat.*} setting stops start-up with its name, from whichever
 * source it comes; every relaxed form of a real one passes. No Spring context: the
 * environment is built by hand.
 */
class UnknownSettingsTest {

	private final StandardEnvironment environment = new StandardEnvironment();

	@Test
	void r2_aMisspeltArgumentIsNamedWithTheClosestRealSetting() {
		arguments("--chat.max-clinets=5");
		assertThatExceptionOfType(UnknownSettingException.class).isThrownBy(this::check)
			.withMessage("unknown setting chat.max-clinets (command line, did you mean chat.max-clients?)");
	}

	@Test
	void r2_aMisspeltEnvironmentVariableIsNamedAsOne() {
		environmentVariables(Map.of("CHAT_MAX_CLINETS", "5"));
		assertThatExceptionOfType(UnknownSettingException.class).isThrownBy(this::check)
			.withMessage("unknown setting CHAT_MAX_CLINETS (environment variable, did you mean CHAT_MAX_CLIENTS?)");
	}

	@Test
	void r2_aMisspeltKeyInAFileIsNamedWithItsPlace() {
		ClassPathResource file = new ClassPathResource("application.yml");
		this.environment.getPropertySources()
			.addFirst(new OriginTrackedMapPropertySource("application.yml",
					Map.of("chat.bots.echobot.enable", org.springframework.boot.origin.OriginTrackedValue.of("true",
							new TextResourceOrigin(file, new TextResourceOrigin.Location(9, 4))))));
		assertThatExceptionOfType(UnknownSettingException.class).isThrownBy(this::check)
			.withMessage("unknown setting chat.bots.echobot.enable (class path resource [application.yml] - 10:5, "
					+ "did you mean chat.bots.echobot.enabled?)");
	}

	@Test
	void r2_everyUnknownSettingIsInTheOneLine() {
		arguments("--chat.keepalive.idel=5s", "--chat.nonsense=1");
		assertThatExceptionOfType(UnknownSettingException.class).isThrownBy(this::check)
			.withMessage("unknown settings chat.keepalive.idel (command line, did you mean chat.keepalive.idle?), "
					+ "chat.nonsense (command line)");
	}

	@Test
	void r2_everyRelaxedFormOfARealSettingPasses() {
		arguments("--chat.max-clients=5", "--chat.maxClients=5", "--chat.max_clients=5", "--chat.keepalive.count=3",
				"--chat.bots.echobot.enabled=true", "--port=6000", "--server.port=0");
		environmentVariables(Map.of("CHAT_MAX_CLIENTS", "5", "CHAT_MAXCLIENTS", "5", "CHAT_KEEPALIVE_IDLE", "30s",
				"CHAT_BOTS_DELAYBOT_STEP", "1s"));
		this.environment.getPropertySources()
			.addLast(new MapPropertySource("file", Map.of("chat.username-pattern", "[a-z]+", "chat.threads", "auto")));
		assertThatCode(this::check).doesNotThrowAnyException();
	}

	@Test
	void theLaunchersOwnVariablesAreNotSettings() {
		environmentVariables(Map.of("CHAT_SERVER_HOME", "/somewhere"));
		assertThatCode(this::check).doesNotThrowAnyException();
	}

	@Test
	void theKnownSettingsComeFromTheConfigurationMetadata() {
		KnownSettings all = KnownSettings.all(getClass().getClassLoader(), "chat");
		assertThat(all.names())
			.contains("chat.address", "chat.port", "chat.max-clients", "chat.keepalive.idle",
					"chat.bots.echobot.enabled", "chat.bots.delaybot.step")
			.allMatch(name -> name.startsWith("chat."));
		// the fast path: the application's own metadata knows them all
		assertThat(KnownSettings.ownJar("chat").names()).isEqualTo(all.names());
	}

	private void arguments(String... args) {
		this.environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(args));
	}

	private void environmentVariables(Map<String, Object> variables) {
		this.environment.getPropertySources()
			.addLast(new SystemEnvironmentPropertySource("testEnvironment", variables));
	}

	private void check() {
		UnknownSettings.check(this.environment, getClass().getClassLoader());
	}

}
