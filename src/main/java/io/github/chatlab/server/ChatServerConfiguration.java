package io.github.chatlab.server;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.ip.dsl.Tcp;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;

import io.github.chatlab.server.bots.OnlineBots;
import io.github.chatlab.server.chat.ChatMetrics;
import io.github.chatlab.server.chat.ChatService;
import io.github.chatlab.server.chat.SessionRegistry;
import io.github.chatlab.server.protocol.CommandParser;
import io.github.chatlab.server.protocol.Frame;
import io.github.chatlab.server.protocol.UserNames;
import io.github.chatlab.server.wire.ChatConnectionSupport;
import io.github.chatlab.server.wire.ChatServerConnectionFactory;
import io.github.chatlab.server.wire.ConnectionTracker;
import io.github.chatlab.server.wire.LineCodec;
import io.github.chatlab.server.wire.WireSettings;

/**
 * The data path of one line, top to bottom: the TCP server connection factory (a thread
 * per connection, framing by {@link LineCodec}), its inbound adapter, and the
 * {@link ChatService} it hands every line to. The factory is configured with setters
 * rather than {@code Tcp.netServer(...)} because it is a subclass
 * ({@link ChatServerConnectionFactory}).
 */
@Configuration(proxyBeanMethods = false)
class ChatServerConfiguration {

	/**
	 * Stack size of a connection's reading thread: its calls are shallow, and there may
	 * be thousands.
	 */
	private static final long READER_STACK_BYTES = 512 * 1024;

	@Bean
	ChatServerConnectionFactory chatConnectionFactory(ChatProperties chat, ConnectionTracker tracker,
			Executor chatReaders, ChatMetrics metrics) {

		WireSettings settings = new WireSettings(chat.maxLineBytes(), chat.loginTimeout(), chat.writeTimeout(),
				chat.closeLinger());
		LineCodec codec = new LineCodec();
		ChatServerConnectionFactory factory = new ChatServerConnectionFactory(chat.port());
		factory.setLocalAddress(chat.address());
		factory.setTcpNetConnectionSupport(new ChatConnectionSupport(settings, tracker, metrics));
		factory.setDeserializer(codec);
		factory.setSerializer(codec);
		factory.setTaskExecutor(chatReaders);
		factory.setBacklog(1024);
		factory.setSoKeepAlive(true);
		factory.setSoTcpNoDelay(true);
		factory.setLookupHost(false);
		return factory;
	}

	@Bean
	IntegrationFlow chatInbound(TcpNetServerConnectionFactory chatConnectionFactory, ChatService chatService) {
		return IntegrationFlow.from(Tcp.inboundAdapter(chatConnectionFactory)).handle(Frame.class, chatService).get();
	}

	@Bean
	ChatService chatService(SessionRegistry registry, CommandParser parser, ChatMetrics metrics) {
		return new ChatService(registry, parser, metrics);
	}

	@Bean
	ChatMetrics chatMetrics(MeterRegistry meters, SessionRegistry registry, ConnectionTracker tracker) {
		return new ChatMetrics(meters, registry, tracker);
	}

	@Bean
	ChatEndpoint chatEndpoint(SessionRegistry registry, ConnectionTracker tracker) {
		return new ChatEndpoint(registry, tracker);
	}

	@Bean
	UserNames userNames(ChatProperties chat) {
		return chat.userNames();
	}

	@Bean
	CommandParser commandParser(UserNames names) {
		return new CommandParser(names);
	}

	@Bean
	SessionRegistry sessionRegistry(ChatProperties chat, OnlineBots bots, UserNames names) {
		return new SessionRegistry(chat.maxClients(), bots.bots(), names);
	}

	@Bean
	ConnectionTracker connectionTracker(ChatProperties chat) {
		return new ConnectionTracker(chat.maxConnections(), chat.writeTimeout());
	}

	/**
	 * A thread per connection. Platform threads are reused when connections end, and when
	 * the OS refuses another thread the new connection is rejected (Spring Integration
	 * closes its socket) instead of the error ending the accept loop. Virtual threads
	 * (Java 21 or later) make a connection as cheap as its buffers.
	 */
	@Bean(destroyMethod = "")
	Executor chatReaders(ChatProperties chat) {
		if (chat.virtualThreads()) {
			return VirtualThreads.executor("chat-conn-");
		}
		AtomicInteger count = new AtomicInteger();
		return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 10, TimeUnit.SECONDS, new SynchronousQueue<>(),
				runnable -> {
					Thread thread = new Thread(null, runnable, "chat-conn-" + count.incrementAndGet(),
							READER_STACK_BYTES);
					thread.setDaemon(true);
					return thread;
				}) {

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

	@Bean
	ListenerStatus listenerStatus() {
		return new ListenerStatus();
	}

	@Bean
	ServerOnAnnouncer serverOnAnnouncer(ListenerStatus status, ChatProperties chat, UserNames names) {
		return new ServerOnAnnouncer(status, chat, names);
	}

	@Bean
	ChatListenerHealthIndicator chatListenerHealthIndicator(TcpNetServerConnectionFactory chatConnectionFactory,
			ListenerStatus status, SessionRegistry registry, ConnectionTracker tracker) {
		return new ChatListenerHealthIndicator(chatConnectionFactory, status, registry, tracker);
	}

}
