package io.github.chatlab.server.security;

import jakarta.servlet.DispatcherType;

import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.security.autoconfigure.SecurityProperties;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;

import io.github.chatlab.server.http.HttpSide;

/**
 * Operator access over HTTP (R5): {@code health} and its probes are open, so that a load
 * balancer or the lab's scripts can poll them; every other actuator endpoint
 * ({@code chat} shows students' names and addresses and kicks them, {@code metrics},
 * {@code prometheus}, {@code info}) needs HTTP Basic credentials; anything else is
 * denied. The endpoints are matched by {@link EndpointRequest}, so the rules follow the
 * actuator's base path and port wherever they are configured.
 * <p>
 * Stateless and without CSRF protection: the clients are curl and Prometheus, which send
 * credentials with every request and have no session to ride; a browser form does not
 * exist. Credentials on every endpoint that tells or changes anything also take the value
 * out of a DNS-rebinding attack on the loopback HTTP port: a page can make a browser send
 * requests there, but it does not know the password. Logout is off (its filter would
 * answer {@code /logout} for anyone, before the rules), and so is the servlet API
 * integration, which nothing here calls.
 * <p>
 * Part of the HTTP side's context, which starts after {@code Server is on} with this
 * chain in place before its port answers.
 */
@Configuration(proxyBeanMethods = false)
@HttpSide
class OperatorSecurityConfiguration {

	@Bean
	SecurityFilterChain operatorSecurityFilterChain(HttpSecurity http) {
		http.authorizeHttpRequests((requests) -> requests.dispatcherTypeMatchers(DispatcherType.ERROR)
			.permitAll()
			.requestMatchers(EndpointRequest.to(HealthEndpoint.class),
					EndpointRequest.toAdditionalPaths(WebServerNamespace.SERVER, HealthEndpoint.class))
			.permitAll()
			.requestMatchers(EndpointRequest.toAnyEndpoint())
			.authenticated()
			.anyRequest()
			.denyAll());
		http.httpBasic((basic) -> basic.realmName("chat-server operator"));
		http.csrf((csrf) -> csrf.disable());
		http.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		http.logout((logout) -> logout.disable());
		http.servletApi((servletApi) -> servletApi.disable());
		return http.build();
	}

	/**
	 * No observation of each security filter and decision: the {@code chat.*} meters are
	 * what the operator watches, and the HTTP side's own observations are off too (see
	 * {@code application.yml}).
	 */
	@Bean
	SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	@Bean
	OperatorAccessAnnouncer operatorAccessAnnouncer(SecurityProperties security, Environment environment) {
		return new OperatorAccessAnnouncer(security, environment);
	}

}
