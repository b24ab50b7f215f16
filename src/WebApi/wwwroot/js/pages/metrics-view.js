// Pieces the Overview and Usage pages share: asking for metrics, the totals, the daily chart, tables of
// breakdowns, empty states and the CSV download.

import { agents as agentsApi, metrics as metricsApi } from '../api.js';
import { dailyChart } from '../charts.js';
import { h, loading, pageHead, toast } from '../dom.js';
import { filterForm, readFilters, remember } from '../filters.js';
import { field, whileBusy } from '../forms.js';
import {
  formatChange, formatCount, formatDay, formatDuration, formatMinutes, formatMoney, formatShare,
} from '../format.js';

/**
 * A page of metrics: the user's agents, the filter form, what `content(metrics, filters, agents)` draws, and the
 * CSV download. `choose(filters, agents)` may settle the filters first (Usage picks an agent);
 * `allAgentsLabel` lets the filter ask for every agent (Overview).
 */
export async function metricsPage(main, { params, signal }, { path, title, intro, allAgentsLabel, choose, content, csv }) {
  main.append(pageHead(title, intro));
  const results = h('div', {}, loading());
  main.append(results);

  let agents;
  try {
    agents = await agentsApi.list(signal, true);
  } catch (error) {
    if (error.name !== 'AbortError') {
      results.replaceChildren(failure(`Your agents could not be loaded: ${error.message}`));
    }
    return;
  }
  if (agents.length === 0) {
    results.replaceChildren(noAgentsYet());
    return;
  }

  const filters = choose(readFilters(params), agents);
  let shown = filters;
  const show = async chosen => {
    results.setAttribute('aria-busy', 'true');
    try {
      const metrics = await metricsApi.get(apiFilters(chosen, agents), signal);
      shown = chosen;
      remember(path, chosen);
      results.replaceChildren(...content(metrics, chosen, agents).filter(Boolean));
    } catch (error) {
      if (error.name === 'AbortError') {
        return;
      }
      if (Object.keys(error.fieldErrors ?? {}).length > 0) {
        // The filter form shows these next to the fields the API named.
        results.replaceChildren(failure('Check the filters above.'));
        throw error;
      }
      results.replaceChildren(failure(`The metrics could not be loaded: ${error.message}`));
    } finally {
      results.removeAttribute('aria-busy');
    }
  };

  const form = filterForm({ filters, agents, allAgentsLabel, onApply: show });
  results.before(h('section', { class: 'card', 'aria-label': 'Filters' }, form));
  results.after(csvDownload(() => apiFilters(shown, agents), csv.choices, csv.fileName));
  // The first load goes through the form too, so its errors land where later ones do.
  form.requestSubmit();
}

const failure = text => h('p', { class: 'notice notice-bad', role: 'alert' }, text);

/**
 * The API's filters for the page's choices. A single agent that is inactive or deleted is asked for with the flag
 * that lets it in, since choosing it is asking for it.
 */
function apiFilters(filters, agents) {
  const agent = agents.find(a => a.id === filters.agentId);
  return {
    startDate: filters.startDate,
    endDate: filters.endDate,
    timezone: filters.timezone,
    agentId: agent?.id,
    includeInactive: filters.includeInactive || (agent !== undefined && !agent.isActive),
    includeDeleted: filters.includeDeleted || Boolean(agent?.deletedAt),
  };
}

function noAgentsYet() {
  return h('section', { class: 'card empty' },
    h('h2', {}, 'Add your first agent'),
    h('p', {}, 'You have no Vapi agents yet. Add one with its Vapi private API key in Settings, sync it, ' +
      'and its calls and costs appear here.'),
    h('a', { class: 'button button-primary', href: '#/settings' }, 'Go to Settings'));
}

/** What to do when a range has no calls: sync agents that never were, or pick another range. */
export function noCallsNotice(metrics, agents) {
  if (metrics.totals.calls > 0) {
    return null;
  }
  const counted = agents.filter(a => metrics.agentIds.includes(a.id));
  const neverSynced = counted.length > 0 && counted.every(a => !a.lastSyncedAt);
  return h('p', { class: 'notice' },
    neverSynced
      ? ['No calls yet: these agents have never been synced. ', h('a', { href: '#/settings' }, 'Sync them in Settings'), '.']
      : ['No calls in this range. Choose other dates, or ', h('a', { href: '#/settings' }, 'sync your agents in Settings'), '.']);
}

export function rangeLine(metrics, agentCount) {
  const { startDate, endDate, timezone } = metrics.range;
  const agentsText = agentCount === 1 ? '1 agent' : `${formatCount(agentCount)} agents`;
  return h('p', { class: 'muted', role: 'status' }, `${formatDay(startDate)} – ${formatDay(endDate)} (${timezone}) · ${agentsText}`);
}

/** The headline numbers; calls, minutes and cost also against the previous period of the same length. */
export function totalsList(metrics) {
  const { totals, change, previousPeriod } = metrics;
  const item = (key, label, value, text, compare) => h('div', { class: 'total', dataset: { metric: key } },
    h('dt', {}, label),
    h('dd', {}, h('span', { class: 'value', dataset: { value: String(value ?? 0) } }, text),
      compare ? h('span', { class: 'change' }, compare) : null));
  const versus = (key, format) => {
    if (!previousPeriod) return null;
    const percent = formatChange(change?.[key]);
    if (percent === null) return 'Nothing in the previous period to compare with';
    const arrow = change[key] > 0 ? '▲' : change[key] < 0 ? '▼' : '■';
    return `${arrow} ${percent} vs the previous period (${format(previousPeriod[key])})`;
  };
  return h('dl', { class: 'totals' },
    item('calls', 'Calls', totals.calls, formatCount(totals.calls), versus('calls', formatCount)),
    item('minutes', 'Minutes', totals.minutes, formatMinutes(totals.minutes), versus('minutes', formatMinutes)),
    item('cost', 'Cost', totals.cost, formatMoney(totals.cost), versus('cost', formatMoney)),
    item('averageCostPerCall', 'Average cost per call', totals.averageCostPerCall, formatMoney(totals.averageCostPerCall)),
    item('averageDurationSeconds', 'Average call length', totals.averageDurationSeconds, formatDuration(totals.averageDurationSeconds)),
    item('costPerMinute', 'Cost per minute', totals.costPerMinute, formatMoney(totals.costPerMinute)));
}

export function dailyCard(daily) {
  return h('section', { class: 'card', 'aria-labelledby': 'daily-heading' },
    h('h2', { id: 'daily-heading' }, 'Calls and cost per day'),
    h('ul', { class: 'legend', 'aria-hidden': 'true' },
      h('li', {}, h('span', { class: 'swatch swatch-calls' }), 'Calls (left axis)'),
      h('li', {}, h('span', { class: 'swatch swatch-cost' }), 'Cost (right axis)')),
    dailyChart(daily),
    h('details', { class: 'data-table' },
      h('summary', {}, 'Show the numbers per day'),
      table({
        caption: 'Calls and cost per day',
        columns: [['Day'], ['Calls', 'num'], ['Minutes', 'num'], ['Cost', 'num']],
        rows: daily.map(d => [formatDay(d.date), formatCount(d.calls), formatMinutes(d.minutes), formatMoney(d.cost)]),
      })));
}

/** A table: columns are [heading, class?]; cells are text or nodes. */
export function table({ caption, columns, rows, foot, hiddenCaption = false }) {
  return h('div', { class: 'table-wrap' },
    h('table', {},
      h('caption', { class: hiddenCaption ? 'visually-hidden' : null }, caption),
      h('thead', {}, h('tr', {}, columns.map(([heading, cls]) => h('th', { scope: 'col', class: cls }, heading)))),
      h('tbody', {}, rows.map(cells => h('tr', {}, cells.map((cell, i) => h('td', { class: columns[i][1] }, cell))))),
      foot ? h('tfoot', {}, h('tr', {}, foot.map((cell, i) => h('td', { class: columns[i][1] }, cell)))) : null));
}

/** A share of a whole as a percentage with a small meter beside it. */
export function share(part, whole) {
  const value = whole > 0 ? part / whole : 0;
  return h('span', { class: 'share' },
    h('meter', { min: '0', max: '1', value: String(value), 'aria-hidden': 'true' }),
    formatShare(value));
}

/**
 * The CSV export of what the page shows. `choices` are [groupBy, label]. The file is fetched with the bearer
 * token (a plain link could not send it) and handed to the browser as a download.
 */
function csvDownload(getFilters, choices, baseName) {
  const select = field({ name: 'groupBy', label: 'Rows', options: choices.map(([value, label]) => ({ value, label })), width: 'narrow' });
  const button = h('button', { type: 'button', class: 'button' }, 'Download CSV');
  const message = h('p', { class: 'field-error', role: 'alert' });
  button.addEventListener('click', async () => {
    message.textContent = '';
    const filters = getFilters();
    const groupBy = select.querySelector('select').value;
    try {
      const { blob, fileName } = await whileBusy(button, 'Preparing…', () => metricsApi.export(filters, groupBy));
      const url = URL.createObjectURL(blob);
      const link = h('a', { href: url, download: fileName ?? `${baseName}-${groupBy}-${filters.startDate}-to-${filters.endDate}.csv` });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      toast('The CSV file is downloading.');
    } catch (error) {
      message.textContent = `The CSV file could not be made: ${error.message}`;
    }
  });
  return h('section', { class: 'card', 'aria-labelledby': 'csv-heading' },
    h('h2', { id: 'csv-heading' }, 'Download as CSV'),
    h('p', { class: 'muted' }, 'The same agents, dates and time zone as above, for a spreadsheet.'),
    h('div', { class: 'filters' }, select, h('div', { class: 'actions' }, button)),
    message);
}
