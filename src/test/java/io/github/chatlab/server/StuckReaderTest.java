package io.github.chatlab.server;

import java.net.SocketException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;

import io.github.chatlab.server.support.TestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * S7 as the contract words it, with the default write time-out {@code T} of 5 s: a
 * recipient that logs in with the kernel's default buffers and never reads is cut off
 * {@code T} after its socket took its last byte, so neither the sender whose delivery
 * stalled nor a second sender waits longer than {@code T} (plus the watchdog's scan of
 * 250 ms, a waiting sender's lock poll of 100 ms and slack for a shared machine), and its
 * name leaves {@code LIST} as soon. The bytes that filled its kernel buffers earn it
 * nothing ({@code WriteProgress}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = { "chat.port=0" })
class StuckReaderTest {

	private static final Log logger = LogFactory.getLog(StuckReaderTest.class);

	private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(5);

	/**
	 * The watchdog's scan, a waiting sender's lock poll, and slack for a shared machine.
	 */
	private static final Duration MARGIN = Duration.ofMillis(1500);

	@Autowired
	private TcpNetServerConnectionFactory connectionFactory;

	@Test
	void s7_aNeverReadingRecipientIsCutOffOneWriteTimeOutAfterItsSocketTookItsLastByte() throws Exception {
		int port = this.connectionFactory.getPort();
		try (TestClient stuck = TestClient.login(port, "stuck");
				TestClient alice = TestClient.login(port, "alice");
				TestClient bob = TestClient.login(port, "bob");
				TestClient carol = TestClient.login(port, "carol")) {
			// long enough to measure a wait past the time-out rather than fail on the
			// read
			alice.socket().setSoTimeout(30_000);
			bob.socket().setSoTimeout(30_000);
			String big = "SEND stuck " + "s".repeat(60_000);
			AtomicLong pendingSince = new AtomicLong(Long.MAX_VALUE);
			CompletableFuture<Long> aliceWait = CompletableFuture.supplyAsync(() -> {
				try {
					while (true) {
						long sent = System.nanoTime();
						pendingSince.set(sent);
						String reply = alice.send(big).readLine();
						if (!reply.equals("SEND-OK")) {
							assertThat(reply).isEqualTo("BAD-DEST-USER");
							return System.nanoTime() - sent;
						}
					}
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			});
			// alice's delivery has stalled on stuck's full socket: bob sends too, until
			// his SEND meets the full socket as well
			await().atMost(Duration.ofSeconds(10))
				.until(() -> System.nanoTime() - pendingSince.get() > TimeUnit.MILLISECONDS.toNanos(300));
			long bobSent;
			String bobReply;
			do {
				bobSent = System.nanoTime();
				bobReply = bob.send("SEND stuck are you there?").readLine();
				assertThat(Duration.ofNanos(System.nanoTime() - bobSent))
					.isLessThanOrEqualTo(WRITE_TIMEOUT.plus(MARGIN));
			}
			while (bobReply.equals("SEND-OK"));
			assertThat(bobReply).isEqualTo("BAD-DEST-USER");
			long bobWait = System.nanoTime() - bobSent;
			long aliceWaited = aliceWait.get(30, TimeUnit.SECONDS);
			carol.send("LIST").expectLine("LIST-OK alice,bob,carol");
			logger.info("S7: alice waited " + TimeUnit.NANOSECONDS.toMillis(aliceWaited) + " ms, bob "
					+ TimeUnit.NANOSECONDS.toMillis(bobWait) + " ms (sent "
					+ TimeUnit.NANOSECONDS.toMillis(bobSent - pendingSince.get()) + " ms after alice's last SEND)");
			assertThat(Duration.ofNanos(aliceWaited)).isLessThanOrEqualTo(WRITE_TIMEOUT.plus(MARGIN));
			assertThat(Duration.ofNanos(bobWait)).isLessThanOrEqualTo(WRITE_TIMEOUT.plus(MARGIN));
			// what filled stuck's buffers, then the end of the stream (or a reset)
			try {
				assertThat(stuck.socket().getInputStream().skip(Long.MAX_VALUE)).isPositive();
			}
			catch (SocketException reset) {
				// disconnected all the same
			}
		}
	}

}
