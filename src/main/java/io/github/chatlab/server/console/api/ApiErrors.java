package io.github.chatlab.server.console.api;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ResponseStatusException;

import io.github.chatlab.server.console.events.ConsoleEvents.TooManySubscribers;

/**
 * Every error of the console's API as JSON with a message that says what was wrong (O9):
 * 400 for a malformed ban or message, 404 for an unknown connection, ban or user, 429
 * when the event streams are all taken, 503 when the bans file cannot be written.
 */
@RestControllerAdvice(assignableTypes = ConsoleApi.class)
class ApiErrors {

	private static final Log logger = LogFactory.getLog(ApiErrors.class);

	@ExceptionHandler
	ResponseEntity<Json.Error> malformed(IllegalArgumentException ex) {
		return error(HttpStatus.BAD_REQUEST, ex.getMessage());
	}

	@ExceptionHandler
	ResponseEntity<Json.Error> unreadable(HttpMessageNotReadableException ex) {
		Throwable cause = ex.getMostSpecificCause();
		String message = (cause instanceof IllegalArgumentException) ? cause.getMessage()
				: "the body is not the JSON object this endpoint takes (see docs/console.md)";
		return error(HttpStatus.BAD_REQUEST, message);
	}

	@ExceptionHandler
	ResponseEntity<Json.Error> missing(MissingServletRequestParameterException ex) {
		return error(HttpStatus.BAD_REQUEST, ex.getMessage());
	}

	@ExceptionHandler
	ResponseEntity<Json.Error> status(ResponseStatusException ex) {
		return error(ex.getStatusCode(), String.valueOf(ex.getReason()));
	}

	@ExceptionHandler
	ResponseEntity<Json.Error> tooMany(TooManySubscribers ex) {
		return error(HttpStatus.TOO_MANY_REQUESTS, ex.getMessage());
	}

	@ExceptionHandler
	ResponseEntity<Json.Error> notSaved(IllegalStateException ex) {
		logger.warn(ex.getMessage());
		return error(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage());
	}

	static ResponseEntity<Json.Error> error(HttpStatusCode status, String message) {
		HttpStatus known = HttpStatus.resolve(status.value());
		return ResponseEntity.status(status)
			.body(new Json.Error(status.value(), (known != null) ? known.getReasonPhrase() : "", message));
	}

}
