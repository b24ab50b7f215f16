// Pieces the Overview and Usage pages share: asking for metrics, the totals, the series at the chosen grain, peak
// hours, concurrency, call lengths, tables of breakdowns, empty states and the CSV download.

import { agents as agentsApi, clients as clientsApi, metrics as metricsApi } from '../api.js';
import { barChart, heatmapChart, peakChart, seriesChart } from '../charts.js';
import { h, loading, pageHead, toast } from '../dom.js';
import { filterForm, readFilters, remember } from '../filters.js';
import { field, whileBusy } from '../forms.js';
import {
  formatChange, formatCount, formatDay, formatDuration, formatLocal, formatMinutes, formatMoney, formatShare, formatShortLocal,
} from '../format.js';

/**
 * A page of metrics: the user's agents, the filter form, what `content(metrics, filters, agents)` draws, and the
 * CSV download. `choose(filters, agents, clients)` may settle the filters first (Usage picks an agent);
 * `allAgentsLabel` lets the filter ask for every agent, and `clientFilter` for one client's agents (Overview).
 */
export async function metricsPage(main, { params, signal }, { path, title, intro, allAgentsLabel, clientFilter, choose, content, csv }) {
  main.append(pageHead(title, intro));
  const results = h('div', {}, loading());
  main.append(results);

  let agents;
  let clients = [];
  try {
    // Without its clients the page still works, only without the client choice.
    [agents, clients] = await Promise.all([agentsApi.list(signal, true), clientFilter ? clientsApi.list(signal).catch(() => []) : []]);
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

  const filters = choose(readFilters(params), agents, clients);
  let shown = filters;
  const show = async chosen => {
    results.setAttribute('aria-busy', 'true');
    try {
      const asked = apiFilters(chosen, agents, clients);
      // Concurrency per hour when the series is hourly, else per day (the finest it answers over long ranges).
      const [metrics, heatmap, concurrency] = await Promise.all([
        metricsApi.get(asked, signal),
        metricsApi.heatmap(withoutInterval(asked), signal),
        metricsApi.concurrency(withoutInterval(asked), chosen.interval === 'hour' ? 'hour' : 'day', signal),
      ]);
      metrics.interval = chosen.interval;
      metrics.heatmap = heatmap;
      metrics.concurrency = concurrency;
      shown = chosen;
      remember(path, chosen);
      results.replaceChildren(...content(metrics, chosen, agents, clients).filter(Boolean));
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

  const form = filterForm({ filters, agents, clients, allAgentsLabel, onApply: show });
  results.before(h('section', { class: 'card', 'aria-label': 'Filters' }, form));
  results.after(csvDownload(() => apiFilters(shown, agents, clients), csv.choices, csv.fileName));
  // The first load goes through the form too, so its errors land where later ones do.
  form.requestSubmit();
}

const withoutInterval = ({ interval, ...rest }) => rest;

const failure = text => h('p', { class: 'notice notice-bad', role: 'alert' }, text);

/**
 * The API's filters for the page's choices. A single agent that is inactive or deleted is asked for with the flag
 * that lets it in, since choosing it is asking for it.
 */
function apiFilters(filters, agents, clients = []) {
  const agent = agents.find(a => a.id === filters.agentId);
  // One agent chosen wins over the client (the API reads agentId first); a client no longer there is left out.
  const client = agent ? undefined : clients.find(c => c.id === filters.clientId);
  return {
    startDate: filters.startDate,
    endDate: filters.endDate,
    timezone: filters.timezone,
    agentId: agent?.id,
    clientId: client?.id,
    interval: filters.interval,
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

export function rangeLine(metrics, agentCount, clientName = null) {
  const { startDate, endDate, timezone } = metrics.range;
  const agentsText = agentCount === 1 ? '1 agent' : `${formatCount(agentCount)} agents`;
  const clientText = clientName ? ` of ${clientName}` : '';
  return h('p', { class: 'muted', role: 'status' }, `${formatDay(startDate)} – ${formatDay(endDate)} (${timezone}) · ${agentsText}${clientText}`);
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

const grainWords = { hour: 'hour', day: 'day', week: 'week', month: 'month' };

/** A bucket's start (local ISO 8601 with offset) in words at its grain, long for tables and short for axes. */
function bucketLabels(start, interval) {
  switch (interval) {
    case 'hour': return { label: formatLocal(start, true), short: formatShortLocal(start, true) };
    case 'week': return { label: `Week of ${formatDay(start.slice(0, 10))}`, short: formatShortLocal(start, false) };
    case 'month': return { label: formatLocal(start, false, 'month'), short: formatLocal(start, false, 'shortMonth') };
    default: return { label: formatDay(start.slice(0, 10)), short: formatShortLocal(start, false) };
  }
}

/** The series at the chosen grain, peak hours, calls at once and call lengths. */
export function timeCards(metrics) {
  return [
    seriesCard(metrics),
    heatmapCard(metrics.heatmap),
    h('div', { class: 'grid-2' }, concurrencyCard(metrics.concurrency, metrics.interval), callLengthsCard(metrics.durationHistogram)),
  ];
}

/** Calls and cost per hour, day, week or month, as chosen; the numbers also in a table, with their totals. */
function seriesCard(metrics) {
  const interval = metrics.interval ?? 'day';
  const grain = grainWords[interval] ?? 'day';
  const points = metrics.series.map(p => ({ ...p, ...bucketLabels(p.start, interval) }));
  return h('section', { class: 'card', 'aria-labelledby': 'series-heading', dataset: { interval } },
    h('h2', { id: 'series-heading' }, `Calls and cost per ${grain}`),
    h('ul', { class: 'legend', 'aria-hidden': 'true' },
      h('li', {}, h('span', { class: 'swatch swatch-calls' }), 'Calls (left axis)'),
      h('li', {}, h('span', { class: 'swatch swatch-cost' }), 'Cost (right axis)')),
    seriesChart(points, grain),
    h('details', { class: 'data-table' },
      h('summary', {}, `Show the numbers per ${grain}`),
      table({
        caption: `Calls and cost per ${grain}`,
        columns: [[grain.charAt(0).toUpperCase() + grain.slice(1)], ['Calls', 'num'], ['Minutes', 'num'], ['Cost', 'num']],
        rows: points.map(p => [p.label, formatCount(p.calls), formatMinutes(p.minutes), formatMoney(p.cost)]),
        foot: ['Total', formatCount(metrics.totals.calls), formatMinutes(metrics.totals.minutes), formatMoney(metrics.totals.cost)],
      })));
}

const weekdays = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const hourName = hour => `${String(hour).padStart(2, '0')}:00`;

/** Peak hours: calls by local weekday and hour as a shaded grid, and as a table for screen readers. */
function heatmapCard(heatmap) {
  const cell = (weekday, hour) => heatmap.cells.find(c => c.weekday === weekday && c.hour === hour);
  const busiest = heatmap.cells.reduce((top, c) => (c.calls > (top?.calls ?? 0) ? c : top), null);
  return h('section', { class: 'card', 'aria-labelledby': 'heatmap-heading' },
    h('h2', { id: 'heatmap-heading' }, 'Peak hours'),
    h('p', { class: 'muted' }, busiest
      ? `Calls by weekday and hour they started (${heatmap.timezone}); the darker, the more calls. Busiest: ${weekdays[busiest.weekday - 1]} ${hourName(busiest.hour)}–${hourName((busiest.hour + 1) % 24)} with ${formatCount(busiest.calls)} calls.`
      : 'No calls in this range.'),
    heatmapChart(heatmap.cells),
    h('div', { class: 'visually-hidden' },
      table({
        caption: `Calls by weekday and hour (${heatmap.timezone})`,
        columns: [['Weekday'], ...Array.from({ length: 24 }, (_, hour) => [hourName(hour), 'num'])],
        rows: weekdays.map((name, i) => [name, ...Array.from({ length: 24 }, (_, hour) => formatCount(cell(i + 1, hour)?.calls ?? 0))]),
      })));
}

/** The most calls in progress at once, over the range and per hour or day. */
function concurrencyCard(concurrency, interval) {
  const grain = interval === 'hour' ? 'hour' : 'day';
  const points = concurrency.series.map(p => ({ ...p, ...bucketLabels(p.start, grain) }));
  return h('section', { class: 'card', 'aria-labelledby': 'concurrency-heading' },
    h('h2', { id: 'concurrency-heading' }, 'Calls at once'),
    h('p', { class: 'concurrency-peak', dataset: { peak: String(concurrency.peak) } },
      concurrency.peakAt
        ? `At most ${formatCount(concurrency.peak)} ${concurrency.peak === 1 ? 'call' : 'calls'} in progress at once, first on ${formatLocal(concurrency.peakAt, true)}.`
        : 'No calls in progress in this range.'),
    concurrency.limit
      ? h('p', { class: 'concurrency-limit', dataset: { limit: String(concurrency.limit) } },
        `Your Vapi org limit: ${formatCount(concurrency.limit)} calls at once; reached or exceeded for `
        + `${formatCount(Math.round(concurrency.minutesAtOrAboveLimit))} ${Math.round(concurrency.minutesAtOrAboveLimit) === 1 ? 'minute' : 'minutes'} in this range.`)
      : h('p', { class: 'concurrency-limit' }, 'Set your Vapi org’s call limit on an agent (Settings → Edit) to see it here.'),
    peakChart(points, grain, concurrency.limit),
    h('details', { class: 'data-table' },
      h('summary', {}, `Show the peak per ${grain}`),
      table({
        caption: `Most calls in progress at once per ${grain}`,
        columns: [[grain === 'hour' ? 'Hour' : 'Day'], ['Calls at once', 'num']],
        rows: points.map(p => [p.label, formatCount(p.peak)]),
      })));
}

/** How long calls lasted, in bands; calls without a duration are left out. */
function callLengthsCard(histogram) {
  const span = seconds => (seconds < 60 ? `${seconds} sec` : `${seconds / 60} min`);
  const bandName = band => band.toSeconds === null ? `${span(band.fromSeconds)} or more`
    : band.fromSeconds === 0 ? `Under ${span(band.toSeconds)}` : `${span(band.fromSeconds)} to under ${span(band.toSeconds)}`;
  const total = histogram.reduce((sum, band) => sum + band.calls, 0);
  const rows = histogram.map(band => ({ label: bandName(band), calls: band.calls }));
  return h('section', { class: 'card', 'aria-labelledby': 'call-lengths-heading' },
    h('h2', { id: 'call-lengths-heading' }, 'Call lengths'),
    table({
      caption: 'Calls by length',
      hiddenCaption: true,
      columns: [['Length'], ['Calls', 'num'], ['Share', 'num']],
      rows: rows.map(r => [r.label, formatCount(r.calls), share(r.calls, total)]),
      foot: ['Total', formatCount(total), ''],
    }),
    barChart(rows.map(r => ({ label: r.label, value: r.calls, text: formatCount(r.calls) }))));
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
    // The grain applies to rows per day (then per hour, week or month); the other rows have none.
    const exported = groupBy === 'day' ? filters : withoutInterval(filters);
    try {
      const { blob, fileName } = await whileBusy(button, 'Preparing…', () => metricsApi.export(exported, groupBy));
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
