package io.github.chatlab.server.console.page;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.annotation.CurrentSecurityContext;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the page needs to know about its own session: who is logged in with which role (so
 * a {@code viewer} is shown no action controls; the server refuses their changes anyway,
 * O1), and the CSRF token every change must carry. The page is static HTML under a
 * Content-Security-Policy that forbids inline scripts, so it asks for the token here
 * instead of finding it written into the page.
 */
@RestController
class ConsoleSessionController {

	@GetMapping(path = "/console/session", produces = "application/json")
	PageSession session(@CurrentSecurityContext SecurityContext context, HttpServletRequest request) {
		CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
		PageSession.Csrf token = (csrf != null)
				? new PageSession.Csrf(csrf.getHeaderName(), csrf.getParameterName(), csrf.getToken()) : null;
		Authentication authentication = context.getAuthentication();
		String role = role(authentication);
		if (role == null) {
			return new PageSession(null, null, token);
		}
		return new PageSession(authentication.getName(), role, token);
	}

	private static @Nullable String role(@Nullable Authentication authentication) {
		if (authentication == null || !authentication.isAuthenticated()) {
			return null;
		}
		String role = null;
		for (GrantedAuthority authority : authentication.getAuthorities()) {
			String name = authority.getAuthority();
			if ("ROLE_MODERATOR".equals(name)) {
				return "moderator";
			}
			if ("ROLE_VIEWER".equals(name)) {
				role = "viewer";
			}
		}
		return role;
	}

	/**
	 * The page's session: {@code user} and {@code role} are null before login.
	 *
	 * @param user the operator's account name
	 * @param role {@code viewer} or {@code moderator} (O1)
	 * @param csrf the token a change must send, in the header it names
	 */
	record PageSession(@Nullable String user, @Nullable String role, @Nullable Csrf csrf) {

		record Csrf(String header, String parameter, String token) {
		}

	}

}
