package io.github.chatlab.server.trace;

import org.jspecify.annotations.Nullable;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The O8 printer, a {@link TraceListener} only when {@code chat.trace.console} is on:
 * with it off there is no listener, so nothing is rendered for it. The choice is made
 * from the settings when the application starts, not by a bean condition, so that it also
 * holds for the ahead-of-time processed start-up (a null bean is left out of the
 * listeners).
 */
@Configuration(proxyBeanMethods = false)
class TracePrinterConfiguration {

	@Bean(destroyMethod = "close")
	@Nullable TraceListener tracePrinter(TraceProperties settings) {
		return settings.console() ? TracePrinter.toStandardError(settings) : null;
	}

}
