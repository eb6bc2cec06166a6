package io.github.chatlab.server.console.page;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The console page's side of the HTTP server (O7): {@code /} and its assets for a
 * browser, behind a login form with a session and CSRF protection, while scripts keep
 * HTTP Basic on the JSON API (R5, O9).
 * <p>
 * The page's own calls to {@code /api/**} are the API chain's
 * ({@code security.OperatorSecurityConfiguration}): it reads this session as well as HTTP
 * Basic, and wants the session's CSRF token on every change; the page sends it as a
 * header. Roles are the server's there, by method (O1): a viewer's forged change gets 403
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
			.anyRequest()
			.authenticated());
		http.formLogin((form) -> form.loginPage("/login").defaultSuccessUrl("/", true).permitAll());
		http.logout((logout) -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"));
		http.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
			.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.NO_REFERRER)));
		http.servletApi((servletApi) -> servletApi.disable());
		return http.build();
	}

	/** The page, its login and logout, and its assets. */
	static RequestMatcher pageRequests() {
		return new OrRequestMatcher(paths.matcher("/"), paths.matcher("/login"), paths.matcher("/logout"),
				paths.matcher("/console/**"), paths.matcher("/webjars/**"), paths.matcher("/favicon.ico"));
	}

	@Override
	public void addViewControllers(ViewControllerRegistry registry) {
		registry.addViewController("/").setViewName("forward:/console/index.html");
		registry.addViewController("/login").setViewName("forward:/console/login.html");
	}

	/** O1's roles as Spring Security role names ({@code ROLE_} is implied). */
	static final class Roles {

		static final String VIEWER = "VIEWER";

		static final String MODERATOR = "MODERATOR";

		private Roles() {
		}

	}

}
