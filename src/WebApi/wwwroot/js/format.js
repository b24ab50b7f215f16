// Numbers, money and dates in the user's locale. Money is USD with cents.

const money = new Intl.NumberFormat(undefined, { style: 'currency', currency: 'USD' });
const count = new Intl.NumberFormat();
const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 });
const signedPercent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1, signDisplay: 'exceptZero' });
const minutes = new Intl.NumberFormat(undefined, { style: 'unit', unit: 'minute', unitDisplay: 'short', maximumFractionDigits: 1 });
const seconds = new Intl.NumberFormat(undefined, { style: 'unit', unit: 'second', unitDisplay: 'short', maximumFractionDigits: 0 });
const calendarDay = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });
const shortDay = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const wallDateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
const wallShortDateTime = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: 'numeric', timeZone: 'UTC' });
const wallMonth = new Intl.DateTimeFormat(undefined, { month: 'long', year: 'numeric', timeZone: 'UTC' });
const wallShortMonth = new Intl.DateTimeFormat(undefined, { month: 'short', year: '2-digit', timeZone: 'UTC' });
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

export const formatMoney = value => money.format(value ?? 0);
export const formatCount = value => count.format(value ?? 0);
export const formatMinutes = value => minutes.format(value ?? 0);

/** A share 0…1 as a percentage. */
export const formatShare = value => percent.format(value ?? 0);

/** Seconds as "42 sec" or "3.5 min". */
export const formatDuration = value => (value ?? 0) < 60 ? seconds.format(value ?? 0) : minutes.format((value ?? 0) / 60);

/** The API's percent change (12.5 means +12.5 %), or null when the previous period had nothing to compare. */
export const formatChange = value => value === null || value === undefined ? null : signedPercent.format(value / 100);

/** A calendar date "YYYY-MM-DD" as the user writes dates. */
export const formatDay = day => calendarDay.format(dayToDate(day));


export const formatDateTime = iso => dateTime.format(new Date(iso));

/**
 * A local time the API wrote with its offset ("2026-03-08T03:00:00-04:00") as it reads on the clocks there, whatever
 * the browser's zone. With the time, the offset follows, so the hour repeated when clocks go back reads twice apart.
 * `style` 'month' or 'shortMonth' names the month only.
 */
export function formatLocal(iso, withTime, style) {
  const wall = wallClock(iso);
  if (style === 'month') return wallMonth.format(wall);
  if (style === 'shortMonth') return wallShortMonth.format(wall);
  return withTime ? `${wallDateTime.format(wall)} (UTC${/[+-]\d{2}:\d{2}$/.exec(iso)?.[0] ?? ''})` : calendarDay.format(wall);
}

/** The same, short, for a chart's axis ("Mar 8, 3 AM" or "Mar 8"). */
export const formatShortLocal = (iso, withTime) => (withTime ? wallShortDateTime : shortDay).format(wallClock(iso));

/** "5 minutes ago", "yesterday". */
export function formatRelative(iso, now = Date.now()) {
  const secondsAgo = (new Date(iso).getTime() - now) / 1000;
  const units = [['year', 31_536_000], ['month', 2_592_000], ['week', 604_800], ['day', 86_400], ['hour', 3600], ['minute', 60]];
  for (const [unit, size] of units) {
    if (Math.abs(secondsAgo) >= size) {
      return relative.format(Math.round(secondsAgo / size), unit);
    }
  }
  return relative.format(Math.round(secondsAgo), 'second');
}

/** Vapi's codes in words: "customer-ended-call" → "Customer ended call", "inboundPhoneCall" → "Inbound phone call". */
export function humanize(code) {
  if (code === null || code === undefined || code === '') {
    return 'Not recorded';
  }
  const words = String(code)
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[-_.]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The wall-clock date and time of a local ISO 8601 time, as the same numbers in UTC (formatted in UTC). */
function wallClock(iso) {
  const [year, month, date, hour, minute] = iso.slice(0, 16).split(/[-T:]/).map(Number);
  return new Date(Date.UTC(year, month - 1, date, hour || 0, minute || 0));
}

function dayToDate(day) {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, date));
}

/** A resale price in words: "$0.25/min from 2026-12-01, 15 s increments, 30 s minimum". */
export function describePrice(price) {
  return `$${price.ratePerMinute}/min from ${price.effectiveFrom}, ${price.billingIncrementSeconds} s increments` +
    (price.minimumBillableSeconds ? `, ${price.minimumBillableSeconds} s minimum` : '');
}
