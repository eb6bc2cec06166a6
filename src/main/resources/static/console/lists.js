// The console's other lists: closed connections with O2's reason, bans (O4) with the time left, the teaching
// team's messages (O5) and the audit (O6). Each is fetched whole from its endpoint when an event says it
// changed; none is longer than the server's bound (1,000 closed, 1,000 audit lines).

import { ApiError, get, post, remove } from './api.js';
import { clock, duration, el, setText } from './dom.js';
import { reasonText } from './trace.js';

export class ClosedList {
  constructor({ table, empty, name, address, onSelect }) {
    this.tbody = table.tBodies[0];
    this.empty = empty;
    this.name = name;
    this.address = address;
    this.onSelect = onSelect;
    this.closed = [];
    let timer = null;
    const later = () => {
      clearTimeout(timer);
      timer = setTimeout(() => this.refresh(), 250);
    };
    name.addEventListener('input', later);
    address.addEventListener('input', later);
    this.tbody.addEventListener('click', (event) => {
      const tr = event.target.closest('tr[data-index]');
      if (tr) {
        this.onSelect(this.closed[Number(tr.dataset.index)]);
      }
    });
  }

  async refresh() {
    const query = new URLSearchParams();
    if (this.name.value.trim()) {
      query.set('name', this.name.value.trim());
    }
    if (this.address.value.trim()) {
      query.set('address', this.address.value.trim());
    }
    const suffix = query.toString() ? `?${query}` : '';
    const closed = await get(`/api/closed${suffix}`);
    this.closed = Array.isArray(closed) ? closed : closed?.closed ?? [];
    this.tbody.replaceChildren(...this.closed.slice(0, 200).map((c, index) => el('tr', { 'data-index': index },
      el('td', {}, el('time', { datetime: c.closed, text: clock(c.closed) })),
      el('td', { text: String(c.transport ?? '').toUpperCase() }),
      el('td', {}, el('button', { type: 'button', class: 'link', text: c.name ?? 'not logged in' })),
      el('td', { text: c.address ?? '' }),
      el('td', { class: c.rule ? 'reason-cell error' : 'reason-cell', text: (c.rule ? '✖ ' : '') + reasonText(c) }))));
    this.empty.hidden = this.closed.length > 0;
    setText(this.empty, suffix ? 'No closed connection matches.' : 'No connection has closed yet.');
  }
}

export class BanList {
  constructor({ table, empty, count, form, roster, onError }) {
    this.tbody = table.tBodies[0];
    this.empty = empty;
    this.count = count;
    this.form = form;
    this.roster = roster;
    this.onError = onError;
    this.bans = [];
    this.canAct = false;
    this.rows = [];
    this.tbody.addEventListener('click', (event) => {
      const button = event.target.closest('[data-action=unban]');
      if (button) {
        this.unban(button.dataset.id, button);
      }
    });
    this.wireForm();
    setInterval(() => this.tick(), 1000);
  }

  async refresh() {
    const bans = await get('/api/bans');
    this.bans = Array.isArray(bans) ? bans : bans?.bans ?? [];
    this.rows = this.bans.map((ban) => {
      const left = el('td', { class: 'left' });
      const unban = el('button', { type: 'button', class: 'moderator-only', 'data-action': 'unban',
        'data-id': ban.id, text: 'Unban', 'aria-label': `Unban ${ban.value}` });
      unban.hidden = !this.canAct;
      const tr = el('tr', { 'data-id': ban.id },
        el('td', { text: ban.kind }), el('td', {}, el('code', { text: ban.value })), el('td', { text: ban.reason ?? '' }),
        el('td', { text: ban.setBy ?? '' }), left, el('td', { class: 'action' }, unban));
      return { ban, left };
    });
    this.tbody.replaceChildren(...this.rows.map((row) => row.left.parentElement));
    this.empty.hidden = this.bans.length > 0;
    setText(this.count, this.bans.length ? String(this.bans.length) : '');
    this.tick();
  }

  /** The time left, counted down here between refreshes (O4: bans are listed with the time left). */
  tick() {
    const now = Date.now();
    for (const { ban, left } of this.rows) {
      const expires = ban.expires ?? null;
      if (expires === null || expires === 'permanent') {
        setText(left, 'permanent');
      } else {
        const millis = new Date(expires).getTime() - now;
        setText(left, millis > 0 ? `${duration(millis)} left` : 'expired');
      }
    }
  }

  async unban(id, button) {
    button.disabled = true;
    try {
      await remove(`/api/bans/${encodeURIComponent(id)}`);
      await this.refresh();
    } catch (error) {
      button.disabled = false;
      this.onError(error);
    }
  }

  wireForm() {
    const f = this.form;
    const confirm = f.querySelector('#ban-confirm');
    const preview = f.querySelector('#ban-preview');
    const error = f.querySelector('#ban-error');
    const value = f.querySelector('#ban-value');
    const kind = f.querySelector('#ban-kind');
    const reset = () => {
      confirm.hidden = true;
      error.hidden = true;
    };
    for (const input of f.querySelectorAll('input, select')) {
      input.addEventListener('input', reset);
    }
    // first step: say who the ban would hit (O4: how many share an address, a campus NAT), then confirm
    f.addEventListener('submit', async (event) => {
      event.preventDefault();
      const target = value.value.trim();
      const query = new URLSearchParams({ kind: kind.value, value: target });
      let users;
      let connections;
      try {
        const answer = await get(`/api/bans/preview?${query}`);
        users = (answer.users ?? []).map((user) => user.name);
        connections = answer.connections ?? 0;
      } catch (failure) {
        if (!(failure instanceof ApiError) || failure.status !== 404 || kind.value !== 'address') {
          error.textContent = failure.message;
          error.hidden = false;
          return;
        }
        // a server without the preview: count from the roster as the page knows it
        connections = this.roster.sharing(target).connections;
        users = this.roster.namesAt(target);
      }
      const names = users.length ? `: ${users.join(', ')}` : '';
      preview.textContent = kind.value === 'address'
        ? `${plural(users.length, 'user')} and ${plural(connections, 'connection')} share ${target} now${names}.`
        : users.length ? `Online under this name now${names}.` : 'Nobody online has this name now.';
      confirm.hidden = false;
      f.querySelector('#ban-submit').focus();
    });
    f.querySelector('#ban-cancel').addEventListener('click', reset);
    f.querySelector('#ban-submit').addEventListener('click', async () => {
      const body = {
        kind: kind.value,
        value: value.value.trim(),
        reason: f.querySelector('#ban-reason').value.trim(),
        expires: f.querySelector('#ban-expires').value,
        kick: f.querySelector('#ban-kick').checked,
      };
      try {
        await post('/api/bans', body);
        reset();
        value.value = '';
        f.querySelector('#ban-reason').value = '';
        await this.refresh();
      } catch (failure) {
        error.textContent = failure instanceof ApiError ? failure.message : String(failure);
        error.hidden = false;
      }
    });
  }
}

function plural(count, noun) {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

export class MessageList {
  constructor({ list, empty, scroll, unread, form, isVisible }) {
    this.list = list;
    this.empty = empty;
    this.scroll = scroll;
    this.unread = unread;
    this.form = form;
    this.isVisible = isVisible;
    this.seen = 0;
    this.count = 0;
    this.wireForm();
  }

  async refresh() {
    const messages = await get('/api/messages');
    // the API lists newest first; a conversation reads oldest first, the newest at the bottom
    const list = [...(Array.isArray(messages) ? messages : messages?.messages ?? [])].reverse();
    this.count = list.length;
    this.list.replaceChildren(...list.map((m) => {
      const incoming = m.direction === 'in';
      const to = incoming ? 'teaching team' : m.to ?? 'everyone';
      const from = incoming ? m.from : `teaching team (${m.from})`;
      const outcome = !incoming && m.recipients !== undefined
        ? ` [${m.delivered ?? 0} of ${m.recipients} delivered${m.failed ? `, ${m.failed} failed` : ''}]` : '';
      return el('li', { class: incoming ? 'from-student' : 'from-team', 'data-direction': m.direction },
        el('time', { datetime: m.at, text: clock(m.at) }),
        el('span', { class: 'route', text: `${from} → ${to}:` }),
        el('span', { class: 'text', text: m.text ?? '' }),
        outcome ? el('span', { class: 'outcome', text: outcome }) : null);
    }));
    this.empty.hidden = list.length > 0;
    this.scroll.scrollTop = this.scroll.scrollHeight;
    this.markRead();
  }

  markRead() {
    if (this.isVisible()) {
      this.seen = this.count;
    }
    const unread = this.count - this.seen;
    setText(this.unread, unread > 0 ? `${unread} new` : '');
  }

  wireForm() {
    const f = this.form;
    const error = f.querySelector('#message-error');
    f.addEventListener('submit', async (event) => {
      event.preventDefault();
      const to = f.querySelector('#message-to').value.trim();
      const text = f.querySelector('#message-text');
      error.hidden = true;
      try {
        await post('/api/messages', { to: to === '' || to === 'everyone' ? null : to, text: text.value });
        text.value = '';
        await this.refresh();
      } catch (failure) {
        error.textContent = failure instanceof ApiError ? failure.message : String(failure);
        error.hidden = false;
      }
    });
  }
}

export class AuditList {
  constructor({ table, empty }) {
    this.tbody = table.tBodies[0];
    this.empty = empty;
  }

  async refresh() {
    const audit = await get('/api/audit');
    const list = Array.isArray(audit) ? audit : audit?.entries ?? audit?.audit ?? [];
    this.tbody.replaceChildren(...list.slice(0, 300).map((a) => el('tr', {},
      el('td', {}, el('time', { datetime: a.at, text: clock(a.at) })),
      el('td', { text: a.operator ?? '' }), el('td', { text: a.address ?? '' }),
      el('td', { text: a.action ?? '' }), el('td', { text: [a.target, a.detail].filter(Boolean).join(': ') }))));
    this.empty.hidden = list.length > 0;
  }
}
