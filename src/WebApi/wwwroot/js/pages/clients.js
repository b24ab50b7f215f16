// Clients: an agency's customers, each with its resale price history and a monthly statement to download.

import { clients as clientsApi } from '../api.js';
import { h, loading, pageHead, toast } from '../dom.js';
import { clearErrors, confirmDialog, field, formError, showErrors, whileBusy } from '../forms.js';
import { describePrice, formatCount, formatDateTime } from '../format.js';

export async function render(main, { signal }) {
  const listArea = h('div', {}, loading('Loading your clients…'));

  async function reload() {
    try {
      listArea.replaceChildren(clientsView(await clientsApi.list(signal), reload));
    } catch (error) {
      if (error.name !== 'AbortError') {
        listArea.replaceChildren(h('p', { class: 'notice notice-bad', role: 'alert' }, `Your clients could not be loaded: ${error.message}`));
      }
    }
  }

  main.append(
    pageHead('Clients', 'The customers you resell minutes to: group agents by client, price them per minute, download monthly statements.'),
    addClientCard(reload),
    h('section', { class: 'card', 'aria-labelledby': 'clients-heading' },
      h('h2', { id: 'clients-heading', tabindex: '-1' }, 'Your clients'),
      listArea));
  await reload();
}

function addClientCard(onAdded) {
  const submit = h('button', { type: 'submit', class: 'button button-primary' }, 'Add client');
  const form = h('form', { class: 'form', novalidate: true, 'aria-labelledby': 'add-client-heading' },
    h('div', { class: 'form-row' },
      field({ name: 'name', label: 'Name', required: true, maxlength: 100, autocomplete: 'off' }),
      field({ name: 'notes', label: 'Notes (optional)', maxlength: 2000, autocomplete: 'off' })),
    formError(),
    h('div', { class: 'actions' }, submit));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    clearErrors(form);
    const data = new FormData(form);
    try {
      const client = await whileBusy(submit, 'Adding…', () =>
        clientsApi.create({ name: String(data.get('name')).trim(), notes: String(data.get('notes')).trim() || null }));
      form.reset();
      toast(`Added “${client.name}”.`);
      await onAdded();
    } catch (error) {
      showErrors(form, error);
    }
  });
  return h('section', { class: 'card', 'aria-labelledby': 'add-client-heading' }, h('h2', { id: 'add-client-heading' }, 'Add a client'), form);
}

function clientsView(clients, reload) {
  if (clients.length === 0) {
    return h('div', { class: 'empty' }, h('h3', {}, 'No clients yet'),
      h('p', {}, 'Add a client above, then choose it in an agent’s settings and give it a price per minute.'));
  }
  return h('div', { class: 'table-wrap' },
    h('table', { class: 'clients-table' },
      h('caption', { class: 'visually-hidden' }, 'Your clients'),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, 'Client'), h('th', { scope: 'col' }, 'Agents'), h('th', { scope: 'col' }, 'Price'), h('th', { scope: 'col' }, 'Actions'))),
      h('tbody', {}, clients.map(client => clientRow(client, reload)))));
}

function clientRow(client, reload) {
  const priceCell = h('td', { 'data-label': 'Price' }, loading('…'));
  clientsApi.prices(client.id).then(prices => priceCell.replaceChildren(priceView(prices))).catch(() => priceCell.replaceChildren('—'));
  const month = h('input', { type: 'month', name: 'month', 'aria-label': `Statement month for ${client.name}`, value: lastMonth() });
  const download = h('button', { type: 'button', class: 'button', dataset: { action: 'statement' } }, 'Download statement');
  download.addEventListener('click', () => whileBusy(download, 'Preparing…', async () => {
    const blob = await clientsApi.statementCsv(client.id, month.value);
    const link = h('a', { href: URL.createObjectURL(blob), download: `statement-${month.value}-${client.name}.csv` });
    link.click();
    URL.revokeObjectURL(link.href);
  }).catch(error => toast(`The statement could not be downloaded: ${error.message}`)));
  const price = h('button', { type: 'button', class: 'button', dataset: { action: 'price' } }, 'Set price');
  price.addEventListener('click', () => priceForm(client, priceCell));
  const remove = h('button', { type: 'button', class: 'button button-danger', dataset: { action: 'delete' } }, 'Delete');
  remove.addEventListener('click', async () => {
    const confirmed = await confirmDialog({ title: `Delete “${client.name}”?`, message: 'Its agents are unassigned and keep their history; its prices are deleted.', confirmLabel: 'Delete client', danger: true });
    if (confirmed) {
      await clientsApi.remove(client.id);
      toast(`Deleted “${client.name}”.`);
      await reload();
    }
  });
  return h('tr', { dataset: { clientId: client.id } },
    h('td', { 'data-label': 'Client' }, h('div', { class: 'agent-name' }, client.name), client.notes ? h('div', { class: 'agent-meta' }, client.notes) : null,
      h('div', { class: 'agent-meta' }, `Added ${formatDateTime(client.createdAt)}`)),
    h('td', { 'data-label': 'Agents' }, formatCount(client.agentCount)),
    priceCell,
    h('td', { 'data-label': 'Actions' }, h('div', { class: 'row-actions' }, price, month, download, remove)));
}

function priceView(prices) {
  if (prices.length === 0) {
    return 'No price';
  }
  return h('ul', { class: 'price-history' }, prices.map(p =>
    h('li', {}, describePrice(p))));
}

function priceForm(client, priceCell) {
  const submit = h('button', { type: 'submit', class: 'button button-primary' }, 'Save price');
  const form = h('form', { class: 'form', novalidate: true },
    field({ name: 'ratePerMinute', label: 'Rate (USD per minute)', type: 'number', step: '0.000001', min: '0', required: true }),
    field({ name: 'billingIncrementSeconds', label: 'Billing increment (s)', type: 'number', value: '60', min: '1', max: '3600' }),
    field({ name: 'minimumBillableSeconds', label: 'Minimum per call (s)', type: 'number', value: '0', min: '0', max: '3600' }),
    field({ name: 'effectiveFrom', label: 'From (UTC day)', type: 'date', hint: 'Empty: today. A past day reprices the calls since then.' }),
    formError(),
    h('div', { class: 'actions' }, submit));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    clearErrors(form);
    const data = new FormData(form);
    const body = {
      ratePerMinute: Number(data.get('ratePerMinute')),
      billingIncrementSeconds: Number(data.get('billingIncrementSeconds')),
      minimumBillableSeconds: Number(data.get('minimumBillableSeconds')),
      effectiveFrom: String(data.get('effectiveFrom')) || null,
    };
    try {
      const answer = await whileBusy(submit, 'Saving…', () => clientsApi.setPrice(client.id, body));
      toast(`Price saved for “${client.name}”; ${answer.repriced} stored call(s) repriced.`);
      priceCell.replaceChildren(priceView(await clientsApi.prices(client.id)));
    } catch (error) {
      showErrors(form, error);
    }
  });
  priceCell.replaceChildren(form);
  form.querySelector('input').focus();
}

function lastMonth() {
  const now = new Date();
  const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  return month.toISOString().slice(0, 7);
}
