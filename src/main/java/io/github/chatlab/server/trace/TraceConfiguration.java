package io.github.chatlab.server.trace;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The traces of every connection (O3) and who listens to them: every
 * {@link TraceListener} bean, in order, once all beans exist (so a listener may itself
 * depend on the {@link Traces}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TraceProperties.class)
public class TraceConfiguration {

	@Bean
	Traces traces(TraceProperties settings) {
		return new Traces(settings);
	}

	@Bean
	static SmartInitializingSingleton traceListeners(ObjectProvider<Traces> traces,
			ObjectProvider<TraceListener> listeners) {
		return () -> traces.getObject().setListeners(listeners.orderedStream().toList());
	}

}
