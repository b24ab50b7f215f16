// Settings → Notifications: the channels alerts are delivered to (signed webhook, Slack, e-mail), a test event, each
// channel's recent deliveries. A webhook's signing secret is shown in a dialog once (at creation and after a rotation)
// and lives only there: closing the dialog takes it off the page, and it is never stored.

import { notificationChannels as channelsApi } from '../api.js';
import { h, loading, toast, uid } from '../dom.js';
import { clearErrors, confirmDialog, copyField, field, formError, openDialog, showErrors, whileBusy } from '../forms.js';
import { formatDateTime, formatRelative } from '../format.js';

/** The alert kinds a channel may receive, in the API's names, with words for people. */
export const ALERT_KINDS = [
  ['budget.threshold', 'Budget thresholds'],
  ['anomaly.cost', 'Unusual cost'],
  ['anomaly.calls', 'Unusual calls'],
  ['sync.failing', 'Failing syncs'],
  ['channel.failing', 'Failing notification channels'],
];

const TYPES = {
  webhook: 'Webhook (signed)',
  slack: 'Slack',
  email: 'E-mail',
};

const DELIVERY_STATUSES = {
  pending: ['Pending', 'badge-neutral'],
  delivered: ['Delivered', 'badge-ok'],
  failed: ['Failed', 'badge-bad'],
};

// After a test is queued, its channel's deliveries are read again this often until none is pending (or the time is up).
const FOLLOW_EVERY_MS = 1000;
const FOLLOW_FOR_MS = 30_000;

const kindWords = kind => ALERT_KINDS.find(([name]) => name === kind)?.[1] ?? (kind === 'test' ? 'Test' : kind);

/** Settings' card: add, list, test, re-enable, rotate and delete notification channels. */
export function notificationsSettingsCard(signal) {
  const listArea = h('div', {}, loading('Loading your notification channels…'));
  const problem = formError();
  let channels = [];

  function draw() {
    listArea.replaceChildren(channelsView(channels, handlers));
  }

  function replace(channel, note) {
    channels = channels.map(c => c.id === channel.id ? channel : c);
    const item = listArea.querySelector(`li[data-channel-id="${channel.id}"]`);
    const action = item?.contains(document.activeElement) ? document.activeElement.dataset.action : null;
    const wasOpen = item?.querySelector('details')?.open ?? false;
    const fresh = channelItem(channel, handlers, note);
    item?.replaceWith(fresh);
    if (wasOpen) {
      fresh.querySelector('details').open = true;
    }
    if (action) {
      // Re-enable is gone once the channel is enabled; the item's first action is the nearest sensible place then.
      (fresh.querySelector(`[data-action="${action}"]`) ?? fresh.querySelector('[data-action]'))?.focus();
    }
    if (note) {
      toast(note.text);
    }
  }

  async function reload() {
    try {
      channels = await channelsApi.list(signal);
      draw();
    } catch (error) {
      if (error.name !== 'AbortError') {
        listArea.replaceChildren(h('p', { class: 'notice notice-bad', role: 'alert' }, `Your notification channels could not be loaded: ${error.message}`));
      }
    }
  }

  async function remove(channel) {
    const confirmed = await confirmDialog({
      title: `Delete “${channel.name}”?`,
      message: ['Alerts stop going to it, and its deliveries are deleted; pending ones are not sent.', 'The alerts themselves stay.'],
      confirmLabel: 'Delete channel',
      danger: true,
    });
    if (!confirmed) return;
    problem.textContent = '';
    try {
      await channelsApi.remove(channel.id);
      channels = channels.filter(c => c.id !== channel.id);
      draw();
      // The item is gone; the card's heading is the nearest sensible place for the focus.
      document.getElementById('notifications-heading').focus();
      toast(`Deleted “${channel.name}”.`);
    } catch (error) {
      problem.textContent = `“${channel.name}” could not be deleted: ${error.message}`;
    }
  }

  const handlers = { onChanged: replace, onDelete: remove };

  const card = h('section', { class: 'card', 'aria-labelledby': 'notifications-heading' },
    h('h2', { id: 'notifications-heading', tabindex: '-1' }, 'Notifications'),
    h('p', { class: 'muted' }, 'Where alerts are sent: your own systems (a signed webhook in the Standard Webhooks format, for Make, Zapier, n8n…), ',
      'a Slack incoming webhook or an e-mail address. A receiver that answers 410 Gone, or fails 10 times in a row, is disabled until you re-enable it.'),
    addChannelForm(async created => {
      channels = [...channels, created];
      draw();
    }),
    problem,
    listArea);
  reload();
  return card;
}

function addChannelForm(onCreated) {
  const submit = h('button', { type: 'submit', class: 'button button-primary' }, 'Add channel');
  const type = field({ name: 'type', label: 'Type', value: 'webhook', options: Object.entries(TYPES).map(([value, label]) => ({ value, label })) });
  const url = field({ name: 'url', label: 'URL', type: 'url', hint: 'The receiver’s http or https address. Stored encrypted; only a hint of it is shown again.', required: true, autocomplete: 'off', spellcheck: 'false', width: 'wide' });
  const email = field({ name: 'email', label: 'E-mail address', type: 'email', required: true, autocomplete: 'off', spellcheck: 'false' });
  const form = h('form', { class: 'form', novalidate: true, 'aria-label': 'Add a notification channel' },
    h('div', { class: 'form-row' },
      field({ name: 'name', label: 'Channel name', hint: 'Like “Ops Slack” or “Ticket queue”.', required: true, maxlength: 100, autocomplete: 'off' }),
      type, url, email),
    kindsFieldset(),
    formError(),
    h('div', { class: 'actions' }, submit));

  const showFor = () => {
    const isEmail = type.querySelector('select').value === 'email';
    url.hidden = isEmail;
    email.hidden = !isEmail;
    const hint = url.querySelector('.hint');
    hint.textContent = type.querySelector('select').value === 'slack'
      ? 'The Slack incoming-webhook URL (https://hooks.slack.com/…). Stored encrypted; only a hint of it is shown again.'
      : 'The receiver’s http or https address. Stored encrypted; only a hint of it is shown again.';
  };
  type.querySelector('select').addEventListener('change', showFor);
  showFor();

  form.addEventListener('submit', async event => {
    event.preventDefault();
    clearErrors(form);
    const data = new FormData(form);
    const channelType = String(data.get('type'));
    const body = {
      name: String(data.get('name')).trim(),
      type: channelType,
      url: channelType === 'email' ? null : String(data.get('url')).trim(),
      email: channelType === 'email' ? String(data.get('email')).trim() : null,
      kinds: data.getAll('kinds').map(String),
    };
    try {
      const { channel, secret } = await whileBusy(submit, 'Adding…', () => channelsApi.create(body));
      form.reset();
      showFor();
      onCreated(channel);
      toast(`Added “${channel.name}”. Send it a test to check it.`);
      if (secret) {
        await secretDialog(`Channel “${channel.name}” added`, channel, secret);
      }
    } catch (error) {
      showErrors(form, error);
    }
  });
  return form;
}

/** The kinds as checkboxes (all ticked), wired like a field so the API's `kinds` error lands here. */
function kindsFieldset() {
  const errorId = uid('kinds-error');
  return h('fieldset', { class: 'channel-kinds', dataset: { field: 'kinds' }, 'aria-describedby': errorId },
    h('legend', {}, 'Send these alerts'),
    h('div', { class: 'checks' }, ALERT_KINDS.map(([value, label]) => {
      const id = uid('kind');
      return h('div', { class: 'check' },
        h('input', { type: 'checkbox', id, name: 'kinds', value, checked: true }),
        h('label', { for: id }, label));
    })),
    h('p', { class: 'field-error', id: errorId }));
}

/** A signing secret with a Copy button; the dialog leaves the page when it closes, and the secret with it. */
function secretDialog(title, channel, secret) {
  return openDialog(title, close => [
    copyField('secret', 'Signing secret', secret),
    h('p', { class: 'muted' }, 'Your receiver checks the ', h('code', {}, 'webhook-signature'), ' header of every request to ',
      h('code', {}, channel.urlHint ?? ''), ' with it (Standard Webhooks: HMAC-SHA256 of “id.timestamp.body”).'),
    h('p', { class: 'notice' }, 'Copy the secret now: it will not be shown again. Closing this dialog forgets it; rotate it if it is lost.'),
    h('div', { class: 'dialog-actions' },
      h('button', { type: 'button', class: 'button button-primary', onclick: () => close() }, 'Close')),
  ]);
}

function channelsView(channels, handlers) {
  if (channels.length === 0) {
    return h('div', { class: 'empty' },
      h('h3', {}, 'No notification channels'),
      h('p', {}, 'Add one above to receive alerts outside the dashboard.'));
  }
  return h('ul', { class: 'channels', 'aria-label': 'Your notification channels' }, channels.map(channel => channelItem(channel, handlers)));
}

function channelItem(channel, handlers, note) {
  const message = h('p', { class: `channel-message ${note?.tone ?? ''}`.trim(), role: 'status' }, note?.text);
  const deliveries = deliveriesDetails(channel, handlers.onChanged);
  return h('li', { class: 'channel', dataset: { channelId: channel.id, enabled: String(channel.enabled) } },
    h('div', { class: 'channel-head' },
      h('strong', { class: 'channel-name' }, channel.name),
      h('span', { class: 'channel-type' }, TYPES[channel.type] ?? channel.type),
      channel.enabled
        ? h('span', { class: 'badge badge-ok channel-status' }, 'Enabled')
        : h('span', { class: 'badge badge-bad channel-status' }, 'Disabled')),
    h('dl', { class: 'channel-facts' },
      h('dt', {}, channel.type === 'email' ? 'Sends to' : 'URL'),
      h('dd', { class: 'channel-destination' }, h('code', {}, channel.type === 'email' ? channel.email : channel.urlHint)),
      h('dt', {}, 'Alerts'),
      h('dd', { class: 'channel-kinds-list' }, channel.kinds.map(kindWords).join(', ')),
      channel.enabled ? null : [
        h('dt', {}, 'Disabled'),
        h('dd', { class: 'channel-disabled text-bad' },
          channel.disabledAt ? `${formatDateTime(channel.disabledAt)}: ` : '', channel.disabledReason ?? 'Disabled.',
          ' Alerts are not sent to it until you re-enable it.'),
      ]),
    message,
    channelActions(channel, message, deliveries, handlers),
    deliveries.element);
}

function channelActions(channel, message, deliveries, { onChanged, onDelete }) {
  const named = label => [label, h('span', { class: 'visually-hidden' }, ` ${channel.name}`)];
  const button = (action, label, onclick, extraClass = '') =>
    h('button', { type: 'button', class: `button button-small ${extraClass}`.trim(), dataset: { action }, onclick }, named(label));

  const test = button('test', 'Send test', async () => {
    message.textContent = '';
    message.className = 'channel-message';
    try {
      await whileBusy(test, 'Queueing…', () => channelsApi.test(channel.id));
      message.textContent = 'Test queued: it is sent in the background. Its delivery is listed below.';
      message.classList.add('text-ok');
      toast(`Test for “${channel.name}” queued.`);
      deliveries.follow();
    } catch (error) {
      message.textContent = error.message;
      message.classList.add('text-bad');
    }
  });

  const enable = channel.enabled ? null : button('enable', 'Re-enable', async () => {
    message.textContent = '';
    try {
      const updated = await whileBusy(enable, 'Re-enabling…', () => channelsApi.update(channel.id, { enabled: true }));
      onChanged(updated, { text: `“${updated.name}” is enabled again: alerts go to it from now on.`, tone: 'text-ok' });
    } catch (error) {
      onChanged(channel, { text: error.message, tone: 'text-bad' });
    }
  });

  const rotate = channel.type !== 'webhook' ? null : button('rotate', 'Rotate secret', async () => {
    const confirmed = await confirmDialog({
      title: `Rotate the secret of “${channel.name}”?`,
      message: ['The current secret stops signing at once: every later request, retries included, is signed with the new one.',
        'Give the new secret to your receiver straight away.'],
      confirmLabel: 'Rotate secret',
      danger: true,
    });
    if (!confirmed) return;
    try {
      const { channel: updated, secret } = await whileBusy(rotate, 'Rotating…', () => channelsApi.rotateSecret(channel.id));
      await secretDialog(`New secret for “${updated.name}”`, updated, secret);
      onChanged(updated, { text: 'The secret was replaced; the old one no longer signs.', tone: 'text-ok' });
    } catch (error) {
      onChanged(channel, { text: error.message, tone: 'text-bad' });
    }
  });

  return h('div', { class: 'actions' },
    enable,
    test,
    rotate,
    button('delete', 'Delete', () => onDelete(channel), 'button-danger'));
}

/**
 * "Recent deliveries", read when opened and followed for a while after a test. When the followed deliveries are
 * done the channel is read again, since an answer (410 Gone) may have disabled it.
 */
function deliveriesDetails(channel, onChanged) {
  const area = h('div', {}, loading('Loading the deliveries…'));
  const refresh = h('button', { type: 'button', class: 'button button-small', dataset: { action: 'refresh' } },
    'Refresh', h('span', { class: 'visually-hidden' }, ` deliveries of ${channel.name}`));
  const element = h('details', { class: 'data-table channel-deliveries' },
    h('summary', {}, 'Recent deliveries', h('span', { class: 'visually-hidden' }, ` of ${channel.name}`)),
    h('div', { class: 'actions' }, refresh),
    area);
  let followUntil = 0;
  let timer = 0;

  async function load() {
    clearTimeout(timer);
    try {
      const list = await channelsApi.deliveries(channel.id);
      if (!element.isConnected) {
        return; // The channel was redrawn or deleted meanwhile: nothing to show here any more.
      }
      area.replaceChildren(deliveriesTable(channel, list));
      if (list.some(d => d.status === 'pending') && Date.now() < followUntil) {
        timer = setTimeout(load, FOLLOW_EVERY_MS);
      } else if (followUntil) {
        followUntil = 0;
        const latest = await channelsApi.get(channel.id);
        if (latest.enabled !== channel.enabled && element.isConnected) {
          onChanged(latest, latest.enabled ? null : { text: `“${latest.name}” was disabled: ${latest.disabledReason ?? 'its receiver failed.'}`, tone: 'text-bad' });
        }
      }
    } catch (error) {
      area.replaceChildren(h('p', { class: 'notice notice-bad', role: 'alert' }, `The deliveries could not be loaded: ${error.message}`));
    }
  }

  element.addEventListener('toggle', () => {
    if (element.open) load();
  });
  refresh.addEventListener('click', load);

  return {
    element,
    follow() {
      followUntil = Date.now() + FOLLOW_FOR_MS;
      if (element.open) {
        load();
      } else {
        element.open = true; // its toggle event loads
      }
    },
  };
}

function deliveriesTable(channel, deliveries) {
  if (deliveries.length === 0) {
    return h('p', {}, 'Nothing sent yet. Send a test to check the channel.');
  }
  return h('div', { class: 'table-wrap' },
    h('table', { class: 'deliveries-table' },
      h('caption', { class: 'visually-hidden' }, `Recent deliveries of ${channel.name}, newest first`),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, 'Created'),
        h('th', { scope: 'col' }, 'Event'),
        h('th', { scope: 'col' }, 'Status'),
        h('th', { scope: 'col', class: 'num' }, 'Attempts'),
        h('th', { scope: 'col', class: 'num' }, 'Last answer'),
        h('th', { scope: 'col' }, 'Last error'),
        h('th', { scope: 'col' }, 'Delivered / next attempt'))),
      h('tbody', {}, deliveries.map(deliveryRow))));
}

function deliveryRow(delivery) {
  const [label, tone] = DELIVERY_STATUSES[delivery.status] ?? [delivery.status, 'badge-neutral'];
  const when = delivery.deliveredAt
    ? `Delivered ${formatDateTime(delivery.deliveredAt)}`
    : delivery.nextAttemptAt ? `Next attempt ${formatRelative(delivery.nextAttemptAt)}` : '—';
  return h('tr', { dataset: { deliveryId: delivery.id, status: delivery.status } },
    h('td', { 'data-label': 'Created' }, h('time', { datetime: delivery.createdAt }, formatDateTime(delivery.createdAt))),
    h('td', { 'data-label': 'Event' }, kindWords(delivery.kind), h('div', { class: 'agent-meta' }, h('code', {}, delivery.eventId))),
    h('td', { 'data-label': 'Status' }, h('span', { class: `badge ${tone}` }, label)),
    h('td', { 'data-label': 'Attempts', class: 'num' }, String(delivery.attempts)),
    h('td', { 'data-label': 'Last answer', class: 'num' }, delivery.lastStatusCode === null || delivery.lastStatusCode === undefined ? '—' : String(delivery.lastStatusCode)),
    h('td', { 'data-label': 'Last error', class: delivery.lastError ? 'text-bad' : null }, delivery.lastError ?? '—'),
    h('td', { 'data-label': 'Delivered / next attempt' }, when));
}
