package io.github.chatlab.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.util.FileSystemUtils;

import io.github.chatlab.server.support.Processes;
import io.github.chatlab.server.support.TestClient;

import static io.github.chatlab.server.support.Processes.freePort;
import static io.github.chatlab.server.support.Processes.drain;
import static io.github.chatlab.server.support.Processes.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * R2, R3, R5 and the lab launcher, on the packaged jar in a real process: what a user
 * sees on standard output and standard error, exit statuses, and signals. Runs in the
 * integration-test phase, after the jar is built.
 */
class ProcessIT {

	private static final Path JAR = Path.of("target", "chat-server.jar");

	private static final Path PROJECT = Path.of("").toAbsolutePath();

	private static final Path LAUNCHER = PROJECT.resolve("lab").resolve("server.py");

	private final List<Process> processes = new ArrayList<>();

	@AfterEach
	void killLeftovers() {
		this.processes.forEach(Process::destroyForcibly);
	}

	@Test
	void r2_serverIsOnIsPrintedOnceTheSocketAcceptsConnections() throws Exception {
		int port = freePort();
		Process server = start(javaJar("--port", String.valueOf(port), "--server.port=0"));
		awaitServerIsOn(server);
		try (TestClient client = TestClient.login(port, "first")) {
			client.send("LIST").expectLine("LIST-OK first");
		}
	}

	@Test
	void r2_aPortInUseIsAOneLineErrorAndANonZeroExit() throws Exception {
		try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
			assertThat(failedStartErrors(javaJar("--port", String.valueOf(taken.getLocalPort()), "--server.port=0")))
				.containsExactly(
						"chat-server: cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": Address already in use");
		}
	}

	@Test
	void r2_anHttpPortInUseIsAOneLineErrorAndANonZeroExitToo() throws Exception {
		try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
			assertThat(failedStartErrors(
					javaJar("--port", String.valueOf(freePort()), "--server.port=" + taken.getLocalPort())))
				.containsExactly("chat-server: cannot start: the HTTP port " + taken.getLocalPort()
						+ " is already in use (server.port; --server.port=0 picks a free one)");
		}
	}

	/**
	 * The HTTP side starts after {@code Server is on}; from its very first answer it asks
	 * for credentials and its health reports the chat listener (R2, R5). Polled from the
	 * moment the process starts.
	 */
	@Test
	void r5_theHttpSideAnswersOnlyWithItsSecurityAndTheListenersHealthFromItsFirstAnswer() throws Exception {
		int port = freePort();
		int httpPort = freePort();
		Process server = start(javaJar("--port", String.valueOf(port), "--server.port=" + httpPort));
		StringBuffer out = new StringBuffer();
		CompletableFuture.runAsync(() -> drain(server.getInputStream(), out));
		readAll(server.getErrorStream());
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		URI chat = URI.create("http://127.0.0.1:" + httpPort + "/actuator/chat");
		AtomicReference<HttpResponse<String>> first = new AtomicReference<>();
		await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(5)).until(() -> {
			assertThat(server.isAlive()).as("the server runs").isTrue();
			try {
				first.set(client.send(HttpRequest.newBuilder(chat).build(), HttpResponse.BodyHandlers.ofString()));
				return true;
			}
			catch (java.net.ConnectException ex) {
				return false;
			}
		});
		assertThat(first.get().statusCode()).isEqualTo(401);
		assertThat(first.get().body()).doesNotContain("usersOnline");
		HttpResponse<String> health = client.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/actuator/health")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(health.body()).contains("\"chatListener\":{").contains("\"port\":" + port);
		try (TestClient chatClient = TestClient.login(port, "checker")) {
			chatClient.send("LIST").expectLine("LIST-OK checker");
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> out.toString().contains("Operator HTTP on"));
		stop(server);
		List<String> lines = out.toString().lines().toList();
		assertThat(lines).contains("Server is on");
		assertThat(lines.indexOf("Server is on")).isLessThan(indexOf(lines, "Tomcat initialized with port " + httpPort))
			.isLessThan(indexOf(lines, "Operator HTTP on http://127.0.0.1:" + httpPort + "/actuator"));
	}

	private static int indexOf(List<String> lines, String part) {
		for (int i = 0; i < lines.size(); i++) {
			if (lines.get(i).contains(part)) {
				return i;
			}
		}
		throw new AssertionError("no line with " + part + " in " + lines);
	}

	@Test
	void r2_aBadAddressIsAOneLineErrorAndANonZeroExit() throws Exception {
		assertThat(failedStartErrors(javaJar("--address", "256.0.0.1", "--port", "0", "--server.port=0")))
			.singleElement()
			.asString()
			.startsWith("chat-server: cannot listen on 256.0.0.1:0: ");
	}

	/**
	 * Starts a server that must fail: it exits non-zero without {@code Server is on}.
	 * @return its standard error lines that speak for the server ({@code chat-server: …})
	 */
	private List<String> failedStartErrors(ProcessBuilder builder) throws Exception {
		Process server = start(builder);
		CompletableFuture<String> out = readAll(server.getInputStream());
		CompletableFuture<String> err = readAll(server.getErrorStream());
		assertThat(server.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(server.exitValue()).isNotZero();
		assertThat(out.get()).doesNotContain("Server is on");
		return err.get().lines().filter(line -> line.startsWith("chat-server:")).toList();
	}

	/**
	 * Starts a server that must fail: it exits non-zero without {@code Server is on}.
	 * @return every line of its standard error
	 */
	private List<String> standardErrorOfAFailedStart(ProcessBuilder builder) throws Exception {
		Process server = start(builder);
		CompletableFuture<String> out = readAll(server.getInputStream());
		CompletableFuture<String> err = readAll(server.getErrorStream());
		assertThat(server.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(server.exitValue()).isNotZero();
		assertThat(out.get()).doesNotContain("Server is on");
		return err.get().lines().toList();
	}

	@Test
	void r3_sigtermClosesEveryConnectionAndExitsZeroWithinFiveSeconds() throws Exception {
		int port = freePort();
		Process server = start(javaJar("--port", String.valueOf(port), "--server.port=0"));
		awaitServerIsOn(server);
		try (TestClient client = TestClient.login(port, "stayer")) {
			long start = System.nanoTime();
			// SIGTERM
			server.destroy();
			client.expectDisconnected();
			assertThat(server.waitFor(5, TimeUnit.SECONDS)).isTrue();
			assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5000);
			assertThat(server.exitValue()).isZero();
		}
	}

	@Test
	void labLauncherStartsTheServerWithTheLabsArgumentsFromAnotherFolderAndThroughASymlink(
			@org.junit.jupiter.api.io.TempDir Path elsewhere) throws Exception {
		Path link = elsewhere.resolve("server.py");
		Files.createSymbolicLink(link, Path.of("lab", "server.py").toAbsolutePath());
		int port = freePort();
		ProcessBuilder builder = new ProcessBuilder("python3", "server.py", "--address", "127.0.0.1", "--port",
				String.valueOf(port), "--server.port=0")
			.directory(elsewhere.toFile());
		Process server = start(builder);
		awaitServerIsOn(server);
		try (TestClient client = TestClient.login(port, "student")) {
			client.send("LIST").expectLine("LIST-OK student");
			client.send("SEND student hi").expectLine("DELIVERY student hi").expectLine("SEND-OK");
		}
		server.destroy();
		// exec: the python process is the server
		assertThat(server.waitFor(10, TimeUnit.SECONDS)).isTrue();
		assertThat(server.exitValue()).isZero();
		assertThat(Files.readString(Path.of("lab", "server.py"))).doesNotContain("sen" + "dall");
	}

	@Test
	void labLauncherCopiedIntoAnotherFolderFindsTheProjectTheBuildRecorded(@TempDir Path elsewhere,
			@TempDir Path config, @TempDir Path emptyConfig) throws Exception {
		Path copy = Files.copy(Path.of("lab", "server.py"), elsewhere.resolve("server.py"));
		// the package step that notes where the project is, into a configuration folder
		// of this test's own
		Path folder = newestAppFolder();
		assertThat(run(java(), Map.of("XDG_CONFIG_HOME", config.toString()), "-cp",
				folder.resolve("chat-server.jar").toString(), "io.github.chatlab.server.buildtools.RunFolders",
				recordedJar(folder), PROJECT.toString()))
			.isZero();
		int port = freePort();
		Process server = start(launcher(copy, Map.of("XDG_CONFIG_HOME", config.toString()), "--address", "127.0.0.1",
				"--port", String.valueOf(port)));
		awaitServerIsOn(server);
		try (TestClient client = TestClient.login(port, "copied")) {
			client.send("LIST").expectLine("LIST-OK copied");
		}
		stop(server);
		// CHAT_SERVER_HOME says where the project is without any record
		server = start(launcher(copy,
				Map.of("XDG_CONFIG_HOME", emptyConfig.toString(), "CHAT_SERVER_HOME", PROJECT.toString()), "--address",
				"127.0.0.1", "--port", String.valueOf(port)));
		awaitServerIsOn(server);
		try (TestClient client = TestClient.login(port, "pointed")) {
			client.send("LIST").expectLine("LIST-OK pointed");
		}
	}

	@Test
	void aCopiedLabLauncherThatCannotFindTheProjectSaysHowInOneLine(@TempDir Path elsewhere, @TempDir Path config)
			throws Exception {
		Path copy = Files.copy(Path.of("lab", "server.py"), elsewhere.resolve("server.py"));
		assertThat(standardErrorOfAFailedStart(
				launcher(copy, Map.of("XDG_CONFIG_HOME", config.toString()), "--address", "127.0.0.1", "--port", "0")))
			.singleElement()
			.asString()
			.startsWith("server.py: cannot find the chat-server project: run ./mvnw package in it once")
			.contains(config.resolve("chat-server").resolve("project").toString(), "CHAT_SERVER_HOME");
	}

	@Test
	void aRebuildLeavesTheFilesOfARunningServerAlone(@TempDir Path config) throws Exception {
		int port = freePort();
		Process server = start(launcher(LAUNCHER, Map.of(), "--port", String.valueOf(port)));
		awaitServerIsOn(server);
		Path running = Path.of(jarOf(server)).getParent();
		List<String> runningFiles = describeFiles(running);
		Path app = running.getParent();
		Path abandoned = Files.createDirectories(app.resolve("20000101-000000"));
		Files.writeString(abandoned.resolve(".lock"), "");
		Files.writeString(abandoned.resolve("ready"), "jar=" + abandoned.resolve("chat-server.jar"));
		// the package step again: extract the jar into a folder of the new build, then
		// publish that folder, which removes the older ones that no server holds
		Path rebuilt = app.resolve(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
			.withZone(ZoneOffset.UTC)
			.format(Instant.now().plusSeconds(1)));
		try {
			assertThat(run(java(), Map.of(), "-Djarmode=tools", "-jar", JAR.toAbsolutePath().toString(), "extract",
					"--force", "--destination", rebuilt.toString()))
				.isZero();
			assertThat(run(java(), Map.of("XDG_CONFIG_HOME", config.toString()), "-cp",
					rebuilt.resolve("chat-server.jar").toString(), "io.github.chatlab.server.buildtools.RunFolders",
					rebuilt.resolve("chat-server.jar").toString(), PROJECT.toString()))
				.isZero();
			assertThat(abandoned).doesNotExist();
			// rewriting a jar in place under a running server is what broke it: the next
			// class it loaded failed (NoClassDefFoundError) and its clients hung
			assertThat(describeFiles(running)).isEqualTo(runningFiles);
			// the classes of a connection are loaded at the first connection, from the
			// running folder's jars
			try (TestClient alice = TestClient.login(port, "alice"); TestClient bob = TestClient.login(port, "bob")) {
				alice.send("LIST").expectLine("LIST-OK alice,bob");
				alice.send("SEND bob still here").expectLine("SEND-OK");
				bob.expectLine("DELIVERY alice still here");
			}
		}
		finally {
			// later tests run from the build's own folder, with its archive
			FileSystemUtils.deleteRecursively(rebuilt);
		}
	}

	@Test
	void labLauncherRunsOnTheNewestJdkUnlessJavaHomeNamesOne() throws Exception {
		Path newest = newestJavaHome();
		org.junit.jupiter.api.Assumptions.assumeTrue(newest != null, "no Java 21+ in /usr/lib/jvm");
		Map<String, String> noJavaHome = new HashMap<>();
		noJavaHome.put("JAVA_HOME", null);
		Process server = start(launcher(LAUNCHER, noJavaHome, "--port", String.valueOf(freePort())));
		awaitServerIsOn(server);
		assertThat(Path.of(server.info().command().orElseThrow()).toRealPath())
			.isEqualTo(newest.resolve("bin").resolve("java").toRealPath());
		stop(server);
		Path home = Path.of(System.getProperty("java.home"));
		server = start(launcher(LAUNCHER, Map.of("JAVA_HOME", home.toString()), "--port", String.valueOf(freePort())));
		awaitServerIsOn(server);
		assertThat(Path.of(server.info().command().orElseThrow()).toRealPath())
			.isEqualTo(home.resolve("bin").resolve("java").toRealPath());
	}

	@Test
	void labLauncherStartsFromTheArchiveTheBuildRecordedForItsJdk() throws Exception {
		// -Xshare:on stops the JVM when it cannot use the archive, which it otherwise
		// ignores without a word
		Process server = start(launcher(LAUNCHER,
				Map.of("JAVA_HOME", System.getProperty("java.home"), "CHAT_SERVER_JAVA_OPTIONS", "-Xshare:on"),
				"--port", String.valueOf(freePort())));
		awaitServerIsOn(server);
		assertThat(server.info().arguments().orElseThrow()).anyMatch((arg) -> arg.startsWith("-XX:SharedArchiveFile="));
	}

	@Test
	void onJava25OrLaterLabLauncherRecordsAnAheadOfTimeCacheAndStartsFromIt() throws Exception {
		Path newest = newestJavaHome();
		org.junit.jupiter.api.Assumptions.assumeTrue(newest != null && feature(newest) >= 25, "no Java 25+");
		Map<String, String> onNewest = Map.of("JAVA_HOME", newest.toString());
		Process first = start(launcher(LAUNCHER, Map.of("JAVA_HOME", newest.toString(), "CHAT_SERVER_TRAINING", "on"),
				"--port", String.valueOf(freePort())));
		awaitServerIsOn(first);
		Path folder = Path.of(jarOf(first)).getParent();
		stop(first);
		Path cache = folder.resolve("chat-server-" + release(newest).getProperty("JAVA_RUNTIME_VERSION") + ".aot");
		org.awaitility.Awaitility.await()
			.atMost(java.time.Duration.ofMinutes(5))
			.until(() -> Files.exists(cache) || Files.exists(Path.of(cache + ".failed")));
		assertThat(cache).exists();
		// -XX:AOTMode=on stops the JVM when it cannot use the cache
		Map<String, String> strict = new HashMap<>(onNewest);
		strict.put("CHAT_SERVER_JAVA_OPTIONS", "-XX:AOTMode=on");
		int port = freePort();
		Process server = start(launcher(LAUNCHER, strict, "--port", String.valueOf(port)));
		awaitServerIsOn(server);
		assertThat(server.info().arguments().orElseThrow()).contains("-XX:AOTCache=" + cache);
		try (TestClient client = TestClient.login(port, "cached")) {
			client.send("LIST").expectLine("LIST-OK cached");
		}
	}

	@Test
	void r2_throughTheLaunchersFastStartAnUnknownOrInvalidSettingIsOneLineOnStandardError() throws Exception {
		assertThat(standardErrorOfAFailedStart(launcher(LAUNCHER, Map.of(), "--port", "0", "--chat.max-clinets", "5")))
			.containsExactly("chat-server: cannot start: unknown setting chat.max-clinets (command line, "
					+ "did you mean chat.max-clients?)");
		assertThat(standardErrorOfAFailedStart(launcher(LAUNCHER, Map.of("CHAT_MAX_CLINETS", "5"), "--port", "0")))
			.containsExactly("chat-server: cannot start: unknown setting CHAT_MAX_CLINETS (environment variable, "
					+ "did you mean CHAT_MAX_CLIENTS?)");
		assertThat(standardErrorOfAFailedStart(launcher(LAUNCHER, Map.of(), "--port", "0", "--chat.keepalive.count=0")))
			.containsExactly("chat-server: cannot start: chat.keepalive.count=0: must be greater than or equal to 1");
	}

	@Test
	void labLauncherWithTheLabHostProfileHasTheBots() throws Exception {
		// the launcher's ahead-of-time processed start-up must still honour a profile's
		// settings
		int port = freePort();
		Process server = start(new ProcessBuilder("python3", "lab/server.py", "--spring.profiles.active=lab-host",
				"--address", "127.0.0.1", "--port", String.valueOf(port), "--server.port=0", "--chat.udp.port=0"));
		awaitServerIsOn(server);
		try (TestClient client = TestClient.login(port, "student")) {
			client.send("LIST")
				.expectLine("LIST-OK echobot,delaybot,burstbot,splitbot,bigbot,chattybot,teaching-team,student");
			client.send("SEND echobot ping").expectLine("SEND-OK").expectLine("DELIVERY echobot ping");
		}
		try (TestClient impostor = TestClient.connect(port)) {
			// L2: lab-host makes look-alike names one name, a Cyrillic е included
			impostor.send("HELLO-FROM \u0435chobot").expectLine("IN-USE");
		}
	}

	@Test
	void runningOutOfFileDescriptorsDoesNotStopTheListener() throws Exception {
		// 200 descriptors for the whole JVM, and more clients than that: accept fails
		// with "Too many open
		// files" for a while, and must pick up again once clients leave
		int port = freePort();
		Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
		Process server = start(new ProcessBuilder("bash", "-c", "ulimit -n 200 && exec \"$0\" \"$@\"",
				javaBin.toString(), "-jar", JAR.toAbsolutePath().toString(), "--port", String.valueOf(port),
				"--server.port=0", "--chat.max-connections=1000"));
		StringBuffer log = awaitServerIsOn(server);
		List<java.net.Socket> flood = new ArrayList<>();
		try {
			for (int i = 0; i < 300; i++) {
				// the kernel completes them from the backlog
				flood.add(new java.net.Socket("127.0.0.1", port));
			}
			org.awaitility.Awaitility.await()
				.atMost(java.time.Duration.ofSeconds(30))
				.until(() -> log.indexOf("Cannot accept: Too many open files") >= 0);
		}
		finally {
			for (java.net.Socket socket : flood) {
				socket.close();
			}
		}
		try (TestClient survivor = TestClient.login(port, "survivor")) {
			survivor.send("LIST").expectLine("LIST-OK survivor");
		}
		assertThat(log.toString()).doesNotContain("The chat listener stopped");
	}

	@Test
	void onJava21OrLaterConnectionsAreReadByVirtualThreads() throws Exception {
		Path java = newerJava();
		org.junit.jupiter.api.Assumptions.assumeTrue(java != null, "no Java 21+ in /usr/lib/jvm");
		int port = freePort();
		Process server = start(new ProcessBuilder(java.toString(), "-jar", JAR.toAbsolutePath().toString(), "--port",
				String.valueOf(port), "--server.port=0", "--chat.max-clients=200"));
		awaitServerIsOn(server);
		List<TestClient> clients = new ArrayList<>();
		try {
			for (int i = 0; i < 100; i++) {
				clients.add(TestClient.login(port, "v" + i));
			}
			clients.get(0).send("SEND v99 over a virtual thread").expectLine("SEND-OK");
			clients.get(99).expectLine("DELIVERY v0 over a virtual thread");
			server.destroy();
			clients.get(1).expectDisconnected();
			assertThat(server.waitFor(5, TimeUnit.SECONDS)).isTrue();
			assertThat(server.exitValue()).isZero();
		}
		finally {
			for (TestClient client : clients) {
				client.close();
			}
		}
	}

	@Test
	void r5_theLaunchersFastStartAsksForTheGeneratedPasswordItLoggedOnce() throws Exception {
		Process server = start(new ProcessBuilder("python3", "lab/server.py", "--port", String.valueOf(freePort())));
		Startup startup = awaitOperatorLine(server);
		List<String> generated = startup.lines()
			.stream()
			.filter(line -> line.startsWith("Using generated security password: "))
			.toList();
		assertThat(generated).hasSize(1);
		String password = generated.get(0).substring("Using generated security password: ".length());
		assertThat(startup.operatorLine()).endsWith("/actuator (health is open; the rest needs user \"user\" with "
				+ "the generated password logged above)");
		assertThat(status(startup.actuator("/chat"), null)).isEqualTo(401);
		assertThat(status(startup.actuator("/prometheus"), basic("user", password + "x"))).isEqualTo(401);
		assertThat(status(startup.actuator("/chat"), basic("user", password))).isEqualTo(200);
		assertThat(status(startup.actuator("/prometheus"), basic("user", password))).isEqualTo(200);
		assertThat(status(startup.actuator("/health/readiness"), null)).isEqualTo(200);
	}

	@Test
	void r5_aPasswordFromTheEnvironmentIsEnforcedAndNeverPrinted() throws Exception {
		String password = "operators-own-" + System.nanoTime();
		ProcessBuilder builder = new ProcessBuilder("python3", "lab/server.py", "--port", String.valueOf(freePort()),
				"--spring.security.user.name=admin");
		builder.environment().put("SPRING_SECURITY_USER_PASSWORD", password);
		Process server = start(builder);
		Startup startup = awaitOperatorLine(server);
		assertThat(startup.operatorLine()).endsWith("/actuator (health is open; the rest needs user \"admin\" with "
				+ "the password set in spring.security.user.password)");
		URI kick = startup.actuator("/chat/nobody");
		assertThat(status(kick, "DELETE", null)).isEqualTo(401);
		assertThat(status(kick, "DELETE", basic("admin", password))).isIn(204, 404);
		assertThat(status(startup.actuator("/info"), basic("user", password))).isEqualTo(401);
		server.destroy();
		assertThat(server.waitFor(10, TimeUnit.SECONDS)).isTrue();
		String everything = String.join("\n", startup.lines()) + startup.rest().get() + startup.errors().get();
		assertThat(everything).doesNotContain(password).doesNotContain("Using generated security password");
	}

	/**
	 * What a server printed up to the operator's line, which comes after {@code Server is
	 * on}, and the rest of its output once it ends.
	 */
	private record Startup(List<String> lines, CompletableFuture<String> rest, CompletableFuture<String> errors) {

		String operatorLine() {
			return this.lines.get(this.lines.size() - 1);
		}

		URI actuator(String path) {
			Matcher url = Pattern.compile("^Operator HTTP on (http://\\S+) ").matcher(operatorLine());
			assertThat(url.find()).as(operatorLine()).isTrue();
			return URI.create(url.group(1) + path);
		}

	}

	private static Startup awaitOperatorLine(Process server) throws Exception {
		BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
		List<String> lines = new ArrayList<>();
		CompletableFuture<Boolean> found = CompletableFuture.supplyAsync(() -> {
			try {
				String line;
				while ((line = out.readLine()) != null) {
					lines.add(line);
					if (line.startsWith("Operator HTTP on ")) {
						return true;
					}
				}
				return false;
			}
			catch (IOException ex) {
				return false;
			}
		});
		CompletableFuture<String> errors = readAll(server.getErrorStream());
		assertThat(found.get(90, TimeUnit.SECONDS)).as("the operator's line").isTrue();
		assertThat(lines).contains("Server is on");
		assertThat(lines.indexOf("Server is on")).isLessThan(lines.size() - 1);
		if (Files.isRegularFile(Path.of("target", "app", "chat-server.jsa"))) {
			assertThat(lines).anyMatch(line -> line.contains("Starting AOT-processed ChatServerApplication"));
		}
		CompletableFuture<String> rest = CompletableFuture.supplyAsync(() -> {
			StringBuffer into = new StringBuffer();
			drain(out, into);
			return into.toString();
		});
		return new Startup(List.copyOf(lines), rest, errors);
	}

	private static int status(URI uri, String authorization) throws Exception {
		return status(uri, "GET", authorization);
	}

	private static int status(URI uri, String method, String authorization) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody());
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
	}

	private static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * A JDK of version 21 or later beside the default one, as this workplace's machines
	 * have.
	 */
	private static Path newerJava() throws IOException {
		Path jvms = Path.of("/usr/lib/jvm");
		if (!Files.isDirectory(jvms)) {
			return null;
		}
		try (var dirs = Files.list(jvms)) {
			return dirs.map(dir -> dir.resolve("bin").resolve("java"))
				.filter(Files::isExecutable)
				.filter(java -> java.toString().matches(".*-(2[1-9]|[3-9][0-9])[^/]*/bin/java"))
				.findFirst()
				.orElse(null);
		}
	}

	/**
	 * {@code python3 <launcher> <args>} from the launcher's folder, as the lab runs it.
	 * @param environment changes to the environment; a {@code null} value removes the
	 * variable
	 */
	private static ProcessBuilder launcher(Path launcher, Map<String, String> environment, String... args) {
		List<String> command = new ArrayList<>(List.of("python3", launcher.getFileName().toString()));
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command).directory(launcher.toAbsolutePath().getParent().toFile());
		environment.forEach((name, value) -> {
			if (value == null) {
				builder.environment().remove(name);
			}
			else {
				builder.environment().put(name, value);
			}
		});
		// no archive recorded behind the tests' backs, except where a test asks for it
		builder.environment().putIfAbsent("CHAT_SERVER_TRAINING", "off");
		return builder;
	}

	/** The jar a server started by the launcher runs, from its command line. */
	private static String jarOf(Process server) {
		List<String> arguments = List.of(server.info().arguments().orElseThrow());
		return arguments.get(arguments.indexOf("-jar") + 1);
	}

	/** Every file of a folder with its identity, size and time. */
	private static List<String> describeFiles(Path folder) throws IOException {
		try (var files = Files.walk(folder)) {
			return files.filter(Files::isRegularFile).map((file) -> {
				try {
					return folder.relativize(file) + " " + Files.getAttribute(file, "unix:ino") + " " + Files.size(file)
							+ " " + Files.getLastModifiedTime(file);
				}
				catch (IOException ex) {
					throw new java.io.UncheckedIOException(ex);
				}
			}).sorted().toList();
		}
	}

	private static Path newestAppFolder() throws IOException {
		try (var folders = Files.list(PROJECT.resolve("target").resolve("app"))) {
			return folders.filter((folder) -> Files.exists(folder.resolve("ready")))
				.max(Comparator.naturalOrder())
				.orElseThrow();
		}
	}

	private static String recordedJar(Path folder) throws IOException {
		return Files.readString(folder.resolve("ready")).strip().substring("jar=".length());
	}

	/**
	 * The newest JDK of version 21 or later in /usr/lib/jvm, as the launcher finds it.
	 */
	private static Path newestJavaHome() throws IOException {
		Path jvms = Path.of("/usr/lib/jvm");
		if (!Files.isDirectory(jvms)) {
			return null;
		}
		try (var homes = Files.list(jvms)) {
			return homes.filter((home) -> Files.isExecutable(home.resolve("bin").resolve("java")))
				.filter((home) -> feature(home) >= 21)
				.max(Comparator.comparingInt(ProcessIT::feature))
				.orElse(null);
		}
	}

	private static int feature(Path home) {
		String version = release(home).getProperty("JAVA_VERSION", "0").replace("\"", "");
		return Integer.parseInt(version.split("[.\\-+]")[0]);
	}

	private static Properties release(Path home) {
		Properties release = new Properties();
		try (var in = Files.newBufferedReader(home.resolve("release"))) {
			release.load(in);
		}
		catch (IOException ex) {
			return release;
		}
		release.replaceAll((key, value) -> value.toString().replace("\"", ""));
		return release;
	}

	private static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	/** Runs a command to its end, its output discarded. */
	private static int run(String executable, Map<String, String> environment, String... args) throws Exception {
		List<String> command = new ArrayList<>(List.of(executable));
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD);
		builder.environment().putAll(environment);
		Process process = builder.start();
		assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
		return process.exitValue();
	}

	private static void stop(Process server) throws InterruptedException {
		server.destroy();
		assertThat(server.waitFor(10, TimeUnit.SECONDS)).isTrue();
	}

	private static ProcessBuilder javaJar(String... args) {
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
						JAR.toAbsolutePath().toString()));
		command.addAll(List.of(args));
		return new ProcessBuilder(command);
	}

	private Process start(ProcessBuilder builder) throws IOException {
		Process process = builder.start();
		this.processes.add(process);
		return process;
	}

	/**
	 * {@link Processes#awaitServerIsOn}, with standard error read to its end.
	 * @return what the server prints from then on
	 */
	private static StringBuffer awaitServerIsOn(Process server) throws Exception {
		StringBuffer after = Processes.awaitServerIsOn(server);
		readAll(server.getErrorStream());
		return after;
	}

}
