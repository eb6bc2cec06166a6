package io.github.chatlab.server.load;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A server that admits fewer users than a run needs answers some logins {@code BUSY}
 * (L3.3); the tool must then stop with what to change instead of measuring a smaller
 * workload. Pairs and capacity need all their users online at once, so with
 * {@code max-clients} 4 their BUSY is certain.
 */
@SpringBootTest(webEnvironment = WebEnvironment.NONE, properties = { "chat.port=0", "chat.max-clients=4" })
class LoadToolBusyTest {

	private static final LoadOptions OPTIONS = LoadOptions.parse("--seconds=5", "--warmup=0", "--pairs=3", "--users=6",
			"--concurrency=8", "--sources=2", "--drain-seconds=1");

	@Autowired
	private TcpNetServerConnectionFactory chatConnectionFactory;

	private InetSocketAddress target() throws UnknownHostException {
		return new InetSocketAddress(InetAddress.getByName("127.0.0.1"), this.chatConnectionFactory.getPort());
	}

	@Test
	void l3_3_busyForAPairStopsTheRunNamingTheMaxClientsItNeeds() throws Exception {
		InetSocketAddress target = target();

		assertThatExceptionOfType(LoadFailure.class).isThrownBy(() -> LoadTool.runMode("throughput", target, OPTIONS))
			.withMessageContaining("throughput-3p: the server at 127.0.0.1:" + target.getPort() + " answered BUSY")
			.withMessageContaining("needs 6 users")
			.withMessageContaining("--chat.max-clients=7")
			.withMessageContaining("--pairs");
	}

	@Test
	void l3_3_busyForACapacityUserStopsTheRunNamingTheMaxClientsItNeeds() throws Exception {
		assertThatExceptionOfType(LoadFailure.class).isThrownBy(() -> LoadTool.runMode("capacity", target(), OPTIONS))
			.withMessageContaining("capacity-6u-c8: the server at 127.0.0.1:")
			.withMessageContaining("--chat.max-clients=7")
			.withMessageContaining("--users");
	}

}
