// The signed-in user's tokens: in memory and in sessionStorage (this tab only, gone when it closes; never cookies).
// The access token is refreshed quietly shortly before it expires, and once more when the API refuses it.

import { ApiError, readJson, request } from './http.js';

const storageKey = 'vapiagents.session';
const listeners = new Set();
let current = restore();
let refreshing = null;
let refreshTimer = 0;

if (current) {
  scheduleRefresh();
}

export const isSignedIn = () => current !== null;

export const signedInEmail = () => current?.email ?? null;

/** fn(reason) runs when the session ends: 'signed-out' or 'expired'. */
export function onSignOut(fn) {
  listeners.add(fn);
}

export async function signIn(email, password) {
  const response = await request('/api/auth/login', { method: 'POST', body: { email, password } });
  store(email, await readJson(response));
}

export async function register(email, password) {
  await request('/api/auth/register', { method: 'POST', body: { email, password } });
}

export function signOut(reason = 'signed-out') {
  clearTimeout(refreshTimer);
  current = null;
  sessionStorage.removeItem(storageKey);
  for (const listener of listeners) {
    listener(reason);
  }
}

/** A token the API will accept for a while yet (refreshing first when it is about to expire). */
export async function accessToken() {
  if (!current) {
    throw new ApiError(401, { title: 'Please sign in.' });
  }
  if (Date.now() > current.expiresAt - 30_000) {
    await refresh();
  }
  return current.accessToken;
}

/** Exchanges the refresh token for new tokens; concurrent callers share one request. */
export function refresh() {
  refreshing ??= exchangeRefreshToken().finally(() => { refreshing = null; });
  return refreshing;
}

async function exchangeRefreshToken() {
  const session = current;
  if (!session) {
    throw new ApiError(401, { title: 'Please sign in.' });
  }
  try {
    const response = await request('/api/auth/refresh', { method: 'POST', body: { refreshToken: session.refreshToken } });
    store(session.email, await readJson(response));
  } catch (error) {
    // A refused refresh token ends the session; a network failure keeps it for the next try, and so does a 429:
    // too many refreshes from this address means "later", not "signed out", so try again after Retry-After.
    if (error instanceof ApiError && error.status === 429 && current === session) {
      retryRefreshIn((error.retryAfterSeconds ?? 30) * 1000);
    } else if (error instanceof ApiError && error.status >= 400 && error.status < 500 && current === session) {
      signOut('expired');
    }
    throw error;
  }
}

function store(email, tokens) {
  current = {
    email,
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken,
    issuedAt: Date.now(),
    expiresAt: Date.now() + tokens.expiresIn * 1000,
  };
  sessionStorage.setItem(storageKey, JSON.stringify(current));
  scheduleRefresh();
}

function restore() {
  try {
    const saved = JSON.parse(sessionStorage.getItem(storageKey) ?? 'null');
    return saved?.accessToken && saved?.refreshToken ? saved : null;
  } catch {
    return null;
  }
}

function retryRefreshIn(delay) {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => refresh().catch(() => { /* the next API call tries again */ }), Math.max(1000, delay));
}

function scheduleRefresh() {
  clearTimeout(refreshTimer);
  // A minute early, or a fifth of the lifetime for short-lived tokens.
  const lead = Math.min(60_000, (current.expiresAt - current.issuedAt) / 5);
  const delay = Math.max(0, current.expiresAt - lead - Date.now());
  refreshTimer = setTimeout(() => refresh().catch(() => { /* the next API call tries again */ }), delay);
}
