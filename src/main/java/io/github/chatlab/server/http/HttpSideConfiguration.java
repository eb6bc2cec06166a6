package io.github.chatlab.server.http;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.context.annotation.FilterType;

import io.github.chatlab.server.ChatServerApplication;

/**
 * The root of the HTTP side's context: the HTTP side's share of the auto-configuration
 * ({@link HttpSideAutoConfigurations}) and the application's HTTP-side classes
 * ({@link HttpSideTypes}). Not a {@code @Configuration}, so the main context's scan
 * passes it by; {@link HttpSideStarter} registers it.
 */
@EnableAutoConfiguration
@ComponentScan(basePackageClasses = ChatServerApplication.class, useDefaultFilters = false,
		includeFilters = @Filter(type = FilterType.CUSTOM, classes = HttpSideTypes.class))
final class HttpSideConfiguration {

}
