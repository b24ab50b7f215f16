// Settings → Vapi integration: the user's agents, their keys, activation, verification, sync and deletion; budgets,
// alert settings, notification channels and access tokens from their own modules.

import { accessTokensSettingsCard } from './access-tokens-view.js';
import { alertSettingsCard, budgetsSettingsCard } from './budgets-view.js';
import { notificationsSettingsCard } from './notifications-view.js';
import { agents as agentsApi, syncs as syncsApi } from '../api.js';
import { h, loading, pageHead, toast } from '../dom.js';
import { checkbox, clearErrors, confirmDialog, field, formError, showErrors, whileBusy } from '../forms.js';
import { formatDateTime, formatRelative } from '../format.js';
import { editAgentDialog, syncDialog, webhookDialog } from './agent-dialogs.js';

const syncStatuses = {
  queued: ['Sync queued', 'badge-neutral'],
  running: ['Syncing…', 'badge-neutral'],
  succeeded: ['Synced', 'badge-ok'],
  partial: ['Partly synced', 'badge-warn'],
  failed: ['Sync failed', 'badge-bad'],
  paused: ['Sync paused', 'badge-warn'],
};

export async function render(main, { signal }) {
  const listArea = h('div', {}, loading('Loading your agents…'));
  const showDeleted = checkbox({ name: 'showDeleted', label: 'Show deleted agents' });
  const handlers = { onChanged: replaceAgent, onDeleted: reload };
  let agents = [];

  function draw() {
    const visible = agents.filter(a => showDeleted.querySelector('input').checked || !a.deletedAt);
    listArea.replaceChildren(agentsView(visible, handlers));
  }

  /** Redraws one agent's row; `note` is a message to show in it ({ text, tone }). */
  function replaceAgent(agent, note) {
    agents = agents.map(a => a.id === agent.id ? agent : a);
    const row = listArea.querySelector(`tr[data-agent-id="${agent.id}"]`);
    // Focus stays on the control that was used, in the redrawn row.
    const action = row?.contains(document.activeElement) ? document.activeElement.dataset.action : null;
    row?.replaceWith(agentRow(agent, handlers, note));
    if (action) {
      listArea.querySelector(`tr[data-agent-id="${agent.id}"] [data-action="${action}"]`)?.focus();
    }
    // The redrawn row is new to screen readers, so the message is announced through the toast as well.
    if (note) {
      toast(note.text);
    }
  }

  async function reload() {
    try {
      agents = await agentsApi.list(signal, true);
      draw();
    } catch (error) {
      if (error.name !== 'AbortError') {
        listArea.replaceChildren(h('p', { class: 'notice notice-bad', role: 'alert' }, `Your agents could not be loaded: ${error.message}`));
      }
    }
  }

  showDeleted.querySelector('input').addEventListener('change', draw);
  const budgets = budgetsSettingsCard(() => agents, signal);

  main.append(
    pageHead('Settings', 'Vapi integration: your voice agents, each with its own Vapi API key.'),
    addAgentCard(agent => {
      agents = [...agents, agent];
      draw();
      budgets.redrawScope();
    }),
    h('section', { class: 'card', 'aria-labelledby': 'agents-heading' },
      h('div', { class: 'card-head' }, h('h2', { id: 'agents-heading', tabindex: '-1' }, 'Your agents'), showDeleted),
      listArea),
    budgets.card,
    alertSettingsCard(signal),
    notificationsSettingsCard(signal),
    accessTokensSettingsCard(signal));
  await reload();
  budgets.redrawScope();
  await budgets.reload();
}

function addAgentCard(onAdded) {
  const submit = h('button', { type: 'submit', class: 'button button-primary' }, 'Add agent');
  const form = h('form', { class: 'form', novalidate: true, 'aria-labelledby': 'add-agent-heading' },
    h('div', { class: 'form-row' },
      field({ name: 'name', label: 'Name', hint: 'A name you will recognise, like “Patient Scheduling”.', required: true, maxlength: 100, autocomplete: 'off' }),
      field({ name: 'apiKey', label: 'Vapi private API key', type: 'password', hint: 'Stored encrypted. Only its last four characters are shown again.', required: true, autocomplete: 'off', spellcheck: 'false' }),
      field({ name: 'agentId', label: 'Assistant id (optional)', hint: 'Counts only this Vapi assistant’s calls. Empty: every call the key sees.', autocomplete: 'off', spellcheck: 'false' })),
    checkbox({ name: 'addInactive', label: 'Add as inactive, then verify and activate (activation checks the key with Vapi first)', checked: false }),
    formError(),
    h('div', { class: 'actions' }, submit));

  form.addEventListener('submit', async event => {
    event.preventDefault();
    clearErrors(form);
    const data = new FormData(form);
    const body = {
      name: String(data.get('name')).trim(), apiKey: String(data.get('apiKey')).trim(), agentId: String(data.get('agentId')).trim() || null,
      isActive: data.get('addInactive') !== 'on',
    };
    try {
      const agent = await whileBusy(submit, 'Adding…', () => agentsApi.create(body));
      // The key leaves the page as soon as the server has it.
      form.reset();
      onAdded(agent);
      toast(agent.isActive ? `Added “${agent.name}”. Verify its key or sync it now.` : `Added “${agent.name}” as inactive. Switch it on: its key is checked with Vapi first.`);
      form.querySelector('input').focus();
    } catch (error) {
      showErrors(form, error);
    }
  });

  return h('section', { class: 'card', 'aria-labelledby': 'add-agent-heading' },
    h('h2', { id: 'add-agent-heading' }, 'Add an agent'),
    form);
}

function agentsView(agents, handlers) {
  if (agents.length === 0) {
    return h('div', { class: 'empty' },
      h('h3', {}, 'No agents yet'),
      h('p', {}, 'Add your first agent above with its Vapi private API key (in the Vapi dashboard under API Keys). ' +
        'Then sync it to see its calls and costs in the Overview.'));
  }
  return h('div', { class: 'table-wrap' },
    h('table', { class: 'agents-table' },
      h('caption', { class: 'visually-hidden' }, 'Your agents'),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, 'Agent'),
        h('th', { scope: 'col' }, 'Active'),
        h('th', { scope: 'col' }, 'Last sync'),
        h('th', { scope: 'col' }, 'Actions'))),
      h('tbody', {}, agents.map(agent => agentRow(agent, handlers)))));
}

function agentRow(agent, handlers, note) {
  const message = h('p', { class: `agent-message ${note?.tone ?? ''}`.trim() }, note?.text);
  return h('tr', { dataset: { agentId: agent.id }, class: agent.deletedAt ? 'row-deleted' : null },
    h('td', { 'data-label': 'Agent' },
      h('div', { class: 'agent-name' }, agent.name),
      h('div', { class: 'agent-meta' },
        agent.agentId ? ['Assistant ', h('code', {}, agent.agentId)] : 'Every assistant the key sees'),
      h('div', { class: 'agent-meta' }, keyLine(agent)),
      message),
    agent.deletedAt
      ? h('td', { 'data-label': 'Active', colspan: '3' },
        `Deleted ${formatDateTime(agent.deletedAt)}. Its key is destroyed; its call history is kept.`)
      : [
        h('td', { 'data-label': 'Active' }, activeSwitch(agent, message, handlers)),
        h('td', { 'data-label': 'Last sync' }, lastSync(agent)),
        h('td', { 'data-label': 'Actions' }, agentActions(agent, message, handlers)),
      ]);
}

function keyLine(agent) {
  const verified = agent.lastVerifiedAt
    ? h('span', { title: formatDateTime(agent.lastVerifiedAt) }, ` · verified ${formatRelative(agent.lastVerifiedAt)}`)
    : null;
  return ['Key ', h('code', {}, agent.apiKeyHint), verified];
}

function lastSync(agent) {
  const [label, tone] = syncStatuses[agent.lastSyncStatus] ?? ['Never synced', 'badge-neutral'];
  return [
    h('span', { class: `badge ${tone}` }, label),
    agent.lastSyncedAt
      ? h('div', { class: 'agent-meta', title: formatDateTime(agent.lastSyncedAt) }, `Last synced ${formatRelative(agent.lastSyncedAt)}`)
      : null,
    agent.lastSyncError ? h('div', { class: 'agent-meta text-bad' }, agent.lastSyncError) : null,
  ];
}

/** The last sync ended because background work lost it, not because of Vapi or the key. */
function lostSync(agent) {
  return agent.lastSyncStatus === 'failed' && /^The sync (never started|was lost)/.test(agent.lastSyncError ?? '');
}

function activeSwitch(agent, message, { onChanged }) {
  const input = h('input', { type: 'checkbox', role: 'switch', checked: agent.isActive, dataset: { action: 'active' } });
  input.addEventListener('change', async () => {
    const hadFocus = document.activeElement === input;
    input.disabled = true;
    message.textContent = '';
    try {
      const updated = await agentsApi.update(agent.id, { isActive: input.checked });
      // Focused again so that the redrawn row keeps the focus on its switch.
      input.disabled = false;
      if (hadFocus) input.focus();
      onChanged(updated);
      toast(updated.isActive
        ? `“${updated.name}” is active again and counts in the Overview.`
        : `“${updated.name}” is inactive: the Overview leaves it out unless you include inactive agents.`);
    } catch (error) {
      input.disabled = false;
      if (hadFocus) input.focus();
      onChanged(agent, { text: error.message, tone: 'text-bad' });
    }
  });
  return h('label', { class: 'switch' }, input, 'Active', h('span', { class: 'visually-hidden' }, ` (${agent.name})`));
}

function agentActions(agent, message, { onChanged, onDeleted }) {
  const named = label => [label, h('span', { class: 'visually-hidden' }, ` ${agent.name}`)];
  const button = (action, label, onclick, extraClass = '') =>
    h('button', { type: 'button', class: `button button-small ${extraClass}`.trim(), dataset: { action }, onclick }, named(label));

  const verify = button('verify', 'Verify key', async () => {
    message.textContent = '';
    try {
      const result = await whileBusy(verify, 'Verifying…', () => agentsApi.verify(agent.id));
      const note = result.valid
        ? { text: verifiedText(result), tone: 'text-ok' }
        : { text: `✗ ${sentence(result.error ?? 'Vapi did not accept this key.')}`, tone: 'text-bad' };
      // Reloaded for the verification time the server recorded.
      onChanged(result.valid ? await agentsApi.get(agent.id) : agent, note);
    } catch (error) {
      onChanged(agent, { text: error.message, tone: 'text-bad' });
    }
  });

  // A sync that background work lost ("never started" or "lost"), in plain words, with the same sync again.
  const retry = lostSync(agent) ? button('retry', 'Retry sync', async () => {
    message.textContent = '';
    try {
      const [latest] = await syncsApi.list(agent.id, 1);
      const body = { agentId: agent.id };
      if (latest?.mode === 'range') {
        body.startDate = latest.windowStart;
        body.endDate = latest.windowEnd;
      }
      await whileBusy(retry, 'Starting…', () => syncsApi.start(body));
      onChanged(await agentsApi.get(agent.id), { text: 'The sync was started again; it runs in the background.', tone: 'text-ok' });
    } catch (error) {
      onChanged(agent, { text: error.message, tone: 'text-bad' });
    }
  }) : null;

  return h('div', { class: 'actions' },
    retry,
    verify,
    button('sync', 'Sync now', async () => {
      const updated = await syncDialog(agent);
      if (updated) onChanged(updated);
    }),
    button('edit', 'Edit', async () => {
      const updated = await editAgentDialog(agent);
      if (updated) {
        onChanged(updated);
        toast(`Saved “${updated.name}”.`);
      }
    }),
    button('webhook', 'Webhook', () => webhookDialog(agent)),
    button('delete', 'Delete', async () => {
      const confirmed = await confirmDialog({
        title: `Delete “${agent.name}”?`,
        message: [
          'Its Vapi API key is destroyed and it stops syncing.',
          'Its call history is kept: the Overview still counts it when you tick “Include deleted agents’ history”.',
        ],
        confirmLabel: 'Delete agent',
        danger: true,
      });
      if (!confirmed) return;
      try {
        await agentsApi.remove(agent.id);
        await onDeleted();
        // The row is gone; the list's heading is the nearest sensible place for the focus.
        document.getElementById('agents-heading').focus();
        toast(`Deleted “${agent.name}”. Its call history is kept.`);
      } catch (error) {
        onChanged(agent, { text: error.message, tone: 'text-bad' });
      }
    }, 'button-danger'));
}

function verifiedText({ assistantName, orgId }) {
  const assistant = assistantName ? `, assistant “${assistantName}”` : '';
  const org = orgId ? ` (organisation ${orgId})` : '';
  return `✓ Vapi accepted the key${assistant}${org}.`;
}

const sentence = text => {
  const trimmed = text.trim();
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
};
