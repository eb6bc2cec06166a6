package io.github.chatlab.server;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.github.chatlab.server.support.TestClient;

import static io.github.chatlab.server.support.Processes.awaitServerIsOn;
import static io.github.chatlab.server.support.Processes.drain;
import static io.github.chatlab.server.support.Processes.freePort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * O8 on a student's own server, started as a student starts it:
 * {@code lab/server.py --trace} prints every line in and out on standard error with O2's
 * reasons, and printing never holds the server up, even when nobody reads standard error.
 * Runs the packaged jar in the integration-test phase.
 */
class TraceConsoleIT {

	private static final Path LAUNCHER = Path.of("lab", "server.py").toAbsolutePath();

	/**
	 * Malformed lines a student's client sends, with the reply and what the reason
	 * printed beside it says (rule and sentence, O2).
	 */
	private static final List<Case> MALFORMED = List.of(
			new Case("SEND bob", "BAD-RQST-BODY", "S2: SEND has a recipient but no message after it"),
			new Case("send bob hi", "BAD-RQST-HDR", "H1: the header is \"send\"; headers are upper case (SEND)"),
			new Case("SEND bob hi\rthere", "BAD-RQST-BODY",
					"F2: the line has a CR at offset 11 that is not directly before the LF"),
			new Case("LIST x", "BAD-RQST-BODY", "Q2: LIST takes nothing after it"),
			new Case("SEND  hi", "BAD-RQST-BODY", "S2: SEND has an empty recipient"),
			new Case("SEND bob caf\u00e9\u0001", "BAD-RQST-BODY", "S2: the message has control byte 0x01 at offset 14"),
			new Case("HELLO-FROM alice", "BAD-RQST-HDR", "L3.1: HELLO-FROM on a connection that is already logged in"),
			new Case("SEND nobody hi", "BAD-DEST-USER", "S3: no user \"nobody\" is logged in"),
			new Case("", "BAD-RQST-HDR", "H1: the line is empty"), new Case("SEND bob " + "x".repeat(1_200),
					"BAD-RQST-BODY", "F5: the line is 1209 bytes long, more than chat.max-line-bytes"));

	private final List<Process> processes = new ArrayList<>();

	@AfterEach
	void killLeftovers() {
		this.processes.forEach(Process::destroyForcibly);
	}

	@Test
	void o8_traceShowsEveryLineInAndOutWithTheRuleAndReasonOfEachError() throws Exception {
		int port = freePort();
		Process server = start(port, "--chat.max-line-bytes=1000", "--chat.bots.echobot.enabled=true");
		StringBuffer err = new StringBuffer();
		CompletableFuture.runAsync(() -> drain(server.getErrorStream(), err));
		try (TestClient alice = TestClient.login(port, "alice")) {
			for (Case malformed : MALFORMED) {
				alice.send(malformed.line()).expectLine(malformed.reply());
			}
			alice.send("SEND echobot hello, caf\u00e9")
				.expectLine("SEND-OK")
				.expectLine("DELIVERY echobot hello, caf\u00e9");
			try (TestClient early = TestClient.connect(port)) {
				early.send("LIST").expectLine("BAD-RQST-HDR");
				early.expectClosed();
			}
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> err.toString().contains("closed  L7"));

		List<String> lines = err.toString().lines().filter((line) -> line.contains(" 127.0.0.1:")).toList();
		String alice = "\\d\\d:\\d\\d:\\d\\d\\.\\d{3} alice +127\\.0\\.0\\.1:\\d+ ";
		for (Case malformed : MALFORMED) {
			String shown = malformed.line().replace("\r", "\\r").replace("\u0001", "\\x01");
			String printed = shown.isEmpty() ? quote("(an empty line)")
					: (shown.length() > 1_000) ? "SEND bob x*… \\(1,209 bytes\\)" : quote(shown);
			int in = indexOf(lines, alice + "> " + printed);
			assertThat(in).as("the line %s", shown).isNotNegative();
			assertThat(lines.get(in + 1)).as("its reply and reason")
				.matches(alice + "< " + malformed.reply() + "  " + quote(malformed.reason()) + ".*");
		}
		// message text included (O8), where the console and logs show only its length
		// (R4)
		assertThat(indexOf(lines, alice + "> SEND echobot hello, caf\u00e9")).isNotNegative();
		assertThat(indexOf(lines, alice + "< DELIVERY echobot hello, caf\u00e9")).isNotNegative();
		// before login the name is a dash, and a refusal closes with its reason (L4, L5)
		assertThat(lines).anyMatch((line) -> line.matches(".* - +127\\.0\\.0\\.1:\\d+ < BAD-RQST-HDR  L4: .*"));
		assertThat(lines).anyMatch((line) -> line.matches(".* - +127\\.0\\.0\\.1:\\d+ \\* closed  L4: .*"));
	}

	@Test
	void o8_aServerWhoseStandardErrorNobodyReadsStillServesAndCountsWhatItDropped() throws Exception {
		int port = freePort();
		Process server = start(port);
		// standard error is a pipe nobody reads: a few thousand lines fill it and the
		// printer's queue behind it
		try (TestClient flooder = TestClient.login(port, "flooder")) {
			flooder.sendRaw("LIST\n".repeat(10_000).getBytes(StandardCharsets.US_ASCII));
			for (int i = 0; i < 10_000; i++) {
				flooder.expectLine("LIST-OK flooder");
			}
			long start = System.nanoTime();
			try (TestClient alice = TestClient.login(port, "alice"); TestClient bob = TestClient.login(port, "bob")) {
				alice.send("SEND bob canary").expectLine("SEND-OK");
				bob.expectLine("DELIVERY alice canary");
				bob.send("SEND alice back").expectLine("SEND-OK");
				alice.expectLine("DELIVERY bob back");
			}
			assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).as("the canary pair, unhindered")
				.isLessThan(3_000);
		}
		StringBuffer err = new StringBuffer();
		CompletableFuture.runAsync(() -> drain(server.getErrorStream(), err));
		// "1 trace line dropped" where a single line was lost between two printed ones
		await().atMost(Duration.ofSeconds(20)).until(() -> err.toString().contains(" dropped (standard error"));
		assertThat(err.toString()).containsPattern(
				"\\d\\d:\\d\\d:\\d\\d\\.\\d{3} … [0-9,]+ trace lines? dropped \\(standard error was not being read\\)");
	}

	private Process start(int port, String... settings) throws Exception {
		List<String> command = new ArrayList<>(List.of("python3", LAUNCHER.toString(), "--address", "127.0.0.1",
				"--port", String.valueOf(port), "--server.port=0", "--trace"));
		command.addAll(List.of(settings));
		ProcessBuilder builder = new ProcessBuilder(command);
		builder.environment().put("CHAT_SERVER_TRAINING", "off");
		Process server = builder.start();
		this.processes.add(server);
		awaitServerIsOn(server);
		return server;
	}

	private static int indexOf(List<String> lines, String regex) {
		for (int i = 0; i < lines.size(); i++) {
			if (lines.get(i).matches(regex)) {
				return i;
			}
		}
		return -1;
	}

	private static String quote(String text) {
		return java.util.regex.Pattern.quote(text);
	}

	private record Case(String line, String reply, String reason) {
	}

}
