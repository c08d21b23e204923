// The signed-in session: Cognito tokens from /api/users/login, kept in localStorage so a reload keeps the person
// signed in, and renewed with the refresh token a minute before the access token expires.
const KEY = 'cloud-gallery.session';
const RENEW_BEFORE_MS = 60_000;
const listeners = new Set();
let renewal;

function read() {
  try {
    return JSON.parse(localStorage.getItem(KEY)) || null;
  } catch {
    return null;
  }
}

let current = read();

export function session() {
  return current;
}

export function onChange(listener) {
  listeners.add(listener);
}

export function store(tokens, userId) {
  current = {
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken || current?.refreshToken,
    expiresAt: Date.now() + tokens.expiresIn * 1000,
    userId: userId || current?.userId,
    displayName: current?.displayName,
  };
  save();
}

export function remember(profile) {
  if (current) {
    current.userId = profile.userId;
    current.displayName = profile.displayName;
    save();
  }
}

export function clear() {
  current = null;
  localStorage.removeItem(KEY);
  clearTimeout(renewal);
  listeners.forEach((listener) => listener(null));
}

function save() {
  localStorage.setItem(KEY, JSON.stringify(current));
  schedule();
  listeners.forEach((listener) => listener(current));
}

// Renews shortly before expiry; an access token that expired while the tab slept is renewed at once.
function schedule() {
  clearTimeout(renewal);
  if (!current?.refreshToken) return;
  const wait = Math.max(0, current.expiresAt - Date.now() - RENEW_BEFORE_MS);
  renewal = setTimeout(() => renew().catch(() => {}), wait);
}

let renewing;
export function renew() {
  if (!current?.refreshToken) return Promise.reject(new Error('Not signed in'));
  renewing ||= fetch('/api/users/refresh', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ refreshToken: current.refreshToken }),
  }).then(async (response) => {
    if (response.status === 401) {
      clear();
      throw new Error('Your session has ended. Please sign in again.');
    }
    if (!response.ok) throw new Error('Could not renew the session.');
    store(await response.json());
  }).finally(() => {
    renewing = undefined;
  });
  return renewing;
}

export function needsRenewal() {
  return Boolean(current && current.expiresAt - Date.now() < RENEW_BEFORE_MS);
}

schedule();
