package io.github.chatlab.server;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Role;

import io.github.chatlab.server.http.HttpSideStarter;
import io.github.chatlab.server.http.HttpSideTypes;
import io.github.chatlab.server.settings.ChatProperties;
import io.github.chatlab.server.settings.SettingChecks;
import io.github.chatlab.server.settings.UnknownSettings;
import io.github.chatlab.server.startup.LabArguments;
import io.github.chatlab.server.startup.ShutdownSignals;
import io.github.chatlab.server.startup.StartupFailure;

/**
 * Starts the chat server. Arguments may come in the lab's style ({@code --port 5378}) as
 * well as Spring's ({@code --port=5378}); SIGTERM and Ctrl-C stop it with exit status 0
 * (R1, R3).
 * <p>
 * {@code @SpringBootApplication} but for one filter: this main context is not a web
 * application and holds none of the HTTP side's classes ({@link HttpSideTypes}), which
 * {@link HttpSideStarter} starts in a child context after {@code Server is on} (R2).
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@ComponentScan(excludeFilters = { @Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class),
		@Filter(type = FilterType.CUSTOM, classes = AutoConfigurationExcludeFilter.class),
		@Filter(type = FilterType.CUSTOM, classes = HttpSideTypes.class) })
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
	 * The bounds of every {@code chat.*} setting, checked as it is bound; Spring Boot
	 * finds the checker by this bean's name. Static, so that it exists before any
	 * settings are bound; infrastructure, since it is made while the post-processors are
	 * registered (which Spring would otherwise warn about).
	 */
	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static SettingChecks.Validator configurationPropertiesValidator() {
		return new SettingChecks.Validator();
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
		application.setWebApplicationType(WebApplicationType.NONE);
		application.addListeners(new UnknownSettings());
		return application.run(LabArguments.normalize(args));
	}

}
