package io.github.chatlab.server.http;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The main context's one bean for the HTTP side: what starts it after
 * {@code Server is on}.
 */
@Configuration(proxyBeanMethods = false)
class HttpSideStartConfiguration {

	@Bean
	HttpSideStarter httpSideStarter(ConfigurableApplicationContext main) {
		return new HttpSideStarter(main);
	}

}
