// One place that talks HTTP: JSON in and out, and every non-2xx answer turned into an ApiError.

/** A failed request, carrying the API's RFC 9457 problem (field errors under `errors`). */
export class ApiError extends Error {
  constructor(status, problem, retryAfterSeconds = null) {
    super(problem.detail || problem.title || `The request failed (${status}).`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
    this.fieldErrors = problem.errors ?? {};
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** "?a=1&b=x" from an object, leaving out empty values and false flags. */
export function query(params) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '' && value !== false) {
      search.set(name, String(value));
    }
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** Sends a request; resolves with the Response when it is 2xx, rejects with an ApiError otherwise. */
export async function request(path, { method = 'GET', body, token, signal, accept = 'application/json' } = {}) {
  const headers = { Accept: accept };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  if (token) {
    headers.Authorization = `Bearer ${token}`;
  }

  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal });
  } catch (error) {
    if (error.name === 'AbortError') {
      throw error;
    }
    throw new ApiError(0, { title: 'The server could not be reached. Check your connection and try again.' });
  }

  if (!response.ok) {
    throw await toApiError(response);
  }
  return response;
}

/** The JSON body, or null for an empty one. */
export async function readJson(response) {
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

async function toApiError(response) {
  let problem = {};
  try {
    problem = (await readJson(response)) ?? {};
  } catch {
    // Not JSON (a proxy's error page, say): the status alone has to do.
  }
  if (!problem.title && !problem.detail) {
    problem = { ...problem, title: describeStatus(response.status) };
  }
  const retryAfter = Number.parseInt(response.headers.get('Retry-After') ?? '', 10);
  return new ApiError(response.status, problem, Number.isFinite(retryAfter) ? retryAfter : null);
}

function describeStatus(status) {
  if (status === 401) return 'Please sign in again.';
  if (status === 403) return 'You are not allowed to do this.';
  if (status === 404) return 'This item no longer exists.';
  if (status === 429) return 'Too many requests; wait a moment and try again.';
  if (status >= 500) return 'The server had a problem. Try again in a moment.';
  return `The request failed (${status}).`;
}
