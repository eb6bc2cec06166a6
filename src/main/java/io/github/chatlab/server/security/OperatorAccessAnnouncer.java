package io.github.chatlab.server.security;

import org.springframework.boot.security.autoconfigure.SecurityProperties;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;

/**
 * Prints one line on standard output telling the operator where the actuator listens and
 * how to log in (R5). The lab launcher puts the HTTP side on a random port, which
 * otherwise only Tomcat's log line gives away. The line comes when the HTTP side's web
 * server has started, which is after {@code Server is on} (R2): the lab's wait for that
 * line is unchanged. A configured password is never printed; a generated one Spring Boot
 * has already logged once, above.
 */
final class OperatorAccessAnnouncer {

	private final SecurityProperties security;

	private final Environment environment;

	OperatorAccessAnnouncer(SecurityProperties security, Environment environment) {
		this.security = security;
		this.environment = environment;
	}

	@EventListener
	void webServerStarted(WebServerInitializedEvent event) {
		boolean management = WebServerApplicationContext.hasServerNamespace(event.getApplicationContext(),
				"management");
		if (management != hasManagementServer()) {
			// the actuator is on the other server
			return;
		}
		System.out.println(line(address(), event.getWebServer().getPort(), basePath(),
				this.security.getUser().getName(), this.security.getUser().isPasswordGenerated()));
		System.out.flush();
	}

	static String line(String address, int port, String basePath, String user, boolean passwordGenerated) {
		String host = address.contains(":") ? "[" + address + "]" : address;
		String password = passwordGenerated ? "the generated password logged above"
				: "the password set in spring.security.user.password";
		return "Operator HTTP on http://" + host + ":" + port + basePath + " (health is open; the rest needs user \""
				+ user + "\" with " + password + ")";
	}

	private boolean hasManagementServer() {
		Integer management = this.environment.getProperty("management.server.port", Integer.class);
		return management != null && !management.equals(this.environment.getProperty("server.port", Integer.class));
	}

	private String address() {
		String management = this.environment.getProperty("management.server.address");
		return (management != null) ? management : this.environment.getProperty("server.address", "0.0.0.0");
	}

	private String basePath() {
		return this.environment.getProperty("server.servlet.context-path", "")
				+ this.environment.getProperty("management.endpoints.web.base-path", "/actuator");
	}

}
