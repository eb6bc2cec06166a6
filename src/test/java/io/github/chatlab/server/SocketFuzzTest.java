package io.github.chatlab.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;

import io.github.chatlab.server.chat.SessionRegistry;
import io.github.chatlab.server.support.TestClient;
import io.github.chatlab.server.wire.ConnectionTracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The server under abuse from many clients at once, over real sockets: from 127.0.0.2 to
 * 127.0.0.17, {@value #CONNECTIONS} seeded connections send generated garbage, valid
 * lines, over-long lines, lines cut into random segments, half-closes and resets (F2–F6,
 * H0, L3–L8, S2, S8), while a canary pair on 127.0.0.1 chats. Afterwards every name is
 * free and every connection closed (L7), no reader thread is left busy and no descriptor
 * open (S8), and the canary got exactly the bytes it should have, in order (S4, S6). The
 * seed is {@code -Dfuzz.seed} (printed, so a failure can be replayed).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "chat.port=0", "chat.write-timeout=1s", "chat.login-timeout=2s", "chat.close-linger=200ms",
				"chat.max-connections=400", "chat.max-line-bytes=4096" })
class SocketFuzzTest {

	private static final Log logger = LogFactory.getLog(SocketFuzzTest.class);

	private static final int CONNECTIONS = 600;

	private static final int WORKERS = 24;

	private static final int CANARY_MESSAGES = 400;

	private static final long SEED = Long.getLong("fuzz.seed", System.nanoTime());

	private static final String[] LINES = { "LIST", "LIST x", "SEND", "SEND f1", "SEND  hi", "SEND f1  ",
			"HELLO-FROM f2", "send f1 hi", "", "\r", "SEND f1 \u0007bell", "SEND f3 tab\there", "SEND f4 h\u00e9llo",
			"SEND nobody hi" };

	@Autowired
	private TcpNetServerConnectionFactory connectionFactory;

	@Autowired
	private SessionRegistry registry;

	@Autowired
	private ConnectionTracker tracker;

	private final ExecutorService workers = Executors.newFixedThreadPool(WORKERS);

	private final ExecutorService drains = Executors.newCachedThreadPool();

	private final AtomicLong bytesSent = new AtomicLong();

	private final AtomicLong resets = new AtomicLong();

	private final AtomicLong linesReceived = new AtomicLong();

	@AfterEach
	void stopThreads() {
		this.workers.shutdownNow();
		this.drains.shutdownNow();
	}

	@Test
	void s8_manyAbusiveClientsLeaveNoNameThreadOrDescriptorAndTheCanaryGetsEveryByte() throws Exception {
		logger.info("Fuzz seed " + SEED + " (-Dfuzz.seed=" + SEED + " replays it)");
		int port = this.connectionFactory.getPort();
		long fdsBefore = openDescriptors();
		int threadsBefore = Thread.activeCount();
		try (TestClient alice = TestClient.login(port, "alice"); TestClient bob = TestClient.login(port, "bob")) {
			AtomicBoolean fuzzing = new AtomicBoolean(true);
			CompletableFuture<Integer> canary = CompletableFuture.supplyAsync(() -> chat(alice, bob, fuzzing));
			List<CompletableFuture<Void>> all = new ArrayList<>();
			for (int i = 0; i < CONNECTIONS; i++) {
				int n = i;
				all.add(CompletableFuture.runAsync(() -> fuzz(port, n, new Random(SEED * 31 + n)), this.workers));
			}
			CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
			fuzzing.set(false);
			int chatted = canary.get(2, TimeUnit.MINUTES);
			logger.info("Fuzz: " + CONNECTIONS + " connections sent " + this.bytesSent + " bytes (" + this.resets
					+ " reset), received " + this.linesReceived + " lines; the canary exchanged " + chatted
					+ " messages");
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(this.registry.userCount()).as("users besides the canary").isEqualTo(2));
			// only now: a fuzzer's close can still be on its way when its client is done
			alice.send("LIST").expectLine("LIST-OK alice,bob");
			assertThat(alice.available()).isZero();
			assertThat(bob.available()).isZero();
		}
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.registry.userCount()).as("users").isZero());
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.tracker.openConnections()).as("connections").isZero());
		this.drains.shutdownNow();
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(busyReaders()).as("reader threads not back in their pool").isEmpty());
		// the pool keeps up to 256 idle readers (ChatServerConfiguration); nothing beyond
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(Thread.activeCount()).isLessThanOrEqualTo(threadsBefore + 256 + WORKERS));
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(
					() -> assertThat(openDescriptors()).as("open descriptors").isLessThanOrEqualTo(fdsBefore + 4));
	}

	/**
	 * Alice sends numbered messages to bob while the fuzzers run, each answered before
	 * the next; bob must see exactly hers, in order, and nothing else.
	 */
	private Integer chat(TestClient alice, TestClient bob, AtomicBoolean fuzzing) {
		try {
			int i = 0;
			while (i < CANARY_MESSAGES || fuzzing.get()) {
				String message = "canary " + i + " \u00e9\u4e2d\t" + "x".repeat(i % 300);
				alice.send("SEND bob " + message).expectLine("SEND-OK");
				byte[] delivered = bob.readLineBytes();
				assertThat(delivered).as("bob's line %d", i)
					.isEqualTo(("DELIVERY alice " + message).getBytes(StandardCharsets.UTF_8));
				i++;
			}
			return i;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** One abusive connection, chosen and shaped by {@code random}. */
	private void fuzz(int port, int n, Random random) {
		String source = "127.0.0." + (2 + n % 16);
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port, InetAddress.getByName(source), 0)) {
			socket.setTcpNoDelay(true);
			socket.setSoTimeout(5_000);
			CompletableFuture<Void> drained = CompletableFuture.runAsync(() -> drain(socket), this.drains);
			OutputStream out = socket.getOutputStream();
			byte[] stream = stream(n, random);
			try {
				writeInSegments(out, stream, random);
				if (random.nextInt(4) == 0) {
					socket.shutdownOutput();
					drained.get(10, TimeUnit.SECONDS);
				}
			}
			catch (IOException ex) {
				// the server may close first (L4, L5, S5): that is one of the outcomes
			}
			if (random.nextInt(3) == 0) {
				socket.setSoLinger(true, 0);
				this.resets.incrementAndGet();
			}
		}
		catch (Exception ex) {
			// refused or reset: the server's choice, not a failure
		}
	}

	/** What connection {@code n} sends: garbage, lines, or both. */
	private static byte[] stream(int n, Random random) {
		List<byte[]> parts = new ArrayList<>();
		int kind = random.nextInt(5);
		if (kind != 0) {
			parts.add(("HELLO-FROM f" + n + "\n").getBytes(StandardCharsets.UTF_8));
		}
		int count = 1 + random.nextInt(30);
		for (int i = 0; i < count; i++) {
			switch (random.nextInt(6)) {
				case 0 -> parts.add(garbage(random, 1 + random.nextInt(300)));
				case 1 ->
					parts.add(("SEND f" + random.nextInt(n + 1) + " m" + i + "\n").getBytes(StandardCharsets.UTF_8));
				case 2 -> parts.add((LINES[random.nextInt(LINES.length)] + "\n").getBytes(StandardCharsets.UTF_8));
				case 3 ->
					parts.add(("SEND f" + random.nextInt(n + 1) + " " + "y".repeat(3000 + random.nextInt(3000)) + "\n")
						.getBytes(StandardCharsets.UTF_8));
				case 4 -> parts.add("LIST\n".repeat(1 + random.nextInt(50)).getBytes(StandardCharsets.US_ASCII));
				default -> parts.add(("HELLO-FROM f" + n + "x\r\n").getBytes(StandardCharsets.UTF_8));
			}
		}
		if (random.nextBoolean()) {
			// an unterminated last line (F6)
			parts.add(garbage(random, random.nextInt(40)));
		}
		int length = parts.stream().mapToInt((p) -> p.length).sum();
		byte[] all = new byte[length];
		int at = 0;
		for (byte[] part : parts) {
			System.arraycopy(part, 0, all, at, part.length);
			at += part.length;
		}
		return all;
	}

	private static byte[] garbage(Random random, int length) {
		byte[] bytes = new byte[length];
		random.nextBytes(bytes);
		return bytes;
	}

	private void writeInSegments(OutputStream out, byte[] stream, Random random) throws IOException {
		int at = 0;
		while (at < stream.length) {
			int segment = Math.min(stream.length - at, 1 + random.nextInt(random.nextBoolean() ? 8 : 2000));
			out.write(stream, at, segment);
			out.flush();
			this.bytesSent.addAndGet(segment);
			at += segment;
		}
	}

	/** Reads whatever the server answers until it closes, so its writes never stall. */
	private void drain(Socket socket) {
		byte[] buffer = new byte[16384];
		try {
			InputStream in = socket.getInputStream();
			int n;
			while ((n = in.read(buffer)) >= 0) {
				for (int i = 0; i < n; i++) {
					if (buffer[i] == '\n') {
						this.linesReceived.incrementAndGet();
					}
				}
			}
		}
		catch (IOException ex) {
			// closed, reset or timed out: done either way
		}
	}

	/**
	 * Reader threads doing anything but waiting in their pool for a connection (one of
	 * them runs the accept loop).
	 */
	private static List<String> busyReaders() {
		List<String> busy = new ArrayList<>();
		for (Map.Entry<Thread, StackTraceElement[]> thread : Thread.getAllStackTraces().entrySet()) {
			if (thread.getKey().getName().startsWith("chat-conn-") && Stream.of(thread.getValue())
				.noneMatch(
						(frame) -> frame.getMethodName().equals("getTask") || frame.getMethodName().equals("accept"))) {
				busy.add(thread.getKey().getName() + " " + thread.getKey().getState());
			}
		}
		return busy;
	}

	private static long openDescriptors() throws IOException {
		try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
			return fds.count();
		}
	}

}
