// Alerts: what the product noticed (budget thresholds, unusual days, failing syncs), with acknowledge.

import { alerts as alertsApi } from '../api.js';
import { h, loading, pageHead, toast } from '../dom.js';
import { formatDateTime } from '../format.js';
import { refreshAlertCount } from './alert-badge.js';

const KIND_WORDS = {
  'budget.threshold': 'Budget',
  'anomaly.cost': 'Unusual cost',
  'anomaly.calls': 'Unusual calls',
  'sync.failing': 'Sync failing',
  'channel.failing': 'Notification channel failing',
};

export async function render(main, { params, signal }) {
  const status = params.get('status') === 'all' ? 'all' : 'open';
  const area = h('div', {}, loading('Loading your alerts…'));
  const toggle = h('a', { href: status === 'all' ? '#/alerts' : '#/alerts?status=all' }, status === 'all' ? 'Show open alerts only' : 'Show acknowledged alerts too');
  main.append(
    pageHead('Alerts', 'Budgets reaching their thresholds, unusual days and failing syncs. Acknowledge what you have seen.'),
    h('section', { class: 'card', 'aria-labelledby': 'alerts-heading' },
      h('div', { class: 'card-head' }, h('h2', { id: 'alerts-heading' }, status === 'all' ? 'All alerts' : 'Open alerts'), toggle),
      area));

  try {
    const { alerts, total } = await alertsApi.list(status, signal);
    area.replaceChildren(alerts.length === 0
      ? h('p', {}, status === 'all' ? 'No alerts yet.' : 'No open alerts. Nothing needs your attention.')
      : h('ul', { class: 'alerts' }, alerts.map(alert => alertItem(alert))),
    total > alerts.length ? h('p', {}, `Showing the newest ${alerts.length} of ${total}.`) : null);
  } catch (error) {
    if (error.name !== 'AbortError') {
      area.replaceChildren(h('p', { class: 'notice notice-bad', role: 'alert' }, `Your alerts could not be loaded: ${error.message}`));
    }
  }
}

function alertItem(alert) {
  const item = h('li', { class: `alert-item alert-${alert.kind.replace('.', '-')}`, dataset: { alertId: alert.id } },
    h('div', { class: 'alert-head' },
      h('strong', {}, KIND_WORDS[alert.kind] ?? alert.kind),
      h('span', { class: 'alert-time' }, formatDateTime(alert.createdAt))),
    h('p', {}, alert.message));
  if (alert.acknowledgedAt) {
    item.append(h('p', { class: 'alert-acknowledged' }, `Acknowledged ${formatDateTime(alert.acknowledgedAt)}`));
  } else {
    const button = h('button', { type: 'button', class: 'button', dataset: { action: 'acknowledge' } }, 'Acknowledge');
    button.addEventListener('click', async () => {
      button.disabled = true;
      try {
        await alertsApi.acknowledge(alert.id);
        item.remove();
        toast('Alert acknowledged.');
        refreshAlertCount();
      } catch (error) {
        button.disabled = false;
        toast(`The alert could not be acknowledged: ${error.message}`);
      }
    });
    item.append(h('div', { class: 'actions' }, button));
  }
  return item;
}
