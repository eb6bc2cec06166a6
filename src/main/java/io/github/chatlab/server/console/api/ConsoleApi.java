package io.github.chatlab.server.console.api;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.github.chatlab.server.chat.Session;
import io.github.chatlab.server.chat.SessionRegistry;
import io.github.chatlab.server.console.Moderation;
import io.github.chatlab.server.console.Moderation.BanResult;
import io.github.chatlab.server.console.Operator;
import io.github.chatlab.server.console.audit.Audit;
import io.github.chatlab.server.console.audit.AuditEntry;
import io.github.chatlab.server.console.bans.Ban;
import io.github.chatlab.server.console.bans.Bans;
import io.github.chatlab.server.console.events.ConsoleEvents;
import io.github.chatlab.server.console.history.MeterHistory;
import io.github.chatlab.server.console.voice.ConsoleMessage;
import io.github.chatlab.server.console.voice.TeachingTeam;
import io.github.chatlab.server.trace.Trace;
import io.github.chatlab.server.trace.Traces;

/**
 * The console's JSON API, exactly as PROTOCOL.md O9 names it. Who may call what is Spring
 * Security's decision (O1, {@code security.OperatorSecurityConfiguration}): a
 * {@code viewer} every {@code GET}, only a {@code moderator} anything else. No answer
 * holds a student's message text but {@code /api/messages}, which lists what was sent to
 * the teaching team (R4).
 */
@RestController
@RequestMapping("/api")
public class ConsoleApi {

	private final ObjectProvider<ConsoleParts> parts;

	ConsoleApi(ObjectProvider<ConsoleParts> parts) {
		this.parts = parts;
	}

	/** The console's parts; a 404 when it is switched off. */
	private ConsoleParts console() {
		ConsoleParts console = this.parts.getIfAvailable();
		if (console == null) {
			throw notFound("the console is off (chat.console.enabled=false)");
		}
		return console;
	}

	@GetMapping("/connections")
	public List<Json.Connection> connections() {
		return console().registry()
			.sessions()
			.stream()
			.map(Json.Connection::of)
			.sorted(Comparator.comparing(Json.Connection::id))
			.toList();
	}

	@GetMapping("/connections/{id}/trace")
	public Json.OpenTrace trace(@PathVariable String id) {
		Trace trace = console().traces().trace(id);
		if (trace == null) {
			throw notFound("no open connection has the id " + id + " (see /api/closed for the closed ones)");
		}
		return Json.OpenTrace.of(trace);
	}

	@GetMapping("/closed")
	public List<Json.Closed> closed(@RequestParam(required = false) @Nullable String name,
			@RequestParam(required = false) @Nullable String address) {
		return console().traces()
			.closed()
			.stream()
			.filter((closed) -> name == null || name.equals(closed.name()))
			.filter((closed) -> address == null || address.equals(closed.address()))
			.map(Json.Closed::of)
			.toList();
	}

	@DeleteMapping("/connections/{id}")
	public Json.Kicked kick(@PathVariable String id, @RequestParam(required = false) @Nullable String message,
			@RequestBody(required = false) Json.@Nullable KickRequest body, HttpServletRequest request) {
		String text = (message != null) ? message : (body != null) ? body.message() : null;
		Session kicked = console().moderation()
			.kick(operator(request), id, text)
			.orElseThrow(() -> notFound("no open connection has the id " + id));
		return new Json.Kicked(kicked.id(), kicked.name(), text != null && !text.isEmpty() && kicked.isLoggedIn());
	}

	@GetMapping("/bans")
	public List<Json.BanView> bans() {
		Instant now = Instant.now();
		return console().bans().list().stream().map((ban) -> Json.BanView.of(ban, now)).toList();
	}

	@PostMapping("/bans")
	public ResponseEntity<Json.BanSet> ban(@RequestBody Json.BanRequest request, HttpServletRequest http) {
		BanResult result = console().moderation()
			.ban(operator(http), request.kind(), request.value(), request.reason(), request.expires(),
					Boolean.TRUE.equals(request.kick()));
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(new Json.BanSet(Json.BanView.of(result.ban(), Instant.now()), result.kicked()));
	}

	@GetMapping("/bans/preview")
	public Json.Preview preview(@RequestParam(required = false) @Nullable String kind,
			@RequestParam(required = false) @Nullable String value) {
		List<Session> matching = console().moderation().wouldMatch(kind, value);
		List<Json.Connection> users = matching.stream().filter(Session::isLoggedIn).map(Json.Connection::of).toList();
		return new Json.Preview(String.valueOf(kind), String.valueOf(value).strip(), users, matching.size());
	}

	@DeleteMapping("/bans/{id}")
	public Json.BanView unban(@PathVariable String id, HttpServletRequest request) {
		Ban ban = console().moderation()
			.unban(operator(request), id)
			.orElseThrow(() -> notFound("no ban in force has the id " + id));
		return Json.BanView.of(ban, Instant.now());
	}

	@GetMapping("/messages")
	public List<ConsoleMessage> messages() {
		return console().team().messages();
	}

	@PostMapping("/messages")
	public ResponseEntity<ConsoleMessage> say(@RequestBody Json.MessageRequest request, HttpServletRequest http) {
		ConsoleMessage message = console().moderation()
			.say(operator(http), request.to(), request.text())
			.orElseThrow(() -> notFound("no user " + request.to() + " is logged in"));
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(message);
	}

	@GetMapping("/audit")
	public List<AuditEntry> audit() {
		return console().audit().entries();
	}

	@GetMapping("/history")
	public Json.History history() {
		return new Json.History(console().historyInterval().toSeconds(), console().maxClients(),
				console().history().samples());
	}

	@GetMapping(path = "/events", produces = "text/event-stream")
	public SseEmitter events() {
		return console().events().subscribe();
	}

	/**
	 * Who acts, from Spring Security's context (the servlet API integration, which would
	 * make it a handler argument, is off).
	 */
	private static Operator operator(HttpServletRequest request) {
		Authentication who = SecurityContextHolder.getContext().getAuthentication();
		return new Operator((who != null) ? who.getName() : "?", request.getRemoteAddr());
	}

	private static ResponseStatusException notFound(String message) {
		return new ResponseStatusException(HttpStatus.NOT_FOUND, message);
	}

	/**
	 * The parts of the console the API reads; assembled by the console's configuration.
	 *
	 * @param registry who is online
	 * @param bans the bans
	 * @param team the teaching team's voice and inbox
	 * @param moderation the changes
	 * @param audit the audit
	 * @param history the meters' history
	 * @param historyInterval the time between two samples
	 * @param maxClients {@code chat.max-clients}
	 * @param events the event stream
	 * @param traces every connection's trace, open and closed
	 */
	public record ConsoleParts(Traces traces, SessionRegistry registry, Bans bans, TeachingTeam team,
			Moderation moderation, Audit audit, MeterHistory history, java.time.Duration historyInterval,
			int maxClients, ConsoleEvents events) {
	}

}
