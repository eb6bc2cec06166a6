package io.github.chatlab.server.udp;

import java.util.concurrent.Executor;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.integration.dsl.IntegrationFlow;

import io.github.chatlab.server.chat.ChatMetrics;
import io.github.chatlab.server.settings.ChatProperties;
import io.github.chatlab.server.chat.ChatService;
import io.github.chatlab.server.chat.ChatThreads;

/**
 * The data path of one datagram, top to bottom: the {@link DatagramReceiver} on
 * {@code chat.udp.address}:{@code chat.udp.port}, its flow, and the {@link UdpChatServer}
 * that frames it and hands it to the same {@link ChatService} as TCP. The beans exist
 * whether or not {@code chat.udp.enabled} is set, and the setting decides at start-up
 * whether the socket is bound and read, not a bean condition, so that it also holds for
 * the ahead-of-time processed start-up of the lab's launcher.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(UdpProperties.class)
class UdpConfiguration {

	@Bean
	DatagramReceiver udpReceiver(UdpProperties udp, ChatProperties chat) {
		DatagramReceiver receiver = new DatagramReceiver(udp.port());
		receiver.setLocalAddress(udp.addressOr(chat.address()));
		// U1: the rest is cut
		receiver.setReceiveBufferSize(udp.maxDatagramBytes());
		receiver.setLookupHost(false);
		receiver.setTaskExecutor(new SimpleAsyncTaskExecutor(ChatThreads.named("udp-receiver")));
		receiver.setAutoStartup(udp.enabled());
		return receiver;
	}

	@Bean(destroyMethod = "close")
	UdpChatServer udpChatServer(UdpProperties udp, ChatProperties chat, ChatService chatService,
			DatagramReceiver udpReceiver, MeterRegistry meters, ChatMetrics chatMetrics) {
		UdpChatServer server = new UdpChatServer(chatService, udp, udp.addressOr(chat.address()), udpReceiver,
				new UdpMetrics(meters), lanes(chat), chat.perAddress().limits(), chatMetrics);
		if (udp.enabled()) {
			server.open(udp.addressOr(chat.address()), udp.port());
		}
		return server;
	}

	@Bean
	IntegrationFlow udpInbound(DatagramReceiver udpReceiver, UdpChatServer udpChatServer) {
		return IntegrationFlow.from(udpReceiver).handle(byte[].class, udpChatServer).get();
	}

	/**
	 * Threads for the clients' lanes: one only while a client has requests waiting, so at
	 * most one per UDP user, and usually none; virtual threads where TCP has them.
	 */
	private static Executor lanes(ChatProperties chat) {
		return ChatThreads.perTask("udp", chat.virtualThreads());
	}

}
