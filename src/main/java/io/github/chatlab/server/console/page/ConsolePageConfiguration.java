package io.github.chatlab.server.console.page;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The console page's side of the HTTP server (O7): {@code /} and its assets for a
 * browser, behind a login form with a session and CSRF protection, while scripts keep
 * HTTP Basic on the JSON API (R5, O9).
 * <p>
 * The page's own requests to {@code /api/**} ride its session: they carry the session
 * cookie and no {@code Authorization} header, and this chain takes exactly those, so
 * every change the page makes must bring the session's CSRF token (the page sends it as a
 * header). A request with credentials, or with no session at all, is left to the API's
 * own HTTP Basic chain, so {@code curl -u} works as before and an anonymous script still
 * gets the Basic challenge. Roles are checked here too, by method: a {@code viewer} may
 * read, only a {@code moderator} may change (O1); a forged change by a viewer gets 403
 * whatever the page shows.
 * <p>
 * The session cookie is {@code HttpOnly} and {@code SameSite=Strict}
 * ({@code application.yml}), and the Content-Security-Policy allows scripts and styles
 * from this server only, none inline: the page's text comes from students (names, lines),
 * so markup injected through it must not run.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("chat.console.enabled")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ConsolePageConfiguration implements WebMvcConfigurer {

	/**
	 * Scripts, styles, fonts, images and connections from this server only, nothing
	 * inline.
	 */
	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
			+ "frame-ancestors 'none'; form-action 'self'";

	private static final PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE + 10)
	SecurityFilterChain consolePageSecurityFilterChain(HttpSecurity http) {
		http.securityMatcher(pageRequests());
		http.authorizeHttpRequests((requests) -> requests
			.requestMatchers(paths.matcher("/login"), paths.matcher("/console/**"), paths.matcher("/webjars/**"),
					paths.matcher("/favicon.ico"))
			.permitAll()
			.requestMatchers(paths.matcher(HttpMethod.GET, "/api/**"), paths.matcher(HttpMethod.HEAD, "/api/**"))
			.hasAnyRole(Roles.VIEWER, Roles.MODERATOR)
			.requestMatchers(paths.matcher("/api/**"))
			.hasRole(Roles.MODERATOR)
			.anyRequest()
			.authenticated());
		http.formLogin((form) -> form.loginPage("/login").defaultSuccessUrl("/", true).permitAll());
		http.logout((logout) -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"));
		http.exceptionHandling((exceptions) -> exceptions
			.defaultAuthenticationEntryPointFor((request, response, ex) -> json(response,
					HttpServletResponse.SC_UNAUTHORIZED, "the console session has ended: log in again"),
					paths.matcher("/api/**"))
			.defaultAccessDeniedHandlerFor(
					(request, response, ex) -> json(response, HttpServletResponse.SC_FORBIDDEN,
							"only a moderator may change anything (O1), and every change needs the page's CSRF token"),
					paths.matcher("/api/**")));
		http.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
			.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.NO_REFERRER)));
		http.servletApi((servletApi) -> servletApi.disable());
		return http.build();
	}

	/**
	 * The page, its login, its assets, and the page's own API requests: those with a
	 * session cookie and without credentials of their own.
	 */
	static RequestMatcher pageRequests() {
		RequestMatcher page = new OrRequestMatcher(paths.matcher("/"), paths.matcher("/login"),
				paths.matcher("/logout"), paths.matcher("/console/**"), paths.matcher("/webjars/**"),
				paths.matcher("/favicon.ico"));
		RequestMatcher pageApiCall = new AndRequestMatcher(paths.matcher("/api/**"),
				(request) -> request.getHeader("Authorization") == null && request.getRequestedSessionId() != null);
		return new OrRequestMatcher(page, pageApiCall);
	}

	@Override
	public void addViewControllers(ViewControllerRegistry registry) {
		registry.addViewController("/").setViewName("forward:/console/index.html");
		registry.addViewController("/login").setViewName("forward:/console/login.html");
	}

	private static void json(HttpServletResponse response, int status, String message) throws IOException {
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.getWriter().write("{\"status\":" + status + ",\"message\":\"" + message + "\"}");
	}

	/** O1's roles as Spring Security role names ({@code ROLE_} is implied). */
	static final class Roles {

		static final String VIEWER = "VIEWER";

		static final String MODERATOR = "MODERATOR";

		private Roles() {
		}

	}

}
