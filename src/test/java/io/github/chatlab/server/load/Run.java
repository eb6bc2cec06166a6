package io.github.chatlab.server.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The steps every workload takes, in order: its clients log in and traffic starts
 * ({@link #start}); a warm-up, whose latencies are dropped; the measured window
 * ({@link #measured}); traffic stops and the run drains, waiting for outstanding replies
 * and deliveries so that a late message is not counted as lost; the integrity verdict;
 * the result. Subclasses fill in the steps. The clients logged in through {@link #logIn}
 * are closed at the end whatever happens.
 * <p>
 * A {@code BUSY} answer to any login (L3.3: {@code max-clients} users online; L9:
 * {@code max-connections} open) stops the run at once with one line saying what to
 * change: a run short of users would measure another workload.
 */
abstract class Run implements ChatClient.Listener {

	protected final RunContext context;

	protected final LoadOptions options;

	protected final Stats stats = new Stats();

	protected final Map<String, Object> metrics = new LinkedHashMap<>();

	protected final Map<String, LatencySummary> latencies = new LinkedHashMap<>();

	protected final List<String> notes = new ArrayList<>();

	/** The run's message flow, if it has one; set on the loop thread. */
	protected Flow flow;

	private final String name;

	private final Map<String, Object> params;

	private final List<ChatClient> clients = new ArrayList<>();

	private final CompletableFuture<LoadFailure> refused = new CompletableFuture<>();

	private Logins logins;

	Run(RunContext context, String name, Map<String, Object> params) {
		this.context = context;
		this.options = context.options();
		this.name = name;
		this.params = params;
	}

	/** Runs the steps; see the class comment. */
	final RunResult execute() {
		EventLoop loop = this.context.loop();
		Integrity integrity;
		try {
			start();
			if (measures()) {
				pause(this.options.get(Option.WARMUP));
				Stats.Counters from = loop.call(() -> {
					this.stats.resetHistograms();
					return this.stats.counters();
				});
				pause(this.options.get(Option.SECONDS));
				atWindowEnd();
				loop.call(() -> {
					measured(from, this.stats.counters());
					stopTraffic();
					return null;
				});
				drain(Duration.ofMillis((long) (this.options.get(Option.DRAIN_SECONDS) * 1000)));
			}
			integrity = loop.call(this::integrity);
			finish();
			this.notes.addAll(0, loop.call(this.stats::notes));
		}
		finally {
			loop.call(this::closeAll);
		}
		return new RunResult(this.name, this.params, this.metrics, this.latencies, integrity, this.notes);
	}

	/** Creates the clients, logs them in and starts their traffic. */
	abstract void start();

	/** Whether the run has a warm-up and a measured window. */
	boolean measures() {
		return true;
	}

	/** Just before the measured window closes, on the run's thread. */
	void atWindowEnd() {
	}

	/**
	 * Records the window's metrics and latencies, on the loop thread.
	 * @param from the counters when measuring started, after the warm-up
	 * @param to the counters now
	 */
	abstract void measured(Stats.Counters from, Stats.Counters to);

	/** Stops sending, on the loop thread. */
	void stopTraffic() {
		if (this.flow != null) {
			this.flow.stop();
		}
	}

	/** Waits for what is still on its way, noting what did not arrive in time. */
	void drain(Duration timeout) {
		if (this.flow != null && !this.flow.awaitDrained(timeout)) {
			this.notes.add("not drained after " + seconds(timeout) + " s: SENDs unanswered or deliveries missing");
		}
	}

	/** The integrity verdict, on the loop thread. */
	Integrity integrity() {
		return (this.flow != null) ? Integrity.of(this.flow.outbounds(), this.stats.corrupt) : Integrity.none();
	}

	/** After the verdict, before the clients are closed, on the run's thread. */
	void finish() {
	}

	/** How the user can ask this workload for fewer users at once (an option). */
	abstract String fewerUsers();

	final ChatClient client(String name) {
		return new ChatClient(name, this.stats, this, this.options.get(Option.SIZE));
	}

	/**
	 * Logs {@code clients} in, {@code --concurrency} handshakes at a time; they are
	 * closed at the end of the run.
	 * @throws LoadFailure at the first {@code BUSY}
	 */
	final Logins.Outcome logIn(List<ChatClient> clients, Duration timeout) {
		EventLoop loop = this.context.loop();
		this.clients.addAll(clients);
		this.logins = new Logins(loop, this.context.target(), this.context.sources(), clients,
				this.options.get(Option.CONCURRENCY));
		CompletableFuture<Logins.Outcome> done = loop.call(this.logins::start);
		Object first = EventLoop.await(CompletableFuture.anyOf(done, this.refused), timeout);
		if (first instanceof LoadFailure failure) {
			throw failure;
		}
		return (Logins.Outcome) first;
	}

	/** Stops the run, with what the server answered, unless every client logged in. */
	final void requireAll(Logins.Outcome login, String who) {
		if (login.failed() > 0) {
			throw new LoadFailure(this.name + ": " + login.failed() + " of " + (login.failed() + login.succeeded())
					+ " " + who + " could not log in: " + this.context.loop().call(this.stats::notes));
		}
	}

	/**
	 * Starts a flow of messages from {@code senders}: closed loop if {@code rate} is 0.
	 */
	final void startFlow(List<ChatClient> senders, double rate) {
		EventLoop loop = this.context.loop();
		loop.call(() -> {
			this.flow = new Flow(loop, senders, this.stats, this.options.get(Option.WINDOW), rate,
					this.options.get(Option.MAX_IN_FLIGHT));
			this.flow.start();
			return null;
		});
	}

	/**
	 * The latencies of a flow, on the loop thread; {@code paced}: also from each
	 * message's intended send time.
	 */
	final void putFlowLatencies(boolean paced) {
		this.latencies.put("delivery", LatencySummary.of(this.stats.delivery));
		if (paced) {
			this.latencies.put("delivery_from_intended", LatencySummary.of(this.stats.deliveryFromIntended));
		}
		this.latencies.put("send_ok", LatencySummary.of(this.stats.sendOk));
	}

	@Override
	public void loggedIn(ChatClient client) {
		this.logins.loggedIn(client);
	}

	@Override
	public void loginFailed(ChatClient client, String why) {
		stopIfBusy(why);
		this.logins.failed(client);
	}

	@Override
	public void replied(ChatClient client, boolean accepted) {
		if (this.flow != null) {
			this.flow.replied(client);
		}
	}

	/** A login answered {@code why}: if that is BUSY, the run stops. */
	final void stopIfBusy(String why) {
		if (why.equals("BUSY")) {
			this.refused.complete(new LoadFailure(busy()));
		}
	}

	final boolean stopped() {
		return this.refused.isDone();
	}

	private String busy() {
		String address = LoadTool.hostPort(this.context.target());
		int users = this.context.users();
		if (this.context.server() != null) {
			return String.format(Locale.ROOT,
					"%s: the server the tool started (%s) answered BUSY: this run needs %d users at once; "
							+ "leave --max-clients and --max-connections at 0 (sized for the workload) or set them "
							+ "to %d or more",
					this.name, address, users, users + 1);
		}
		// + 1: the probe that counts the users online between runs
		return String.format(Locale.ROOT,
				"%s: the server at %s answered BUSY: this run needs %d users logged in at once, besides anyone "
						+ "already online; start the server with --chat.max-clients=%d or more "
						+ "(and --chat.max-connections at least that) and with --chat.per-address.exempt=127.0.0.0/8 "
						+ "(the tool connects from 127.0.0.2 on, which the per-address limits count), or ask for "
						+ "fewer (%s)",
				this.name, address, users, users + 1, fewerUsers());
	}

	/**
	 * Sleeps for a timed phase (measuring over wall time), but stops the run at once if a
	 * login is refused meanwhile.
	 */
	private void pause(double seconds) {
		LoadFailure failure;
		try {
			failure = this.refused.get((long) (seconds * 1e9), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			return;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(ex.getCause());
		}
		throw failure;
	}

	private Void closeAll() {
		if (this.logins != null) {
			this.logins.stop();
		}
		for (ChatClient client : this.clients) {
			client.close(false);
		}
		return null;
	}

	private static String seconds(Duration duration) {
		return String.valueOf(duration.toMillis() / 1e3);
	}

}
