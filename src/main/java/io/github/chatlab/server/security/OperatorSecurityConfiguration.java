package io.github.chatlab.server.security;

import java.io.IOException;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.security.autoconfigure.SecurityProperties;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import io.github.chatlab.server.console.ConsoleProperties;
import io.github.chatlab.server.http.HttpSide;

/**
 * Operator access over HTTP (R5, O1). {@code health} and its probes are open, so that a
 * load balancer or the lab's scripts can poll them. Everything else needs an operator
 * account ({@link OperatorAccounts}): a {@code viewer} may read ({@code GET}) the
 * actuator and the console's API, and only a {@code moderator} may change anything
 * ({@code DELETE /actuator/chat/{name}}, every {@code POST} and {@code DELETE} of
 * {@code /api/**}). The rules are the server's, on every endpoint, whatever a page shows
 * (O1). The actuator's endpoints are matched by {@link EndpointRequest}, so the rules
 * follow its base path and port wherever they are configured.
 * <p>
 * Two filter chains. The first, for the actuator and {@code /api/**}, takes HTTP Basic
 * (curl, scripts, Prometheus: credentials on every request, no session handed out) and
 * also the session of an operator logged in on the console's page, never creating one
 * itself. CSRF protection applies to a changing request that rides on a session (a
 * browser's), not to one that carries its own credentials, which a cross-site page cannot
 * forge. The second chain is everything else, denied for now: the console's page (O7)
 * will put its own chain there, for {@code /}, {@code /login} and its static assets, with
 * form login, a session and CSRF protection, sharing {@link #operators} and the
 * {@link LoginThrottle}.
 * <p>
 * Credentials on every endpoint that tells or changes anything also take the value out of
 * a DNS-rebinding attack on the loopback HTTP port: a page can make a browser send
 * requests there, but it does not know the password. Logout is off in the API chain (its
 * filter would answer {@code /logout} for anyone, before the rules), and so is the
 * servlet API integration, which nothing here calls.
 * <p>
 * Part of the HTTP side's context ({@link HttpSide}), which starts after
 * {@code Server is on} with these chains in place before its port answers.
 */
@Configuration(proxyBeanMethods = false)
@HttpSide
class OperatorSecurityConfiguration {

	private static final RequestMatcher API = PathPatternRequestMatcher.withDefaults().matcher("/api/**");

	private static final RequestMatcher READING = (request) -> HttpMethod.GET.matches(request.getMethod())
			|| HttpMethod.HEAD.matches(request.getMethod());

	@Bean
	@Order(1)
	SecurityFilterChain operatorSecurityFilterChain(HttpSecurity http, LoginThrottle throttle) {
		http.securityMatcher(new OrRequestMatcher(API, EndpointRequest.toAnyEndpoint()));
		http.authorizeHttpRequests((requests) -> requests.dispatcherTypeMatchers(DispatcherType.ERROR)
			.permitAll()
			.requestMatchers(EndpointRequest.to(HealthEndpoint.class),
					EndpointRequest.toAdditionalPaths(WebServerNamespace.SERVER, HealthEndpoint.class))
			.permitAll()
			.requestMatchers(READING)
			.hasAnyRole(OperatorAccounts.VIEWER, OperatorAccounts.MODERATOR)
			.anyRequest()
			.hasRole(OperatorAccounts.MODERATOR));
		http.httpBasic((basic) -> basic.realmName("chat-server operator"));
		http.addFilterBefore(throttle.filter(), BasicAuthenticationFilter.class);
		http.csrf((csrf) -> csrf.requireCsrfProtectionMatcher(OperatorSecurityConfiguration::ridesOnSession));
		http.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.NEVER));
		http.exceptionHandling((exceptions) -> exceptions.accessDeniedHandler(jsonAccessDenied()));
		http.logout((logout) -> logout.disable());
		http.servletApi((servletApi) -> servletApi.disable());
		http.requestCache((cache) -> cache.disable());
		return http.build();
	}

	/**
	 * Everything but the actuator and the API: denied until the console's page (O7) takes
	 * it over with a chain of its own.
	 */
	@Bean
	@Order(2)
	SecurityFilterChain restSecurityFilterChain(HttpSecurity http) {
		http.authorizeHttpRequests(
				(requests) -> requests.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll().anyRequest().denyAll());
		http.httpBasic((basic) -> basic.realmName("chat-server operator"));
		http.csrf((csrf) -> csrf.disable());
		http.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		http.logout((logout) -> logout.disable());
		http.servletApi((servletApi) -> servletApi.disable());
		return http.build();
	}

	/**
	 * A changing request that rides on a browser's session rather than carrying its own
	 * credentials needs the CSRF token; one with neither is simply unauthenticated (401).
	 */
	private static boolean ridesOnSession(HttpServletRequest request) {
		return !READING.matches(request) && !HttpMethod.OPTIONS.matches(request.getMethod())
				&& request.getHeader(HttpHeaders.AUTHORIZATION) == null && request.getSession(false) != null;
	}

	/** A 403 that says what was missing, as JSON like the API's other errors (O9). */
	private static AccessDeniedHandler jsonAccessDenied() {
		return (request, response, denied) -> {
			response.setStatus(HttpServletResponse.SC_FORBIDDEN);
			response.setContentType(MediaType.APPLICATION_JSON_VALUE);
			String message = READING.matches(request) ? "this needs an operator account"
					: "only a moderator may " + request.getMethod() + " " + request.getRequestURI()
							+ "; a viewer may only look (or the CSRF token was missing)";
			writeJson(response, 403, "Forbidden", message);
		};
	}

	static void writeJson(HttpServletResponse response, int status, String error, String message) throws IOException {
		response.getWriter()
			.write("{\"status\":" + status + ",\"error\":\"" + error + "\",\"message\":\""
					+ message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
	}

	@Bean
	UserDetailsService operators(SecurityProperties security, ConsoleProperties console) {
		return OperatorAccounts.of(security, console);
	}

	/**
	 * {@code {bcrypt}}, {@code {argon2}}, {@code {noop}} and the other ids Spring knows.
	 */
	@Bean
	PasswordEncoder operatorPasswordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	@Bean
	LoginThrottle loginThrottle(ConsoleProperties console, MeterRegistry meters) {
		ConsoleProperties.LoginFailures failures = console.loginFailures();
		return new LoginThrottle(failures.max(), failures.window(), failures.block(), meters);
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
