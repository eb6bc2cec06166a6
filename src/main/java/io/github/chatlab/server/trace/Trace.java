package io.github.chatlab.server.trace;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.github.chatlab.server.protocol.Command;
import io.github.chatlab.server.protocol.Command.ProtocolError;
import io.github.chatlab.server.protocol.Command.Rejected;
import io.github.chatlab.server.protocol.Frame;
import io.github.chatlab.server.protocol.Printable;
import io.github.chatlab.server.protocol.Reason;

/**
 * One connection's last lines in and out (O3), from its first line, before login too: a
 * ring of at most {@code chat.trace.lines} entries, each holding at most
 * {@code chat.trace.line-bytes} of its line, so its memory is bounded whatever the client
 * sends (S8).
 * <p>
 * Cheap on the path of every line: an entry is a few array slots, filled with the line's
 * own bytes (a line is never changed once read or built, so a short one is kept by
 * reference, not copied) and rendered to text only when someone reads it or a
 * {@link TraceListener} listens. The ring starts small and grows to its limit, so an idle
 * user's trace costs a few hundred bytes. Message text is kept only where
 * {@code chat.trace.bodies} (or a listener) shows it; otherwise a delivery keeps its
 * length. Thread-safe: the reading thread, senders delivering to it and timers all
 * record; one lock, never held while calling out.
 */
public final class Trace {

	private static final byte IN_LINE = 0;

	private static final byte IN_OVERLONG = 1;

	private static final byte OUT_LINE = 2;

	private static final byte OUT_DELIVERY = 3;

	private static final byte OUT_PIECE = 4;

	private static final byte NOTE = 5;

	private static final int FIRST_CAPACITY = 4;

	/** Notes of one rule are made at most this often, so pauses cannot fill the ring. */
	private static final long NOTE_PERIOD_MILLIS = 1000;

	private final Traces owner;

	private final String id;

	private final String transport;

	private final String address;

	private final int port;

	private final Instant opened;

	private volatile @Nullable String name;

	private final int maxEntries;

	private final int lineBytes;

	// the ring, guarded by this: slot i of each array is one entry

	private long[] at = new long[0];

	private byte[] kind = new byte[0];

	/**
	 * The line's first bytes (all of it, or at least line-bytes); a delivery's prefix.
	 */
	private byte[][] head = new byte[0][];

	/** A delivery's message, when kept; else null. */
	private byte[][] body = new byte[0][];

	/** Where a delivery's message starts in its body. */
	private int[] from = new int[0];

	/** The line's whole length in bytes, without the LF. */
	private int[] length = new int[0];

	/** A {@link Rejected} for a refused line in, a {@link Reason} for a reply or note. */
	private Object[] extra = new Object[0];

	/** Entries ever recorded. */
	private long count;

	private long linesIn;

	private long linesOut;

	private long errors;

	private long lastNoteMillis;

	private @Nullable String lastNoteRule;

	private @Nullable Reason closeReason;

	private boolean closed;

	Trace(Traces owner, String id, String transport, InetSocketAddress address, Instant opened) {
		this.owner = owner;
		this.id = id;
		this.transport = transport;
		this.address = address.getAddress().getHostAddress();
		this.port = address.getPort();
		this.opened = opened;
		this.maxEntries = owner.settings().lines();
		this.lineBytes = owner.settings().lineBytes();
	}

	/** The transport's id of the connection. */
	public String id() {
		return this.id;
	}

	/** {@code tcp} or {@code udp}. */
	public String transport() {
		return this.transport;
	}

	/** The client's address, without its port. */
	public String address() {
		return this.address;
	}

	public int port() {
		return this.port;
	}

	public Instant opened() {
		return this.opened;
	}

	/** The user it is logged in as, null before login. */
	public @Nullable String name() {
		return this.name;
	}

	/** Lines read from the client. */
	public synchronized long linesIn() {
		return this.linesIn;
	}

	/** Lines sent to the client (replies and deliveries). */
	public synchronized long linesOut() {
		return this.linesOut;
	}

	/** Error replies and refusals sent to the client, each with its reason (O2). */
	public synchronized long errors() {
		return this.errors;
	}

	/**
	 * Why the connection is ending or will end, as far as the server has said (a refusal,
	 * a time-out); null when nothing has been said.
	 */
	public synchronized @Nullable Reason closeReason() {
		return this.closeReason;
	}

	/** The entries now held, oldest first, rendered as {@code chat.trace.bodies} says. */
	public List<TraceEntry> entries() {
		boolean bodies = this.owner.settings().bodies();
		synchronized (this) {
			int size = size();
			List<TraceEntry> entries = new ArrayList<>(size);
			for (int k = 0; k < size; k++) {
				entries.add(render(slot(k), bodies));
			}
			return entries;
		}
	}

	// ---- recording

	/** A frame read from the client and what the parser made of it. */
	public void in(Frame frame, Command command) {
		Object rejected = (command instanceof Rejected) ? command : null;
		if (frame instanceof Frame.Line line) {
			byte[] bytes = line.bytes();
			record(IN_LINE, kept(bytes, bytes.length), null, 0, bytes.length, rejected);
		}
		else {
			Frame.Overlong overlong = (Frame.Overlong) frame;
			record(IN_OVERLONG, overlong.prefix(), null, 0, (int) Math.min(Integer.MAX_VALUE, overlong.length()),
					rejected);
		}
	}

	/** A line read from the client that is handled outside the chat (U5's commands). */
	public void in(byte[] line) {
		record(IN_LINE, kept(line, line.length), null, 0, line.length, null);
	}

	/** A line sent to the client; {@code line} ends in LF. */
	public void out(byte[] line) {
		out(line, null);
	}

	/**
	 * A line sent to the client, an error reply or a refusal when {@code reason} is not
	 * null; {@code line} ends in LF.
	 */
	public void out(byte[] line, @Nullable Reason reason) {
		int length = (line.length > 0 && line[line.length - 1] == '\n') ? line.length - 1 : line.length;
		record(OUT_LINE, kept(line, length), null, 0, length, reason);
	}

	/**
	 * A refusal sent to the client, after which the connection ends for {@code reason}.
	 */
	public void refused(byte[] line, Reason reason) {
		closing(reason);
		out(line, reason);
	}

	/**
	 * A {@code DELIVERY} queued for the client: {@code prefix} (ending in a space), then
	 * {@code message[offset, offset + length)}.
	 */
	public void delivery(byte[] prefix, byte[] message, int offset, int length) {
		byte[] kept = null;
		int keptFrom = 0;
		if (this.owner.keepsBodies()) {
			int room = Math.max(0, this.lineBytes - prefix.length);
			if (length <= room) {
				kept = message;
				keptFrom = offset;
			}
			else {
				kept = Arrays.copyOfRange(message, offset, offset + room);
			}
		}
		record(OUT_DELIVERY, prefix, kept, keptFrom, prefix.length + length, null);
	}

	/**
	 * A piece of a line written in pieces (delaybot), shown as its length unless bodies.
	 */
	public void piece(byte[] bytes, int offset, int length) {
		byte[] kept = this.owner.keepsBodies()
				? Arrays.copyOfRange(bytes, offset, offset + Math.min(length, this.lineBytes)) : null;
		record(OUT_PIECE, kept, null, 0, length, null);
	}

	/**
	 * Something the server did to the connection that is not a line, e.g. a pause (L11,
	 * S8); one note of a rule a second at most.
	 */
	public void note(Reason reason) {
		long now = System.currentTimeMillis();
		synchronized (this) {
			if (reason.rule().equals(this.lastNoteRule) && now - this.lastNoteMillis < NOTE_PERIOD_MILLIS) {
				return;
			}
			this.lastNoteRule = reason.rule();
			this.lastNoteMillis = now;
		}
		record(NOTE, null, null, 0, 0, reason);
	}

	/**
	 * Says why the connection is about to end, where the server knows best (a login
	 * time-out, a write time-out, a kick); the first reason given wins.
	 */
	public synchronized void closing(Reason reason) {
		if (this.closeReason == null) {
			this.closeReason = reason;
		}
	}

	void loggedIn(String name) {
		this.name = name;
	}

	/** Stops recording: what races with the close is not kept. */
	synchronized void close() {
		this.closed = true;
	}

	private byte[] kept(byte[] line, int length) {
		return (length <= this.lineBytes) ? line : Arrays.copyOf(line, this.lineBytes);
	}

	private void record(byte entryKind, byte @Nullable [] entryHead, byte @Nullable [] entryBody, int entryFrom,
			int entryLength, @Nullable Object entryExtra) {
		long now = System.currentTimeMillis();
		TraceEntry shown = null;
		TraceEntry withBodies = null;
		synchronized (this) {
			if (this.closed) {
				return;
			}
			switch (entryKind) {
				case IN_LINE, IN_OVERLONG -> this.linesIn++;
				case OUT_LINE, OUT_DELIVERY -> this.linesOut++;
				default -> {
				}
			}
			if (entryKind == OUT_LINE && entryExtra != null) {
				this.errors++;
			}
			if (this.maxEntries == 0) {
				return;
			}
			if (this.count == this.at.length && this.at.length < this.maxEntries) {
				grow();
			}
			int i = (int) (this.count % this.at.length);
			this.count++;
			this.at[i] = now;
			this.kind[i] = entryKind;
			this.head[i] = entryHead;
			this.body[i] = entryBody;
			this.from[i] = entryFrom;
			this.length[i] = entryLength;
			this.extra[i] = entryExtra;
			if (this.owner.hasListeners()) {
				shown = render(i, this.owner.settings().bodies());
				withBodies = this.owner.hasBodyListeners() ? render(i, true) : shown;
			}
		}
		if (shown != null) {
			this.owner.entry(this, shown, withBodies);
		}
	}

	private void grow() {
		int capacity = Math.min(this.maxEntries, Math.max(FIRST_CAPACITY, this.at.length * 2));
		this.at = Arrays.copyOf(this.at, capacity);
		this.kind = Arrays.copyOf(this.kind, capacity);
		this.head = Arrays.copyOf(this.head, capacity);
		this.body = Arrays.copyOf(this.body, capacity);
		this.from = Arrays.copyOf(this.from, capacity);
		this.length = Arrays.copyOf(this.length, capacity);
		this.extra = Arrays.copyOf(this.extra, capacity);
	}

	/** Entries held. Guarded by this. */
	private int size() {
		return (int) Math.min(this.count, this.at.length);
	}

	/** The slot of the k-th oldest entry held. Guarded by this. */
	private int slot(int k) {
		return (this.count <= this.at.length) ? k : (int) ((this.count + k) % this.at.length);
	}

	/** Guarded by this. */
	private TraceEntry render(int i, boolean bodies) {
		Instant when = Instant.ofEpochMilli(this.at[i]);
		Object why = this.extra[i];
		String reply = null;
		Reason reason = null;
		if (why instanceof Rejected rejected) {
			reply = (rejected.error() == ProtocolError.HEADER) ? "BAD-RQST-HDR" : "BAD-RQST-BODY";
			reason = rejected.reason();
		}
		else if (why instanceof Reason given) {
			reason = given;
		}
		String text;
		TraceEntry.Direction dir;
		switch (this.kind[i]) {
			case IN_LINE, IN_OVERLONG -> {
				dir = TraceEntry.Direction.IN;
				text = Printable.line(this.head[i], this.length[i], this.lineBytes, bodies);
			}
			case OUT_LINE -> {
				dir = TraceEntry.Direction.OUT;
				text = Printable.line(this.head[i], this.length[i], this.lineBytes, bodies);
				if (reason != null) {
					reply = text;
				}
			}
			case OUT_DELIVERY -> {
				dir = TraceEntry.Direction.OUT;
				text = delivery(i, bodies);
			}
			case OUT_PIECE -> {
				dir = TraceEntry.Direction.OUT;
				byte[] piece = this.head[i];
				text = (bodies && piece != null)
						? "(a piece of a line) " + Printable.bytes(piece, 0, piece.length, this.lineBytes)
								+ ((piece.length < this.length[i]) ? "…" : "")
						: "(a piece of a line) <" + this.length[i] + " bytes>";
			}
			default -> {
				dir = TraceEntry.Direction.NOTE;
				text = (reason != null) ? reason.toString() : "";
			}
		}
		return new TraceEntry(when, dir, text, this.length[i], reply, (reason != null) ? reason.rule() : null,
				(reason != null) ? reason.sentence() : null);
	}

	private String delivery(int i, boolean bodies) {
		byte[] prefix = this.head[i];
		byte[] message = this.body[i];
		int messageLength = this.length[i] - prefix.length;
		if (!bodies || message == null) {
			return Printable.bytes(prefix, 0, prefix.length, this.lineBytes) + "<" + messageLength
					+ ((messageLength == 1) ? " byte>" : " bytes>");
		}
		int held = Math.min(messageLength, message.length - this.from[i]);
		byte[] line = new byte[prefix.length + held];
		System.arraycopy(prefix, 0, line, 0, prefix.length);
		System.arraycopy(message, this.from[i], line, prefix.length, held);
		return Printable.line(line, this.length[i], this.lineBytes, true);
	}

	/** The entries of a closed trace, rendered as they are read. */
	List<TraceEntry> frozenEntries() {
		return new AbstractList<>() {

			@Override
			public TraceEntry get(int index) {
				boolean bodies = Trace.this.owner.settings().bodies();
				synchronized (Trace.this) {
					if (index < 0 || index >= Trace.this.size()) {
						throw new IndexOutOfBoundsException(index);
					}
					return render(slot(index), bodies);
				}
			}

			@Override
			public int size() {
				synchronized (Trace.this) {
					return Trace.this.size();
				}
			}

		};
	}

	@Override
	public String toString() {
		return this.id;
	}

}
