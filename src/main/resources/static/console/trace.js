// A connection's trace (O3): its last lines in and out, as a C:/S: transcript. An error is marked in text
// ("error", the rule and O2's reason), not by colour alone. It follows the connection live; when the
// connection closes, its trace stays readable from the closed connections (GET /api/closed).

import { get } from './api.js';
import { clock, el, setText } from './dom.js';

export class TraceView {
  constructor({ list, subject, scroll, follow, errorsOnly }) {
    this.list = list;
    this.subject = subject;
    this.scroll = scroll;
    this.follow = follow;
    this.errorsOnly = errorsOnly;
    this.current = null;
    this.entries = [];
    errorsOnly.addEventListener('change', () => this.render());
  }

  /** Shows an open connection's trace and follows it. */
  showOpen(connection) {
    this.current = { id: connection.id, open: true, connection };
    this.entries = [];
    this.describe();
    this.render();
    return this.refresh();
  }

  /** Shows a closed connection's trace as GET /api/closed gave it. */
  showClosed(closed) {
    this.current = { id: closed.id, open: false, connection: closed };
    this.entries = entriesOf(closed);
    this.describe();
    this.render();
  }

  isShowing(id) {
    return this.current !== null && this.current.open && this.current.id === String(id);
  }

  /** Fetches the followed connection's trace again (called, throttled, when it has news). */
  async refresh() {
    if (!this.current || !this.current.open || !this.follow.checked) {
      return;
    }
    const id = this.current.id;
    try {
      const trace = await get(`/api/connections/${encodeURIComponent(id)}/trace`);
      if (this.isShowing(id)) {
        this.entries = entriesOf(trace);
        this.render();
      }
    } catch (error) {
      if (error.status === 404 && this.isShowing(id)) {
        this.current.open = false;
        setText(this.subject, `${label(this.current.connection)} has closed: see "Closed" for why.`);
      }
    }
  }

  describe() {
    const c = this.current.connection;
    const state = this.current.open ? 'open since ' + clock(c.since ?? c.opened)
      : `closed at ${clock(c.closed)}: ${reasonText(c)}`;
    setText(this.subject, `${label(c)}, ${state}`);
  }

  render() {
    const atBottom = this.scroll.scrollTop + this.scroll.clientHeight >= this.scroll.scrollHeight - 4;
    const shown = this.errorsOnly.checked ? this.entries.filter(isError) : this.entries;
    this.list.replaceChildren(...shown.map(entryItem));
    if (this.follow.checked && (atBottom || this.current?.open)) {
      this.scroll.scrollTop = this.scroll.scrollHeight;
    }
  }
}

function entriesOf(value) {
  if (Array.isArray(value)) {
    return value;
  }
  return value?.entries ?? value?.trace ?? [];
}

function isError(entry) {
  return Boolean(entry.rule || entry.reason);
}

const DIRECTIONS = {
  in: { label: 'C:', title: 'from the client' },
  out: { label: 'S:', title: 'to the client' },
  note: { label: '··', title: 'what the server did (a pause, L11/S8)' },
};

function entryItem(entry) {
  const dir = DIRECTIONS[entry.dir] ? entry.dir : 'note';
  const error = isError(entry);
  const item = el('li', { class: `${dir}${error ? ' error' : ''}` },
    el('time', { datetime: entry.at, text: clock(entry.at) }),
    el('span', { class: 'dir', title: DIRECTIONS[dir].title, text: DIRECTIONS[dir].label }),
    el('code', { class: 'line', text: entry.text ?? '' }),
    el('span', { class: 'bytes', text: `${entry.bytes ?? 0} B` }));
  if (error) {
    const rule = entry.rule ? `${entry.rule}: ` : '';
    const reply = entry.reply ? ` (replied ${entry.reply})` : '';
    item.append(el('p', { class: 'reason' },
      el('strong', { text: '✖ error ' }), `${rule}${stripRule(entry.reason, entry.rule)}${reply}`));
  }
  return item;
}

/** O2's sentence without a leading "S2: " when the rule is shown beside it already. */
function stripRule(reason, rule) {
  const text = reason ?? '';
  return rule && text.startsWith(`${rule}: `) ? text.substring(rule.length + 2) : text;
}

export function reasonText(closed) {
  if (closed.reason) {
    return closed.rule ? `${closed.rule}: ${stripRule(closed.reason, closed.rule)}` : closed.reason;
  }
  return closed.closeTag ?? 'closed';
}

function label(connection) {
  const who = connection.name ? connection.name : 'a connection not logged in';
  return `${who} (${String(connection.transport ?? 'tcp').toUpperCase()} ${connection.address ?? ''})`;
}
