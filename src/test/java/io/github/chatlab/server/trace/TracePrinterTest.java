package io.github.chatlab.server.trace;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.github.chatlab.server.protocol.Reason;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** O8's printer on its own: the format, and that it never waits on standard error. */
class TracePrinterTest {

	private static final Reason S2 = new Reason("S2", "SEND has a recipient but no message after it");

	@Test
	void o8_eachLineWithTimeNameAddressDirectionAndForAnErrorItsRuleAndReason() throws Exception {
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		TracePrinter printer = new TracePrinter(err, 64, ZoneOffset.UTC, 256);
		Traces traces = traces(printer, 256);
		Trace trace = traces.open("c1", "tcp", new InetSocketAddress("127.0.0.1", 50312));
		trace.in(bytes("HELLO-FROM alice"));
		trace.out(bytes("HELLO alice\n"));
		traces.loggedIn(trace, "alice");
		trace.in(bytes("SEND bob"));
		trace.out(bytes("BAD-RQST-BODY\n"), S2);
		trace.in(bytes("SEND echobot tab\there\r"));
		trace.delivery(bytes("DELIVERY echobot "), bytes("private text"), 0, 12);
		traces.closed(trace, "client-closed", new Reason("L7", "the client closed the connection"));
		printer.close();

		List<String> lines = err.toString(StandardCharsets.UTF_8).lines().toList();
		assertThat(lines).hasSize(8);
		assertThat(lines).allMatch((line) -> line.matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} .*"));
		assertThat(lines.stream().map((line) -> line.substring(13))).containsExactly(
				"-        127.0.0.1:50312 * connected", "-        127.0.0.1:50312 > HELLO-FROM alice",
				"-        127.0.0.1:50312 < HELLO alice", "alice    127.0.0.1:50312 > SEND bob",
				"alice    127.0.0.1:50312 < BAD-RQST-BODY  S2: SEND has a recipient but no message after it",
				"alice    127.0.0.1:50312 > SEND echobot tab\\there\\r",
				"alice    127.0.0.1:50312 < DELIVERY echobot private text",
				"alice    127.0.0.1:50312 * closed  L7: the client closed the connection");
	}

	@Test
	void o8_aLongLineIsCutWithItsLengthAndColumnsWidenForLongerNames() throws Exception {
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		TracePrinter printer = new TracePrinter(err, 64, ZoneOffset.UTC, 32);
		Traces traces = traces(printer, 32);
		Trace trace = traces.open("c1", "tcp", new InetSocketAddress("127.0.0.1", 1));
		traces.loggedIn(trace, "a-rather-long-name");
		trace.in(bytes("LIST " + "x".repeat(1_995)));
		printer.close();
		String last = err.toString(StandardCharsets.UTF_8).lines().reduce((first, second) -> second).orElseThrow();
		assertThat(last.substring(13))
			.isEqualTo("a-rather-long-name 127.0.0.1:1     > LIST " + "x".repeat(27) + "… (2,000 bytes)");
	}

	@Test
	void o8_withStandardErrorNotReadLinesAreDroppedCountedAndReportedOnceItIsReadAgain() throws Exception {
		CountDownLatch read = new CountDownLatch(1);
		ByteArrayOutputStream printed = new ByteArrayOutputStream();
		OutputStream stuck = new OutputStream() {

			@Override
			public void write(int b) throws IOException {
				write(new byte[] { (byte) b }, 0, 1);
			}

			@Override
			public void write(byte[] bytes, int offset, int length) throws IOException {
				try {
					// a full pipe nobody reads
					read.await();
				}
				catch (InterruptedException ex) {
					throw new IOException(ex);
				}
				synchronized (printed) {
					printed.write(bytes, offset, length);
				}
			}

		};
		TracePrinter printer = new TracePrinter(stuck, 16, ZoneOffset.UTC, 256);
		Traces traces = traces(printer, 256);
		Trace trace = traces.open("c1", "tcp", new InetSocketAddress("127.0.0.1", 2));
		long start = System.nanoTime();
		for (int i = 0; i < 10_000; i++) {
			trace.in(bytes("LIST " + i));
		}
		assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).as("never waits on the pipe")
			.isLessThan(2_000);
		read.countDown();
		await().until(() -> printedText(printed).contains("dropped"));
		trace.in(bytes("LIST after"));
		await().until(() -> printedText(printed).contains("> LIST after"));
		printer.close();

		String text = printedText(printed);
		Matcher dropped = Pattern.compile("… ([0-9,]+) trace lines? dropped \\(standard error was not being read\\)")
			.matcher(text);
		long droppedCount = 0;
		while (dropped.find()) {
			droppedCount += Long.parseLong(dropped.group(1).replace(",", ""));
		}
		long shown = text.lines().filter((line) -> line.contains("> LIST ")).count();
		assertThat(droppedCount).isPositive();
		assertThat(shown + droppedCount).as("every line printed or counted").isEqualTo(10_001);
	}

	private static Traces traces(TracePrinter printer, int lineBytes) {
		Traces traces = new Traces(new TraceProperties(64, lineBytes, 10, false, true));
		traces.setListeners(List.of(printer));
		return traces;
	}

	private static String printedText(ByteArrayOutputStream printed) {
		synchronized (printed) {
			return printed.toString(StandardCharsets.UTF_8);
		}
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
