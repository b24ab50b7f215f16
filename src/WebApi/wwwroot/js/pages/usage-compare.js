// Usage's Compare view: two or more agents side by side over the same local days — a table of every figure the
// API compares and a bar chart per figure. The choice lives in the address (#/usage?view=compare&agentIds=…) so a
// reload or a shared link shows the same comparison.

import { agents as agentsApi, metrics as metricsApi } from '../api.js';
import { barChart } from '../charts.js';
import { isDay, timeZones } from '../dates.js';
import { h, loading } from '../dom.js';
import { readFilters } from '../filters.js';
import { clearErrors, field, formError, showErrors, whileBusy } from '../forms.js';
import { formatCount, formatDay, formatDuration, formatMinutes, formatMoney, formatShare, humanize } from '../format.js';
import { query } from '../http.js';

// The API's limits (CompareAgentsQuery): checked here too so the user hears it before a round trip.
const minAgents = 2;
const maxAgents = 20;

/** Every number the API compares, in the table's order; each also gets a chart. */
export const figures = [
  { key: 'calls', label: 'Calls', format: formatCount },
  { key: 'minutes', label: 'Minutes', format: formatMinutes },
  { key: 'averageDurationSeconds', label: 'Average call length', format: formatDuration },
  { key: 'costPerCall', label: 'Cost per call', format: formatMoney },
  { key: 'costPerMinute', label: 'Cost per minute', format: formatMoney },
  { key: 'successRate', label: 'Success rate', format: value => (value === null || value === undefined ? 'Not evaluated' : formatShare(value)) },
  { key: 'cost', label: 'Cost', format: formatMoney },
  { key: 'billableMinutes', label: 'Billable minutes', format: formatMinutes },
  { key: 'revenue', label: 'Revenue', format: formatMoney },
  { key: 'margin', label: 'Margin', format: formatMoney },
];

export async function renderCompare(main, { params, signal }) {
  const results = h('div', {}, loading('Loading your agents…'));
  main.append(results);

  let agents;
  try {
    agents = (await agentsApi.list(signal)).filter(a => !a.deletedAt);
  } catch (error) {
    if (error.name !== 'AbortError') {
      results.replaceChildren(failure(`Your agents could not be loaded: ${error.message}`));
    }
    return;
  }
  if (agents.length < minAgents) {
    results.replaceChildren(h('section', { class: 'card empty' },
      h('h2', {}, 'Add another agent to compare'),
      h('p', {}, 'Comparing needs at least two agents. Add them in Settings and sync them.'),
      h('a', { class: 'button button-primary', href: '#/settings' }, 'Go to Settings')));
    return;
  }

  const { startDate, endDate, timezone } = readFilters(params);
  const asked = (params.get('agentIds') ?? '').split(',').filter(id => agents.some(a => a.id === id));
  const form = compareForm({ agents, chosen: asked, startDate, endDate, timezone });
  results.before(h('section', { class: 'card', 'aria-label': 'Agents to compare' }, form));
  results.replaceChildren(h('p', { class: 'muted' }, 'Choose two or more agents and press Compare.'));

  form.addEventListener('submit', async event => {
    event.preventDefault();
    clearErrors(form);
    const data = new FormData(form);
    const chosen = {
      agentIds: data.getAll('agentIds').map(String),
      startDate: String(data.get('startDate')),
      endDate: String(data.get('endDate')),
      timezone: String(data.get('timezone')),
    };
    const problem = check(chosen);
    if (problem) {
      showErrors(form, problem);
      return;
    }
    const submit = form.querySelector('button[type="submit"]');
    results.setAttribute('aria-busy', 'true');
    try {
      const filters = { ...chosen, agentIds: chosen.agentIds.join(',') };
      const answer = await whileBusy(submit, 'Comparing…', () => metricsApi.compare(filters, signal));
      history.replaceState(null, '', `#/usage${query({ view: 'compare', ...filters })}`);
      results.replaceChildren(...comparison(answer, chosen));
    } catch (error) {
      if (error.name !== 'AbortError') {
        showErrors(form, error);
        results.replaceChildren(failure('The comparison could not be loaded; see the form above.'));
      }
    } finally {
      results.removeAttribute('aria-busy');
    }
  });

  // A link that already names the agents shows their comparison at once.
  if (asked.length >= minAgents) {
    form.requestSubmit();
  }
}

const failure = text => h('p', { class: 'notice notice-bad', role: 'alert' }, text);

function compareForm({ agents, chosen, startDate, endDate, timezone }) {
  const label = agent => (agent.isActive ? agent.name : `${agent.name} (inactive)`);
  return h('form', { class: 'filters', 'aria-label': 'Agents to compare', novalidate: true },
    h('fieldset', { class: 'field field-wide compare-agents', dataset: { field: 'agentIds' } },
      h('legend', {}, `Agents to compare (${minAgents} to ${maxAgents})`),
      h('div', { class: 'checks' }, agents.map(agent => {
        const id = `compare-${agent.id}`;
        return h('div', { class: 'check' },
          h('input', { type: 'checkbox', id, name: 'agentIds', value: agent.id, checked: chosen.includes(agent.id) }),
          h('label', { for: id }, label(agent)));
      })),
      h('p', { class: 'field-error' })),
    field({ name: 'startDate', label: 'From', type: 'date', value: startDate, required: true }),
    field({ name: 'endDate', label: 'To', type: 'date', value: endDate, required: true }),
    field({ name: 'timezone', label: 'Time zone', value: timezone, options: timeZones(timezone).map(z => ({ value: z, label: z })), width: 'wide' }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'button button-primary' }, 'Compare')),
    formError());
}

function check({ agentIds, startDate, endDate }) {
  const errors = {};
  if (agentIds.length < minAgents) errors.agentIds = [`Choose at least ${minAgents} agents.`];
  if (agentIds.length > maxAgents) errors.agentIds = [`Choose at most ${maxAgents} agents.`];
  if (!isDay(startDate)) errors.startDate = ['Enter a start date.'];
  if (!isDay(endDate)) errors.endDate = ['Enter an end date.'];
  if (!errors.startDate && !errors.endDate && startDate > endDate) errors.endDate = ['The end date must be on or after the start date.'];
  return Object.keys(errors).length > 0 ? { fieldErrors: errors, message: '' } : null;
}

function comparison({ agents }, { startDate, endDate, timezone }) {
  return [
    h('p', { class: 'muted', role: 'status' }, `${formatDay(startDate)} – ${formatDay(endDate)} (${timezone}) · ${formatCount(agents.length)} agents`),
    compareTable(agents),
    h('div', { class: 'grid-2' }, figures.map(figure => chartCard(figure, agents))),
  ];
}

/** One row per agent, one column per figure; each cell keeps the API's exact number in data-value. */
function compareTable(agents) {
  const cell = (figure, agent) => {
    const value = agent[figure.key];
    return h('td', { class: 'num', 'data-label': figure.label, dataset: { figure: figure.key, value: value === null || value === undefined ? '' : String(value) } },
      figure.format(value));
  };
  return h('section', { class: 'card', 'aria-labelledby': 'compare-heading' },
    h('h2', { id: 'compare-heading' }, 'Side by side'),
    h('div', { class: 'table-wrap' },
      h('table', { class: 'compare-table' },
        h('caption', { class: 'visually-hidden' }, 'The chosen agents side by side'),
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col' }, 'Agent'),
          figures.map(f => h('th', { scope: 'col', class: 'num' }, f.label)),
          h('th', { scope: 'col' }, 'Top ended reasons'))),
        h('tbody', {}, agents.map(agent => h('tr', { dataset: { agentId: agent.agentId } },
          h('th', { scope: 'row' }, agent.name),
          figures.map(f => cell(f, agent)),
          h('td', { 'data-label': 'Top ended reasons', dataset: { figure: 'topEndedReasons' } }, endedReasons(agent.topEndedReasons))))))));
}

function endedReasons(reasons) {
  if (reasons.length === 0) {
    return 'No calls';
  }
  return h('ul', { class: 'plain-list' }, reasons.map(r =>
    h('li', { dataset: { key: r.key ?? '', calls: String(r.calls) } }, h('span', { title: r.key ?? '' }, humanize(r.key)), ` (${formatCount(r.calls)})`)));
}

/** A bar per agent. Negative values (a margin below zero) draw no bar; the number is still written beside it. */
function chartCard(figure, agents) {
  const id = `compare-${figure.key}-heading`;
  return h('section', { class: 'card compare-chart', 'aria-labelledby': id, dataset: { figure: figure.key } },
    h('h2', { id }, figure.label),
    barChart(agents.map(agent => ({ label: agent.name, value: Number(agent[figure.key] ?? 0), text: figure.format(agent[figure.key]) }))));
}
