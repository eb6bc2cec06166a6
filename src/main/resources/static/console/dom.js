// Small DOM helpers. Every text from the server goes in as textContent, never as markup: names, addresses
// and trace lines come from students.

/** An element with attributes (class, data-*, hidden, …) and children (nodes or text). */
export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (key === 'class') {
      element.className = value;
    } else if (key === 'text') {
      element.textContent = value;
    } else if (key.startsWith('on')) {
      element.addEventListener(key.substring(2), value);
    } else {
      element.setAttribute(key, value === true ? '' : value);
    }
  }
  for (const child of children) {
    if (child !== null && child !== undefined) {
      element.append(child);
    }
  }
  return element;
}

/** Sets a node's text only when it changed: no DOM work for an unchanged cell. */
export function setText(node, text) {
  const value = text === null || text === undefined ? '' : String(text);
  if (node.textContent !== value) {
    node.textContent = value;
  }
}

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });

/** A wall-clock time of day for an ISO instant (or epoch milliseconds). */
export function clock(instant) {
  if (instant === null || instant === undefined) {
    return '';
  }
  const date = new Date(instant);
  return Number.isNaN(date.getTime()) ? String(instant) : timeFormat.format(date);
}

/** A duration in milliseconds as `1 h 05 min`, `3 min 07 s` or `12 s`. */
export function duration(millis) {
  const seconds = Math.max(0, Math.floor(millis / 1000));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  if (h > 0) {
    return `${h} h ${String(m).padStart(2, '0')} min`;
  }
  if (m > 0) {
    return `${m} min ${String(s).padStart(2, '0')} s`;
  }
  return `${s} s`;
}

/** Replaces a list's children in one go. */
export function replaceRows(container, rows) {
  container.replaceChildren(...rows);
}

/** Runs `work` at most once per `interval` ms, the last call winning: bursts cost one run. */
export function throttle(work, interval) {
  let timer = null;
  let last = 0;
  return function schedule() {
    if (timer !== null) {
      return;
    }
    const wait = Math.max(0, last + interval - Date.now());
    timer = setTimeout(() => {
      timer = null;
      last = Date.now();
      work();
    }, wait);
  };
}
