package io.github.chatlab.server.settings;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import io.github.chatlab.server.settings.UnknownSettings.UnknownSettingException;

/**
 * Logs a misspelt setting the way Spring Boot logs an invalid one (what is wrong, what to
 * do) instead of a stack trace.
 */
class UnknownSettingsFailureAnalyzer extends AbstractFailureAnalyzer<UnknownSettingException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, UnknownSettingException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Correct or remove it: no chat.* setting of that name exists. The settings are listed in the README "
						+ "(Configuration) and in META-INF/spring-configuration-metadata.json.",
				cause);
	}

}
