// The JSON API of O9, with the page's session: every change sends the session's CSRF token in the header the
// server names. A 401 means the session is gone (a restart without the saved sessions, a logout elsewhere):
// back to the login form.

let csrf = null;

/** Who is logged in, with which role, and the CSRF token; null user before login. */
export async function loadSession() {
  const response = await fetch('/console/session', { credentials: 'same-origin', cache: 'no-store' });
  if (!response.ok) {
    throw new ApiError(response.status, `the server answered ${response.status}`);
  }
  const session = await response.json();
  csrf = session.csrf;
  return session;
}

/** A failed API call, with the server's message (O9: errors are JSON with a message). */
export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

export function get(path) {
  return call('GET', path);
}

export function post(path, body) {
  return call('POST', path, body);
}

export function remove(path) {
  return call('DELETE', path);
}

export async function logout() {
  await call('POST', '/logout');
  location.assign('/login?logout');
}

async function call(method, path, body) {
  // X-Requested-With: a 401 comes without the HTTP Basic challenge, so the browser shows no password dialog
  const headers = { Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest' };
  if (method !== 'GET' && csrf) {
    headers[csrf.header] = csrf.token;
  }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
      redirect: 'manual',
    });
  } catch (error) {
    throw new ApiError(0, 'the server does not answer');
  }
  if (response.status === 401) {
    location.assign('/login');
    throw new ApiError(401, 'logged out');
  }
  const text = response.type === 'opaqueredirect' ? '' : await response.text();
  let json = null;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch (error) {
      json = null;
    }
  }
  if (!response.ok && response.type !== 'opaqueredirect') {
    const message = json && (json.message || json.error) ? json.message || json.error : `HTTP ${response.status}`;
    throw new ApiError(response.status, message);
  }
  return json;
}
