package io.github.chatlab.server.security;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The start-up line for the operator (R5): where the actuator is, who logs in, and where
 * the password comes from, never the password itself.
 */
class OperatorAccessAnnouncerTest {

	@Test
	void r5_aConfiguredPasswordIsNamedNotShown() {
		assertThat(OperatorAccessAnnouncer.line("127.0.0.1", 41234, "/actuator", "admin", false))
			.isEqualTo("Operator HTTP on http://127.0.0.1:41234/actuator (health is open; the rest needs user "
					+ "\"admin\" with the password set in spring.security.user.password)");
	}

	@Test
	void r5_aGeneratedPasswordIsTheOneLoggedAbove() {
		assertThat(OperatorAccessAnnouncer.line("127.0.0.1", 8378, "/actuator", "user", true))
			.isEqualTo("Operator HTTP on http://127.0.0.1:8378/actuator (health is open; the rest needs user "
					+ "\"user\" with the generated password logged above)");
	}

	@Test
	void anIpv6AddressIsBracketedInTheUrl() {
		assertThat(OperatorAccessAnnouncer.line("::1", 8378, "/manage", "user", true))
			.startsWith("Operator HTTP on http://[::1]:8378/manage ");
	}

}
