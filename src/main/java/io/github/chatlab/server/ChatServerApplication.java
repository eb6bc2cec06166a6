package io.github.chatlab.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;

import io.github.chatlab.server.settings.ChatProperties;
import io.github.chatlab.server.startup.LabArguments;
import io.github.chatlab.server.startup.ShutdownSignals;
import io.github.chatlab.server.startup.StartupFailure;
import io.github.chatlab.server.settings.UnknownSettings;

/**
 * Starts the chat server. Arguments may come in the lab's style ({@code --port 5378}) as
 * well as Spring's ({@code --port=5378}); SIGTERM and Ctrl-C stop it with exit status 0
 * (R1, R3).
 */
@SpringBootApplication(proxyBeanMethods = false)
@EnableConfigurationProperties(ChatProperties.class)
public class ChatServerApplication {

	public static void main(String[] args) {
		ShutdownSignals.exitCleanlyOnTermination();
		try {
			run(args);
		}
		catch (SpringApplication.AbandonedRunException ex) {
			// not a failure: build-time AOT processing and training runs stop the
			// application this way
			throw ex;
		}
		catch (RuntimeException ex) {
			// Spring Boot has logged the details; R2 wants one clear line on standard
			// error, e.g. when the
			// HTTP port is taken by another instance
			System.err.println(StartupFailure.line(ex));
			System.err.flush();
			System.exit(1);
		}
	}

	/**
	 * Starts the server as {@link #main} does, failing with an exception instead of
	 * exiting.
	 */
	public static ConfigurableApplicationContext run(String... args) {
		SpringApplication application = new SpringApplication(ChatServerApplication.class);
		// also when another main calls this (TrainingRun): the AOT initializer is named
		// after it
		application.setMainApplicationClass(ChatServerApplication.class);
		application.addListeners(new UnknownSettings());
		return application.run(LabArguments.normalize(args));
	}

}
