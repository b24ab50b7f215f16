// The dialogs of one agent: edit (name, assistant id, replacement key, client, own price), sync with progress, webhook secret.

import { agents as agentsApi, clients as clientsApi, syncs as syncsApi } from '../api.js';
import { browserTimeZone, timeZones } from '../dates.js';
import { h, toast } from '../dom.js';
import { clearErrors, copyField, field, formError, openDialog, showErrors, whileBusy } from '../forms.js';
import { describePrice, formatCount, formatDateTime } from '../format.js';

/**
 * Resolves with the saved agent, or nothing when the user cancels before anything was saved. Besides the name,
 * assistant id and key it sets the agent's client (PATCH clientId) and its own resale price (PUT …/pricing).
 */
export async function editAgentDialog(agent) {
  // Loaded before the dialog opens so it opens complete; if either fails the rest of the form still works.
  const [clients, prices] = await Promise.all([
    clientsApi.list().catch(() => null),
    agentsApi.prices(agent.id).catch(() => null),
  ]);
  return openDialog(`Edit “${agent.name}”`, close => {
    let saved;
    const submit = h('button', { type: 'submit', class: 'button button-primary' }, 'Save');
    const priceFields = priceFieldset(prices);
    const form = h('form', { class: 'form', novalidate: true },
      field({ name: 'name', label: 'Name', value: agent.name, required: true, maxlength: 100, autocomplete: 'off' }),
      field({ name: 'agentId', label: 'Assistant id', value: agent.agentId ?? '', hint: 'Empty: every call the key sees.', autocomplete: 'off', spellcheck: 'false' }),
      field({ name: 'apiKey', label: 'Replace the API key', type: 'password', hint: `Leave empty to keep the current key (${agent.apiKeyHint}).`, autocomplete: 'off', spellcheck: 'false' }),
      field({
        name: 'clientId',
        label: 'Client',
        value: agent.clientId ?? '',
        hint: clients === null ? 'Your clients could not be loaded; the agent keeps its client.' : 'The customer this agent’s minutes are resold to.',
        options: clientOptions(agent, clients),
      }),
      field({
        name: 'concurrencyLimit', label: 'Calls at once (Vapi org limit)', type: 'number', min: '1', max: '10000', step: '1',
        value: agent.concurrencyLimit ?? '',
        hint: 'The call slots of this key’s Vapi org (Vapi’s default is 10). Set for all your agents on that org. Empty: unknown.',
      }),
      priceFields.element,
      formError(),
      h('div', { class: 'dialog-actions' },
        // Part of the form may already be saved (the agent, before a refused price): the caller hears about it.
        h('button', { type: 'button', class: 'button', onclick: () => close(saved) }, 'Cancel'),
        submit));

    form.addEventListener('submit', async event => {
      event.preventDefault();
      clearErrors(form);
      const data = new FormData(form);
      const changes = changedFields(agent, data);
      const price = priceFields.read(data);
      if (Object.keys(changes).length === 0 && !price) {
        close(saved);
        return;
      }
      try {
        await whileBusy(submit, 'Saving…', async () => {
          if (Object.keys(changes).length > 0) {
            // Later comparisons start from what is saved, so a retry after a refused price does not send it again.
            agent = saved = await agentsApi.update(agent.id, changes);
          }
          if (price) {
            const answer = await agentsApi.setPrice(agent.id, price);
            priceFields.saved(answer.price);
            saved ??= agent;
            if (answer.repriced > 0) {
              toast(`${formatCount(answer.repriced)} stored call(s) repriced.`);
            }
          }
        });
        close(saved);
      } catch (error) {
        showErrors(form, error);
      }
    });
    return form;
  });
}

/** No client, then the user's clients by name; a client that could not be listed stays chosen under a plain label. */
function clientOptions(agent, clients) {
  const options = [{ value: '', label: 'No client' }, ...(clients ?? []).map(c => ({ value: c.id, label: c.name }))];
  if (agent.clientId && !options.some(o => o.value === agent.clientId)) {
    options.push({ value: agent.clientId, label: 'Current client' });
  }
  return options;
}

/**
 * The agent's own price. It is sent only when the user typed into it, so saving a name never adds a price; the
 * API names any field it refuses, and that field shows it.
 */
function priceFieldset(prices) {
  const current = prices?.[0];
  const defaults = {
    billingIncrementSeconds: String(current?.billingIncrementSeconds ?? 60),
    minimumBillableSeconds: String(current?.minimumBillableSeconds ?? 0),
  };
  const currentLine = h('p', { class: 'hint' });
  const describe = price => {
    currentLine.textContent = price
      ? `Current: ${describePrice(price)}.`
      : prices === null
        ? 'The agent’s prices could not be loaded.'
        : 'No price of its own: its client’s price applies, if it has one.';
  };
  describe(current);
  const element = h('fieldset', { class: 'agent-price' },
    h('legend', {}, 'Resale price'),
    currentLine,
    h('div', { class: 'form-row' },
      field({ name: 'ratePerMinute', label: 'Rate (USD per minute)', type: 'number', step: '0.000001', min: '0', hint: 'Empty: keep the current price.' }),
      field({ name: 'effectiveFrom', label: 'From (UTC day)', type: 'date', hint: 'Empty: today. A past day reprices the calls since then.' })),
    h('div', { class: 'form-row' },
      field({ name: 'billingIncrementSeconds', label: 'Billing increment (s)', type: 'number', value: defaults.billingIncrementSeconds, min: '1', max: '3600' }),
      field({ name: 'minimumBillableSeconds', label: 'Minimum per call (s)', type: 'number', value: defaults.minimumBillableSeconds, min: '0', max: '3600' })));
  const number = text => (text === '' ? null : Number(text));
  return {
    element,
    read(data) {
      const text = name => String(data.get(name) ?? '').trim();
      const touched = text('ratePerMinute') !== '' || text('effectiveFrom') !== '' ||
        text('billingIncrementSeconds') !== defaults.billingIncrementSeconds || text('minimumBillableSeconds') !== defaults.minimumBillableSeconds;
      return touched
        ? {
          ratePerMinute: number(text('ratePerMinute')),
          billingIncrementSeconds: number(text('billingIncrementSeconds')),
          minimumBillableSeconds: number(text('minimumBillableSeconds')),
          effectiveFrom: text('effectiveFrom') || null,
        }
        : null;
    },
    /** After a save the form reads as untouched again, so pressing Save twice does not send the price twice. */
    saved(price) {
      describe(price);
      defaults.billingIncrementSeconds = String(price.billingIncrementSeconds);
      defaults.minimumBillableSeconds = String(price.minimumBillableSeconds);
      for (const name of ['ratePerMinute', 'effectiveFrom']) {
        element.querySelector(`[name="${name}"]`).value = '';
      }
    },
  };
}

/** Only what the user changed is sent, so an untouched key is never replaced. */
function changedFields(agent, data) {
  const changes = {};
  const name = String(data.get('name')).trim();
  const assistantId = String(data.get('agentId')).trim();
  const apiKey = String(data.get('apiKey')).trim();
  const clientId = String(data.get('clientId') ?? '');
  if (name !== agent.name) changes.name = name;
  if (assistantId !== (agent.agentId ?? '')) changes.agentId = assistantId || null;
  if (apiKey) changes.apiKey = apiKey;
  // null clears the client.
  if (clientId !== (agent.clientId ?? '')) changes.clientId = clientId || null;
  // Empty clears the limit; anything else goes as a number, and the API says why when it is not 1–10000.
  const limit = String(data.get('concurrencyLimit') ?? '').trim();
  if (limit !== String(agent.concurrencyLimit ?? '')) changes.concurrencyLimit = limit === '' ? null : Number(limit);
  return changes;
}

const finished = status => status !== 'queued' && status !== 'running';

const outcome = {
  succeeded: 'Sync finished',
  partial: 'Sync partly finished',
  failed: 'Sync failed',
};

/** Starts a sync and follows its progress. Resolves with the agent as it is afterwards. */
export async function syncDialog(agent) {
  const watching = new AbortController();
  let touched = false;
  await openDialog(`Sync “${agent.name}”`, close => {
    const start = h('button', { type: 'submit', class: 'button button-primary' }, 'Start sync');
    const closeButton = h('button', { type: 'button', class: 'button', onclick: () => close() }, 'Close');
    const progress = h('div', { class: 'progress', hidden: true });
    const history = h('div');
    const zone = browserTimeZone();
    const form = h('form', { class: 'form', novalidate: true },
      h('p', { class: 'muted' }, 'Fetches this agent’s calls from Vapi. Leave the dates empty to fetch what changed since the last sync, ' +
        'or choose days to fetch the calls created on them again.'),
      h('div', { class: 'form-row' },
        field({ name: 'startDate', label: 'From (optional)', type: 'date' }),
        field({ name: 'endDate', label: 'To (optional)', type: 'date' })),
      field({ name: 'timezone', label: 'Time zone of the dates', value: zone, options: timeZones(zone).map(z => ({ value: z, label: z })) }),
      formError(),
      progress,
      history,
      h('div', { class: 'dialog-actions' }, closeButton, start));

    form.addEventListener('submit', async event => {
      event.preventDefault();
      clearErrors(form);
      const data = new FormData(form);
      const body = { agentId: agent.id, timezone: data.get('timezone') };
      if (data.get('startDate')) body.startDate = data.get('startDate');
      if (data.get('endDate')) body.endDate = data.get('endDate');
      try {
        const run = await whileBusy(start, 'Starting…', () => startOrJoin(agent.id, body));
        touched = true;
        start.hidden = true;
        for (const control of form.querySelectorAll('input, select')) {
          control.disabled = true;
        }
        await follow(run, progress, watching.signal);
        loadHistory(agent.id, history, watching.signal);
      } catch (error) {
        if (error.name !== 'AbortError') {
          showErrors(form, syncProblem(error));
        }
      }
    });
    loadHistory(agent.id, history, watching.signal);
    return form;
  });
  // Closing stops watching; the sync itself goes on in the background.
  watching.abort();
  return touched ? agentsApi.get(agent.id) : undefined;
}

/** A sync already running for the agent is followed instead of refused. */
async function startOrJoin(agentId, body) {
  try {
    return await syncsApi.start(body);
  } catch (error) {
    if (error.status !== 409) throw error;
    const [latest] = await syncsApi.list(agentId, 1);
    if (latest && !finished(latest.status)) {
      toast('A sync of this agent was already running; showing its progress.');
      return latest;
    }
    throw error;
  }
}

function syncProblem(error) {
  if (error.status === 422) {
    return { ...error, fieldErrors: {}, message: 'Vapi rejected this agent’s API key. Replace it under Edit, then sync again.' };
  }
  if (error.status === 429) {
    const wait = error.retryAfterSeconds ? ` Try again in ${formatCount(error.retryAfterSeconds)} seconds.` : ' Try again in a moment.';
    return { ...error, fieldErrors: error.fieldErrors, message: `This agent was synced very recently.${wait}` };
  }
  return error;
}

/** Shows the run's counts, polling until it has finished. */
async function follow(run, progress, signal) {
  const status = h('p', { role: 'status' });
  const bar = h('progress', { 'aria-label': 'Sync progress' });
  const counts = h('dl', { class: 'counts' });
  progress.hidden = false;
  progress.replaceChildren(bar, status, counts);
  for (;;) {
    drawProgress(run, status, counts);
    if (finished(run.status)) {
      bar.max = 1;
      bar.value = 1;
      return;
    }
    await new Promise(resolve => setTimeout(resolve, 500));
    run = await syncsApi.get(run.id, signal);
  }
}

function drawProgress(run, status, counts) {
  const numbers = `${formatCount(run.fetched)} calls fetched, ${formatCount(run.created)} new, ${formatCount(run.updated)} updated.`;
  status.className = run.status === 'failed' ? 'text-bad' : run.status === 'succeeded' ? 'text-ok' : '';
  status.textContent = !finished(run.status)
    ? (run.status === 'queued' ? 'Waiting to start…' : 'Syncing…')
    : run.status === 'failed'
      ? `${outcome.failed}: ${run.error ?? 'no reason was given.'}`
      : `${outcome[run.status] ?? 'Sync ended'}: ${numbers}${run.error ? ` ${run.error}` : ''}`;
  counts.replaceChildren(...[['Fetched', run.fetched], ['New', run.created], ['Updated', run.updated], ['Pages', run.pages]]
    .map(([label, value]) => h('div', {}, h('dt', {}, label), h('dd', {}, formatCount(value)))));
}

async function loadHistory(agentId, target, signal) {
  try {
    const runs = await syncsApi.list(agentId, 5, signal);
    target.replaceChildren(runs.length === 0 ? h('p', { class: 'muted' }, 'This agent has not been synced yet.') : historyTable(runs));
  } catch {
    // The history is extra information; the dialog works without it.
    target.replaceChildren();
  }
}

function historyTable(runs) {
  return h('div', { class: 'table-wrap' },
    h('table', {},
      h('caption', {}, 'Recent syncs'),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, 'Started'),
        h('th', { scope: 'col' }, 'Result'),
        h('th', { scope: 'col', class: 'num' }, 'Calls'))),
      h('tbody', {}, runs.map(run => h('tr', {},
        h('td', {}, run.startedAt ? formatDateTime(run.startedAt) : 'Not started'),
        h('td', {}, finished(run.status) ? (outcome[run.status] ?? run.status) : 'Running', run.error ? h('div', { class: 'agent-meta text-bad' }, run.error) : null),
        h('td', { class: 'num' }, formatCount(run.fetched)))))));
}

/** Creates or rotates the webhook secret and shows it, with the URL, this once. */
export function webhookDialog(agent) {
  return openDialog(`Webhook for “${agent.name}”`, close => {
    const result = h('div', { class: 'form' });
    const create = h('button', { type: 'button', class: 'button button-primary' }, 'Create or rotate secret');
    const error = formError();
    create.addEventListener('click', async () => {
      error.textContent = '';
      try {
        const answer = await whileBusy(create, 'Creating…', () => agentsApi.rotateWebhookSecret(agent.id));
        create.hidden = true;
        result.replaceChildren(
          copyField('url', 'Server URL', answer.url),
          copyField('secret', 'Secret', answer.secret),
          h('p', { class: 'muted' }, 'In Vapi, make a credential for the server URL that sends the secret in the ',
            h('code', {}, answer.secretHeader), ' header, or signs with it (HMAC SHA-256, headers ',
            h('code', {}, answer.signatureHeader), ' and ', h('code', {}, answer.timestampHeader), ').'),
          h('p', { class: 'notice' }, 'Copy the secret now: it is not shown again. Closing this dialog forgets it.'));
        result.querySelector('input').focus();
      } catch (failure) {
        error.textContent = failure.message;
      }
    });
    return [
      h('p', {}, 'Vapi can report each call to VapiAgents as it ends, so usage is current between syncs. ' +
        'Put this URL and secret in your Vapi assistant’s server settings.'),
      h('p', { class: 'muted' }, 'Rotating replaces the current secret at once; reports signed with the old one are refused.'),
      error,
      result,
      h('div', { class: 'dialog-actions' },
        h('button', { type: 'button', class: 'button', onclick: () => close() }, 'Close'),
        create),
    ];
  });
}
