// Calendar dates ("YYYY-MM-DD") in a chosen IANA time zone, for the API's inclusive startDate/endDate.

export const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** Today's date in the zone. */
function today(timeZone) {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date());
  const part = type => parts.find(p => p.type === type).value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

function addDays(day, days) {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, date + days)).toISOString().slice(0, 10);
}

/** The last `days` days up to and including today, in the zone. */
export function lastDays(days, timeZone) {
  const end = today(timeZone);
  return { startDate: addDays(end, -(days - 1)), endDate: end };
}

/** Every zone the browser knows, sorted, plus UTC (some lists omit it) and the selected one. */
export function timeZones(selected) {
  const zones = new Set(typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []);
  zones.add('UTC');
  zones.add(selected);
  return [...zones].sort();
}

export function isTimeZone(value) {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return Boolean(value);
  } catch {
    return false;
  }
}

export const isDay = value => /^\d{4}-\d{2}-\d{2}$/.test(value ?? '');
