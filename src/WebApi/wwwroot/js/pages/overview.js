// Overview: every active agent together (or one of them) over a range, against the previous period.

import { agents as agentsApi } from '../api.js';
import { barChart } from '../charts.js';
import { h, loading, pageHead } from '../dom.js';
import { filterForm, readFilters, remember } from '../filters.js';
import { formatCount, formatMinutes, formatMoney } from '../format.js';
import { query } from '../http.js';
import {
  apiFilters, csvDownload, dailyCard, fetchMetrics, noAgentsYet, noCallsNotice, rangeLine, share, table, totalsList,
} from './metrics-view.js';

export async function render(main, { params, signal }) {
  main.append(pageHead('Overview', 'What your agents did and cost, all together or one at a time.'));
  const results = h('div', {}, loading());
  main.append(results);

  let agents;
  try {
    agents = await agentsApi.list(signal, true);
  } catch (error) {
    if (error.name !== 'AbortError') {
      results.replaceChildren(h('p', { class: 'notice notice-bad', role: 'alert' }, `Your agents could not be loaded: ${error.message}`));
    }
    return;
  }
  if (agents.length === 0) {
    results.replaceChildren(noAgentsYet());
    return;
  }

  const filters = readFilters(params);
  if (filters.agentId && !agents.some(a => a.id === filters.agentId)) {
    filters.agentId = '';
  }
  let shown = filters;

  const show = async chosen => {
    results.setAttribute('aria-busy', 'true');
    try {
      const metrics = await fetchMetrics(chosen, agents, signal);
      shown = chosen;
      remember('/overview', chosen);
      results.replaceChildren(...content(metrics, chosen, agents).filter(Boolean));
    } finally {
      results.removeAttribute('aria-busy');
    }
  };

  const form = filterForm({ filters, agents, allAgentsLabel: 'All active agents', onApply: show });
  results.before(h('section', { class: 'card', 'aria-label': 'Filters' }, form));
  results.after(csvDownload(() => apiFilters(shown, agents),
    [['day', 'One row per day'], ['agent', 'One row per agent'], ['call', 'One row per call']], 'vapi-usage'));
  try {
    await show(filters);
  } catch (error) {
    if (error.name !== 'AbortError') {
      results.replaceChildren(h('p', { class: 'notice notice-bad', role: 'alert' }, `The metrics could not be loaded: ${error.message}`));
    }
  }
}

function content(metrics, filters, agents) {
  const single = agents.find(a => a.id === filters.agentId);
  return [
    rangeLine(metrics, metrics.agentIds.length),
    noCallsNotice(metrics, agents),
    totalsList(metrics),
    dailyCard(metrics.daily),
    single
      ? h('p', {}, h('a', { href: `#/usage${query({ ...filters, agentId: single.id })}` }, `See the details of “${single.name}” on the Usage page`))
      : byAgentCard(metrics, filters, agents),
  ];
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
          columns: [['Agent'], ['Status'], ['Calls', 'num'], ['Minutes', 'num'], ['Cost', 'num'], ['Share of cost', 'num']],
          rows: rows.map(a => [usageLink(a), status(a), formatCount(a.calls), formatMinutes(a.minutes), formatMoney(a.cost), share(a.cost, metrics.totals.cost)]),
          foot: ['Total', '', formatCount(metrics.totals.calls), formatMinutes(metrics.totals.minutes), formatMoney(metrics.totals.cost), ''],
        }),
        h('h3', {}, 'Cost by agent'),
        barChart(rows.map(a => ({ label: a.name, value: a.cost, text: formatMoney(a.cost) }))),
      ]);
}
