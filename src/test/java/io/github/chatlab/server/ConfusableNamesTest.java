package io.github.chatlab.server;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.test.context.TestPropertySource;

import io.github.chatlab.server.support.ChatServerTest;
import io.github.chatlab.server.support.TestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * PROTOCOL.md L2 with {@code chat.names.unique=confusable} (the {@code lab-host}
 * default): look-alike names are one name, bots' names included.
 */
@TestPropertySource(properties = { "chat.names.unique=confusable", "chat.bots.echobot.enabled=true" })
class ConfusableNamesTest extends ChatServerTest {

	@Test
	void l2_lookAlikesOfALoggedInNameAreInUse() throws IOException {
		String name = uniqueName("alice");
		login(name);
		for (String lookAlike : lookAlikes(name)) {
			TestClient impostor = connect();
			impostor.send("HELLO-FROM " + lookAlike).expectLine("IN-USE");
			impostor.expectClosed();
		}
	}

	@Test
	void l2_aLookAlikeLoggedInFirstTakesTheNameFromTheOriginal() throws IOException {
		String name = uniqueName("bob");
		String fullwidth = LoginTest.fullwidth(name);
		login(fullwidth).send("LIST").expectLine("LIST-OK echobot," + fullwidth);
		TestClient original = connect();
		original.send("HELLO-FROM " + name).expectLine("IN-USE");
		original.expectClosed();
	}

	@ParameterizedTest
	@ValueSource(strings = { "echobot", "\u0435chobot", "ECHOBOT", "ｅｃｈｏｂｏｔ", "𝐞𝐜𝐡𝐨𝐛𝐨𝐭", "Echob\u043Et" })
	void l2_lookAlikesOfABotAreInUse(String lookAlike) throws IOException {
		TestClient impostor = connect();
		impostor.send("HELLO-FROM " + lookAlike).expectLine("IN-USE");
		impostor.expectClosed();
	}

	@Test
	void l2_aNameIsFreeForItsLookAlikesOnceItsUserIsGone() throws IOException {
		String name = uniqueName("gone");
		TestClient gone = login(name);
		gone.close();
		await().atMost(Duration.ofSeconds(1)).until(() -> this.registry.user(name) == null);
		login(name.toUpperCase()).send("LIST").expectLine("LIST-OK echobot," + name.toUpperCase());
	}

	@Test
	void l2_sendToALookAlikeOfAUserIsBadDestUserNamesAreAddressedExactly() throws IOException {
		String name = uniqueName("carol");
		TestClient carol = login(name);
		String daveName = uniqueName("dave");
		TestClient dave = login(daveName);
		dave.send("SEND " + name.toUpperCase() + " hi").expectLine("BAD-DEST-USER");
		dave.send("SEND " + name + " hi").expectLine("SEND-OK");
		carol.expectLine("DELIVERY " + daveName + " hi");
		dave.send("SEND ECHOBOT hi").expectLine("BAD-DEST-USER");
	}

	@Test
	void l2_differentNamesOfAnyScriptAreStillDifferent() throws IOException {
		String priya = "प्रिया";
		String tamil = "தமிழ்";
		String other = uniqueName("erin");
		login(priya);
		login(tamil);
		login(other).send("LIST").expectLine("LIST-OK echobot," + priya + "," + tamil + "," + other);
	}

	@ParameterizedTest
	@ValueSource(strings = { "ali\u200Dce", "\u3164", "a\u00ADb", "\u202Eecila" })
	void l2_invisibleNamesAreABadBodyBeforeTheyAreCompared(String name) throws IOException {
		TestClient client = connect();
		client.send("HELLO-FROM " + name).expectLine("BAD-RQST-BODY");
		client.expectClosed();
	}

	@Test
	void l3_loginsRacingWithLookAlikesLetExactlyOneIn() throws Exception {
		String name = uniqueName("race");
		List<String> names = new ArrayList<>(lookAlikes(name));
		names.add(name);
		List<TestClient> clients = new ArrayList<>();
		for (int i = 0; i < names.size(); i++) {
			clients.add(connect());
		}
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(names.size());
		try {
			List<Future<String>> replies = new ArrayList<>();
			for (int i = 0; i < names.size(); i++) {
				TestClient client = clients.get(i);
				String line = "HELLO-FROM " + names.get(i);
				replies.add(pool.submit(() -> {
					start.await();
					client.send(line);
					return client.readLine();
				}));
			}
			start.countDown();
			List<String> answers = new ArrayList<>();
			for (Future<String> reply : replies) {
				answers.add(reply.get(20, TimeUnit.SECONDS));
			}
			assertThat(answers).filteredOn((answer) -> answer.startsWith("HELLO ")).hasSize(1);
			assertThat(answers).filteredOn("IN-USE"::equals).hasSize(names.size() - 1);
		}
		finally {
			pool.shutdownNow();
		}
	}

	/** Case-folded, Cyrillic, fullwidth and mathematical-bold forms of an ASCII name. */
	private static List<String> lookAlikes(String name) {
		String capitalized = Character.toUpperCase(name.charAt(0)) + name.substring(1);
		String cyrillic = name.replace('a', '\u0430').replace('e', '\u0435').replace('o', '\u043E');
		return List.of(capitalized, name.toUpperCase(), cyrillic, LoginTest.fullwidth(name),
				LoginTest.mathematicalBold(name));
	}

}
