package io.github.chatlab.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.chatlab.server.support.Bytes;
import io.github.chatlab.server.support.ChatServerTest;
import io.github.chatlab.server.support.TestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** PROTOCOL.md S: SEND and delivery. */
class SendTest extends ChatServerTest {

	@ParameterizedTest
	@ValueSource(strings = { "hello", "  leading and trailing  ", "tab\there", "ünïcödé 名前 😀", "a,b,c", "x" })
	void s1_theMessageIsDeliveredByteForByte(String message) throws IOException {
		String alice = uniqueName("alice");
		String bob = uniqueName("bob");
		TestClient a = login(alice);
		TestClient b = login(bob);
		a.send("SEND " + bob + " " + message).expectLine("SEND-OK");
		assertThat(b.readLineBytes()).isEqualTo(("DELIVERY " + alice + " " + message).getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void s1_theRecipientEndsAtTheSecondSpace() throws IOException {
		String alice = uniqueName("alice");
		String bob = uniqueName("bob");
		TestClient a = login(alice);
		TestClient b = login(bob);
		a.send("SEND " + bob + "  starts with a space").expectLine("SEND-OK");
		b.expectLine("DELIVERY " + alice + "  starts with a space");
	}

	@ParameterizedTest
	@ValueSource(strings = { "SEND", "SEND ", "SEND bob", "SEND bob ", "SEND  hi", "SEND bob    ", "SEND bob \t \t",
			"SEND bob bell\u0007", "SEND bob nul\u0000", "SEND bob del\u007F", "SEND bob c1\u0085" })
	void s2_malformedBodiesAreABadBody(String line) throws IOException {
		TestClient a = login(uniqueName("alice"));
		a.send(line).expectLine("BAD-RQST-BODY");
	}

	@Test
	void s2_bodyChecksComeBeforeTheRecipientIsLookedUp() throws IOException {
		TestClient a = login(uniqueName("alice"));
		a.send("SEND nobody-at-all ").expectLine("BAD-RQST-BODY");
		a.send("SEND nobody-at-all  ").expectLine("BAD-RQST-BODY");
		a.send("SEND nobody-at-all hi").expectLine("BAD-DEST-USER");
	}

	@Test
	void s3_anUnknownRecipientIsBadDestUserAndYouMaySendToYourself() throws IOException {
		String alice = uniqueName("alice");
		TestClient a = login(alice);
		a.send("SEND " + alice.toUpperCase() + " hi").expectLine("BAD-DEST-USER");
		a.send("SEND " + alice + " note to self").expectLine("DELIVERY " + alice + " note to self");
		a.expectLine("SEND-OK");
	}

	@Test
	void s4_sendOkComesOnlyAfterTheDeliveryIsOnTheRecipientsSocket() throws IOException {
		String alice = uniqueName("alice");
		String bob = uniqueName("bob");
		TestClient a = login(alice);
		TestClient b = login(bob);
		for (int i = 0; i < 50; i++) {
			a.send("SEND " + bob + " n" + i).expectLine("SEND-OK");
			// on loopback a written segment is in the receiver's queue when write()
			// returns: no waiting here
			assertThat(b.available()).isPositive();
			b.expectLine("DELIVERY " + alice + " n" + i);
		}
	}

	@Test
	void s5_aRecipientThatStopsReadingIsDisconnectedAndTheSenderToldBadDestUser() throws IOException {
		String alice = uniqueName("alice");
		String stuck = uniqueName("stuck");
		TestClient a = login(alice);
		loginStuck(stuck);
		sendUntilBadDestUser(a, stuck);
		await().atMost(Duration.ofSeconds(1)).until(() -> this.registry.user(stuck) == null);
		a.send("SEND " + stuck + " anyone?").expectLine("BAD-DEST-USER");
	}

	@Test
	void s6_deliveriesFromOneSenderArriveInOrderAndRepliesInRequestOrder() throws IOException {
		String alice = uniqueName("alice");
		String bob = uniqueName("bob");
		TestClient a = login(alice);
		TestClient b = login(bob);
		StringBuilder burst = new StringBuilder();
		for (int i = 0; i < 2000; i++) {
			burst.append("SEND ").append(bob).append(" #").append(i).append('\n');
			if (i % 100 == 0) {
				burst.append("SEND nobody x\nBOGUS\n");
			}
		}
		a.sendRaw(burst.toString().getBytes(StandardCharsets.UTF_8));
		for (int i = 0; i < 2000; i++) {
			a.expectLine("SEND-OK");
			if (i % 100 == 0) {
				a.expectLine("BAD-DEST-USER").expectLine("BAD-RQST-HDR");
			}
		}
		for (int i = 0; i < 2000; i++) {
			b.expectLine("DELIVERY " + alice + " #" + i);
		}
	}

	@Test
	void s6_concurrentSendersNeverInterleaveLines() throws Exception {
		String target = uniqueName("target");
		TestClient t = login(target);
		int senders = 4;
		int each = 500;
		String body = "m".repeat(3000);
		CompletableFuture<?>[] work = new CompletableFuture<?>[senders];
		for (int s = 0; s < senders; s++) {
			String name = uniqueName("s");
			TestClient sender = login(name);
			work[s] = CompletableFuture.runAsync(() -> {
				try {
					for (int i = 0; i < each; i++) {
						sender.send("SEND " + target + " " + i + body);
						sender.expectLine("SEND-OK");
					}
				}
				catch (IOException ex) {
					throw new RuntimeException(ex);
				}
			});
		}
		java.util.Map<String, Integer> next = new java.util.HashMap<>();
		for (int i = 0; i < senders * each; i++) {
			String line = t.readLine();
			assertThat(line).startsWith("DELIVERY ").endsWith(body);
			String[] parts = line.split(" ", 3);
			int n = Integer.parseInt(parts[2].substring(0, parts[2].length() - body.length()));
			assertThat(n).isEqualTo(next.getOrDefault(parts[1], 0));
			next.put(parts[1], n + 1);
		}
		CompletableFuture.allOf(work).get(30, TimeUnit.SECONDS);
	}

	@Test
	void s7_aClientThatStopsReadingStallsNobodyElse() throws Exception {
		String alice = uniqueName("alice");
		String stuck = uniqueName("stuck");
		String carol = uniqueName("carol");
		String dave = uniqueName("dave");
		TestClient a = login(alice);
		loginStuck(stuck);
		TestClient c = login(carol);
		TestClient d = login(dave);
		// alice floods the stuck client without reading her replies, so her thread ends
		// up blocked on it
		byte[] flood = ("SEND " + stuck + " " + "f".repeat(60_000) + "\n").repeat(300).getBytes(StandardCharsets.UTF_8);
		CompletableFuture<Void> flooding = CompletableFuture.runAsync(() -> {
			try {
				a.sendRaw(flood);
			}
			catch (IOException ex) {
				// alice's own writes may stall too; that is hers alone
			}
		});
		for (int i = 0; i < 200; i++) {
			c.send("SEND " + dave + " ping" + i).expectLine("SEND-OK");
			d.expectLine("DELIVERY " + carol + " ping" + i);
			d.send("LIST").readLine();
		}
		await().atMost(Duration.ofSeconds(3)).until(() -> this.registry.user(stuck) == null);
		flooding.cancel(true);
	}

	@Test
	void s5_sendingToAUserWhoLeftIsBadDestUser() throws IOException {
		String alice = uniqueName("alice");
		String bob = uniqueName("bob");
		TestClient a = login(alice);
		TestClient b = login(bob);
		b.sendRaw(Bytes.of("LIST\n"));
		b.readLine();
		b.close();
		await().until(() -> this.registry.user(bob) == null);
		a.send("SEND " + bob + " too late").expectLine("BAD-DEST-USER");
	}

}
