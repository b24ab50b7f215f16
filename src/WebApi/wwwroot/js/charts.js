// Charts drawn by hand in SVG (no library, nothing to licence). Each chart redraws at its container's width, so
// text stays readable on a phone. The numbers are always also in a table next to the chart.

import { h, s } from './dom.js';
import { formatCount, formatDay, formatMoney, formatShortDay } from './format.js';

/** Calls per day as bars (left axis) and cost per day as a line (right axis). */
export function dailyChart(days) {
  const busiest = days.reduce((top, day) => (day.calls > (top?.calls ?? -1) ? day : top), null);
  const label = days.length === 0
    ? 'No days to show.'
    : `Calls and cost per day from ${formatDay(days[0].date)} to ${formatDay(days.at(-1).date)}. ` +
      (busiest?.calls > 0 ? `Busiest day: ${formatDay(busiest.date)} with ${formatCount(busiest.calls)} calls.` : 'No calls.');
  return responsive(label, width => drawDaily(days, width));
}

/** One horizontal bar per row: [{ label, value, text }]. Decorative: the same rows are in a table beside it. */
export function barChart(rows) {
  return responsive(null, width => drawBars(rows, width));
}

function responsive(label, draw) {
  const container = h('div', { class: 'chart' });
  let drawnWidth = 0;
  const redraw = () => {
    const width = Math.floor(container.clientWidth);
    if (width > 0 && width !== drawnWidth) {
      drawnWidth = width;
      const svg = draw(width);
      if (label) {
        svg.setAttribute('role', 'img');
        svg.setAttribute('aria-label', label);
      } else {
        svg.setAttribute('aria-hidden', 'true');
      }
      container.replaceChildren(svg);
    }
  };
  new ResizeObserver(redraw).observe(container);
  return container;
}

function drawDaily(days, width) {
  const height = width < 480 ? 220 : 260;
  const margin = { top: 12, right: 62, bottom: 28, left: 44 };
  const plotWidth = Math.max(1, width - margin.left - margin.right);
  const plotHeight = height - margin.top - margin.bottom;
  const calls = scale(Math.max(0, ...days.map(d => d.calls)), true);
  const cost = scale(Math.max(0, ...days.map(d => d.cost)), false);
  const band = plotWidth / Math.max(1, days.length);
  const barWidth = Math.max(1, band * 0.7);
  const y = (value, axis) => margin.top + plotHeight - (value / axis.max) * plotHeight;
  const centre = index => margin.left + band * index + band / 2;

  const grid = calls.ticks.map(tick => [
    s('line', { class: 'grid-line', x1: margin.left, x2: margin.left + plotWidth, y1: y(tick, calls), y2: y(tick, calls) }),
    s('text', { x: margin.left - 6, y: y(tick, calls) + 4, 'text-anchor': 'end' }, formatCount(tick)),
  ]);
  const costLabels = cost.ticks.map(tick =>
    s('text', { x: margin.left + plotWidth + 6, y: y(tick, cost) + 4 }, formatMoney(tick)));

  const bars = days.map((day, i) => s('g', {},
    s('title', {}, `${formatDay(day.date)}: ${formatCount(day.calls)} calls, ${formatMoney(day.cost)}`),
    s('rect', { class: 'bar-calls', x: centre(i) - barWidth / 2, y: y(day.calls, calls), width: barWidth, height: Math.max(0, plotHeight - (y(day.calls, calls) - margin.top)) })));

  const line = days.length > 0
    ? s('polyline', { class: 'line-cost', points: days.map((day, i) => `${centre(i)},${y(day.cost, cost)}`).join(' ') })
    : null;
  const dots = band >= 8 ? days.map((day, i) => s('circle', { class: 'dot-cost', cx: centre(i), cy: y(day.cost, cost), r: 3 })) : [];

  // As many date labels as fit, evenly spaced.
  const every = Math.max(1, Math.ceil(days.length / Math.max(1, Math.floor(plotWidth / 64))));
  const dateLabels = days.map((day, i) => i % every === 0
    ? s('text', { x: centre(i), y: height - 8, 'text-anchor': 'middle' }, formatShortDay(day.date))
    : null);

  return s('svg', { viewBox: `0 0 ${width} ${height}`, width, height },
    grid, costLabels,
    s('line', { class: 'axis-line', x1: margin.left, x2: margin.left + plotWidth, y1: margin.top + plotHeight, y2: margin.top + plotHeight }),
    bars, line, dots, dateLabels);
}

function drawBars(rows, width) {
  const rowHeight = 30;
  const labelWidth = Math.min(180, Math.floor(width * 0.35));
  const valueWidth = 84;
  const barSpace = Math.max(1, width - labelWidth - valueWidth - 12);
  const max = Math.max(0, ...rows.map(r => r.value)) || 1;
  const maxChars = Math.floor(labelWidth / 7.5);
  const shorten = text => (text.length > maxChars ? `${text.slice(0, Math.max(1, maxChars - 1))}…` : text);

  return s('svg', { viewBox: `0 0 ${width} ${rows.length * rowHeight}`, width, height: rows.length * rowHeight },
    rows.map((row, i) => {
      const top = i * rowHeight;
      const length = Math.max(row.value > 0 ? 2 : 0, (row.value / max) * barSpace);
      return s('g', {},
        s('title', {}, `${row.label}: ${row.text}`),
        s('text', { class: 'bar-label', x: 0, y: top + 19 }, shorten(row.label)),
        s('rect', { class: 'bar-value', x: labelWidth + 6, y: top + 7, width: length, height: 16, rx: 2 }),
        s('text', { x: labelWidth + 12 + length, y: top + 19 }, row.text));
    }));
}

/** Four equal, round steps from zero to at least `max` (whole steps for counts), shared by both axes' grid lines. */
function scale(max, wholeNumbers) {
  const roughStep = Math.max(max / 4, wholeNumbers ? 1 : 0.01);
  const magnitude = 10 ** Math.floor(Math.log10(roughStep));
  const step = [1, 2, 2.5, 5, 10].map(f => f * magnitude)
    .find(candidate => candidate >= roughStep * (1 - 1e-9) && (!wholeNumbers || Number.isInteger(candidate)));
  return { max: step * 4, ticks: [0, 1, 2, 3, 4].map(i => Number((i * step).toPrecision(12))) };
}
