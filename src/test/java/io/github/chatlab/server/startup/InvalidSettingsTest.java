package io.github.chatlab.server.startup;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.github.chatlab.server.ChatServerApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchRuntimeException;

/**
 * R2: every invalid or unknown {@code chat.*} setting stops start-up, and the one line
 * {@code main} prints names the setting and what is wrong with it. Starts the application
 * in this JVM the way {@code main} does, without the HTTP side.
 */
class InvalidSettingsTest {

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', quoteCharacter = '"',
			textBlock = """
					--chat.port=abc                   | chat.port=abc: not a whole number
					--chat.port=70000                 | chat.port=70000: must be less than or equal to 65535
					--port=abc                        | port=abc: not a whole number
					--chat.max-clients=-1             | chat.max-clients=-1: must be greater than or equal to 0
					--chat.max-line-bytes=1           | chat.max-line-bytes=1: must be greater than or equal to 16
					--chat.login-timeout=0s           | chat.login-timeout=0s: must be longer than or equal to 1 milli
					--chat.write-timeout=soon         | chat.write-timeout=soon: not a duration (examples: 500ms, 30s, 2m)
					--chat.max-queued-bytes=lots      | chat.max-queued-bytes=lots: not a size (examples: 64KB, 1MB)
					--chat.max-queued-bytes=12        | chat.max-queued-bytes must be between 1KB and 1GB, but was 12B
					--chat.username-pattern=[a-       | chat.username-pattern is not a valid regular expression: Illegal character range
					--chat.threads=sometimes          | chat.threads=sometimes: must be one of auto, platform, virtual
					--chat.keepalive.count=0          | chat.keepalive.count=0: must be greater than or equal to 1
					--chat.bots.echobot.delay=11s     | chat.bots.echobot.delay=11s: must be shorter than or equal to 10 seconds
					--chat.bots.echobot.enabled=maybe | chat.bots.echobot.enabled=maybe: must be true or false
					--chat.address=                   | chat.address=: must not be blank
					--chat.bots.echobot.delay=-1ms    | chat.bots.echobot.delay=-1ms: must not be negative
					--chat.per-address.max-pending=0  | chat.per-address.max-pending=0: must be greater than or equal to 1
					--chat.udp.port=-2                | chat.udp.port=-2: must be greater than or equal to 0
					--chat.udp.faults.drop=1.5        | chat.udp.faults.drop=1.5: must be less than or equal to 1
					--chat.trace.line-bytes=8         | chat.trace.line-bytes=8: must be greater than or equal to 16
					--chat.bans.default-expiry=30s    | chat.bans.default-expiry=30s: must be longer than or equal to 1 minute
					--chat.console.history.span=25h   | chat.console.history.span=25h: must be shorter than or equal to 1 day
					--chat.console.events.queue=8     | chat.console.events.queue=8: must be greater than or equal to 16
					"--chat.console.sender= "         | "chat.console.sender= : must not be blank"
					--chat.max-clinets=5              | unknown setting chat.max-clinets (command line, did you mean chat.max-clients?)
					--chat.keepalive.idel=5s          | unknown setting chat.keepalive.idel (command line, did you mean chat.keepalive.idle?)
					""")
	void r2_anInvalidSettingIsOneLineThatNamesIt(String setting, String reason) {
		RuntimeException failure = catchRuntimeException(() -> ChatServerApplication
			.run(setting, "--spring.main.web-application-type=none", "--logging.level.root=off")
			.close());
		assertThat(failure).as("start-up with " + setting).isNotNull();
		assertThat(StartupFailure.line(failure)).isEqualTo("chat-server: cannot start: " + reason);
	}

}
