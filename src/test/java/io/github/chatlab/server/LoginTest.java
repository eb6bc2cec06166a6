package io.github.chatlab.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.chatlab.server.support.ChatServerTest;
import io.github.chatlab.server.support.TestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** PROTOCOL.md L: logging in, refusals, closing and the life of a connection. */
class LoginTest extends ChatServerTest {

	@Test
	void l1_theNameIsEverythingAfterTheFirstSpace() throws IOException {
		TestClient client = connect();
		client.send("HELLO-FROM " + uniqueName("x") + " y").expectLine("BAD-RQST-BODY");
		client.expectClosed();
	}

	@ParameterizedTest
	@ValueSource(strings = { "Zoë", "名前", "Ωmega_-9", "a", "𝒜𝒷𝒸", "abcdefghijklmnopqrstuvwxyz012345", "प्रिया",
			"தமிழ்", "Zoe\u0308" })
	void l2_validNamesAreLettersOrDigitsOfAnyScriptUnderscoreOrDashWithMarksAfterTheFirst(String name)
			throws IOException {
		TestClient client = connect();
		client.send("HELLO-FROM " + name).expectLine("HELLO " + name);
		client.send("LIST").expectLine("LIST-OK " + name);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " ", "two words", "comma,name", "tab\tname", "bell\u0007", "dot.name", "at@name",
			"abcdefghijklmnopqrstuvwxyz0123456", "𝒜𝒷𝒸𝒜𝒷𝒸𝒜𝒷𝒸𝒜𝒷𝒸𝒜𝒷𝒸𝒜𝒷𝒸𝒜𝒷𝒸𝒜𝒷𝒸𝒜𝒷𝒸𝒜𝒷𝒸𝒜𝒷𝒸",
			"\u0301e", "del\u007F", "c1\u0085" })
	void l2_invalidNamesAreABadBodyAndClose(String name) throws IOException {
		TestClient client = connect();
		client.send("HELLO-FROM " + name).expectLine("BAD-RQST-BODY");
		client.expectClosed();
	}

	@ParameterizedTest
	@ValueSource(strings = { "\u3164", "\u115F", "\uFFA0", "a\u1160b", "ali\u200Dce", "ali\u200Cce", "\u202Eecila",
			"a\u034Fb", "a\uFE0Fb" })
	void l2_invisibleNamesAreABadBodyAndClose(String name) throws IOException {
		TestClient client = connect();
		client.send("HELLO-FROM " + name).expectLine("BAD-RQST-BODY");
		client.expectClosed();
	}

	@Test
	void l2_inExactModeLookAlikeNamesAreDifferentUsers() throws IOException {
		String name = uniqueName("alice");
		List<String> lookAlikes = List.of(name, name.toUpperCase(), "\u0430" + name.substring(1), fullwidth(name));
		for (String lookAlike : lookAlikes) {
			login(lookAlike);
		}
		TestClient last = login(mathematicalBold(name));
		last.send("LIST").expectLine("LIST-OK " + String.join(",", lookAlikes) + "," + mathematicalBold(name));
		last.send("SEND " + name.toUpperCase() + " hi").expectLine("SEND-OK");
	}

	@Test
	void l3_2_anInvalidNameIsRefusedBeforeTheServerIsFullOrTheNameTaken() throws IOException {
		String taken = uniqueName("taken");
		login(taken);
		TestClient client = connect();
		client.send("HELLO-FROM " + taken + ",").expectLine("BAD-RQST-BODY");
		client.expectClosed();
	}

	@Test
	void l2_noNameAtAllIsABadBodyAndCloses() throws IOException {
		TestClient client = connect();
		client.send("HELLO-FROM").expectLine("BAD-RQST-BODY");
		client.expectClosed();
	}

	@Test
	void l2_namesAreCaseSensitive() throws IOException {
		String name = uniqueName("bob");
		login(name);
		login(name.toUpperCase());
		login(name.substring(0, 1).toUpperCase() + name.substring(1)).send("LIST")
			.expectLine("LIST-OK " + name + "," + name.toUpperCase() + "," + name.substring(0, 1).toUpperCase()
					+ name.substring(1));
	}

	@Test
	void l3_1_aSecondLoginOnOneConnectionIsABadHeaderAndStaysOpen() throws IOException {
		String name = uniqueName("alice");
		TestClient a = login(name);
		a.send("HELLO-FROM other").expectLine("BAD-RQST-HDR");
		a.send("HELLO-FROM " + name).expectLine("BAD-RQST-HDR");
		a.send("LIST").expectLine("LIST-OK " + name);
	}

	@Test
	void l3_3_theSeventeenthUserIsBusyEvenWithATakenName() throws IOException {
		List<String> names = new ArrayList<>();
		for (int i = 0; i < 16; i++) {
			names.add(uniqueName("u"));
			login(names.get(i));
		}
		TestClient seventeenth = connect();
		seventeenth.send("HELLO-FROM " + uniqueName("late")).expectLine("BUSY");
		seventeenth.expectClosed();
		TestClient taken = connect();
		// L3.3 comes before L3.4
		taken.send("HELLO-FROM " + names.get(0)).expectLine("BUSY");
		taken.expectClosed();
		TestClient invalid = connect();
		// and L3.2 before L3.3
		invalid.send("HELLO-FROM bad name").expectLine("BAD-RQST-BODY");
		invalid.expectClosed();
	}

	@Test
	void l3_4_aTakenNameIsInUseAndCloses() throws IOException {
		String name = uniqueName("alice");
		login(name);
		TestClient second = connect();
		second.send("HELLO-FROM " + name).expectLine("IN-USE");
		second.expectClosed();
	}

	@Test
	void l3_5_aValidFreeNameIsGreetedAndStaysLoggedIn() throws IOException {
		String name = uniqueName("welcome");
		TestClient client = connect();
		client.send("HELLO-FROM " + name).expectLine("HELLO " + name);
		client.send("LIST").expectLine("LIST-OK " + name);
		assertThat(this.registry.user(name)).isNotNull();
	}

	@Test
	void l3_loginsRacingForOneNameLetExactlyOneIn() throws Exception {
		String name = uniqueName("race");
		List<String> replies = race(15, client -> "HELLO-FROM " + name);
		assertThat(replies).filteredOn(("HELLO " + name)::equals).hasSize(1);
		assertThat(replies).filteredOn("IN-USE"::equals).hasSize(14);
		assertThat(this.registry.userCount()).isEqualTo(1);
	}

	@Test
	void l3_loginsRacingForTheLastSlotLetExactlyOneIn() throws Exception {
		for (int i = 0; i < 15; i++) {
			login(uniqueName("u"));
		}
		List<String> replies = race(12, client -> "HELLO-FROM " + uniqueName("last"));
		assertThat(replies).filteredOn(reply -> reply.startsWith("HELLO ")).hasSize(1);
		assertThat(replies).filteredOn("BUSY"::equals).hasSize(11);
		assertThat(this.registry.userCount()).isEqualTo(16);
	}

	@Test
	void l4_beforeLoginAnyOtherLineIsABadHeaderAndCloses() throws IOException {
		for (String line : new String[] { "LIST", "SEND a b", "", "FOO" }) {
			TestClient client = connect();
			client.send(line).expectLine("BAD-RQST-HDR");
			client.expectClosed();
		}
	}

	@Test
	void l5_theReplyCanBeReadEvenWhenTheClientSentMoreAfterIt() throws IOException {
		// printf 'HELLO-FROM a b\r\n\n' | nc: the second line must not turn the close
		// into a reset
		TestClient client = connect();
		client.sendRaw("HELLO-FROM a b\r\n\n".getBytes(StandardCharsets.US_ASCII));
		client.expectLine("BAD-RQST-BODY");
		client.expectClosed();
		TestClient chatty = connect();
		chatty.sendRaw(("LIST\n" + "SEND x y\n".repeat(20_000)).getBytes(StandardCharsets.US_ASCII));
		chatty.expectLine("BAD-RQST-HDR");
		chatty.expectClosed();
	}

	@Test
	void l6_afterLoginErrorsLeaveTheConnectionOpen() throws IOException {
		String name = uniqueName("alice");
		TestClient a = login(name);
		a.send("FOO").expectLine("BAD-RQST-HDR");
		a.send("SEND").expectLine("BAD-RQST-BODY");
		a.send("LIST x").expectLine("BAD-RQST-BODY");
		a.send("SEND nobody-here hi").expectLine("BAD-DEST-USER");
		a.send("LIST").expectLine("LIST-OK " + name);
	}

	@Test
	void l7_aClosedConnectionFreesTheNameAtOnce() throws IOException {
		String name = uniqueName("gone");
		TestClient gone = login(name);
		TestClient other = login(uniqueName("other"));
		gone.close();
		await().atMost(Duration.ofSeconds(1)).until(() -> this.registry.user(name) == null);
		other.send("SEND " + name + " hello?").expectLine("BAD-DEST-USER");
		login(name).send("LIST").readLine();
	}

	@Test
	void l7_aClientResetMidLineIsRemovedAndOthersCarryOn() throws IOException {
		String name = uniqueName("reset");
		String otherName = uniqueName("other");
		TestClient vanishing = login(name);
		TestClient other = login(otherName);
		vanishing.sendRaw(("SEND " + otherName + " half a li").getBytes(StandardCharsets.US_ASCII));
		vanishing.reset();
		await().atMost(Duration.ofSeconds(1)).until(() -> this.registry.user(name) == null);
		other.send("SEND " + name + " still there?").expectLine("BAD-DEST-USER");
		other.send("LIST").expectLine("LIST-OK " + otherName);
	}

	@Test
	void l8_aConnectionThatNeverLogsInIsClosedWithoutAReply() throws IOException {
		TestClient idle = connect();
		long start = System.nanoTime();
		idle.expectClosed();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(1500));
	}

	@Test
	void l8_theLoginDeadlineCountsFromConnectNotPerRead() throws Exception {
		TestClient trickler = connect();
		ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
		try {
			// one byte of a never-ending name every 200 ms: each read resets no timer
			ticker.scheduleAtFixedRate(() -> {
				try {
					trickler.sendRaw(new byte[] { 'H' });
				}
				catch (IOException ex) {
					throw new RuntimeException(ex);
				}
			}, 0, 200, TimeUnit.MILLISECONDS);
			trickler.expectDisconnected();
		}
		finally {
			ticker.shutdownNow();
		}
	}

	@Test
	void l8_loggedInUsersHaveNoIdleTimeout() throws IOException {
		String name = uniqueName("patient");
		TestClient patient = login(name);
		// longer than the 2 s login time-out
		patient.expectSilenceFor(Duration.ofMillis(2500));
		patient.send("LIST").expectLine("LIST-OK " + name);
	}

	@Test
	void l9_connectionsBeyondTheLimitGetBusyAndClose() throws IOException {
		for (int i = 0; i < 40; i++) {
			connect();
		}
		await().until(() -> this.tracker.openConnections() == 40);
		TestClient extra = connect();
		extra.expectLine("BUSY");
		extra.expectClosed();
	}

	/**
	 * {@code name} in fullwidth forms: ASCII letters and digits become U+FF01 to U+FF5E.
	 */
	static String fullwidth(String name) {
		StringBuilder wide = new StringBuilder();
		name.chars().forEach((c) -> wide.append((char) (c + 0xFEE0)));
		return wide.toString();
	}

	/** {@code name}'s lower-case ASCII letters and digits in mathematical bold. */
	static String mathematicalBold(String name) {
		StringBuilder bold = new StringBuilder();
		name.chars()
			.forEach((c) -> bold.appendCodePoint(
					(c >= 'a' && c <= 'z') ? 0x1D41A + (c - 'a') : (c >= '0' && c <= '9') ? 0x1D7CE + (c - '0') : c));
		return bold.toString();
	}

	/**
	 * Connects {@code count} clients, then has them all send their login line at the same
	 * moment.
	 * @return each client's reply
	 */
	private List<String> race(int count, java.util.function.Function<Integer, String> line) throws Exception {
		List<TestClient> clients = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			clients.add(connect());
		}
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(count);
		try {
			List<Future<String>> futures = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				TestClient client = clients.get(i);
				String text = line.apply(i);
				Callable<String> task = () -> {
					start.await();
					client.send(text);
					return client.readLine();
				};
				futures.add(pool.submit(task));
			}
			start.countDown();
			List<String> replies = new ArrayList<>();
			for (Future<String> future : futures) {
				replies.add(future.get(20, TimeUnit.SECONDS));
			}
			return Collections.unmodifiableList(replies);
		}
		finally {
			pool.shutdownNow();
		}
	}

}
