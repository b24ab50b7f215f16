// The VapiAgents REST API as the signed-in user: bearer token on every call, one quiet retry after a refresh on 401.

import { ApiError, query, readJson, request } from './http.js';
import * as session from './session.js';

/** Calls the API and returns its JSON (or the Response itself with `raw: true`). */
export async function api(path, options = {}) {
  const response = await authorised(path, options);
  return options.raw ? response : readJson(response);
}

async function authorised(path, options) {
  try {
    return await request(path, { ...options, token: await session.accessToken() });
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 401 || !session.isSignedIn()) {
      throw error;
    }
  }

  // The token was refused before its time (a restarted server with a new key ring, say): refresh once and retry.
  await session.refresh();
  try {
    return await request(path, { ...options, token: await session.accessToken() });
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      session.signOut('expired');
    }
    throw error;
  }
}

export const agents = {
  list: (signal, includeDeleted = false) => api(`/api/vapi/agents${query({ includeDeleted })}`, { signal }).then(r => r.agents),
  get: id => api(`/api/vapi/agents/${id}`).then(r => r.agent),
  create: body => api('/api/vapi/agents', { method: 'POST', body }).then(r => r.agent),
  update: (id, body) => api(`/api/vapi/agents/${id}`, { method: 'PATCH', body }).then(r => r.agent),
  remove: id => api(`/api/vapi/agents/${id}`, { method: 'DELETE' }),
  verify: id => api(`/api/vapi/agents/${id}/verify`, { method: 'POST' }),
  rotateWebhookSecret: id => api(`/api/vapi/agents/${id}/webhook-secret`, { method: 'POST' }),
  prices: (id, signal) => api(`/api/vapi/agents/${id}/pricing`, { signal }).then(r => r.prices),
  setPrice: (id, body) => api(`/api/vapi/agents/${id}/pricing`, { method: 'PUT', body }),
};

export const syncs = {
  /** Starts a sync without waiting for it; resolves with the run as first reported. */
  start: async body => {
    const response = await api('/api/vapi/sync', { method: 'POST', body: { ...body, wait: false }, raw: true });
    const answer = await readJson(response);
    if (answer?.sync) {
      return answer.sync;
    }
    return (await api(response.headers.get('Location'))).sync;
  },
  get: (id, signal) => api(`/api/vapi/sync/${id}`, { signal }).then(r => r.sync),
  list: (agentId, limit, signal) => api(`/api/vapi/sync${query({ agentId, limit })}`, { signal }).then(r => r.syncs),
};

export const metrics = {
  get: (filters, signal) => api(`/api/vapi/metrics${query({ ...filters, compare: true })}`, { signal }).then(r => r.metrics),
  /** { agents: [...] } in the order asked; `agentIds` comma-separated. */
  compare: (filters, signal) => api(`/api/vapi/metrics/compare${query(filters)}`, { signal }),
  heatmap: (filters, signal) => api(`/api/vapi/metrics/heatmap${query(filters)}`, { signal }).then(r => r.heatmap),
  /** `interval` is hour or day. */
  concurrency: (filters, interval, signal) => api(`/api/vapi/metrics/concurrency${query({ ...filters, interval })}`, { signal }).then(r => r.concurrency),
  /** The CSV export as a Blob, with the file name the server suggests. */
  export: async (filters, groupBy) => {
    const response = await api(`/api/vapi/metrics/export${query({ ...filters, groupBy })}`, { raw: true, accept: 'text/csv' });
    const disposition = response.headers.get('Content-Disposition') ?? '';
    const name = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1];
    return { blob: await response.blob(), fileName: name ? decodeURIComponent(name) : null };
  },
};

export const budgets = {
  list: signal => api('/api/vapi/budgets', { signal }).then(r => r.budgets),
  create: body => api('/api/vapi/budgets', { method: 'POST', body }).then(r => r.budget),
  update: (id, body) => api(`/api/vapi/budgets/${id}`, { method: 'PATCH', body }).then(r => r.budget),
  remove: id => api(`/api/vapi/budgets/${id}`, { method: 'DELETE' }),
};

export const alerts = {
  list: (status, signal) => api(`/api/vapi/alerts${query({ status, limit: 100 })}`, { signal }),
  acknowledge: id => api(`/api/vapi/alerts/${id}/acknowledge`, { method: 'POST' }).then(r => r.alert),
  settings: signal => api('/api/vapi/alert-settings', { signal }),
  saveSettings: body => api('/api/vapi/alert-settings', { method: 'PUT', body }),
};

export const clients = {
  list: signal => api('/api/vapi/clients', { signal }).then(r => r.clients),
  create: body => api('/api/vapi/clients', { method: 'POST', body }).then(r => r.client),
  update: (id, body) => api(`/api/vapi/clients/${id}`, { method: 'PATCH', body }).then(r => r.client),
  remove: id => api(`/api/vapi/clients/${id}`, { method: 'DELETE' }),
  prices: (id, signal) => api(`/api/vapi/clients/${id}/pricing`, { signal }).then(r => r.prices),
  setPrice: (id, body) => api(`/api/vapi/clients/${id}/pricing`, { method: 'PUT', body }),
  /** The month's statement as a CSV Blob. */
  statementCsv: async (id, month) => {
    const response = await api(`/api/vapi/clients/${id}/statement${query({ month, format: 'csv' })}`, { raw: true, accept: 'text/csv' });
    return response.blob();
  },
};

/** Personal access tokens for scripts; only a signed-in session (this dashboard) manages them. */
export const accessTokens = {
  list: signal => api('/api/auth/tokens', { signal }).then(r => r.tokens),
  /** Resolves with { token, secret }: the secret is answered this once. */
  create: body => api('/api/auth/tokens', { method: 'POST', body }),
  revoke: id => api(`/api/auth/tokens/${id}`, { method: 'DELETE' }),
};

/** Where alerts are delivered: webhook, Slack and e-mail channels. */
export const notificationChannels = {
  list: signal => api('/api/vapi/notification-channels', { signal }).then(r => r.channels),
  get: id => api(`/api/vapi/notification-channels/${id}`).then(r => r.channel),
  /** Resolves with { channel, secret }: a webhook's signing secret is answered this once. */
  create: body => api('/api/vapi/notification-channels', { method: 'POST', body }),
  update: (id, body) => api(`/api/vapi/notification-channels/${id}`, { method: 'PATCH', body }).then(r => r.channel),
  remove: id => api(`/api/vapi/notification-channels/${id}`, { method: 'DELETE' }),
  /** Resolves with { channel, secret }: the new secret, answered this once. */
  rotateSecret: id => api(`/api/vapi/notification-channels/${id}/rotate-secret`, { method: 'POST' }),
  /** Queues a test event; resolves with { deliveryId, eventId }. */
  test: id => api(`/api/vapi/notification-channels/${id}/test`, { method: 'POST' }),
  deliveries: (id, signal) => api(`/api/vapi/notification-channels/${id}/deliveries`, { signal }).then(r => r.deliveries),
};
