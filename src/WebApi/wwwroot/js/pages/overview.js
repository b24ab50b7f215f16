// Overview: every active agent together (or one of them) over a range, against the previous period.

import { barChart } from '../charts.js';
import { h } from '../dom.js';
import { formatCount, formatMinutes, formatMoney } from '../format.js';
import { query } from '../http.js';
import { budgetsOverviewCard } from './budgets-view.js';
import { metricsPage, noCallsNotice, rangeLine, share, table, timeCards, totalsList } from './metrics-view.js';

export function render(main, context) {
  return metricsPage(main, context, {
    path: '/overview',
    title: 'Overview',
    intro: 'What your agents did and cost, all together or one at a time.',
    allAgentsLabel: 'All active agents',
    clientFilter: true,
    // An agent or a client that no longer exists falls back to all of them.
    choose: (filters, agents, clients) => ({
      ...filters,
      agentId: agents.some(a => a.id === filters.agentId) ? filters.agentId : '',
      clientId: clients.some(c => c.id === filters.clientId) ? filters.clientId : '',
    }),
    content,
    csv: { choices: [['day', 'One row per day'], ['agent', 'One row per agent'], ['client', 'One row per client'], ['call', 'One row per call']], fileName: 'vapi-usage' },
  });
}

function content(metrics, filters, agents, clients) {
  const single = agents.find(a => a.id === filters.agentId);
  const client = single ? undefined : clients.find(c => c.id === filters.clientId);
  return [
    rangeLine(metrics, metrics.agentIds.length, client?.name),
    noCallsNotice(metrics, agents),
    budgetsOverviewCard(agents),
    totalsList(metrics),
    ...timeCards(metrics),
    single
      ? h('p', {}, h('a', { href: `#/usage${query({ ...filters, agentId: single.id })}` }, `See the details of “${single.name}” on the Usage page`))
      : byAgentCard(metrics, filters, agents),
    single ? null : byClientCard(metrics),
  ];
}

/** Revenue and margin per client, shown once the user bills agents to clients. */
function byClientCard(metrics) {
  const rows = metrics.byClient ?? [];
  if (!rows.some(c => c.clientId)) {
    return null;
  }
  const percent = value => value === null || value === undefined ? '—' : `${value}%`;
  return h('section', { class: 'card', 'aria-labelledby': 'by-client-heading' },
    h('h2', { id: 'by-client-heading' }, 'By client'),
    table({
      caption: 'Calls, cost, revenue and margin by client',
      hiddenCaption: true,
      columns: [['Client'], ['Calls', 'num'], ['Billable minutes', 'num hide-narrow'], ['Cost', 'num'], ['Revenue', 'num'], ['Margin', 'num'], ['Margin %', 'num hide-narrow']],
      rows: rows.map(c => [c.name, formatCount(c.calls), formatMinutes(c.billableMinutes), formatMoney(c.cost), formatMoney(c.revenue), formatMoney(c.margin), percent(c.marginPercent)]),
      foot: ['Total', formatCount(metrics.totals.calls), formatMinutes(metrics.totals.billableMinutes), formatMoney(metrics.totals.cost),
        formatMoney(metrics.totals.revenue), formatMoney(metrics.totals.margin), percent(metrics.totals.marginPercent)],
    }),
    h('h3', {}, 'Revenue by client'),
    barChart(rows.map(c => ({ label: c.name, value: c.revenue, text: formatMoney(c.revenue) }))));
}

function byAgentCard(metrics, filters, agents) {
  const rows = [...metrics.byAgent].sort((a, b) => b.cost - a.cost || b.calls - a.calls);
  const usageLink = agent => h('a', { href: `#/usage${query({ ...filters, agentId: agent.agentId })}` }, agent.name);
  const deleted = new Set(agents.filter(a => a.deletedAt).map(a => a.id));
  const status = agent => deleted.has(agent.agentId) ? 'Deleted' : agent.isActive ? 'Active' : 'Inactive';
  return h('section', { class: 'card', 'aria-labelledby': 'by-agent-heading' },
    h('h2', { id: 'by-agent-heading' }, 'By agent'),
    rows.length === 0
      ? h('p', { class: 'muted' }, 'No agent is counted with these filters.')
      : [
        table({
          caption: 'Calls, minutes and cost by agent',
          hiddenCaption: true,
          // On a phone only calls and cost stay (the chart below shows the shares).
          columns: [['Agent'], ['Status', 'hide-narrow'], ['Calls', 'num'], ['Minutes', 'num hide-narrow'], ['Cost', 'num'], ['Share of cost', 'num hide-narrow']],
          rows: rows.map(a => [usageLink(a), status(a), formatCount(a.calls), formatMinutes(a.minutes), formatMoney(a.cost), share(a.cost, metrics.totals.cost)]),
          foot: ['Total', '', formatCount(metrics.totals.calls), formatMinutes(metrics.totals.minutes), formatMoney(metrics.totals.cost), ''],
        }),
        h('h3', {}, 'Cost by agent'),
        barChart(rows.map(a => ({ label: a.name, value: a.cost, text: formatMoney(a.cost) }))),
      ]);
}
