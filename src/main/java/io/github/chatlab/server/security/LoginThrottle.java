package io.github.chatlab.server.security;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.event.EventListener;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.web.filter.OncePerRequestFilter;

import io.github.chatlab.server.chat.ThrottledLog;

/**
 * Repeated failed logins from one address are slowed (O1): after {@code max} failures
 * within {@code window}, every attempt to log in from that address (a request carrying
 * credentials, or a form login) is refused with 429 for {@code block}, before its
 * password is even checked, so a password cannot be guessed at full speed. Failures are
 * learnt from Spring Security's failure events, so HTTP Basic and the page's form login
 * count alike. Counted by {@code chat.console.logins{outcome=failed|throttled}} and
 * logged at most once a minute per address (R4).
 */
final class LoginThrottle {

	private static final Log logger = LogFactory.getLog(LoginThrottle.class);

	/** More addresses than this and the quiet ones are forgotten. */
	private static final int MAX_ADDRESSES = 10_000;

	private final int max;

	private final long windowNanos;

	private final long blockNanos;

	private final Duration block;

	private final Map<String, Failures> failures = new ConcurrentHashMap<>();

	private final ThrottledLog log = new ThrottledLog(logger);

	private final Counter failed;

	private final Counter throttled;

	LoginThrottle(int max, Duration window, Duration block, MeterRegistry meters) {
		this.max = max;
		this.windowNanos = window.toNanos();
		this.blockNanos = block.toNanos();
		this.block = block;
		this.failed = Counter.builder("chat.console.logins")
			.description("Operator logins that failed, and attempts refused after too many failures (O1)")
			.tag("outcome", "failed")
			.register(meters);
		this.throttled = Counter.builder("chat.console.logins")
			.description("Operator logins that failed, and attempts refused after too many failures (O1)")
			.tag("outcome", "throttled")
			.register(meters);
	}

	@EventListener
	void failed(AuthenticationFailureBadCredentialsEvent event) {
		if (event.getAuthentication().getDetails() instanceof WebAuthenticationDetails details
				&& details.getRemoteAddress() != null) {
			failed(details.getRemoteAddress());
		}
	}

	/** A login from {@code address} failed. */
	void failed(String address) {
		this.failed.increment();
		long now = System.nanoTime();
		if (this.failures.size() > MAX_ADDRESSES) {
			this.failures.values().removeIf((entry) -> entry.isQuiet(now));
		}
		Failures entry = this.failures.computeIfAbsent(address, (key) -> new Failures());
		if (entry.add(now)) {
			this.log.warn("operator-logins", address,
					this.max + " failed operator logins from " + address + " within "
							+ Duration.ofNanos(this.windowNanos).toSeconds() + " s: refusing its logins for "
							+ this.block.toSeconds() + " s (429)");
		}
	}

	/** Whether attempts from {@code address} are refused now. */
	boolean isBlocked(String address) {
		Failures entry = this.failures.get(address);
		return entry != null && entry.isBlocked(System.nanoTime());
	}

	/**
	 * The filter that refuses a blocked address's attempts, for a security filter chain
	 * (not a bean: as a bean, Spring Boot would also put it in front of every request).
	 */
	OncePerRequestFilter filter() {
		return new OncePerRequestFilter() {

			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
					throws ServletException, IOException {
				refuseOrPass(request, response, chain);
			}

		};
	}

	private void refuseOrPass(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (isLoginAttempt(request) && isBlocked(request.getRemoteAddr())) {
			this.throttled.increment();
			response.setStatus(429);
			response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(this.block.toSeconds()));
			response.setContentType(MediaType.APPLICATION_JSON_VALUE);
			response.getWriter()
				.write("{\"status\":429,\"error\":\"Too Many Requests\",\"message\":\"more than " + this.max
						+ " failed logins from " + request.getRemoteAddr() + " within "
						+ Duration.ofNanos(this.windowNanos).toSeconds() + " s: logins from it are refused for "
						+ this.block.toSeconds() + " s\"}");
			return;
		}
		chain.doFilter(request, response);
	}

	private static boolean isLoginAttempt(HttpServletRequest request) {
		return request.getHeader(HttpHeaders.AUTHORIZATION) != null
				|| (HttpMethod.POST.matches(request.getMethod()) && "/login".equals(request.getServletPath()));
	}

	/** One address's recent failures; guarded by itself. */
	private final class Failures {

		private long windowStart;

		private int count;

		private boolean blocked;

		private long blockedUntil;

		/**
		 * @return true when this failure starts a block
		 */
		synchronized boolean add(long now) {
			if (this.count == 0 || now - this.windowStart > LoginThrottle.this.windowNanos) {
				this.windowStart = now;
				this.count = 0;
			}
			this.count++;
			if (this.count >= LoginThrottle.this.max) {
				this.blocked = true;
				this.blockedUntil = now + LoginThrottle.this.blockNanos;
				this.count = 0;
				return true;
			}
			return false;
		}

		synchronized boolean isBlocked(long now) {
			return this.blocked && this.blockedUntil - now > 0;
		}

		synchronized boolean isQuiet(long now) {
			return !isBlocked(now) && now - this.windowStart > LoginThrottle.this.windowNanos;
		}

	}

}
