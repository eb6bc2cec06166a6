// The roster (O7): every open connection, logged in or not, per transport, sortable and filterable. Rows are
// kept by connection id and only changed cells are written, so a refresh of 500 rows where three counters
// moved costs three text updates; the rows are re-ordered only when the order changed.

import { clock, el, setText } from './dom.js';

const COLUMNS = ['transport', 'name', 'address', 'since', 'linesIn', 'linesOut', 'errors'];

export class Roster {
  constructor({ table, empty, counts, filter, transport, errorsFirst, onSelect, onKick }) {
    this.tbody = table.tBodies[0];
    this.headers = [...table.tHead.rows[0].cells];
    this.empty = empty;
    this.counts = counts;
    this.filterInput = filter;
    this.transportSelect = transport;
    this.onSelect = onSelect;
    this.onKick = onKick;
    this.canAct = false;
    this.connections = [];
    this.rows = new Map();
    this.order = [];
    this.selected = null;
    this.sort = { key: 'name', descending: false };
    this.stats = { rows: 0, renderMs: 0, renders: 0 };
    filter.addEventListener('input', () => this.render());
    transport.addEventListener('change', () => this.render());
    errorsFirst.addEventListener('click', () => this.sortBy('errors', true));
    for (const th of this.headers) {
      const key = th.dataset.sort;
      if (key) {
        th.querySelector('button').addEventListener('click', () =>
          this.sortBy(key, this.sort.key === key ? !this.sort.descending : key === 'errors'));
      }
    }
    this.tbody.addEventListener('click', (event) => this.clicked(event));
    this.showSort();
  }

  /** The connections of GET /api/connections. */
  update(connections) {
    this.connections = connections.map(normalize);
    this.render();
  }

  /** How many open connections and users share an address or a CIDR block (O4's warning before a ban). */
  sharing(value) {
    const matches = addressMatcher(value);
    const connections = this.connections.filter((c) => matches(c.address));
    return { connections: connections.length, users: connections.filter((c) => c.name).length };
  }

  /** The users at an address or in a CIDR block. */
  namesAt(value) {
    const matches = addressMatcher(value);
    return this.connections.filter((c) => c.name && matches(c.address)).map((c) => c.name);
  }

  names() {
    return this.connections.filter((c) => c.name).map((c) => c.name).sort();
  }

  byId(id) {
    return this.connections.find((c) => c.id === id) || null;
  }

  sortBy(key, descending) {
    this.sort = { key, descending };
    this.showSort();
    this.render();
  }

  select(id) {
    this.selected = id;
    for (const [rowId, row] of this.rows) {
      row.tr.classList.toggle('selected', rowId === id);
      row.tr.setAttribute('aria-selected', String(rowId === id));
    }
  }

  render() {
    const started = performance.now();
    const filter = this.filterInput.value.trim().toLowerCase();
    const transport = this.transportSelect.value;
    const shown = this.connections.filter((c) => (!transport || c.transport === transport)
      && (!filter || (c.name || '').toLowerCase().includes(filter) || c.address.includes(filter)));
    shown.sort(comparator(this.sort));

    const seen = new Set();
    for (const connection of shown) {
      seen.add(connection.id);
      let row = this.rows.get(connection.id);
      if (!row) {
        row = this.createRow(connection);
        this.rows.set(connection.id, row);
      }
      this.fill(row, connection);
    }
    for (const [id, row] of this.rows) {
      if (!seen.has(id)) {
        row.tr.remove();
        this.rows.delete(id);
      }
    }
    const order = shown.map((c) => c.id);
    if (!sameOrder(order, this.order)) {
      const fragment = document.createDocumentFragment();
      for (const id of order) {
        fragment.append(this.rows.get(id).tr);
      }
      this.tbody.append(fragment);
      this.order = order;
    }
    this.empty.hidden = shown.length > 0;
    this.empty.textContent = this.connections.length ? 'No connection matches the filter.' : 'Nobody is connected.';
    setText(this.counts, summary(this.connections));
    this.stats = { rows: shown.length, renderMs: performance.now() - started, renders: this.stats.renders + 1 };
  }

  createRow(connection) {
    const cells = {};
    const tr = el('tr', { 'data-id': connection.id, 'aria-selected': 'false' });
    for (const column of COLUMNS) {
      const td = el('td', { class: column === 'linesIn' || column === 'linesOut' || column === 'errors' ? 'num' : null });
      cells[column] = td;
      tr.append(td);
    }
    cells.nameButton = el('button', { type: 'button', class: 'link', 'data-action': 'select' });
    cells.name.append(cells.nameButton);
    const action = el('td', { class: 'action' });
    cells.kick = el('button', { type: 'button', class: 'kick moderator-only', 'data-action': 'kick', text: 'Kick' });
    cells.kick.hidden = !this.canAct;
    action.append(cells.kick);
    tr.append(action);
    return { tr, cells, last: {} };
  }

  fill(row, connection) {
    const { cells, last } = row;
    if (last.transport !== connection.transport) {
      setText(cells.transport, connection.transport.toUpperCase());
    }
    if (last.name !== connection.name) {
      setText(cells.nameButton, connection.name ?? 'not logged in');
      row.tr.classList.toggle('pending', !connection.name);
      cells.kick.setAttribute('aria-label', `Kick ${connection.name ?? connection.address}`);
    }
    if (last.address !== connection.address) {
      setText(cells.address, connection.address);
    }
    if (last.since !== connection.since) {
      setText(cells.since, clock(connection.since));
    }
    if (last.linesIn !== connection.linesIn) {
      setText(cells.linesIn, connection.linesIn);
    }
    if (last.linesOut !== connection.linesOut) {
      setText(cells.linesOut, connection.linesOut);
    }
    if (last.errors !== connection.errors) {
      // marked in text as well as in colour
      setText(cells.errors, connection.errors > 0 ? `⚠ ${connection.errors}` : '0');
      row.tr.classList.toggle('has-errors', connection.errors > 0);
    }
    if (cells.kick.hidden === this.canAct) {
      cells.kick.hidden = !this.canAct;
    }
    row.tr.classList.toggle('selected', connection.id === this.selected);
    row.last = connection;
  }

  clicked(event) {
    const tr = event.target.closest('tr[data-id]');
    if (!tr) {
      return;
    }
    const connection = this.byId(tr.dataset.id);
    if (!connection) {
      return;
    }
    if (event.target.closest('[data-action=kick]')) {
      this.onKick(connection, event.target.closest('button'));
      return;
    }
    this.select(connection.id);
    this.onSelect(connection);
  }

  showSort() {
    for (const th of this.headers) {
      if (th.dataset.sort === this.sort.key) {
        th.setAttribute('aria-sort', this.sort.descending ? 'descending' : 'ascending');
      } else {
        th.removeAttribute('aria-sort');
      }
    }
  }
}

function normalize(connection) {
  return {
    ...connection,
    id: String(connection.id),
    transport: String(connection.transport || 'tcp').toLowerCase(),
    name: connection.name ?? null,
    address: String(connection.address ?? ''),
    linesIn: connection.linesIn ?? 0,
    linesOut: connection.linesOut ?? 0,
    errors: connection.errors ?? 0,
  };
}

function comparator({ key, descending }) {
  const sign = descending ? -1 : 1;
  return (a, b) => {
    // connections that have not logged in come after the users, whatever the order
    if (key === 'name' && !a.name !== !b.name) {
      return a.name ? -1 : 1;
    }
    const x = a[key] ?? '';
    const y = b[key] ?? '';
    const byKey = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    if (byKey !== 0) {
      return sign * byKey;
    }
    return String(a.name ?? '').localeCompare(String(b.name ?? '')) || a.id.localeCompare(b.id);
  };
}

function sameOrder(a, b) {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}

function summary(connections) {
  const parts = [];
  for (const transport of ['tcp', 'udp']) {
    const users = connections.filter((c) => c.transport === transport && c.name).length;
    if (users || transport === 'tcp') {
      parts.push(`${transport.toUpperCase()} ${users}`);
    }
  }
  const pending = connections.filter((c) => !c.name).length;
  parts.push(`not logged in ${pending}`);
  return `(${parts.join(' · ')})`;
}

/** Whether an address equals `value`, or lies in it when `value` is an IPv4 CIDR block. */
export function addressMatcher(value) {
  const text = value.trim();
  const slash = text.indexOf('/');
  if (slash < 0) {
    return (address) => address === text;
  }
  const base = ipv4(text.substring(0, slash));
  const bits = Number(text.substring(slash + 1));
  if (base === null || !Number.isInteger(bits) || bits < 0 || bits > 32) {
    return (address) => address.startsWith(text.substring(0, slash));
  }
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return (address) => {
    const ip = ipv4(address);
    return ip !== null && ((ip & mask) >>> 0) === ((base & mask) >>> 0);
  };
}

function ipv4(text) {
  const parts = text.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) {
    return null;
  }
  return parts.reduce((value, part) => ((value << 8) | Number(part)) >>> 0, 0);
}
