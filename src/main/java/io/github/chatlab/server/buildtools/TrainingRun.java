package io.github.chatlab.server.buildtools;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.context.ConfigurableApplicationContext;

import io.github.chatlab.server.ChatServerApplication;
import io.github.chatlab.server.startup.ListenerStatus;
import io.github.chatlab.server.startup.StartupFailure;

/**
 * The training start that class-data-sharing archives and ahead-of-time caches are
 * recorded from (pom.xml for the build's JDK, {@code lab/server.py} for others): a whole
 * start, up to {@code Server is on}, then one client that logs in, lists and sends itself
 * a message, then a clean stop. What the JVM loaded by then, it maps from the archive at
 * the next start. Stopping at the context refresh instead
 * ({@code -Dspring.context.exit=onRefresh}) leaves out the web server's and the
 * listener's start and every class of a connection: measured on Java 25, 0.83 s against
 * 0.79 s to {@code Server is on} (medians of 7, 2-core machine).
 * <p>
 * Run it as the server will run, the same jar by the same name:
 * {@code java -XX:ArchiveClassesAtExit=app.jsa -Dspring.aot.enabled=true -cp chat-server.jar io.github.chatlab.server.buildtools.TrainingRun [log]}.
 * With a {@code log} file (the pom's {@code target/training-run.log}) everything the
 * server prints goes there, and only a failure is shown, with the log: a build's output
 * is no place for a second {@code Server is on}, a second generated password and an HTTP
 * address that is dead a second later.
 */
public final class TrainingRun {

	private static final int LISTEN_TIMEOUT_SECONDS = 60;

	private TrainingRun() {
	}

	public static void main(String[] args) throws IOException {
		PrintStream console = System.err;
		Path log = (args.length > 0) ? Path.of(args[0]) : null;
		if (log != null) {
			PrintStream file = new PrintStream(Files.newOutputStream(log), true, StandardCharsets.UTF_8);
			System.setOut(file);
			System.setErr(file);
		}
		int status = 0;
		try (ConfigurableApplicationContext context = ChatServerApplication.run("--chat.port=0", "--server.port=0",
				"--logging.level.root=warn")) {
			converse(context.getBean(ListenerStatus.class).awaitListening(LISTEN_TIMEOUT_SECONDS));
		}
		catch (RuntimeException | IOException ex) {
			System.err.println("training run: " + StartupFailure.describe(ex));
			status = 1;
		}
		if (status != 0 && log != null) {
			System.err.flush();
			console.println("The training run failed; its output (" + log + "):");
			console.println(Files.readString(log, StandardCharsets.UTF_8));
		}
		// the archive is written as the JVM exits; a thread the context left must not
		// keep it waiting
		System.exit(status);
	}

	private static void converse(int port) throws IOException {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			BufferedReader in = new BufferedReader(
					new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
			out.write("HELLO-FROM trainer\nLIST\nSEND trainer hi\n".getBytes(StandardCharsets.UTF_8));
			out.flush();
			// HELLO, LIST-OK, DELIVERY and SEND-OK
			for (int i = 0; i < 4; i++) {
				if (in.readLine() == null) {
					throw new IOException("the server closed the connection of the training client");
				}
			}
		}
	}

}
