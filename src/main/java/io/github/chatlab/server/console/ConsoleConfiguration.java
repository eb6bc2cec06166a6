package io.github.chatlab.server.console;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.chatlab.server.settings.ChatProperties;
import io.github.chatlab.server.chat.ChatThreads;
import io.github.chatlab.server.chat.SessionRegistry;
import io.github.chatlab.server.console.api.ConsoleApi.ConsoleParts;
import io.github.chatlab.server.console.audit.Audit;
import io.github.chatlab.server.console.bans.BanProperties;
import io.github.chatlab.server.console.bans.Bans;
import io.github.chatlab.server.console.events.ConsoleEvent;
import io.github.chatlab.server.console.events.ConsoleEvents;
import io.github.chatlab.server.console.events.ConsoleTraceListener;
import io.github.chatlab.server.console.history.MeterHistory;
import io.github.chatlab.server.console.voice.ConsoleMessage;
import io.github.chatlab.server.console.voice.TeachingTeam;
import io.github.chatlab.server.protocol.UserNames;
import io.github.chatlab.server.trace.Traces;

/**
 * The teaching team's console (PROTOCOL.md O). Whether it runs is decided from
 * {@code chat.console.enabled} when the application starts, not by bean conditions: the
 * lab's launcher starts the ahead-of-time processed application, whose set of beans is
 * fixed at build time (docs/startup.md), and the console must run there in the
 * {@code lab-host} profile. Switched off, every bean below is null (Spring's null bean):
 * no bans are checked, no teaching team is in {@code LIST}, no thread runs and no file is
 * read, and {@code /api/**} answers 404.
 * <p>
 * The teaching team is a {@link io.github.chatlab.server.chat.Bot} bean, which the
 * session registry puts online after the test bots; the bans are the
 * {@link io.github.chatlab.server.chat.Gate} bean the transports ask at connect and
 * login.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ ConsoleProperties.class, BanProperties.class })
class ConsoleConfiguration {

	private static final Log logger = LogFactory.getLog(ConsoleConfiguration.class);

	@Bean
	@Nullable ConsoleEvents consoleEvents(ConsoleProperties console) {
		return console.enabled() ? new ConsoleEvents(console.events().maxSubscribers(), console.events().queue())
				: null;
	}

	@Bean
	@Nullable Bans bans(ConsoleProperties console, BanProperties properties, UserNames names) {
		if (!console.enabled()) {
			return null;
		}
		Path file = (properties.file() != null && !properties.file().isBlank()) ? Path.of(properties.file()) : null;
		if (file == null) {
			logger.warn("chat.bans.file is not set: bans last until the server stops");
		}
		Bans bans = Bans.create(names, file, Clock.systemUTC(), properties.defaultExpiry());
		bans.load();
		return bans;
	}

	/**
	 * The teaching team (O5): a user like the bots, so its name is valid (L2) and taken.
	 */
	@Bean
	@Nullable TeachingTeam teachingTeam(ConsoleProperties console, @Nullable ConsoleEvents consoleEvents, UserNames names) {
		if (!console.enabled() || consoleEvents == null) {
			return null;
		}
		if (!names.isValid(console.sender())) {
			throw new IllegalArgumentException(
					"chat.console.sender must be a valid user name (L2), not \"" + console.sender() + "\"");
		}
		return new TeachingTeam(console.sender(), console.messages(),
				(message) -> consoleEvents.publish(ConsoleEvent.about("message", MessageEvent.of(message))));
	}

	/** Every connection's life as events (O9); no listener at all when off. */
	@Bean
	@Nullable ConsoleTraceListener consoleTraceListener(@Nullable ConsoleEvents consoleEvents) {
		return (consoleEvents != null) ? new ConsoleTraceListener(consoleEvents) : null;
	}

	@Bean
	@Nullable Audit audit(ConsoleProperties console, @Nullable ConsoleEvents consoleEvents) {
		return (consoleEvents != null) ? new Audit(console.audit(), consoleEvents) : null;
	}

	@Bean
	@Nullable Moderation moderation(SessionRegistry registry, @Nullable Bans bans, @Nullable TeachingTeam teachingTeam,
			@Nullable Audit audit, @Nullable ConsoleEvents consoleEvents) {
		if (bans == null || teachingTeam == null || audit == null || consoleEvents == null) {
			return null;
		}
		return new Moderation(registry, bans, teachingTeam, audit, consoleEvents);
	}

	@Bean
	@Nullable MeterHistory meterHistory(ConsoleProperties console, MeterRegistry meters) {
		return console.enabled() ? new MeterHistory(meters, console.history().samples()) : null;
	}

	@Bean
	@Nullable ConsoleParts consoleParts(ConsoleProperties console, ChatProperties chat, Traces traces, SessionRegistry registry,
			@Nullable Bans bans, @Nullable TeachingTeam teachingTeam, @Nullable Moderation moderation,
			@Nullable Audit audit, @Nullable MeterHistory meterHistory, @Nullable ConsoleEvents consoleEvents) {
		if (bans == null || teachingTeam == null || moderation == null || audit == null || meterHistory == null
				|| consoleEvents == null) {
			return null;
		}
		return new ConsoleParts(traces, registry, bans, teachingTeam, moderation, audit, meterHistory,
				console.history().interval(), chat.maxClients(), consoleEvents);
	}

	@Bean
	@Nullable ConsoleRuntime consoleRuntime(ConsoleProperties console, @Nullable ConsoleParts consoleParts) {
		return (consoleParts != null) ? new ConsoleRuntime(consoleParts, console) : null;
	}

	/**
	 * What a message event says of a message: never its text, which only
	 * {@code GET /api/messages} shows (R4).
	 *
	 * @param id the message's id
	 * @param direction {@code in} or {@code out}
	 * @param from who sent it
	 * @param to whom, null for the teaching team or everyone
	 * @param bytes its length in UTF-8
	 */
	record MessageEvent(long id, String direction, String from, @Nullable String to, int bytes) {

		static MessageEvent of(ConsoleMessage message) {
			return new MessageEvent(message.id(), message.direction(), message.from(), message.to(),
					message.text().getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
		}

	}

	/**
	 * The console's one timer ({@code chat-console-timer}): a sample of the meters every
	 * interval, expired bans dropped every 10 s; on stop, the event streams end and the
	 * teaching team's writers stop.
	 */
	static final class ConsoleRuntime implements SmartLifecycle {

		private static final long SWEEP_SECONDS = 10;

		private final ConsoleParts parts;

		private final ConsoleProperties console;

		private volatile @Nullable ScheduledThreadPoolExecutor timer;

		ConsoleRuntime(ConsoleParts parts, ConsoleProperties console) {
			this.parts = parts;
			this.console = console;
		}

		@Override
		public void start() {
			ScheduledThreadPoolExecutor started = ChatThreads.timer("console-timer");
			long interval = this.console.history().interval().toMillis();
			started.scheduleAtFixedRate(this::sample, 0, interval, TimeUnit.MILLISECONDS);
			started.scheduleWithFixedDelay(this::sweep, SWEEP_SECONDS, SWEEP_SECONDS, TimeUnit.SECONDS);
			this.timer = started;
		}

		private void sample() {
			try {
				this.parts.history().sample();
			}
			catch (RuntimeException ex) {
				logger.warn("Could not sample the meters: " + ex);
			}
		}

		private void sweep() {
			int dropped = this.parts.bans().dropExpired();
			if (dropped > 0) {
				logger.info(dropped + " ban(s) expired");
			}
		}

		@Override
		public void stop() {
			ScheduledThreadPoolExecutor running = this.timer;
			if (running != null) {
				running.shutdownNow();
				this.timer = null;
			}
			this.parts.events().stop();
			this.parts.team().close();
		}

		@Override
		public boolean isRunning() {
			return this.timer != null;
		}

	}

}
