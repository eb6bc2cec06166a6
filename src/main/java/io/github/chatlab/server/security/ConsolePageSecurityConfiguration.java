package io.github.chatlab.server.security;

import jakarta.servlet.DispatcherType;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import io.github.chatlab.server.console.ConsoleProperties;
import io.github.chatlab.server.http.HttpSide;

/**
 * The console page's side of the HTTP server (O7): {@code /}, its login form and its
 * assets, for a browser, with a session and CSRF protection, while scripts keep HTTP
 * Basic on the JSON API (R5, O9). The accounts and the slowdown of failed logins (O1) are
 * the API's: {@link OperatorSecurityConfiguration#operators} and the same
 * {@link LoginThrottle}, so a password guessed through the form is slowed like one
 * guessed through HTTP Basic.
 * <p>
 * The page's own calls to {@code /api/**} go through the API's chain, which reads this
 * session as well as HTTP Basic and wants the session's CSRF token on every change (the
 * page sends it as a header). Roles are the server's there, by method (O1): a viewer's
 * forged change gets 403 whatever the page shows.
 * <p>
 * The session cookie is {@code HttpOnly} and {@code SameSite=Strict}
 * ({@code application.yml}), and the Content-Security-Policy allows scripts and styles
 * from this server only, none inline: the page shows what students wrote (names, lines),
 * and markup slipped into them must never run in the teaching team's browser.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@HttpSide
class ConsolePageSecurityConfiguration {

	/**
	 * Scripts, styles, images and connections from this server only, nothing inline.
	 */
	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
			+ "frame-ancestors 'none'; form-action 'self'";

	private static final PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();

	/**
	 * The page's files and its session endpoint: open, they hold nothing of the course.
	 */
	private static final RequestMatcher OPEN = new OrRequestMatcher(paths.matcher("/login"),
			paths.matcher("/console/**"), paths.matcher("/webjars/**"), paths.matcher("/favicon.ico"));

	/**
	 * Before the API's chain and the deny-all one; it takes only the page's paths, and
	 * none while the console is off: then the deny-all chain refuses them. Decided when
	 * the application starts, not by a bean condition, as the console's own beans are
	 * (docs/console.md): the lab's launcher runs the ahead-of-time processed application,
	 * whose beans were fixed at build time with the console off.
	 */
	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE + 10)
	SecurityFilterChain consolePageSecurityFilterChain(HttpSecurity http, LoginThrottle throttle,
			ConsoleProperties console) {
		RequestMatcher page = new OrRequestMatcher(paths.matcher("/"), paths.matcher("/logout"), OPEN);
		http.securityMatcher(console.enabled() ? page : (request) -> false);
		http.authorizeHttpRequests((requests) -> requests.dispatcherTypeMatchers(DispatcherType.ERROR)
			.permitAll()
			.requestMatchers(OPEN)
			.permitAll()
			.anyRequest()
			.hasAnyRole(OperatorAccounts.VIEWER, OperatorAccounts.MODERATOR));
		http.formLogin((form) -> form.loginPage("/login").defaultSuccessUrl("/", true).permitAll());
		http.addFilterBefore(throttle.filter(), UsernamePasswordAuthenticationFilter.class);
		http.logout((logout) -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"));
		http.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
			.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.NO_REFERRER)));
		http.servletApi((servletApi) -> servletApi.disable());
		return http.build();
	}

}
