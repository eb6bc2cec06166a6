// The page's live feed: GET /api/events (server-sent events). An event only says what changed; the views
// it touches are marked stale and each fetches its JSON again at most a few times per second (see views.js),
// so a burst of 500 logins costs a handful of DOM updates, not 500.
//
// When the server goes away the browser's EventSource retries by itself (the status says "Reconnecting");
// if the server answers with an error instead (a restart that lost the session), the page checks its session
// and either opens a new feed or goes back to the login form.

import { loadSession } from './api.js';

const RETRY_MS = 1000;

export class LiveFeed {
  /**
   * @param {Object<string, function(Object): void>} handlers what to do on each named event
   * @param {function(): void} onOpen called on every (re)connection: views refresh everything they show
   * @param {HTMLElement} status the element that says whether the page is live
   */
  constructor(handlers, onOpen, status) {
    this.handlers = handlers;
    this.onOpen = onOpen;
    this.status = status;
    this.source = null;
    this.lostAt = null;
    this.events = 0;
  }

  start() {
    this.setStatus('connecting', 'Connecting…');
    this.open();
  }

  open() {
    const source = new EventSource('/api/events');
    this.source = source;
    source.addEventListener('open', () => {
      this.lostAt = null;
      this.setStatus('live', 'Live');
      this.onOpen();
    });
    source.addEventListener('error', () => {
      if (this.lostAt === null) {
        this.lostAt = new Date();
      }
      this.setStatus('reconnecting', `Reconnecting… (connection lost at ${this.lostAt.toLocaleTimeString()})`);
      if (source.readyState === EventSource.CLOSED) {
        setTimeout(() => this.reopen(), RETRY_MS);
      }
    });
    for (const [name, handler] of Object.entries(this.handlers)) {
      source.addEventListener(name, (event) => {
        this.events++;
        handler(parse(event.data));
      });
    }
  }

  async reopen() {
    try {
      const session = await loadSession();
      if (!session.user) {
        location.assign('/login');
        return;
      }
      this.open();
    } catch (error) {
      setTimeout(() => this.reopen(), RETRY_MS);
    }
  }

  setStatus(state, text) {
    this.status.className = `status ${state}`;
    this.status.dataset.state = state;
    this.status.textContent = text;
  }
}

function parse(data) {
  if (!data) {
    return {};
  }
  try {
    return JSON.parse(data);
  } catch (error) {
    return { data };
  }
}
