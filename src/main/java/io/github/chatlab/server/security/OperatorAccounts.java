package io.github.chatlab.server.security;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.security.autoconfigure.SecurityProperties;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

import io.github.chatlab.server.console.ConsoleProperties;
import io.github.chatlab.server.console.ConsoleProperties.Account;
import io.github.chatlab.server.console.ConsoleProperties.Role;

/**
 * The operator accounts (O1): Spring Boot's {@code spring.security.user}, a
 * {@code moderator} as it always could do everything, and the accounts of
 * {@code chat.console.accounts.*}, each a {@code viewer} or a {@code moderator}, with
 * passwords as Spring Security's delegating encoder reads them ({@code {bcrypt}},
 * {@code {argon2}}, {@code {noop}}). When {@code spring.security.user.password} is not
 * set, the generated one is logged once, as Spring Boot does when it makes the user
 * itself (R5).
 */
final class OperatorAccounts {

	private static final Log logger = LogFactory.getLog(OperatorAccounts.class);

	static final String VIEWER = Role.VIEWER.name();

	static final String MODERATOR = Role.MODERATOR.name();

	private OperatorAccounts() {
	}

	static InMemoryUserDetailsManager of(SecurityProperties security, ConsoleProperties console) {
		Map<String, UserDetails> users = new LinkedHashMap<>();
		SecurityProperties.User boot = security.getUser();
		String password = boot.getPassword();
		if (boot.isPasswordGenerated()) {
			logger.warn(String.format("%n%nUsing generated security password: %s%n%nThis generated password is for "
					+ "development use only. Your security configuration must be updated before running your "
					+ "application in production.%n", password));
		}
		if (!password.matches("^\\{.+}.*$")) {
			password = "{noop}" + password;
		}
		users.put(boot.getName(), User.withUsername(boot.getName()).password(password).roles(MODERATOR).build());
		for (Map.Entry<String, Account> account : console.accounts().entrySet()) {
			if (users.containsKey(account.getKey())) {
				throw new IllegalArgumentException("chat.console.accounts." + account.getKey()
						+ " has the name of spring.security.user.name; give it another name");
			}
			users.put(account.getKey(),
					User.withUsername(account.getKey())
						.password(account.getValue().password())
						.roles(account.getValue().role().name())
						.build());
		}
		return new InMemoryUserDetailsManager(new ArrayList<>(users.values()));
	}

	/** Every role there is, for a rule any operator passes. */
	static List<String> all() {
		return List.of(VIEWER, MODERATOR);
	}

}
