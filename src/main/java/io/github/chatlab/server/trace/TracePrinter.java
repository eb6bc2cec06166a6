package io.github.chatlab.server.trace;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

/**
 * O8: a student's own server prints every line in and out on standard error, message text
 * included, with O2's reason for each error, so a student sees which byte of which line
 * their client got wrong ({@code chat.trace.console=true},
 * {@code lab/server.py --trace}):
 *
 * <pre>
 * 12:00:01.234 alice    127.0.0.1:50312 &gt; SEND bob
 * 12:00:01.234 alice    127.0.0.1:50312 &lt; BAD-RQST-BODY  S2: SEND has a recipient but no message after it
 * </pre>
 *
 * Columns are aligned (name and address padded to the widest seen), control bytes are
 * escaped and a line longer than {@code chat.trace.line-bytes} is cut, with its length
 * shown. Printing never blocks or slows the server: a callback only offers an event to a
 * bounded queue, drained by one daemon thread that formats and writes. When standard
 * error is not read (a full pipe, a stopped terminal) that thread waits on the write, the
 * queue fills and further lines are dropped and counted; the count is printed where the
 * gap is ({@code … 1,234 trace lines dropped}) once printing resumes.
 */
public final class TracePrinter implements TraceListener, AutoCloseable {

	/** Lines waiting to be printed at most: a few seconds of a busy student's server. */
	static final int QUEUE_LINES = 4096;

	/** How long the printer waits, once asked to stop, to print what is queued. */
	private static final long DRAIN_MILLIS = 500;

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT);

	private static final String EMPTY_LINE = "(an empty line)";

	private static final int MAX_NAME_WIDTH = 32;

	private static final int MAX_ADDRESS_WIDTH = 47;

	private final BlockingQueue<Event> queue;

	/** Lines dropped since the last event queued; reported before the next one. */
	private final AtomicLong dropped = new AtomicLong();

	private final PrintStream out;

	private final ZoneId zone;

	private final int lineBytes;

	private final Thread printer;

	private volatile boolean stopping;

	// only the printer thread touches these

	private int nameWidth = 8;

	private int addressWidth = 15;

	/**
	 * @param out where to print (standard error, see {@link #toStandardError})
	 * @param capacity the lines that may wait to be printed
	 * @param zone the time zone of the printed times
	 * @param lineBytes {@code chat.trace.line-bytes}: a longer line is shown cut
	 */
	TracePrinter(OutputStream out, int capacity, ZoneId zone, int lineBytes) {
		this.out = new PrintStream(out, false, StandardCharsets.UTF_8);
		this.queue = new ArrayBlockingQueue<>(capacity);
		this.zone = zone;
		this.lineBytes = lineBytes;
		this.printer = new Thread(this::print, "chat-trace-printer");
		this.printer.setDaemon(true);
		this.printer.start();
	}

	/**
	 * A printer to the process's standard error, in UTF-8 whatever the locale (a pipe's
	 * default encoding may be ASCII), in local time.
	 */
	static TracePrinter toStandardError(TraceProperties settings) {
		return new TracePrinter(new FileOutputStream(FileDescriptor.err), QUEUE_LINES, ZoneId.systemDefault(),
				settings.lineBytes());
	}

	/** The printer shows message text (O8), whatever {@code chat.trace.bodies} says. */
	@Override
	public boolean bodies() {
		return true;
	}

	@Override
	public void opened(Trace trace) {
		offer(new Event(Instant.now(), trace, '*', "connected", 0, null, null));
	}

	@Override
	public void entry(Trace trace, TraceEntry entry) {
		char mark = switch (entry.dir()) {
			case IN -> '>';
			case OUT -> '<';
			case NOTE -> '!';
		};
		boolean explained = entry.dir() != TraceEntry.Direction.IN && entry.rule() != null;
		if (entry.bytes() == 0 && !entry.text().isEmpty() && entry.dir() == TraceEntry.Direction.OUT) {
			// the empty last piece that ends a write in pieces (burstbot's): no line
			return;
		}
		String text = switch (entry.dir()) {
			case NOTE -> "";
			default -> entry.text().isEmpty() ? EMPTY_LINE : entry.text();
		};
		offer(new Event(entry.at(), trace, mark, text, entry.bytes(), explained ? entry.rule() : null,
				explained ? entry.reason() : null));
	}

	@Override
	public void closed(ClosedConnection closed) {
		offer(new Event(closed.closed(), closed.name(), closed.address(), closed.port(), '*', "closed", 0,
				closed.rule(), closed.reason(), 0));
	}

	private void offer(Event event) {
		if (this.stopping) {
			return;
		}
		long before = (this.dropped.get() > 0) ? this.dropped.getAndSet(0) : 0;
		if (!this.queue.offer(event.after(before))) {
			this.dropped.addAndGet(1 + before);
		}
	}

	private void print() {
		try {
			while (!this.stopping || !this.queue.isEmpty()) {
				Event event = this.queue.poll(1, TimeUnit.SECONDS);
				if (event == null) {
					// nothing came after the gap: say so now
					reportDropped(this.dropped.getAndSet(0), Instant.now());
					this.out.flush();
					continue;
				}
				reportDropped(event.droppedBefore(), event.at());
				this.out.print(format(event));
				if (this.queue.isEmpty()) {
					this.out.flush();
				}
			}
		}
		catch (InterruptedException ex) {
			// stopping
		}
		this.out.flush();
	}

	private void reportDropped(long count, Instant at) {
		if (count > 0) {
			this.out.print(time(at) + " … " + String.format(Locale.ROOT, "%,d", count)
					+ ((count == 1) ? " trace line" : " trace lines")
					+ " dropped (standard error was not being read)\n");
		}
	}

	/** One event as one line, columns aligned. Only the printer thread calls it. */
	String format(Event event) {
		String name = (event.name() != null) ? event.name() : "-";
		String address = event.address().contains(":") ? "[" + event.address() + "]:" + event.port()
				: event.address() + ":" + event.port();
		this.nameWidth = Math.max(this.nameWidth, Math.min(MAX_NAME_WIDTH, name.length()));
		this.addressWidth = Math.max(this.addressWidth, Math.min(MAX_ADDRESS_WIDTH, address.length()));
		StringBuilder line = new StringBuilder(64 + event.text().length());
		line.append(time(event.at())).append(' ');
		pad(line, name, this.nameWidth);
		pad(line, address, this.addressWidth);
		line.append(event.mark());
		if (!event.text().isEmpty()) {
			line.append(' ').append(event.text());
		}
		if (event.bytes() > this.lineBytes) {
			line.append(" (").append(String.format(Locale.ROOT, "%,d", event.bytes())).append(" bytes)");
		}
		if (event.rule() != null) {
			line.append(event.text().isEmpty() ? " " : "  ").append(event.rule()).append(": ").append(event.reason());
		}
		return line.append('\n').toString();
	}

	private String time(Instant at) {
		return TIME.format(at.atZone(this.zone));
	}

	private static void pad(StringBuilder line, String text, int width) {
		line.append(text);
		for (int i = text.length(); i < width; i++) {
			line.append(' ');
		}
		line.append(' ');
	}

	/** Prints what is queued, waiting at most half a second for standard error. */
	@Override
	public void close() {
		this.stopping = true;
		try {
			this.printer.join(DRAIN_MILLIS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.printer.interrupt();
	}

	/**
	 * One line to print, taken from the trace on the thread it happened on (nothing is
	 * formatted there).
	 *
	 * @param at when it happened
	 * @param name the user, null before login
	 * @param address the client's address
	 * @param port the client's port
	 * @param mark {@code >} in, {@code <} out, {@code !} a note, {@code *} the
	 * connection's life
	 * @param text the line, escaped and cut as the trace keeps it
	 * @param bytes the line's whole length
	 * @param rule for an error, a refusal, a note or a close, the rule (O2)
	 * @param reason its sentence
	 * @param droppedBefore lines dropped just before this one
	 */
	record Event(Instant at, @Nullable String name, String address, int port, char mark, String text, int bytes,
			@Nullable String rule, @Nullable String reason, long droppedBefore) {

		Event(Instant at, Trace trace, char mark, String text, int bytes, @Nullable String rule,
				@Nullable String reason) {
			this(at, trace.name(), trace.address(), trace.port(), mark, text, bytes, rule, reason, 0);
		}

		Event after(long dropped) {
			return (dropped == 0) ? this : new Event(this.at, this.name, this.address, this.port, this.mark, this.text,
					this.bytes, this.rule, this.reason, dropped);
		}

	}

}
