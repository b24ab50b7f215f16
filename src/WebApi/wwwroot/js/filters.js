// The range, time zone, interval, agent and client the Overview and Usage pages show. They live in the page's address
// (#/overview?startDate=…&endDate=…&timezone=…&agentId=…&clientId=…) so a reload or a shared link shows the same, and are
// remembered while moving between pages. Defaults: the last 30 days in the browser's time zone.

import { browserTimeZone, isDay, isTimeZone, lastDays, timeZones } from './dates.js';
import { h } from './dom.js';
import { checkbox, clearErrors, field, formError, showErrors, whileBusy } from './forms.js';
import { query } from './http.js';

let remembered = null;

/** The grains of the series; hours only over ranges of at most 31 days (the API refuses longer ones). */
export const intervals = [['hour', 'Hour'], ['day', 'Day'], ['week', 'Week'], ['month', 'Month']];
const maxHourlyDays = 31;

export function readFilters(params) {
  const timezone = [params.get('timezone'), remembered?.timezone].find(isTimeZone) ?? browserTimeZone();
  const fallback = remembered ?? lastDays(30, timezone);
  const flag = (name, otherwise) => params.has(name) ? params.get(name) === 'true' : otherwise;
  return {
    startDate: isDay(params.get('startDate')) ? params.get('startDate') : fallback.startDate,
    endDate: isDay(params.get('endDate')) ? params.get('endDate') : fallback.endDate,
    timezone,
    agentId: params.get('agentId') ?? remembered?.agentId ?? '',
    clientId: params.get('clientId') ?? remembered?.clientId ?? '',
    interval: [params.get('interval'), remembered?.interval].find(isInterval) ?? 'day',
    includeInactive: flag('includeInactive', remembered?.includeInactive ?? false),
    includeDeleted: flag('includeDeleted', remembered?.includeDeleted ?? false),
  };
}

/** Keeps the filters for the other pages and writes them into the address without a navigation. */
export function remember(path, filters) {
  remembered = { ...filters };
  history.replaceState(null, '', `#${path}${query(filters)}`);
  updateFilterLinks();
}

/** Points the Overview and Usage links at the remembered filters. */
export function updateFilterLinks() {
  const search = remembered ? query(remembered) : '';
  for (const link of document.querySelectorAll('a[data-keeps-filters]')) {
    link.href = `#${link.dataset.path}${search}`;
  }
}

function agentLabel(agent) {
  if (agent.deletedAt) return `${agent.name} (deleted)`;
  if (!agent.isActive) return `${agent.name} (inactive)`;
  return agent.name;
}

/**
 * The filter form. `allAgentsLabel` adds an "every agent" choice (Overview); without it one agent must be chosen
 * (Usage). `clients` (Overview, once the user has some) adds a client choice: that client's agents, when no single
 * agent is chosen. `onApply(filters)` may reject with an ApiError, whose field errors are shown next to the fields.
 */
export function filterForm({ filters, agents, clients = [], allAgentsLabel, onApply }) {
  const agentOptions = includeDeleted => [
    ...(allAgentsLabel ? [{ value: '', label: allAgentsLabel }] : []),
    ...agents.filter(a => includeDeleted || !a.deletedAt).map(a => ({ value: a.id, label: agentLabel(a) })),
  ];
  const agentField = field({ name: 'agentId', label: 'Agent', value: filters.agentId, options: agentOptions(filters.includeDeleted), width: 'wide' });
  const deletedBox = checkbox({ name: 'includeDeleted', label: allAgentsLabel ? 'Include deleted agents’ history' : 'List deleted agents', checked: filters.includeDeleted });
  const submit = h('button', { type: 'submit', class: 'button button-primary' }, 'Show');
  const intervalField = field({ name: 'interval', label: 'Interval', value: filters.interval, options: intervals.map(([value, label]) => ({ value, label })), width: 'narrow' });

  const clientField = clients.length > 0
    ? field({
      name: 'clientId', label: 'Client', value: filters.clientId, width: 'wide',
      options: [{ value: '', label: 'All clients' }, ...clients.map(c => ({ value: c.id, label: c.name }))],
    })
    : null;

  const form = h('form', { class: 'filters', 'aria-label': 'Filters', novalidate: true },
    agentField,
    clientField,
    field({ name: 'startDate', label: 'From', type: 'date', value: filters.startDate, required: true }),
    field({ name: 'endDate', label: 'To', type: 'date', value: filters.endDate, required: true }),
    field({ name: 'timezone', label: 'Time zone', value: filters.timezone, options: timeZones(filters.timezone).map(z => ({ value: z, label: z })), width: 'wide' }),
    intervalField,
    h('div', { class: 'checks' },
      allAgentsLabel ? checkbox({ name: 'includeInactive', label: 'Include inactive agents', checked: filters.includeInactive }) : null,
      deletedBox),
    h('div', { class: 'actions' }, submit),
    formError());

  // Deleted agents can be picked only while their history is asked for.
  deletedBox.querySelector('input').addEventListener('change', event => {
    const select = agentField.querySelector('select');
    const chosen = select.value;
    select.replaceChildren(...agentOptions(event.target.checked).map(o => h('option', { value: o.value }, o.label)));
    select.value = [...select.options].some(o => o.value === chosen) ? chosen : select.options[0]?.value ?? '';
  });

  // Hours are offered only while the range is short enough for them.
  const offerHours = () => {
    const data = new FormData(form);
    const days = dayCount(data.get('startDate'), data.get('endDate'));
    const select = intervalField.querySelector('select');
    const hour = select.querySelector('option[value="hour"]');
    hour.disabled = days === null || days > maxHourlyDays;
    hour.textContent = hour.disabled ? `Hour (ranges of ${maxHourlyDays} days or less)` : 'Hour';
    if (hour.disabled && select.value === 'hour') {
      select.value = 'day';
    }
  };
  for (const name of ['startDate', 'endDate']) {
    form.querySelector(`[name="${name}"]`).addEventListener('change', offerHours);
  }
  offerHours();

  form.addEventListener('submit', async event => {
    event.preventDefault();
    clearErrors(form);
    const data = new FormData(form);
    const chosen = {
      startDate: data.get('startDate'),
      endDate: data.get('endDate'),
      timezone: data.get('timezone'),
      agentId: data.get('agentId') ?? '',
      clientId: data.get('clientId') ?? '',
      interval: data.get('interval') ?? 'day',
      includeInactive: data.get('includeInactive') === 'on',
      includeDeleted: data.get('includeDeleted') === 'on',
    };
    const problem = checkRange(chosen);
    if (problem) {
      showErrors(form, problem);
      return;
    }
    try {
      await whileBusy(submit, 'Loading…', () => onApply(chosen));
    } catch (error) {
      if (error.name !== 'AbortError') {
        showErrors(form, error);
      }
    }
  });
  return form;
}

function checkRange({ startDate, endDate, interval }) {
  const errors = {};
  if (!isDay(startDate)) errors.startDate = ['Enter a start date.'];
  if (!isDay(endDate)) errors.endDate = ['Enter an end date.'];
  if (!errors.startDate && !errors.endDate && startDate > endDate) errors.endDate = ['The end date must be on or after the start date.'];
  if (!errors.startDate && !errors.endDate && interval === 'hour' && dayCount(startDate, endDate) > maxHourlyDays) {
    errors.interval = [`Hours are shown for ranges of ${maxHourlyDays} days or less.`];
  }
  return Object.keys(errors).length > 0 ? { fieldErrors: errors, message: '' } : null;
}

const isInterval = value => intervals.some(([name]) => name === value);

/** Days from the first to the last day, both counted; null unless both are dates. */
function dayCount(startDate, endDate) {
  if (!isDay(startDate) || !isDay(endDate)) {
    return null;
  }
  return Math.round((Date.parse(endDate) - Date.parse(startDate)) / 86_400_000) + 1;
}
