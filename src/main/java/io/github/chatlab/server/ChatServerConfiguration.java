package io.github.chatlab.server;

import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.ip.dsl.Tcp;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;

import io.github.chatlab.server.bots.OnlineBots;
import io.github.chatlab.server.chat.ChatMetrics;
import io.github.chatlab.server.chat.ChatService;
import io.github.chatlab.server.chat.ChatThreads;
import io.github.chatlab.server.chat.SessionRegistry;
import io.github.chatlab.server.protocol.CommandParser;
import io.github.chatlab.server.protocol.Frame;
import io.github.chatlab.server.protocol.UserNames;
import io.github.chatlab.server.settings.ChatProperties;
import io.github.chatlab.server.trace.Traces;
import io.github.chatlab.server.udp.UdpPeer;
import io.github.chatlab.server.udp.UdpProperties;
import io.github.chatlab.server.wire.ChatInbound;
import io.github.chatlab.server.wire.ChatServerConnectionFactory;
import io.github.chatlab.server.wire.ConnectionTracker;
import io.github.chatlab.server.wire.WireSettings;

/**
 * The data path of one line, top to bottom: the TCP server connection factory (a thread
 * per connection, framing by the LF-only {@code LineCodec}), its inbound adapter, and
 * {@link ChatInbound}, which hands every line with its session to the {@link ChatService}
 * state machine, backed by the {@link SessionRegistry}. The factory is configured with
 * setters rather than {@code Tcp.netServer(...)} because it is a subclass.
 */
@Configuration(proxyBeanMethods = false)
class ChatServerConfiguration {

	/**
	 * Stack size of a connection's reading thread: its calls are shallow, and there may
	 * be thousands.
	 */
	private static final long READER_STACK_BYTES = 512 * 1024;

	/**
	 * Idle platform reader threads kept for reuse; beyond them a thread ends as soon as
	 * its connection does. Churn reuses threads within milliseconds. Keeping every idle
	 * thread for a while instead made them all end together some time after 10,000 users
	 * left, and churn right then had cycles of 1.4 to 3.3 s (Java 17, measured
	 * 2026-12-04; with 10 s, every young GC scanned 10,000 idle stacks instead).
	 */
	private static final int IDLE_READERS_KEPT = 256;

	@Bean
	ChatServerConnectionFactory chatConnectionFactory(ChatProperties chat, ConnectionTracker tracker,
			ChatService chatService, Executor chatReaders) {

		ChatProperties.KeepAlive keepAlive = chat.keepalive();
		WireSettings settings = new WireSettings(chat.maxLineBytes(), chat.loginTimeout(), chat.writeTimeout(),
				chat.closeLinger(), (int) chat.maxQueuedBytes().toBytes(),
				new WireSettings.KeepAlive(keepAlive.idle(), keepAlive.interval(), keepAlive.count()),
				(int) chat.sendBuffer().toBytes(),
				new WireSettings.FloodLimit(chat.flood().rate(), chat.flood().burst()));
		ChatServerConnectionFactory factory = new ChatServerConnectionFactory(chat.port(), settings, tracker,
				chatService);
		factory.setLocalAddress(chat.address());
		factory.setTaskExecutor(chatReaders);
		factory.setBacklog(1024);
		return factory;
	}

	@Bean
	IntegrationFlow chatInbound(TcpNetServerConnectionFactory chatConnectionFactory, ChatService chatService) {
		return IntegrationFlow.from(Tcp.inboundAdapter(chatConnectionFactory))
			.handle(Frame.class, new ChatInbound(chatService))
			.get();
	}

	@Bean
	ChatService chatService(SessionRegistry registry, CommandParser parser, ChatMetrics metrics, Traces traces) {
		return new ChatService(registry, parser, metrics, traces);
	}

	@Bean
	ChatMetrics chatMetrics(MeterRegistry meters, SessionRegistry registry, ObjectProvider<ConnectionTracker> tracker) {
		return new ChatMetrics(meters, registry, () -> tracker.getObject().openConnections());
	}

	@Bean
	UserNames userNames(ChatProperties chat) {
		return chat.userNames();
	}

	@Bean
	CommandParser commandParser(UserNames names) {
		return new CommandParser(names);
	}

	/** One name space for both transports, each with its own user limit (U2). */
	@Bean
	SessionRegistry sessionRegistry(ChatProperties chat, UdpProperties udp, OnlineBots bots, UserNames names) {
		return new SessionRegistry(chat.maxClients(), Map.of(UdpPeer.TRANSPORT, udp.maxClients()), bots.bots(),
				chat.perAddress().limits(), names);
	}

	@Bean
	ConnectionTracker connectionTracker(ChatProperties chat, ChatMetrics metrics) {
		return new ConnectionTracker(chat.maxConnections(), chat.writeTimeout(), chat.closeLinger(),
				chat.perAddress().limits(), metrics);
	}

	/**
	 * A thread per connection. Virtual threads (Java 21 or later) make a connection as
	 * cheap as its buffers. Platform threads are reused when connections end, and when
	 * the OS refuses another thread the new connection is rejected (Spring Integration
	 * closes its socket) instead of the error ending the accept loop.
	 */
	@Bean(destroyMethod = "")
	Executor chatReaders(ChatProperties chat) {
		if (chat.virtualThreads()) {
			return ChatThreads.perTask("conn", true);
		}
		return new ThreadPoolExecutor(IDLE_READERS_KEPT, Integer.MAX_VALUE, 0, TimeUnit.SECONDS,
				new SynchronousQueue<>(), ChatThreads.named("conn", READER_STACK_BYTES)) {

			@Override
			public void execute(Runnable command) {
				try {
					super.execute(command);
				}
				catch (OutOfMemoryError ex) {
					throw new RejectedExecutionException("No thread for a new connection: " + ex.getMessage(), ex);
				}
			}

		};
	}

}
