package io.github.chatlab.server.soak;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A soak run (S8, L7, U7): the packaged server in a process of its own, under N minutes
 * of mixed abuse at once (login churn, pipelined floods, {@code LIST} bursts left unread,
 * 16 KiB/s readers, readers that never read and are cut off (S5, S7), UDP clients with
 * faults, garbage and resets), sampled every 10 s: live heap after a full collection
 * ({@code jcmd GC.class_histogram}), threads, open descriptors and RSS (from
 * {@code /proc}, so Linux only). Prints each series' start (after a 30 s warm-up), end
 * and least-squares slope, and fails (exit status 1) when one keeps growing: its slope
 * over the second half of the run is above the series' tolerance and its end is above its
 * start by more than that tolerance. After the load stops, every soak name must be free
 * and the server's threads and descriptors back near where they started. The console is
 * on, with two followers of its event stream ({@code GET /api/events}, O9) that reconnect
 * every 5 to 20 s: one reads, one never does and is dropped once it falls behind.
 *
 * <pre>
 * ./mvnw -q -B package -DskipTests
 * bench/soak.sh --minutes=30
 * </pre>
 */
public final class Soak {

	private static final Pattern HISTOGRAM_TOTAL = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)\\s*$");

	private final Options options;

	private final AtomicBoolean running = new AtomicBoolean(true);

	private final Map<String, AtomicLong> counts = new LinkedHashMap<>();

	private final List<Sample> samples = new ArrayList<>();

	private Process server;

	private long pid;

	private int port;

	private int udpPort;

	private int httpPort;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	/** The console's account in the soak: Spring Boot's user, a moderator (O1). */
	private static final String CONSOLE_AUTHORIZATION = "Basic "
			+ Base64.getEncoder().encodeToString("soak:soak-password".getBytes(StandardCharsets.UTF_8));

	private final StringBuffer log = new StringBuffer();

	public Soak(Options options) {
		this.options = options;
	}

	public static void main(String[] args) throws Exception {
		Options options = Options.parse(args);
		Result result = new Soak(options).run();
		System.out.print(result.report());
		if (!result.failures().isEmpty()) {
			System.err.println("soak: " + String.join("; ", result.failures()));
			System.exit(1);
		}
	}

	/** Runs the soak and returns its samples and verdict. */
	public Result run() throws Exception {
		startServer();
		ExecutorService pool = Executors.newCachedThreadPool((runnable) -> {
			Thread thread = new Thread(runnable, "soak");
			thread.setDaemon(true);
			return thread;
		});
		Sample first = sample(0);
		this.samples.add(first);
		System.out.println(Sample.HEADER);
		System.out.println(first);
		List<Workload> workloads = workloads();
		for (Workload workload : workloads) {
			for (int i = 0; i < workload.threads(); i++) {
				int worker = i;
				pool.submit(() -> {
					Random random = new Random(this.options.seed() * 1000 + workload.name().hashCode() * 31L + worker);
					while (this.running.get()) {
						try {
							workload.once(worker, random);
							count(workload.name());
						}
						catch (Exception ex) {
							count(workload.name() + ".error");
						}
					}
				});
			}
		}
		long start = System.nanoTime();
		long end = start + this.options.duration().toNanos();
		long next = start;
		while (true) {
			// a sample (a full collection, jcmd) can take longer than the period on a
			// loaded machine: the run ends on the clock, not after a number of samples
			next = Math.max(next + this.options.sampleEvery().toNanos(), System.nanoTime());
			if (next > end) {
				break;
			}
			LockSupport.parkNanos(next - System.nanoTime());
			Sample sample = sample((System.nanoTime() - start) / 1e9);
			this.samples.add(sample);
			System.out.println(sample);
		}
		this.running.set(false);
		pool.shutdownNow();
		pool.awaitTermination(30, TimeUnit.SECONDS);
		List<String> failures = new ArrayList<>();
		settle(failures);
		Sample after = sample((System.nanoTime() - start) / 1e9);
		System.out.println(after + "  (after the load stopped)");
		Result result = new Result(first, List.copyOf(this.samples), after, Map.copyOf(counts()), failures,
				this.options);
		result.judge();
		stopServer();
		return result;
	}

	private Map<String, Long> counts() {
		Map<String, Long> counts = new LinkedHashMap<>();
		this.counts.forEach((k, v) -> counts.put(k, v.get()));
		return counts;
	}

	private void count(String name) {
		this.counts.computeIfAbsent(name, (k) -> new AtomicLong()).incrementAndGet();
	}

	// ---- the workloads -------------------------------------------------------------

	/**
	 * One kind of abuse, run by {@code threads} threads in a loop until the soak ends.
	 */
	public interface Workload {

		String name();

		int threads();

		void once(int worker, Random random) throws Exception;

	}

	private record Named(String name, int threads, Body body) implements Workload {

		@Override
		public void once(int worker, Random random) throws Exception {
			this.body.once(worker, random);
		}

	}

	@FunctionalInterface
	private interface Body {

		void once(int worker, Random random) throws Exception;

	}

	private List<Workload> workloads() {
		List<Workload> workloads = new ArrayList<>();
		workloads.add(new Named("churn", 3, this::churn));
		workloads.add(new Named("flood", 1, this::flood));
		workloads.add(new Named("unread-lists", 1, this::unreadLists));
		workloads.add(new Named("slow-reader", 1, this::slowReader));
		workloads.add(new Named("stuck-reader", 1, this::stuckReader));
		workloads.add(new Named("garbage", 2, this::garbage));
		workloads.add(new Named("udp", 1, this::udp));
		workloads.add(new Named("events", 2, this::events));
		return workloads;
	}

	/** Log in, LIST, a message to yourself, leave: cleanly, by reset or mid-line. */
	private void churn(int worker, Random random) throws IOException {
		String name = "sc" + worker + "x" + random.nextInt(1_000_000);
		try (Raw client = connect(worker)) {
			client.line("HELLO-FROM " + name);
			client.expect("HELLO " + name);
			client.line("LIST");
			client.readLine();
			client.line("SEND " + name + " hello " + random.nextInt());
			client.readLine();
			client.readLine();
			switch (random.nextInt(3)) {
				case 0 -> client.reset();
				case 1 -> client.write(("SEND " + name + " half a li").getBytes(StandardCharsets.US_ASCII));
				default -> {
				}
			}
		}
	}

	/** Pipelined SENDs of 4 KB to a partner that reads, for a few seconds. */
	private void flood(int worker, Random random) throws IOException {
		String a = "sfa" + random.nextInt(1_000_000);
		String b = "sfb" + random.nextInt(1_000_000);
		try (Raw sender = login(worker, a); Raw receiver = login(worker, b)) {
			Thread reader = daemon(() -> receiver.drain());
			Thread replies = daemon(() -> sender.drain());
			byte[] line = ("SEND " + b + " " + "f".repeat(4000) + "\n").getBytes(StandardCharsets.US_ASCII);
			long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
			while (System.nanoTime() < until && this.running.get()) {
				sender.write(line);
			}
			reader.interrupt();
			replies.interrupt();
		}
	}

	/** 1,000 pipelined LISTs, unread for 2 s, then read or abandoned (S8). */
	private void unreadLists(int worker, Random random) throws IOException {
		try (Raw client = login(worker, "sl" + random.nextInt(1_000_000))) {
			client.write("LIST\n".repeat(1000).getBytes(StandardCharsets.US_ASCII));
			LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(2));
			if (random.nextBoolean()) {
				client.drainFor(Duration.ofSeconds(2));
			}
		}
	}

	/** A 16 KiB/s reader fed 60 KB messages for 10 s (S5). */
	private void slowReader(int worker, Random random) throws IOException {
		String slow = "ss" + random.nextInt(1_000_000);
		try (Raw reader = login(worker, slow); Raw sender = login(worker, "sw" + random.nextInt(1_000_000))) {
			Thread feeding = daemon(() -> {
				byte[] line = ("SEND " + slow + " " + "s".repeat(60_000) + "\n").getBytes(StandardCharsets.US_ASCII);
				try {
					for (int i = 0; i < 10 && this.running.get(); i++) {
						sender.write(line);
					}
				}
				catch (IOException ex) {
					// the soak is ending
				}
			});
			Thread replies = daemon(() -> sender.drain());
			reader.readPaced(16 * 1024, Duration.ofSeconds(10));
			feeding.interrupt();
			replies.interrupt();
		}
	}

	/** A reader that never reads, fed until it is cut off (S5, S7). */
	private void stuckReader(int worker, Random random) throws IOException {
		String stuck = "sk" + random.nextInt(1_000_000);
		try (Raw never = login(worker, stuck); Raw sender = login(worker, "sx" + random.nextInt(1_000_000))) {
			String line = "SEND " + stuck + " " + "k".repeat(30_000);
			for (int i = 0; i < 100 && this.running.get(); i++) {
				sender.line(line);
				if (!sender.readLine().equals("SEND-OK")) {
					count("stuck-reader.cut-off");
					break;
				}
			}
		}
	}

	/** Random bytes with LFs, in random segments, then a close or a reset. */
	private void garbage(int worker, Random random) throws IOException {
		try (Raw client = connect(worker)) {
			Thread replies = daemon(() -> client.drain());
			if (random.nextBoolean()) {
				client.line("HELLO-FROM sg" + random.nextInt(1_000_000));
			}
			byte[] bytes = new byte[random.nextInt(20_000)];
			random.nextBytes(bytes);
			for (int i = 0; i < bytes.length; i += 997) {
				if (random.nextInt(40) == 0) {
					bytes[i] = '\n';
				}
			}
			client.write(bytes);
			if (random.nextBoolean()) {
				client.reset();
			}
			replies.interrupt();
		}
	}

	/** A UDP client: log in, set faults, LIST, send to itself, GET, RESET, go silent. */
	private void udp(int worker, Random random) throws IOException {
		try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
			socket.setSoTimeout(300);
			String name = "su" + random.nextInt(1_000_000);
			String[] requests = { "HELLO-FROM " + name, "SET DROP 0.2", "SET FLIP 0.001", "SET BURST 0.1",
					"SET BURST-LEN 1 16", "SET DELAY 0.2", "SET DELAY-LEN 0 2", "LIST", "SEND " + name + " hi",
					"SEND " + name + " " + "u".repeat(500), "GET DROP", "SET DROP 7", "RESET" };
			for (String request : requests) {
				byte[] bytes = (request + "\n").getBytes(StandardCharsets.US_ASCII);
				socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), this.udpPort));
				try {
					socket.receive(new DatagramPacket(new byte[4096], 4096));
				}
				catch (SocketTimeoutException ex) {
					count("udp.lost");
				}
			}
		}
	}

	/**
	 * Follows the console's event stream for 5 to 20 s (O9): worker 0 reads it, worker 1
	 * never does, so the server drops it once {@code chat.console.events.queue} events
	 * wait for it.
	 */
	private void events(int worker, Random random) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.httpPort + "/api/events"))
			.header("Authorization", CONSOLE_AUTHORIZATION)
			.build();
		HttpResponse<InputStream> response = this.http.send(request, HttpResponse.BodyHandlers.ofInputStream());
		try (InputStream body = response.body()) {
			if (response.statusCode() != 200) {
				count("events.refused");
				return;
			}
			long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5 + random.nextInt(16));
			byte[] buffer = new byte[8192];
			while (System.nanoTime() < until && this.running.get()) {
				if (worker == 0) {
					if (body.read(buffer) < 0) {
						count("events.ended");
						return;
					}
				}
				else {
					LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
				}
			}
		}
	}

	// ---- the server ------------------------------------------------------------------

	private void startServer() throws Exception {
		this.port = freePort();
		this.udpPort = freePort();
		this.httpPort = freePort();
		List<String> command = new ArrayList<>(List.of(javaBin(), "-Xmx" + this.options.heap(), "-jar",
				this.options.jar().toAbsolutePath().toString(), "--chat.address=127.0.0.1", "--chat.port=" + this.port,
				"--server.port=" + this.httpPort, "--chat.console.enabled=true", "--spring.security.user.name=soak",
				"--spring.security.user.password=soak-password", "--chat.udp.enabled=true",
				"--chat.udp.port=" + this.udpPort, "--chat.per-address.exempt=127.0.0.0/8", "--chat.max-clients=2000",
				"--chat.max-connections=4000", "--chat.flood.rate=0", "--chat.udp.idle-timeout=15s",
				"--logging.level.io.github.chatlab=WARN"));
		command.addAll(this.options.serverArgs());
		System.out.println("SOAK server: " + String.join(" ", command));
		this.server = new ProcessBuilder(command).redirectErrorStream(true).start();
		this.pid = this.server.pid();
		Thread output = daemon(() -> {
			try (InputStream in = this.server.getInputStream()) {
				byte[] buffer = new byte[8192];
				int n;
				while ((n = in.read(buffer)) >= 0) {
					if (this.log.length() < 4_000_000) {
						this.log.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
					}
				}
			}
			catch (IOException ex) {
				// the server ended
			}
		});
		output.setName("soak-server-log");
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
		while (!this.log.toString().contains("Server is on")) {
			if (!this.server.isAlive() || System.nanoTime() > deadline) {
				throw new IllegalStateException("The server did not start:\n" + this.log);
			}
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
		}
		// the HTTP side (the console's event stream) starts after Server is on
		HttpRequest health = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.httpPort + "/actuator/health"))
			.build();
		while (!answers(health)) {
			if (!this.server.isAlive() || System.nanoTime() > deadline) {
				throw new IllegalStateException("The server's HTTP side did not start:\n" + this.log);
			}
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
		}
	}

	private boolean answers(HttpRequest request) throws InterruptedException {
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private void stopServer() throws IOException {
		this.server.destroy();
		try {
			if (!this.server.waitFor(30, TimeUnit.SECONDS)) {
				this.server.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.server.destroyForcibly();
		}
		Path folder = Path.of("target");
		if (Files.isDirectory(folder)) {
			Files.writeString(folder.resolve("soak-server.log"), this.log);
		}
	}

	/**
	 * After the load: every soak name free (L7), checked with a {@code LIST} of our own,
	 * waiting up to the write time-out's two rounds and the login time-out.
	 */
	private void settle(List<String> failures) throws IOException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		String list = "";
		while (System.nanoTime() < deadline) {
			try (Raw probe = connect(0)) {
				probe.line("HELLO-FROM soakprobe");
				probe.expect("HELLO soakprobe");
				probe.line("LIST");
				list = probe.readLine();
			}
			if (Stream.of(list.substring("LIST-OK ".length()).split(","))
				.noneMatch((name) -> name.startsWith("s") && !name.equals("soakprobe"))) {
				return;
			}
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(500));
		}
		failures.add("names still logged in a minute after the load stopped: " + list);
	}

	private Sample sample(double seconds) throws IOException, InterruptedException {
		Path proc = Path.of("/proc", Long.toString(this.pid));
		String status = Files.readString(proc.resolve("status"));
		long fds;
		try (Stream<Path> list = Files.list(proc.resolve("fd"))) {
			fds = list.count();
		}
		return new Sample(seconds, liveHeap(), statusField(status, "Threads"), fds,
				statusField(status, "VmRSS") * 1024);
	}

	private long liveHeap() throws IOException, InterruptedException {
		Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
				Long.toString(this.pid), "GC.class_histogram")
			.redirectErrorStream(true)
			.start();
		String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		jcmd.waitFor();
		Matcher total = HISTOGRAM_TOTAL.matcher(out);
		return total.find() ? Long.parseLong(total.group(1)) : -1;
	}

	private static long statusField(String status, String field) {
		Matcher matcher = Pattern.compile("(?m)^" + field + ":\\s+(\\d+)").matcher(status);
		return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
	}

	private Raw connect(int worker) throws IOException {
		String source = "127.0.0." + (2 + worker % 50);
		Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port, InetAddress.getByName(source), 0);
		return new Raw(socket);
	}

	private Raw login(int worker, String name) throws IOException {
		Raw client = connect(worker);
		client.line("HELLO-FROM " + name);
		client.expect("HELLO " + name);
		return client;
	}

	private static Thread daemon(Runnable runnable) {
		Thread thread = new Thread(runnable, "soak-helper");
		thread.setDaemon(true);
		thread.start();
		return thread;
	}

	private static String javaBin() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	// ---- values ----------------------------------------------------------------------

	/** One reading of the server process. */
	public record Sample(double seconds, long liveHeapBytes, long threads, long descriptors, long rssBytes) {

		static final String HEADER = String.format(Locale.ROOT, "%8s %12s %8s %8s %10s", "seconds", "live-heap-MB",
				"threads", "fds", "rss-MB");

		double value(int series) {
			return switch (series) {
				case 0 -> this.liveHeapBytes / 1e6;
				case 1 -> this.threads;
				case 2 -> this.descriptors;
				default -> this.rssBytes / 1e6;
			};
		}

		@Override
		public String toString() {
			return String.format(Locale.ROOT, "%8.0f %12.1f %8d %8d %10.1f", this.seconds, this.liveHeapBytes / 1e6,
					this.threads, this.descriptors, this.rssBytes / 1e6);
		}

	}

	/** The samples, the verdict, and the figures to print. */
	public record Result(Sample first, List<Sample> samples, Sample after, Map<String, Long> counts,
			List<String> failures, Options options) {

		/**
		 * Per series: a tolerance per minute of slope and of end over start. Live heap 2
		 * MB, threads 20, descriptors 20, RSS 20 MB: a leak of one connection's thread or
		 * buffers per few seconds shows in any of them over 30 minutes.
		 */
		static final String[] SERIES = { "live-heap-MB", "threads", "fds", "rss-MB" };

		static final double[] TOLERANCE = { 2, 20, 20, 20 };

		/**
		 * Samples before this are the warm-up: the JIT, the thread pool and buffers grow.
		 */
		static final double WARMUP_SECONDS = 30;

		/**
		 * Slopes are judged only over a steady part this long: in a one-minute run
		 * ({@code SoakIT}) the open connections still climb with the load, so only the
		 * end state is bounded there.
		 */
		static final double SLOPE_SPAN_SECONDS = 300;

		void judge() {
			judgeSlopes(steady());
			judgeEndState();
		}

		private void judgeSlopes(List<Sample> steady) {
			if (steady.size() < 4
					|| steady.get(steady.size() - 1).seconds() - steady.get(0).seconds() < SLOPE_SPAN_SECONDS) {
				return;
			}
			List<Sample> secondHalf = steady.subList(steady.size() / 2, steady.size());
			for (int s = 0; s < SERIES.length; s++) {
				double start = mean(steady.subList(0, 2), s);
				double end = mean(steady.subList(steady.size() - 2, steady.size()), s);
				double slope = slopePerMinute(secondHalf, s);
				if (slope > TOLERANCE[s] && end - start > TOLERANCE[s]) {
					this.failures.add(String.format(Locale.ROOT, "%s keeps growing: %.1f to %.1f, %.2f/min", SERIES[s],
							start, end, slope));
				}
			}
		}

		private void judgeEndState() {
			// back near the start once the load stopped: the pool may keep 256 idle
			// readers
			if (this.after.threads() > this.first.threads() + 256 + 20) {
				this.failures
					.add("threads after the load: " + this.after.threads() + ", at start " + this.first.threads());
			}
			if (this.after.descriptors() > this.first.descriptors() + 20) {
				this.failures.add("descriptors after the load: " + this.after.descriptors() + ", at start "
						+ this.first.descriptors());
			}
		}

		List<Sample> steady() {
			return this.samples.stream().filter((sample) -> sample.seconds() >= WARMUP_SECONDS).toList();
		}

		public String report() {
			StringBuilder text = new StringBuilder();
			List<Sample> steady = steady().isEmpty() ? this.samples : steady();
			text.append(String.format(Locale.ROOT, "%nSOAK %s, %d samples, seed %d; work done: %s%n",
					this.options.duration(), this.samples.size(), this.options.seed(), this.counts));
			text.append(String.format(Locale.ROOT, "%-14s %10s %10s %10s %10s %14s%n", "series", "at start", "warmed",
					"end", "after", "slope/min (2nd half)"));
			for (int s = 0; s < SERIES.length; s++) {
				int series = s;
				text.append(String.format(Locale.ROOT, "%-14s %10.1f %10.1f %10.1f %10.1f %10.2f (%.2f)%n", SERIES[s],
						this.first.value(s), steady.get(0).value(s), steady.get(steady.size() - 1).value(s),
						this.after.value(s), slopePerMinute(steady, series),
						slopePerMinute(steady.subList(steady.size() / 2, steady.size()), series)));
			}
			text.append(this.failures.isEmpty() ? "SOAK ok\n" : "SOAK FAILED: " + this.failures + "\n");
			return text.toString();
		}

		private static double mean(List<Sample> samples, int series) {
			return samples.stream().mapToDouble((sample) -> sample.value(series)).average().orElse(0);
		}

		/** Least-squares slope, per minute. */
		static double slopePerMinute(List<Sample> samples, int series) {
			int n = samples.size();
			if (n < 2) {
				return 0;
			}
			double mx = samples.stream().mapToDouble(Sample::seconds).average().orElse(0);
			double my = mean(samples, series);
			double sxy = 0;
			double sxx = 0;
			for (Sample sample : samples) {
				sxy += (sample.seconds() - mx) * (sample.value(series) - my);
				sxx += (sample.seconds() - mx) * (sample.seconds() - mx);
			}
			return (sxx == 0) ? 0 : sxy / sxx * 60;
		}

	}

	/**
	 * {@code --minutes=N} (or {@code --seconds=N}), {@code --jar}, {@code --heap},
	 * {@code --seed}.
	 */
	public record Options(Duration duration, Path jar, String heap, long seed, Duration sampleEvery,
			List<String> serverArgs) {

		static Options parse(String[] args) {
			Duration duration = Duration.ofMinutes(5);
			Path jar = Path.of("target", "chat-server.jar");
			String heap = "256m";
			long seed = 1;
			Duration every = Duration.ofSeconds(10);
			List<String> serverArgs = new ArrayList<>();
			for (String arg : args) {
				String value = arg.substring(arg.indexOf('=') + 1);
				if (arg.startsWith("--minutes=")) {
					duration = Duration.ofMinutes(Long.parseLong(value));
				}
				else if (arg.startsWith("--seconds=")) {
					duration = Duration.ofSeconds(Long.parseLong(value));
				}
				else if (arg.startsWith("--jar=")) {
					jar = Path.of(value);
				}
				else if (arg.startsWith("--heap=")) {
					heap = value;
				}
				else if (arg.startsWith("--seed=")) {
					seed = Long.parseLong(value);
				}
				else if (arg.startsWith("--sample-seconds=")) {
					every = Duration.ofSeconds(Long.parseLong(value));
				}
				else if (arg.startsWith("--server=")) {
					serverArgs.add(value);
				}
				else {
					throw new IllegalArgumentException("unknown option " + arg
							+ " (--minutes --seconds --jar --heap --seed --sample-seconds --server=--chat.x=y)");
				}
			}
			return new Options(duration, jar, heap, seed, every, serverArgs);
		}

	}

	/** A blocking client with a read time-out, for the workloads. */
	private static final class Raw implements AutoCloseable {

		private final Socket socket;

		private final InputStream in;

		private final OutputStream out;

		Raw(Socket socket) throws IOException {
			this.socket = socket;
			socket.setTcpNoDelay(true);
			socket.setSoTimeout(15_000);
			this.in = new java.io.BufferedInputStream(socket.getInputStream());
			this.out = socket.getOutputStream();
		}

		void line(String text) throws IOException {
			write((text + "\n").getBytes(StandardCharsets.UTF_8));
		}

		void write(byte[] bytes) throws IOException {
			this.out.write(bytes);
			this.out.flush();
		}

		String readLine() throws IOException {
			StringBuilder line = new StringBuilder();
			int b;
			while ((b = this.in.read()) >= 0 && b != '\n') {
				line.append((char) b);
			}
			if (b < 0) {
				throw new IOException("closed");
			}
			return line.toString();
		}

		void expect(String line) throws IOException {
			String got = readLine();
			if (!got.equals(line)) {
				throw new IOException("expected " + line + ", got " + got);
			}
		}

		void drain() {
			byte[] buffer = new byte[65536];
			try {
				while (this.in.read(buffer) >= 0) {
					// discard
				}
			}
			catch (IOException ex) {
				// closed
			}
		}

		void drainFor(Duration duration) throws IOException {
			long until = System.nanoTime() + duration.toNanos();
			byte[] buffer = new byte[65536];
			this.socket.setSoTimeout(200);
			while (System.nanoTime() < until) {
				try {
					if (this.in.read(buffer) < 0) {
						return;
					}
				}
				catch (SocketTimeoutException ex) {
					// keep going until the time is up
				}
			}
		}

		void readPaced(int bytesPerSecond, Duration duration) throws IOException {
			byte[] buffer = new byte[1024];
			long start = System.nanoTime();
			long read = 0;
			while (System.nanoTime() - start < duration.toNanos()) {
				int n = this.in.read(buffer);
				if (n < 0) {
					throw new IOException("a 16 KiB/s reader was cut off after " + read + " bytes");
				}
				read += n;
				LockSupport.parkNanos(start + read * 1_000_000_000L / bytesPerSecond - System.nanoTime());
			}
		}

		void reset() throws IOException {
			this.socket.setSoLinger(true, 0);
			this.socket.close();
		}

		@Override
		public void close() {
			try {
				this.socket.close();
			}
			catch (IOException ex) {
				// closing anyway
			}
		}

	}

}
