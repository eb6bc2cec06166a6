package io.github.chatlab.server;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import io.github.chatlab.server.support.TestClient;

import static io.github.chatlab.server.support.Processes.freePort;
import static io.github.chatlab.server.support.Processes.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * S8 and L7 on the packaged jar in a JVM with a small heap ({@code -Xmx256m}): whatever
 * clients send or fail to read, the server's live heap stays bounded, and when they
 * vanish no name and no connection stays behind. The probes run in order against one
 * server, and each reads the live heap after a full collection ({@code jcmd
 * GC.class_histogram}): a delaybot flood, {@code LIST} bursts that are not read (also
 * while delaybot holds the line), and everyone leaving at once. Measured on the build
 * before the bounds (18398c4) with {@code -Xmx768m}: 170 MB live a second into the flood,
 * then the flooder's thread died of an OutOfMemoryError and its name stayed logged in for
 * 70 s; 680 MB live with the 20 {@code LIST} clients not reading (one write of 1,638
 * {@code LIST}s asks for 105 MB of replies with 500 long names online), and
 * OutOfMemoryErrors.
 * <p>
 * The server runs with {@code chat.write-timeout=60s}, so that clients that stop reading
 * while their heap is read (a forced collection on a loaded machine can take seconds) are
 * not cut off by S5, which is not what is tested here, and with platform threads on any
 * JDK, so that {@code jcmd Thread.print} shows the connections' threads blocked in a
 * write. Only bounds are asserted, never time. {@code -Dmemory.heap=768m} changes the
 * heap and {@code -Dmemory.jar=<path>} the jar, to take the figures that each probe
 * prints ({@code MEMORY <label> <MB>}) on another build.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class MemoryIT {

	private static final Path JAR = Path.of(System.getProperty("memory.jar", "target/chat-server.jar"));

	private static final String HEAP = System.getProperty("memory.heap", "256m");

	/** What the live heap may hold at any probe, whatever the clients do (S8). */
	private static final long BOUND_BYTES = 100L << 20;

	private static final int USERS = 500;

	/** {@code LIST}s in one 8,190-byte write: one read of the server's 8 KiB buffer. */
	private static final int LISTS_PER_WRITE = 1638;

	private static final int LIST_CLIENTS = 20;

	private static final int HELD_LIST_CLIENTS = 5;

	private static final int HELD_LIST_WRITES = 4;

	private static final int STALLED_VANISHERS = 10;

	private static final int DELAYBOT_VANISHERS = 5;

	private static final Duration FLOOD = Duration.ofSeconds(Long.getLong("memory.flood-seconds", 10));

	private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

	private static final Pattern HISTOGRAM_TOTAL = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)\\s*$");

	private static final Pattern HISTOGRAM_ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+\\d+\\s+(\\S+)");

	private final List<Raw> users = new ArrayList<>();

	private Process server;

	private StringBuffer log;

	private int port;

	/** Where the server's log stood when the probe began. */
	private int logMark;

	@BeforeAll
	void startServer() throws Exception {
		assertThat(JAR).as("the packaged jar (mvn package)").isRegularFile();
		this.port = freePort();
		List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx" + HEAP, "-jar", JAR.toAbsolutePath().toString(), "--spring.profiles.active=lab-host",
				"--chat.address=127.0.0.1", "--chat.port=" + this.port, "--server.port=0", "--chat.max-clients=600",
				"--chat.max-connections=2000", "--chat.write-timeout=60s", "--chat.threads=platform",
				// flow control (L11) would only slow the floods down; the bounds of S8
				// are the point
				"--chat.flood.rate=0");
		System.out.println("MEMORY server: " + String.join(" ", command));
		this.server = new ProcessBuilder(command).redirectErrorStream(true).start();
		this.log = awaitServerIsOn(this.server);
		measure("at start");
	}

	@BeforeEach
	void markTheLog() {
		this.logMark = this.log.length();
	}

	@AfterAll
	void stopServer() throws IOException {
		for (Raw user : this.users) {
			user.close();
		}
		if (this.server != null) {
			this.server.destroyForcibly();
			Files.writeString(Path.of("target", "memory-it-server.log"), this.log);
		}
	}

	/**
	 * One client pipelines {@code SEND delaybot <60 KB>} for ~10 s, reading everything:
	 * delaybot takes what its bounded backlog holds and refuses the rest.
	 */
	@Test
	@Order(1)
	void s8_aDelaybotFloodKeepsTheHeapBoundedAndRefusesBeyondTheBotsBacklog() throws Exception {
		byte[] body = letters(60_000);
		byte[] send = concat(bytes("SEND delaybot "), body, bytes("\n"));
		String delivery = "DELIVERY delaybot " + new String(body, StandardCharsets.US_ASCII);
		try (Raw flooder = Raw.login(this.port, "flooder")) {
			AtomicLong sent = new AtomicLong();
			CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
				long end = System.nanoTime() + FLOOD.toNanos();
				try {
					while (System.nanoTime() < end) {
						flooder.write(send);
						sent.incrementAndGet();
					}
				}
				catch (IOException ex) {
					throw new IllegalStateException("The flood's writes failed after " + sent + " SENDs", ex);
				}
			});
			AtomicLong ok = new AtomicLong();
			AtomicLong refused = new AtomicLong();
			AtomicLong delivered = new AtomicLong();
			CompletableFuture<Void> reading = CompletableFuture.runAsync(() -> {
				try {
					while (!writing.isDone() || ok.get() + refused.get() < sent.get()
							|| delivered.get() < 2 * ok.get()) {
						String line = flooder.readLine();
						switch (line) {
							case "SEND-OK" -> ok.incrementAndGet();
							case "BAD-DEST-USER" -> refused.incrementAndGet();
							default -> {
								assertThat(line).as("a line for the flooder").isEqualTo(delivery);
								delivered.incrementAndGet();
							}
						}
					}
				}
				catch (IOException ex) {
					throw new IllegalStateException(ex);
				}
			});
			// delaybot is busy with the flooder: sample while the flood goes on
			await().atMost(FLOOD.multipliedBy(2))
				.until(() -> refused.get() > 0 || delivered.get() > 0 || writing.isDone());
			long during = measure("during the delaybot flood");
			assertNoOutOfMemoryError();
			writing.get(FLOOD.toSeconds() + 60, TimeUnit.SECONDS);
			reading.get(120, TimeUnit.SECONDS);
			System.out.printf("MEMORY flood: %d SENDs of 60 KB, %d SEND-OK, %d BAD-DEST-USER, %d DELIVERY%n",
					sent.get(), ok.get(), refused.get(), delivered.get());
			assertThat(ok.get() + refused.get()).isEqualTo(sent.get());
			assertThat(ok.get()).as("SENDs delaybot took").isPositive();
			assertThat(refused.get()).as("SENDs beyond delaybot's backlog").isPositive();
			assertThat(delivered.get()).isEqualTo(2 * ok.get());
			long after = measure("after the delaybot flood");
			assertThat(during).isLessThan(BOUND_BYTES);
			assertThat(after).isLessThan(BOUND_BYTES);
			try (TestClient fresh = TestClient.login(this.port, "after-flood")) {
				fresh.send("LIST")
					.expectLine(
							"LIST-OK echobot,delaybot,burstbot,splitbot,bigbot,chattybot,teaching-team,flooder,after-flood");
			}
		}
		awaitOnlineExactly(List.of());
	}

	/**
	 * 500 users with 128-byte names; 20 of them send 1,638 {@code LIST}s in one write
	 * each and read nothing: each costs one budget of replies ({@code max-queued-bytes}),
	 * not 1,638 {@code LIST-OK}s of 64.5 KB; then each reads every one of them.
	 */
	@Test
	@Order(2)
	void s8_bPipelinedListsThatAreNotReadCostOneBudgetOfRepliesEach() throws Exception {
		List<String> names = new ArrayList<>();
		for (int i = 0; i < USERS; i++) {
			names.add(longName(i));
			this.users.add(Raw.login(this.port, names.get(i)));
		}
		byte[] listOk = bytes("LIST-OK echobot,delaybot,burstbot,splitbot,bigbot,chattybot,teaching-team,"
				+ String.join(",", names) + "\n");
		assertThat(listOk).hasSize(8 + 66 + USERS * 129);
		String expectedList = new String(listOk, 0, listOk.length - 1, StandardCharsets.UTF_8);
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			this.users.get(0).write(bytes("LIST\n"));
			assertThat(this.users.get(0).readLine()).isEqualTo(expectedList);
		});
		long online = measure("500 users online");
		byte[] burst = bytes("LIST\n".repeat(LISTS_PER_WRITE));
		List<Raw> clients = this.users.subList(0, LIST_CLIENTS);
		for (Raw client : clients) {
			client.write(burst);
		}
		awaitBlockedWrites(LIST_CLIENTS);
		long stalled = measure("20 clients not reading 1,638 LISTs each");
		assertNoOutOfMemoryError();
		readInParallel(clients, (client) -> client.expectRepeated(listOk, LISTS_PER_WRITE));
		long after = measure("after the 20 clients read everything");
		assertThat(online).isLessThan(BOUND_BYTES);
		assertThat(stalled).isLessThan(BOUND_BYTES);
		assertThat(after).isLessThan(BOUND_BYTES);
		try (TestClient fresh = TestClient.login(this.port, "after-lists")) {
			fresh.send("LIST").expectLine(expectedList + ",after-lists");
		}
	}

	/**
	 * The same while delaybot is writing a line to the client in pieces, which holds the
	 * client's own replies back: they must still stop the client's requests being read at
	 * one budget, not pile up until the line is whole.
	 */
	@Test
	@Order(3)
	void s8_cListsBehindALineInPiecesAreBoundedToo() throws Exception {
		byte[] listOk = listOkOfTheUsers();
		byte[] burst = bytes("LIST\n".repeat(LISTS_PER_WRITE));
		List<Raw> clients = this.users.subList(LIST_CLIENTS, LIST_CLIENTS + HELD_LIST_CLIENTS);
		for (Raw client : clients) {
			client.write(bytes("SEND delaybot held\n"));
			client.expectLine("SEND-OK");
			// the first piece: the line is held now
			client.expectBytes(bytes("DELIVERY delaybot he"));
			for (int i = 0; i < HELD_LIST_WRITES; i++) {
				client.write(burst);
			}
		}
		awaitBlockedWrites(HELD_LIST_CLIENTS);
		long stalled = measure("5 clients not reading 6,552 LISTs behind delaybot");
		assertNoOutOfMemoryError();
		readInParallel(clients, (client) -> {
			client.expectBytes(bytes("ld\nDELIVERY delaybot held\n"));
			client.expectRepeated(listOk, (long) HELD_LIST_WRITES * LISTS_PER_WRITE);
		});
		long after = measure("after the 5 clients read everything");
		assertThat(stalled).isLessThan(BOUND_BYTES);
		assertThat(after).isLessThan(BOUND_BYTES);
	}

	/**
	 * Everyone leaves at once, half by FIN and half by reset, some while the server is
	 * blocked writing to them and some while delaybot still has their messages: no name
	 * stays logged in with nobody behind it (L7, S8), and no connection stays in memory,
	 * without a new accept to sweep them.
	 */
	@Test
	@Order(4)
	void l7_s8_dWhenEveryoneVanishesNoNameAndNoConnectionIsLeftBehind() throws Exception {
		byte[] burst = bytes("LIST\n".repeat(LISTS_PER_WRITE));
		int first = LIST_CLIENTS + HELD_LIST_CLIENTS;
		for (Raw client : this.users.subList(first, first + STALLED_VANISHERS)) {
			client.write(burst);
		}
		awaitBlockedWrites(STALLED_VANISHERS);
		assertNoOutOfMemoryError();
		byte[] send = concat(bytes("SEND delaybot "), letters(60_000), bytes("\n"));
		for (Raw client : this.users.subList(first + STALLED_VANISHERS,
				first + STALLED_VANISHERS + DELAYBOT_VANISHERS)) {
			client.write(concat(send, send));
			// then delaybot has it
			client.expectLine("SEND-OK");
		}
		for (int i = 0; i < this.users.size(); i++) {
			Raw user = this.users.get(i);
			if (i % 2 == 0 || (i >= first && i < first + STALLED_VANISHERS + DELAYBOT_VANISHERS)) {
				user.reset();
			}
			else {
				user.close();
			}
		}
		this.users.clear();
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(500))
			.untilAsserted(() -> assertThat(liveInstances("io.github.chatlab.server.wire.ChatConnection"))
				.as("connections in memory with nobody connected")
				.isZero());
		assertThat(liveInstances("io.github.chatlab.server.chat.Session")).isZero();
		long gone = measure("after everyone left");
		assertThat(gone).isLessThan(BOUND_BYTES);
		awaitOnlineExactly(List.of());
	}

	private byte[] listOkOfTheUsers() {
		List<String> names = new ArrayList<>();
		for (int i = 0; i < USERS; i++) {
			names.add(longName(i));
		}
		return bytes("LIST-OK echobot,delaybot,burstbot,splitbot,bigbot,chattybot,teaching-team,"
				+ String.join(",", names) + "\n");
	}

	/**
	 * 32 letters of four UTF-8 bytes each (CJK Unified Ideographs Extension B, general
	 * category Lo, no compatibility decomposition), so 128 bytes: the longest name the
	 * default pattern (32 code points) allows. Every code point is used once across all
	 * users.
	 */
	static String longName(int user) {
		StringBuilder name = new StringBuilder();
		for (int i = 0; i < 32; i++) {
			name.appendCodePoint(0x20000 + user * 32 + i);
		}
		return name.toString();
	}

	/**
	 * A fresh client, logged in as a watcher, sees exactly the bots, {@code names} and
	 * itself (in time: L7 leaves a name within 100 ms, but the client's close has to
	 * reach the server first).
	 */
	private void awaitOnlineExactly(List<String> names) throws IOException {
		String watcher = "watcher" + System.nanoTime() % 100_000;
		try (TestClient client = TestClient.login(this.port, watcher)) {
			List<String> expected = new ArrayList<>(
					List.of("echobot", "delaybot", "burstbot", "splitbot", "bigbot", "chattybot", "teaching-team"));
			expected.addAll(names);
			expected.add(watcher);
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(client.send("LIST").readLine())
					.isEqualTo("LIST-OK " + String.join(",", expected)));
		}
	}

	/**
	 * Waits until at least {@code count} threads of the server are blocked writing to a
	 * socket: the clients that stopped reading hold all the server will queue for them.
	 */
	private void awaitBlockedWrites(int count) {
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> this.log.indexOf("OutOfMemoryError", this.logMark) >= 0
					|| jcmd("Thread.print").split("NioSocketImpl.implWrite", -1).length - 1 >= count);
	}

	private void assertNoOutOfMemoryError() {
		assertThat(this.log.substring(this.logMark)).as("the server's log in this probe")
			.doesNotContain("OutOfMemoryError");
	}

	private void readInParallel(List<Raw> clients, ReadCheck check) throws Exception {
		ExecutorService readers = Executors.newFixedThreadPool(clients.size());
		try {
			List<Future<Void>> reads = new ArrayList<>();
			for (Raw client : clients) {
				reads.add(readers.submit(() -> {
					check.read(client);
					return null;
				}));
			}
			for (Future<Void> read : reads) {
				read.get(5, TimeUnit.MINUTES);
			}
		}
		finally {
			readers.shutdownNow();
		}
	}

	/**
	 * The live heap: the total of a class histogram, which the JVM takes right after a
	 * full collection in the same safepoint. ({@code GC.run} then {@code GC.heap_info}
	 * would also count what a flood allocates between the two commands: 82.7 MB against
	 * 30 to 41 MB here, during the delaybot flood with {@code -Xmx768m}.)
	 */
	private long measure(String label) throws IOException, InterruptedException {
		Matcher total = HISTOGRAM_TOTAL.matcher(jcmd("GC.class_histogram"));
		assertThat(total.find()).as("a class histogram ends with its total").isTrue();
		long bytes = Long.parseLong(total.group(1));
		System.out.printf("MEMORY %-50s %6.1f MB%n", label, mb(bytes));
		return bytes;
	}

	/** Live objects of exactly {@code className} (a class histogram collects first). */
	private long liveInstances(String className) throws IOException, InterruptedException {
		for (String row : jcmd("GC.class_histogram").split("\n")) {
			Matcher matcher = HISTOGRAM_ROW.matcher(row);
			if (matcher.find() && matcher.group(2).equals(className)) {
				return Long.parseLong(matcher.group(1));
			}
		}
		return 0;
	}

	private String jcmd(String command) throws IOException, InterruptedException {
		Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
				String.valueOf(this.server.pid()), command)
			.redirectErrorStream(true)
			.start();
		CompletableFuture<String> output = readAll(jcmd.getInputStream());
		assertThat(jcmd.waitFor(2, TimeUnit.MINUTES)).as("jcmd " + command + " ends").isTrue();
		String text = output.join();
		assertThat(jcmd.exitValue()).as("jcmd " + command + ": " + text).isZero();
		return text;
	}

	private static double mb(long bytes) {
		return bytes / (1024.0 * 1024.0);
	}

	private static byte[] letters(int length) {
		byte[] body = new byte[length];
		for (int i = 0; i < length; i++) {
			body[i] = (byte) ('a' + i % 26);
		}
		return body;
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

	/**
	 * Reads the server's output until {@code Server is on}, then keeps draining it.
	 * @return what it prints from then on
	 */
	private static StringBuffer awaitServerIsOn(Process server) throws Exception {
		BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
		StringBuffer log = new StringBuffer();
		CompletableFuture<Boolean> on = CompletableFuture.supplyAsync(() -> {
			try {
				String line;
				while ((line = out.readLine()) != null) {
					log.append(line).append('\n');
					if (line.equals("Server is on")) {
						return true;
					}
				}
				return false;
			}
			catch (IOException ex) {
				return false;
			}
		});
		assertThat(on.get(120, TimeUnit.SECONDS)).as("Server is on; the server said:%n%s", log).isTrue();
		Thread drain = new Thread(() -> {
			try {
				String line;
				while ((line = out.readLine()) != null) {
					log.append(line).append('\n');
				}
			}
			catch (IOException ex) {
				// the process ended
			}
		}, "memory-it-server-output");
		drain.setDaemon(true);
		drain.start();
		return log;
	}

	@FunctionalInterface
	private interface ReadCheck {

		void read(Raw client) throws IOException;

	}

	/**
	 * A plain socket client for bulk traffic: pipelined writes, and reads that check a
	 * stream of replies byte for byte without keeping it.
	 */
	private static final class Raw implements Closeable {

		private final Socket socket;

		private final InputStream in;

		private final OutputStream out;

		private byte[] line = new byte[256];

		private Raw(Socket socket) throws IOException {
			this.socket = socket;
			socket.setTcpNoDelay(true);
			socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
			this.in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
			this.out = socket.getOutputStream();
		}

		static Raw login(int port, String name) throws IOException {
			Raw client = new Raw(new Socket("127.0.0.1", port));
			client.write(bytes("HELLO-FROM " + name + "\n"));
			client.expectLine("HELLO " + name);
			return client;
		}

		void write(byte[] bytes) throws IOException {
			this.out.write(bytes);
			this.out.flush();
		}

		String readLine() throws IOException {
			int length = 0;
			while (true) {
				int b = read();
				if (b == '\n') {
					return new String(this.line, 0, length, StandardCharsets.UTF_8);
				}
				if (length == this.line.length) {
					this.line = Arrays.copyOf(this.line, 2 * length);
				}
				this.line[length++] = (byte) b;
			}
		}

		void expectLine(String expected) throws IOException {
			assertThat(readLine()).isEqualTo(expected);
		}

		void expectBytes(byte[] expected) throws IOException {
			expectRepeated(expected, 1);
		}

		/** Reads {@code times} copies of {@code expected}, checking every byte. */
		void expectRepeated(byte[] expected, long times) throws IOException {
			byte[] buffer = new byte[64 * 1024];
			int position = 0;
			for (long copies = 0; copies < times;) {
				int wanted = (int) Math.min(buffer.length, (times - copies) * expected.length - position);
				int n = readSome(buffer, wanted);
				for (int i = 0; i < n; i++) {
					if (buffer[i] != expected[position]) {
						fail("Copy " + copies + " of " + times + " differs at byte " + position + ": got "
								+ new String(buffer, i, Math.min(80, n - i), StandardCharsets.UTF_8));
					}
					if (++position == expected.length) {
						position = 0;
						copies++;
					}
				}
			}
		}

		private int read() throws IOException {
			try {
				int b = this.in.read();
				if (b < 0) {
					fail("The server closed the connection where more was expected");
				}
				return b;
			}
			catch (SocketTimeoutException ex) {
				throw new AssertionError("Nothing for " + READ_TIMEOUT, ex);
			}
		}

		private int readSome(byte[] buffer, int wanted) throws IOException {
			try {
				int n = this.in.read(buffer, 0, wanted);
				if (n < 0) {
					fail("The server closed the connection where more was expected");
				}
				return n;
			}
			catch (SocketTimeoutException ex) {
				throw new AssertionError("Nothing for " + READ_TIMEOUT, ex);
			}
		}

		/** Closes with SO_LINGER 0: the server sees a reset, not a FIN. */
		void reset() throws IOException {
			this.socket.setSoLinger(true, 0);
			this.socket.close();
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
		}

	}

}
