// The console page (O7): one page, live through GET /api/events, reading the same JSON endpoints scripts use
// (O9). A viewer gets no action controls; the server refuses their changes anyway (O1).

import { get, loadSession, logout, remove } from './api.js';
import { throttle } from './dom.js';
import { AuditList, BanList, ClosedList, MessageList } from './lists.js';
import { Charts } from './charts.js';
import { LiveFeed } from './live.js';
import { Roster } from './roster.js';
import { TraceView } from './trace.js';

const $ = (id) => document.getElementById(id);

const session = await loadSession();
if (!session.user) {
  location.replace('/login');
  throw new Error('not logged in');
}
const moderator = session.role === 'moderator';
$('user').textContent = session.user;
$('role').textContent = session.role;
document.body.dataset.role = session.role;
$('logout').addEventListener('click', () => logout());

const flash = (error) => {
  const status = $('status');
  status.textContent = `Refused: ${error.message}`;
};

const trace = new TraceView({ list: $('trace'), subject: $('trace-subject'), scroll: $('trace-scroll'),
  follow: $('trace-follow'), errorsOnly: $('trace-errors-only') });

const roster = new Roster({
  table: $('roster'), empty: $('roster-empty'), counts: $('roster-counts'), filter: $('roster-filter'),
  transport: $('roster-transport'), errorsFirst: $('roster-errors-first'),
  onSelect: (connection) => trace.showOpen(connection),
  onKick: async (connection, button) => {
    button.disabled = true;
    try {
      await remove(`/api/connections/${encodeURIComponent(connection.id)}`);
      refresh.roster();
    } catch (error) {
      button.disabled = false;
      flash(error);
    }
  },
});
roster.canAct = moderator;

const closed = new ClosedList({ table: $('closed'), empty: $('closed-empty'), name: $('closed-name'),
  address: $('closed-address'), onSelect: (c) => trace.showClosed(c) });
const bans = new BanList({ table: $('bans'), empty: $('bans-empty'), count: $('bans-count'), form: $('ban-form'),
  roster, onError: flash });
bans.canAct = moderator;
const messages = new MessageList({ list: $('messages'), empty: $('messages-empty'), scroll: $('messages-scroll'),
  unread: $('messages-unread'), form: $('message-form'), isVisible: () => !$('messages-panel').hidden });
const audit = new AuditList({ table: $('audit'), empty: $('audit-empty') });
const charts = new Charts($('charts'));

for (const form of document.querySelectorAll('form.moderator-only')) {
  form.hidden = !moderator;
}

// Each view fetches again at most this often however many events arrive: bounded DOM work under bursts.
const quietly = (work) => () => work().catch(() => {});
const refresh = {
  roster: throttle(quietly(async () => {
    roster.update(await get('/api/connections'));
    $('online-names').replaceChildren(...roster.names().map((name) => new Option(name)));
  }), 500),
  trace: throttle(quietly(() => trace.refresh()), 300),
  closed: throttle(quietly(() => closed.refresh()), 1000),
  bans: throttle(quietly(() => bans.refresh()), 1000),
  messages: throttle(quietly(() => messages.refresh()), 300),
  audit: throttle(quietly(() => audit.refresh()), 1000),
  charts: throttle(quietly(() => charts.refresh()), 2000),
};
const all = () => Object.values(refresh).forEach((run) => run());

/** What each event of GET /api/events makes stale. */
const connectionChanged = (event) => {
  refresh.roster();
  if (event.id === undefined || trace.isShowing(event.id)) {
    refresh.trace();
  }
};
const handlers = {
  connection: connectionChanged,
  login: connectionChanged,
  error: connectionChanged,
  close: (event) => {
    connectionChanged(event);
    refresh.closed();
  },
  ban: () => {
    refresh.bans();
    refresh.roster();
  },
  unban: () => refresh.bans(),
  message: () => refresh.messages(),
  audit: () => refresh.audit(),
};
new LiveFeed(handlers, all, $('status')).start();

// counters, a followed trace's ordinary lines and the charts move without an event of their own
setInterval(() => refresh.roster(), 5000);
setInterval(() => refresh.trace(), 1000);
setInterval(() => {
  if (!$('charts-panel').hidden) {
    refresh.charts();
  }
}, 10000);

// tabs
const tabs = [...document.querySelectorAll('[role=tab]')];
for (const tab of tabs) {
  tab.addEventListener('click', () => {
    for (const other of tabs) {
      const selected = other === tab;
      other.setAttribute('aria-selected', String(selected));
      $(other.getAttribute('aria-controls')).hidden = !selected;
    }
    if (tab.id === 'tab-messages') {
      messages.markRead();
    }
    if (tab.id === 'tab-charts') {
      charts.fit();
      refresh.charts();
    }
  });
}

// for the browser tests and the measurements in the README
window.chatConsole = { roster, charts, trace, refresh };
