// Charts drawn by hand in SVG (no library, nothing to licence). Each chart redraws at its container's width, so
// text stays readable on a phone. The numbers are always also in a table next to the chart.

import { h, s } from './dom.js';
import { formatCount, formatMoney } from './format.js';

/**
 * Calls per bucket as bars (left axis) and cost as a line (right axis), at any grain: points are
 * { label, short, calls, cost } oldest first, `grain` the word for one bucket ("hour", "day", "week", "month").
 */
export function seriesChart(points, grain) {
  const busiest = points.reduce((top, p) => (p.calls > (top?.calls ?? -1) ? p : top), null);
  const label = points.length === 0
    ? `No ${grain}s to show.`
    : `Calls and cost per ${grain} from ${points[0].label} to ${points.at(-1).label}. ` +
      (busiest?.calls > 0 ? `Busiest ${grain}: ${busiest.label} with ${formatCount(busiest.calls)} calls.` : 'No calls.');
  return responsive(label, width => drawColumns(points.map(p => ({ ...p, bar: p.calls, line: p.cost })), width, formatMoney));
}

/**
 * The most calls in progress at once per bucket, as bars: points are { label, short, peak }; `limit` (the orgs'
 * call slots, or null) is drawn as a dashed line across them.
 */
export function peakChart(points, grain, limit = null) {
  const busiest = points.reduce((top, p) => (p.peak > (top?.peak ?? -1) ? p : top), null);
  const label = points.length === 0
    ? `No ${grain}s to show.`
    : `Most calls in progress at once per ${grain} from ${points[0].label} to ${points.at(-1).label}. ` +
      (busiest?.peak > 0 ? `Highest: ${formatCount(busiest.peak)} at once, ${busiest.label}.` : 'No calls.') +
      (limit ? ` Limit: ${formatCount(limit)} at once.` : '');
  return responsive(label, width => drawColumns(points.map(p => ({ ...p, bar: p.peak, calls: p.peak })), width, null, limit));
}

/**
 * Calls by local weekday (rows, Monday first) and hour (columns) as shaded squares: the darker, the more calls.
 * Decorative: the same cells are in a table for screen readers beside it.
 */
export function heatmapChart(cells) {
  return responsive(null, width => drawHeatmap(cells, width));
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

/**
 * Bars on the left axis and, when `lineFormat` is given, a line of `line` values on the right axis; `limit`, when
 * given, is a dashed horizontal line on the bars' axis (which then reaches at least that high).
 */
function drawColumns(points, width, lineFormat, limit = null) {
  const height = width < 480 ? 220 : 260;
  const margin = { top: 12, right: lineFormat ? 62 : 16, bottom: 28, left: 44 };
  const plotWidth = Math.max(1, width - margin.left - margin.right);
  const plotHeight = height - margin.top - margin.bottom;
  const bar = scale(Math.max(0, limit ?? 0, ...points.map(p => p.bar)), true);
  const line = lineFormat ? scale(Math.max(0, ...points.map(p => p.line)), false) : null;
  const band = plotWidth / Math.max(1, points.length);
  const barWidth = Math.max(1, band * 0.7);
  const y = (value, axis) => margin.top + plotHeight - (value / axis.max) * plotHeight;
  const centre = index => margin.left + band * index + band / 2;

  const grid = bar.ticks.map(tick => [
    s('line', { class: 'grid-line', x1: margin.left, x2: margin.left + plotWidth, y1: y(tick, bar), y2: y(tick, bar) }),
    s('text', { x: margin.left - 6, y: y(tick, bar) + 4, 'text-anchor': 'end' }, formatCount(tick)),
  ]);
  const lineLabels = line ? line.ticks.map(tick =>
    s('text', { x: margin.left + plotWidth + 6, y: y(tick, line) + 4 }, lineFormat(tick))) : [];

  const bars = points.map((p, i) => s('g', {},
    s('title', {}, `${p.label}: ${formatCount(p.bar)} ${line ? `calls, ${lineFormat(p.line)}` : 'at once'}`),
    s('rect', { class: 'bar-calls', x: centre(i) - barWidth / 2, y: y(p.bar, bar), width: barWidth, height: Math.max(0, plotHeight - (y(p.bar, bar) - margin.top)) })));

  const polyline = line && points.length > 0
    ? s('polyline', { class: 'line-cost', points: points.map((p, i) => `${centre(i)},${y(p.line, line)}`).join(' ') })
    : null;
  const limitLine = limit ? s('g', { class: 'limit' },
    s('line', { class: 'limit-line', x1: margin.left, x2: margin.left + plotWidth, y1: y(limit, bar), y2: y(limit, bar) }),
    s('text', { class: 'limit-label', x: margin.left + plotWidth - 4, y: Math.max(margin.top + 10, y(limit, bar) - 4), 'text-anchor': 'end' }, `limit ${formatCount(limit)}`))
    : null;
  const dots = line && band >= 8 ? points.map((p, i) => s('circle', { class: 'dot-cost', cx: centre(i), cy: y(p.line, line), r: 3 })) : [];

  // As many labels as fit (about 7px a character), evenly spaced.
  const labelWidth = Math.max(64, 7 * Math.max(0, ...points.map(p => p.short.length)) + 12);
  const every = Math.max(1, Math.ceil(points.length / Math.max(1, Math.floor(plotWidth / labelWidth))));
  const labels = points.map((p, i) => i % every === 0
    ? s('text', { x: centre(i), y: height - 8, 'text-anchor': 'middle' }, p.short)
    : null);

  return s('svg', { viewBox: `0 0 ${width} ${height}`, width, height },
    grid, lineLabels,
    s('line', { class: 'axis-line', x1: margin.left, x2: margin.left + plotWidth, y1: margin.top + plotHeight, y2: margin.top + plotHeight }),
    bars, polyline, limitLine, dots, labels);
}

const weekdayNames = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

function drawHeatmap(cells, width) {
  const left = 40;
  const top = 18;
  const size = Math.max(6, Math.min(28, Math.floor((width - left) / 24)));
  const max = Math.max(0, ...cells.map(c => c.calls));
  const squares = cells.map(c => s('rect', {
    class: c.calls > 0 ? 'heat-cell' : 'heat-cell heat-empty',
    x: left + c.hour * size + 1, y: top + (c.weekday - 1) * size + 1, width: size - 2, height: size - 2, rx: 2,
    // Never fainter than a fifth, so one call still shows against no calls.
    'fill-opacity': c.calls > 0 ? (0.2 + 0.8 * c.calls / max).toFixed(3) : null,
  }, s('title', {}, `${weekdayNames[c.weekday - 1]} ${String(c.hour).padStart(2, '0')}:00: ${formatCount(c.calls)} calls`)));
  const rowLabels = weekdayNames.map((name, i) => s('text', { x: 0, y: top + i * size + size / 2 + 4 }, name));
  const every = size >= 20 ? 2 : size >= 12 ? 3 : 6;
  const hourLabels = Array.from({ length: 24 }, (_, hour) => hour % every === 0
    ? s('text', { x: left + hour * size + size / 2, y: 12, 'text-anchor': 'middle' }, String(hour))
    : null);
  const height = top + 7 * size + 2;
  return s('svg', { viewBox: `0 0 ${width} ${height}`, width, height }, rowLabels, hourLabels, squares);
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
