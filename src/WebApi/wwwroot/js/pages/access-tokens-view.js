// Settings → Access tokens: personal access tokens for scripts and integrations. A new token's secret is shown in a
// dialog this once and lives only there: closing the dialog takes it off the page, and it is never stored.

import { accessTokens as tokensApi } from '../api.js';
import { h, loading, toast } from '../dom.js';
import { clearErrors, confirmDialog, copyField, field, formError, openDialog, showErrors, whileBusy } from '../forms.js';
import { formatDateTime, formatRelative } from '../format.js';

const SCOPES = {
  read: ['Read only', 'badge-neutral'],
  write: ['Read and write', 'badge-warn'],
};

/** Settings' card: create, list and revoke the user's access tokens. */
export function accessTokensSettingsCard(signal) {
  const listArea = h('div', {}, loading('Loading your access tokens…'));
  const problem = formError();
  let tokens = [];

  function draw() {
    listArea.replaceChildren(tokensView(tokens, revoke));
  }

  async function reload() {
    try {
      tokens = await tokensApi.list(signal);
      draw();
    } catch (error) {
      if (error.name !== 'AbortError') {
        listArea.replaceChildren(h('p', { class: 'notice notice-bad', role: 'alert' }, `Your access tokens could not be loaded: ${error.message}`));
      }
    }
  }

  async function revoke(token) {
    const confirmed = await confirmDialog({
      title: `Revoke “${token.name}”?`,
      message: [
        'Scripts and integrations that use it are refused from their next request on.',
        'This cannot be undone: create a new token to replace it.',
      ],
      confirmLabel: 'Revoke token',
      danger: true,
    });
    if (!confirmed) return;
    problem.textContent = '';
    try {
      await tokensApi.revoke(token.id);
      tokens = tokens.filter(t => t.id !== token.id);
      draw();
      // The row is gone; the card's heading is the nearest sensible place for the focus.
      document.getElementById('access-tokens-heading').focus();
      toast(`Revoked “${token.name}”.`);
    } catch (error) {
      problem.textContent = `“${token.name}” could not be revoked: ${error.message}`;
    }
  }

  const card = h('section', { class: 'card', 'aria-labelledby': 'access-tokens-heading' },
    h('h2', { id: 'access-tokens-heading', tabindex: '-1' }, 'Access tokens'),
    h('p', { class: 'muted' }, 'For scripts and integrations (Make, Zapier, n8n, Google Sheets): send a token as ',
      h('code', {}, 'Authorization: Bearer va_pat_…'), ' on the ', h('code', {}, '/api/vapi/'),
      ' routes instead of signing in. A read-only token may only read. No token can manage tokens or change your password.'),
    createTokenForm(created => {
      tokens = [created, ...tokens];
      draw();
    }),
    problem,
    listArea);
  reload();
  return card;
}

function createTokenForm(onCreated) {
  const submit = h('button', { type: 'submit', class: 'button button-primary' }, 'Create token');
  const form = h('form', { class: 'form', novalidate: true, 'aria-label': 'Create an access token' },
    h('div', { class: 'form-row' },
      field({ name: 'name', label: 'Token name', hint: 'What it is for, like “Monthly report sheet”.', required: true, maxlength: 100, autocomplete: 'off' }),
      field({ name: 'scope', label: 'Access', value: 'read', options: [{ value: 'read', label: 'Read only' }, { value: 'write', label: 'Read and write' }] }),
      field({ name: 'expiresInDays', label: 'Expires after (days)', type: 'number', value: '90', min: '1', max: '365', step: '1', hint: '1 to 365.', required: true })),
    formError(),
    h('div', { class: 'actions' }, submit));

  form.addEventListener('submit', async event => {
    event.preventDefault();
    clearErrors(form);
    const data = new FormData(form);
    const days = String(data.get('expiresInDays')).trim();
    const body = {
      name: String(data.get('name')).trim(),
      scope: String(data.get('scope')),
      expiresInDays: days === '' ? null : Number(days),
    };
    try {
      const { token, secret } = await whileBusy(submit, 'Creating…', () => tokensApi.create(body));
      form.reset();
      onCreated(token);
      await secretDialog(token, secret);
    } catch (error) {
      showErrors(form, error);
    }
  });
  return form;
}

/** The new token's secret with a Copy button; the dialog leaves the page when it closes, and the secret with it. */
function secretDialog(token, secret) {
  return openDialog(`Token “${token.name}” created`, close => [
    copyField('secret', 'Secret', secret),
    h('p', { class: 'muted' }, 'Send it as ', h('code', {}, 'Authorization: Bearer …'),
      token.scope === 'read' ? '. This token may only read: anything else is refused.' : '. This token may read and change your agents and syncs.'),
    h('p', { class: 'notice' }, 'Copy the secret now: it is not shown again. Closing this dialog forgets it.'),
    h('div', { class: 'dialog-actions' },
      h('button', { type: 'button', class: 'button button-primary', onclick: () => close() }, 'Close')),
  ]);
}

function tokensView(tokens, revoke) {
  if (tokens.length === 0) {
    return h('div', { class: 'empty' },
      h('h3', {}, 'No access tokens'),
      h('p', {}, 'Create one above when a script or an integration needs your usage data.'));
  }
  return h('div', { class: 'table-wrap' },
    h('table', { class: 'tokens-table' },
      h('caption', { class: 'visually-hidden' }, 'Your access tokens'),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, 'Name'),
        h('th', { scope: 'col' }, 'Access'),
        h('th', { scope: 'col' }, 'Starts with'),
        h('th', { scope: 'col' }, 'Created'),
        h('th', { scope: 'col' }, 'Expires'),
        h('th', { scope: 'col' }, 'Last used'),
        h('th', { scope: 'col' }, 'Actions'))),
      h('tbody', {}, tokens.map(token => tokenRow(token, revoke)))));
}

function tokenRow(token, revoke) {
  const [scopeLabel, scopeTone] = SCOPES[token.scope] ?? [token.scope, 'badge-neutral'];
  const expired = new Date(token.expiresAt).getTime() <= Date.now();
  return h('tr', { dataset: { tokenId: token.id } },
    h('td', { 'data-label': 'Name', class: 'token-name' }, token.name),
    h('td', { 'data-label': 'Access' }, h('span', { class: `badge ${scopeTone}` }, scopeLabel)),
    h('td', { 'data-label': 'Starts with' }, h('code', {}, `${token.prefix}…`)),
    h('td', { 'data-label': 'Created' }, formatDateTime(token.createdAt)),
    h('td', { 'data-label': 'Expires' },
      expired ? [h('span', { class: 'badge badge-bad' }, 'Expired'), ' '] : null,
      formatDateTime(token.expiresAt)),
    h('td', { 'data-label': 'Last used' }, token.lastUsedAt
      ? h('time', { datetime: token.lastUsedAt, title: formatDateTime(token.lastUsedAt) }, formatRelative(token.lastUsedAt))
      : 'Never'),
    h('td', { 'data-label': 'Actions' },
      h('button', { type: 'button', class: 'button button-small button-danger', dataset: { action: 'revoke' }, onclick: () => revoke(token) },
        'Revoke', h('span', { class: 'visually-hidden' }, ` ${token.name}`))));
}
