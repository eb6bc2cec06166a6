package io.github.chatlab.server.load;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the load tool from rotting: runs each of its modes for a moment against an
 * in-process server and checks what the tool checks — every SEND-OK'd message delivered
 * exactly once, in order — and that it counted something. Never asserts speed: this
 * machine is small and shared.
 */
@SpringBootTest(webEnvironment = WebEnvironment.NONE, properties = { "chat.port=0", "chat.max-clients=200",
		"chat.max-connections=400", "chat.per-address.exempt=127.0.0.0/8" })
class LoadToolSmokeTest {

	private static final LoadOptions OPTIONS = LoadOptions.parse("--seconds=0.7", "--warmup=0.2", "--pairs=3",
			"--window=8", "--users=50", "--concurrency=8", "--flow-rate=300", "--churn-concurrency=4", "--sources=2",
			"--drain-seconds=10");

	@Autowired
	private TcpNetServerConnectionFactory chatConnectionFactory;

	private InetSocketAddress target() throws UnknownHostException {
		return new InetSocketAddress(InetAddress.getByName("127.0.0.1"), this.chatConnectionFactory.getPort());
	}

	@Test
	void closedLoopThroughputDeliversEverySendOkdMessageOnceInOrder() throws Exception {
		RunResult result = only("throughput");

		assertIntact(result);
		assertThat(result.metric("delivered_per_s")).isPositive();
		assertThat(result.latency("delivery").count()).isPositive();
		assertThat(result.latency("send_ok").count()).isPositive();
		assertThat(Report.json(result)).startsWith("{\"run\":\"throughput-3p\"").contains("\"ok\":true");
	}

	@Test
	void fixedRateDeliversEverySendOkdMessageOnceInOrder() throws Exception {
		RunResult result = LoadTool.runMode("rate", target(), OPTIONS.with("rate", "500")).get(0);

		assertIntact(result);
		assertThat(result.latency("delivery_from_intended").count()).isPositive();
	}

	@Test
	void churnCyclesAndTheResidentGetsEachMessageOnce() throws Exception {
		RunResult result = only("churn");

		assertIntact(result);
		assertThat(result.metric("cycles_per_s")).isPositive();
		assertThat(result.latency("cycle").count()).isPositive();
	}

	@Test
	void capacityLogsEveryoneInAndListsThem() throws Exception {
		RunResult result = only("capacity");

		assertIntact(result);
		assertThat(result.metric("logged_in")).isEqualTo(50);
		assertThat(result.metric("logins_per_s")).isPositive();
		assertThat(result.metric("list_names")).isGreaterThanOrEqualTo(50);
	}

	private RunResult only(String mode) throws UnknownHostException {
		return LoadTool.runMode(mode, target(), OPTIONS).get(0);
	}

	private static void assertIntact(RunResult result) {
		Integrity integrity = result.integrity();
		assertThat(integrity.acked()).as("SEND-OK'd messages in %s", result.name()).isPositive();
		assertThat(integrity.lost()).as("lost in %s", result.name()).isZero();
		assertThat(integrity.duplicates()).as("duplicates in %s", result.name()).isZero();
		assertThat(integrity.reordered()).as("reordered in %s", result.name()).isZero();
		assertThat(integrity.corrupt()).as("damaged bodies in %s", result.name()).isZero();
	}

}
