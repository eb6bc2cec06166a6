// The login form posts to Spring Security's form login; the page is static, so it asks the server for the
// session's CSRF token first (the Content-Security-Policy forbids writing it into the page inline).
const form = document.getElementById('login-form');
const message = document.getElementById('login-message');
const params = new URLSearchParams(location.search);
if (params.has('error')) {
  show('Wrong account or password, or too many attempts: try again.');
} else if (params.has('logout')) {
  show('You have logged out.');
}

const button = document.getElementById('login-button');
button.disabled = true;
fetch('/console/session', { credentials: 'same-origin', cache: 'no-store' })
  .then((response) => response.json())
  .then((session) => {
    if (session.user) {
      location.replace('/');
      return;
    }
    const csrf = document.getElementById('csrf');
    csrf.name = session.csrf.parameter;
    csrf.value = session.csrf.token;
    button.disabled = false;
  })
  .catch(() => show('The server does not answer; reload this page when it is back.'));

function show(text) {
  message.textContent = text;
  message.hidden = false;
}
