package io.github.chatlab.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;

import io.github.chatlab.server.chat.SessionRegistry;
import io.github.chatlab.server.support.TestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * S5 as the contract words it, with the default write time-out of 5 s: a recipient that
 * keeps reading, however slowly (16 KiB/s or more), is never cut off, while four senders
 * pipeline 60 KB messages to it. (One that reads nothing is: see {@code SendTest}.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = { "chat.port=0" })
class SlowReaderTest {

	private static final int MESSAGE_BYTES = 60_000;

	private static final int READ_BYTES_PER_SECOND = 16 * 1024;

	private static final long READ_FOR_NANOS = TimeUnit.SECONDS.toNanos(20);

	@Autowired
	private TcpNetServerConnectionFactory connectionFactory;

	@Autowired
	private SessionRegistry registry;

	private final ExecutorService senders = Executors.newFixedThreadPool(4);

	@AfterEach
	void stopSenders() {
		this.senders.shutdownNow();
	}

	@Test
	void s5_aRecipientReadingSteadilyAt16KibPerSecondIsNeverCutOff() throws Exception {
		int port = this.connectionFactory.getPort();
		TestClient reader = TestClient.login(port, "slow");
		List<TestClient> clients = new ArrayList<>();
		String body = "x".repeat(MESSAGE_BYTES);
		for (int i = 0; i < 4; i++) {
			TestClient sender = TestClient.login(port, "sender" + i);
			clients.add(sender);
			this.senders.submit(() -> {
				for (int k = 0; k < 40; k++) {
					sender.send("SEND slow " + body);
				}
				return null;
			});
		}
		long read = readSteadily(reader.socket().getInputStream());
		assertThat(this.registry.user("slow")).as("still logged in after reading %d bytes", read).isNotNull();
		assertThat(read).isGreaterThan(READ_BYTES_PER_SECOND * 15L);
		reader.close();
		for (TestClient client : clients) {
			client.close();
		}
	}

	/** Reads 1 KiB at a time, paced to READ_BYTES_PER_SECOND, for READ_FOR_NANOS. */
	private static long readSteadily(InputStream in) throws IOException {
		byte[] buffer = new byte[1024];
		long start = System.nanoTime();
		long read = 0;
		while (System.nanoTime() - start < READ_FOR_NANOS) {
			int n = in.read(buffer);
			if (n < 0) {
				throw new AssertionError("disconnected after " + read + " bytes, "
						+ TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms");
			}
			read += n;
			long due = start + read * TimeUnit.SECONDS.toNanos(1) / READ_BYTES_PER_SECOND;
			LockSupport.parkNanos(due - System.nanoTime());
		}
		return read;
	}

}
