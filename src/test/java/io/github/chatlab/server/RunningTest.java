package io.github.chatlab.server;

import java.io.IOException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;

import io.github.chatlab.server.settings.ChatProperties;
import io.github.chatlab.server.startup.LabArguments;
import io.github.chatlab.server.support.TestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * R1, R2: the application started the way {@code main} starts it, with the lab's
 * arguments. (Exit codes and signals need a real process: see {@code ProcessIT}.)
 */
@ExtendWith(OutputCaptureExtension.class)
class RunningTest {

	@Test
	void r1_r2_labStyleArgumentsConfigureTheListenerAndServerIsOnIsPrintedOnceListening(CapturedOutput output)
			throws IOException {
		String[] args = LabArguments.normalize(
				new String[] { "--address", "127.0.0.1", "--port", "0", "--server.port=0", "--chat.max-clients", "2" });
		try (ConfigurableApplicationContext context = SpringApplication.run(ChatServerApplication.class, args)) {
			TcpNetServerConnectionFactory factory = context.getBean(TcpNetServerConnectionFactory.class);
			assertThat(factory.isListening()).isTrue();
			assertThat(factory.getLocalAddress()).isEqualTo("127.0.0.1");
			assertThat(output.getOut()).containsOnlyOnce("Server is on\n");
			assertThat(context.getBean(ChatProperties.class).maxClients()).isEqualTo(2);
			try (TestClient a = TestClient.login(factory.getPort(), "a");
					TestClient b = TestClient.login(factory.getPort(), "b");
					TestClient c = TestClient.connect(factory.getPort())) {
				c.send("HELLO-FROM c").expectLine("BUSY");
			}
		}
	}

}
