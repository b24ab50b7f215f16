// Budgets as bars (Overview) and as a form and list (Settings); the alert settings form.

import { alerts as alertsApi, budgets as budgetsApi, clients as clientsApi } from '../api.js';
import { h, loading, s, toast } from '../dom.js';
import { formatMoney } from '../format.js';
import { clearErrors, confirmDialog, field, formError, showErrors, whileBusy } from '../forms.js';

const STATUS_WORDS = {
  ok: 'On track',
  warning: 'Warning: a threshold was reached',
  exceeded: 'Exceeded: the budget is spent',
};

const PERIOD_WORDS = { day: 'today', week: 'this week', month: 'this month' };

/** One budget as a bar with its threshold marks, and the same in words. */
export function budgetBar(budget, agentName) {
  const { current } = budget;
  const scale = Math.max(100, ...budget.thresholds, Math.min(current.percent, 1000));
  const x = percent => (Math.min(percent, scale) / scale) * 100;
  const bar = s('svg', { class: `budget-bar budget-${current.status}`, viewBox: '0 0 100 10', preserveAspectRatio: 'none', 'aria-hidden': 'true' },
    s('rect', { class: 'budget-track', x: 0, y: 0, width: 100, height: 10 }),
    s('rect', { class: 'budget-fill', x: 0, y: 0, width: x(current.percent), height: 10 }),
    budget.thresholds.map(t => s('line', { class: 'budget-mark', x1: x(t), x2: x(t), y1: 0, y2: 10 })));
  return h('li', { class: 'budget', dataset: { budgetId: budget.id, status: current.status } },
    h('div', { class: 'budget-head' },
      h('strong', {}, budget.name),
      h('span', { class: 'budget-scope' }, agentName),
      h('span', { class: `budget-status budget-status-${current.status}` }, STATUS_WORDS[current.status])),
    bar,
    h('p', { class: 'budget-figures' },
      `${formatMoney(current.spent)} of ${formatMoney(budget.amount)} ${PERIOD_WORDS[budget.period]} (${current.percent} %), `
      + `forecast ${formatMoney(current.forecast)} · thresholds ${budget.thresholds.map(t => `${t} %`).join(', ')} · `
      + `${current.periodStart} to ${current.periodEnd} (${budget.timezone})`));
}

function scopeName(budget, agents, clients = []) {
  if (budget.clientId) {
    const client = clients.find(c => c.id === budget.clientId);
    return budget.clientDeleted ? 'A deleted client (watches no agent)' : `Client: ${client?.name ?? 'a client'}`;
  }
  if (!budget.agentId) {
    return 'All agents';
  }
  const agent = agents.find(a => a.id === budget.agentId);
  return budget.agentDeleted ? `${agent?.name ?? 'An agent'} (deleted)` : agent?.name ?? 'An agent';
}

/** Overview's card: every budget as a bar. */
export function budgetsOverviewCard(agents, signal) {
  const area = h('div', {}, loading('Loading your budgets…'));
  Promise.all([budgetsApi.list(signal), clientsApi.list(signal)]).then(([list, clients]) => {
    area.replaceChildren(list.length === 0
      ? h('p', {}, 'No budgets yet: add one at the bottom of your settings page.')
      : h('ul', { class: 'budgets' }, list.map(b => budgetBar(b, scopeName(b, agents, clients)))));
  }).catch(error => {
    if (error.name !== 'AbortError') {
      area.replaceChildren(h('p', { class: 'notice notice-bad', role: 'alert' }, `Your budgets could not be loaded: ${error.message}`));
    }
  });
  return h('section', { class: 'card', 'aria-labelledby': 'budgets-heading' }, h('h2', { id: 'budgets-heading' }, 'Budgets'), area);
}

/** Settings' card: create, edit and delete budgets. */
export function budgetsSettingsCard(getAgents, signal) {
  const listArea = h('div', {}, loading('Loading your budgets…'));
  const submit = h('button', { type: 'submit', class: 'button button-primary' }, 'Add budget');
  const cancel = h('button', { type: 'button', class: 'button button-quiet', hidden: true }, 'Cancel editing');
  const scope = h('div', {});
  const form = h('form', { class: 'form', novalidate: true, 'aria-labelledby': 'budget-form-heading' },
    h('div', { class: 'form-row' },
      field({ name: 'name', label: 'Name', required: true, maxlength: 100, autocomplete: 'off' }),
      scope,
      field({ name: 'period', label: 'Period', value: 'month', options: [{ value: 'day', label: 'Day' }, { value: 'week', label: 'Week (from Monday)' }, { value: 'month', label: 'Month' }] }),
      field({ name: 'amount', label: 'Amount (USD)', type: 'number', min: '0.01', step: '0.01', required: true }),
      field({ name: 'timezone', label: 'Time zone', value: Intl.DateTimeFormat().resolvedOptions().timeZone, hint: 'IANA name, like Europe/Berlin.' }),
      field({ name: 'thresholds', label: 'Alert at (%)', value: '50, 80, 100', hint: 'Percentages from 1 to 1000, separated by commas.' })),
    formError(),
    h('div', { class: 'actions' }, submit, cancel));
  const heading = h('h2', { id: 'budget-form-heading' }, 'Budgets');
  let editing = null;
  let list = [];
  let clients = [];

  // Two selects, one scope: an agent, a client's agents, or (neither) all agents; the API refuses both at once.
  function drawScope(agents, value = '', clientValue = '') {
    scope.replaceChildren(
      field({
        name: 'agentId', label: 'Agents', value,
        options: [{ value: '', label: 'All agents' }, ...agents.filter(a => !a.deletedAt).map(a => ({ value: a.id, label: a.name }))],
      }),
      field({
        name: 'clientId', label: 'Or one client', value: clientValue,
        hint: 'Watches the agents assigned to the client now; leave “Agents” on “All agents”.',
        options: [{ value: '', label: 'No client' }, ...clients.map(c => ({ value: c.id, label: c.name }))],
      }));
  }

  function edit(budget) {
    editing = budget;
    form.elements.name.value = budget.name;
    drawScope(getAgents(), budget.agentId ?? '', budget.clientId ?? '');
    form.elements.period.value = budget.period;
    form.elements.amount.value = budget.amount;
    form.elements.timezone.value = budget.timezone;
    form.elements.thresholds.value = budget.thresholds.join(', ');
    submit.textContent = 'Save budget';
    cancel.hidden = false;
    form.elements.name.focus();
  }

  function stopEditing() {
    editing = null;
    form.reset();
    drawScope(getAgents());
    submit.textContent = 'Add budget';
    cancel.hidden = true;
  }

  function draw() {
    const agents = getAgents();
    listArea.replaceChildren(list.length === 0 ? h('p', {}, 'No budgets yet.') : h('ul', { class: 'budgets' }, list.map(budget => {
      const item = budgetBar(budget, scopeName(budget, agents, clients));
      item.append(h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'button', dataset: { action: 'edit' }, onclick: () => edit(budget) }, `Edit “${budget.name}”`),
        h('button', {
          type: 'button', class: 'button button-danger', dataset: { action: 'delete' }, onclick: async () => {
            const sure = await confirmDialog({ title: 'Delete budget', message: `Delete “${budget.name}”? The alerts it raised stay.`, confirmLabel: 'Delete budget', danger: true });
            if (sure) {
              await budgetsApi.remove(budget.id);
              list = list.filter(b => b.id !== budget.id);
              draw();
              toast(`Deleted “${budget.name}”.`);
            }
          },
        }, `Delete “${budget.name}”`)));
      return item;
    })));
  }

  async function reload() {
    try {
      [list, clients] = await Promise.all([budgetsApi.list(signal), clientsApi.list(signal)]);
      drawScope(getAgents(), form.elements.agentId?.value ?? '', form.elements.clientId?.value ?? '');
      draw();
    } catch (error) {
      if (error.name !== 'AbortError') {
        listArea.replaceChildren(h('p', { class: 'notice notice-bad', role: 'alert' }, `Your budgets could not be loaded: ${error.message}`));
      }
    }
  }

  cancel.addEventListener('click', stopEditing);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    clearErrors(form);
    const data = new FormData(form);
    const thresholds = String(data.get('thresholds')).split(',').map(t => t.trim()).filter(Boolean).map(Number);
    const body = {
      name: String(data.get('name')).trim(),
      agentId: String(data.get('agentId') ?? '') || null,
      clientId: String(data.get('clientId') ?? '') || null,
      period: String(data.get('period')),
      amount: data.get('amount') === '' ? null : Number(data.get('amount')),
      timezone: String(data.get('timezone')).trim() || null,
      thresholds,
    };
    try {
      const saved = await whileBusy(submit, 'Saving…', () => editing ? budgetsApi.update(editing.id, body) : budgetsApi.create(body));
      list = editing ? list.map(b => b.id === saved.id ? saved : b) : [...list, saved];
      toast(editing ? `Saved “${saved.name}”.` : `Added budget “${saved.name}”.`);
      stopEditing();
      draw();
    } catch (error) {
      showErrors(form, error);
    }
  });

  drawScope(getAgents());
  return { card: h('section', { class: 'card', 'aria-labelledby': 'budget-form-heading' }, heading, form, listArea), reload, redrawScope: () => drawScope(getAgents(), form.elements.agentId?.value ?? '', form.elements.clientId?.value ?? '') };
}

/** Settings' card: the alert settings (zone and anomaly rule). */
export function alertSettingsCard(signal) {
  const submit = h('button', { type: 'submit', class: 'button button-primary' }, 'Save alert settings');
  const form = h('form', { class: 'form', novalidate: true, 'aria-labelledby': 'alert-settings-heading' }, loading('Loading your alert settings…'));
  alertsApi.settings(signal).then(settings => {
    form.replaceChildren(
      h('div', { class: 'form-row' },
        field({ name: 'timezone', label: 'Time zone of your days', value: settings.timezone }),
        field({ name: 'anomaly.enabled', label: 'Flag unusual days', value: String(settings.anomaly.enabled), options: [{ value: 'true', label: 'On' }, { value: 'false', label: 'Off' }] }),
        field({ name: 'anomaly.factor', label: 'Factor over the usual day', type: 'number', step: '0.1', value: settings.anomaly.factor }),
        field({ name: 'anomaly.baselineDays', label: 'Usual day: mean of the last … days', type: 'number', step: '1', value: settings.anomaly.baselineDays }),
        field({ name: 'anomaly.minimumCost', label: 'Ignore days under (USD)', type: 'number', step: '0.01', value: settings.anomaly.minimumCost })),
      formError(),
      h('div', { class: 'actions' }, submit));
  }).catch(error => {
    if (error.name !== 'AbortError') {
      form.replaceChildren(h('p', { class: 'notice notice-bad', role: 'alert' }, `Your alert settings could not be loaded: ${error.message}`));
    }
  });
  form.addEventListener('submit', async event => {
    event.preventDefault();
    clearErrors(form);
    const value = name => form.querySelector(`[name="${name}"]`).value;
    const body = {
      timezone: value('timezone').trim() || null,
      anomaly: {
        enabled: value('anomaly.enabled') === 'true',
        factor: Number(value('anomaly.factor')),
        baselineDays: Number(value('anomaly.baselineDays')),
        minimumCost: Number(value('anomaly.minimumCost')),
      },
    };
    try {
      await whileBusy(submit, 'Saving…', () => alertsApi.saveSettings(body));
      toast('Saved your alert settings.');
    } catch (error) {
      showErrors(form, error);
    }
  });
  return h('section', { class: 'card', 'aria-labelledby': 'alert-settings-heading' }, h('h2', { id: 'alert-settings-heading' }, 'Alert settings'), form);
}
