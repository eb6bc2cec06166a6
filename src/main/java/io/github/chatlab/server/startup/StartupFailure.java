package io.github.chatlab.server.startup;

import org.springframework.boot.web.server.PortInUseException;

/**
 * Turns a failed start into the one line R2 asks for: the deepest cause that says what
 * went wrong, with a hint where the user can do something about it.
 */
public final class StartupFailure {

	private StartupFailure() {
	}

	public static String describe(Throwable failure) {
		Throwable deepest = failure;
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof PortInUseException portInUse) {
				return "the HTTP port " + portInUse.getPort() + " is already in use (server.port; "
						+ "--server.port=0 picks a free one)";
			}
			if (cause.getMessage() != null) {
				deepest = cause;
			}
		}
		String message = deepest.getMessage();
		return ((message != null) ? message : deepest.getClass().getSimpleName()).lines().findFirst().orElse("");
	}

}
