package io.github.chatlab.server.console.page;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import io.github.chatlab.server.http.HttpSide;

/**
 * The console page (O7) at {@code /}, its login form at {@code /login}: static files in
 * {@code static/console/}, so the page needs no template engine and no build step. Who
 * may see them is {@code security.ConsolePageSecurityConfiguration}'s business.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@HttpSide
class ConsolePageConfiguration implements WebMvcConfigurer {

	@Override
	public void addViewControllers(ViewControllerRegistry registry) {
		registry.addViewController("/").setViewName("forward:/console/index.html");
		registry.addViewController("/login").setViewName("forward:/console/login.html");
	}

}
