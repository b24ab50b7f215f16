// Usage: one agent in detail — cost breakdown, ended reasons, call types and statuses, success evaluation,
// tokens — and the CSV of the same range; or, with view=compare, several agents side by side.

import { barChart } from '../charts.js';
import { h, pageHead } from '../dom.js';
import { formatCount, formatMoney, humanize } from '../format.js';
import { metricsPage, noCallsNotice, rangeLine, share, table, timeCards, totalsList } from './metrics-view.js';
import { renderCompare } from './usage-compare.js';

const costParts = [
  ['transport', 'Transport (telephony)'],
  ['stt', 'Speech to text'],
  ['llm', 'Language model'],
  ['tts', 'Text to speech'],
  ['vapi', 'Vapi platform'],
  ['analysis', 'Call analysis'],
  ['other', 'Other'],
];

export function render(main, context) {
  if (context.params.get('view') === 'compare') {
    main.append(pageHead('Usage', 'Your agents side by side over the same days.'), viewSwitch('compare'));
    return renderCompare(main, context);
  }
  const rendering = metricsPage(main, context, {
    path: '/usage',
    title: 'Usage',
    intro: 'One agent’s calls and costs in detail.',
    choose: (filters, agents) => {
      const agent = chooseAgent(agents, filters);
      return { ...filters, agentId: agent.id, includeDeleted: filters.includeDeleted || Boolean(agent.deletedAt) };
    },
    content: (metrics, filters, agents) => content(metrics, agents.find(a => a.id === filters.agentId), agents),
    csv: { choices: [['day', 'One row per day'], ['call', 'One row per call']], fileName: 'vapi-agent-usage' },
  });
  // metricsPage puts its heading in before its first wait, so the switch can go right under it.
  main.querySelector('.page-head')?.after(viewSwitch('one'));
  return rendering;
}

/** The two ways to look at usage, as links so each view has its own address. */
function viewSwitch(current) {
  const link = (view, href, text) => h('a', { href, class: 'button', 'aria-current': view === current ? 'page' : null }, text);
  return h('nav', { class: 'view-switch', 'aria-label': 'Usage views' },
    link('one', '#/usage', 'One agent'),
    link('compare', '#/usage?view=compare', 'Compare agents'));
}

/** The agent asked for, else the first active one, else the first that is not deleted, else any. */
function chooseAgent(agents, filters) {
  return agents.find(a => a.id === filters.agentId)
    ?? agents.find(a => a.isActive && !a.deletedAt)
    ?? agents.find(a => !a.deletedAt)
    ?? agents[0];
}

function content(metrics, agent, agents) {
  return [
    h('h2', {}, agent.name),
    rangeLine(metrics, 1),
    noCallsNotice(metrics, agents),
    totalsList(metrics),
    h('div', { class: 'grid-2' },
      costCard(metrics),
      successCard(metrics.successEvaluation),
      groupCard('ended-reasons', 'Why calls ended', 'Ended reason', metrics.byEndedReason, metrics.totals),
      tokensCard(metrics.tokens),
      groupCard('call-types', 'Call types', 'Type', metrics.byType, metrics.totals),
      groupCard('call-statuses', 'Call statuses', 'Status', metrics.byStatus, metrics.totals)),
    ...timeCards(metrics),
  ];
}

function costCard(metrics) {
  const total = metrics.totals.cost;
  const parts = costParts.map(([key, label]) => ({ key, label, cost: metrics.costBreakdown[key] ?? 0 }));
  return h('section', { class: 'card', 'aria-labelledby': 'cost-heading' },
    h('h2', { id: 'cost-heading' }, 'Cost breakdown'),
    table({
      caption: 'Cost by component',
      hiddenCaption: true,
      columns: [['Component'], ['Cost', 'num'], ['Share', 'num']],
      rows: parts.map(p => [p.label, formatMoney(p.cost), share(p.cost, total)]),
      foot: ['Total', formatMoney(total), ''],
    }),
    barChart(parts.filter(p => p.cost > 0).map(p => ({ label: p.label, value: p.cost, text: formatMoney(p.cost) }))));
}

function successCard({ passed, failed, unknown }) {
  const all = passed + failed + unknown;
  return h('section', { class: 'card', 'aria-labelledby': 'success-heading' },
    h('h2', { id: 'success-heading' }, 'Success evaluation'),
    h('p', { class: 'muted' }, 'Vapi’s own judgement of each ended call, where the assistant has one configured.'),
    table({
      caption: 'Calls by success evaluation',
      hiddenCaption: true,
      columns: [['Result'], ['Calls', 'num'], ['Share', 'num']],
      rows: [['Passed', passed], ['Failed', failed], ['Not evaluated', unknown]].map(([label, calls]) => [label, formatCount(calls), share(calls, all)]),
    }));
}

function tokensCard(tokens) {
  return h('section', { class: 'card', 'aria-labelledby': 'tokens-heading' },
    h('h2', { id: 'tokens-heading' }, 'Tokens and characters'),
    table({
      caption: 'Tokens and characters',
      hiddenCaption: true,
      columns: [['What'], ['Count', 'num']],
      rows: [
        ['Language model prompt tokens', formatCount(tokens.llmPrompt)],
        ['Language model completion tokens', formatCount(tokens.llmCompletion)],
        ['Text-to-speech characters', formatCount(tokens.ttsCharacters)],
      ],
    }));
}

/** A breakdown by one of Vapi's codes (ended reason, type, status), most calls first. */
function groupCard(id, title, heading, groups, totals) {
  const rows = [...groups].sort((a, b) => b.calls - a.calls || b.cost - a.cost);
  return h('section', { class: 'card', 'aria-labelledby': `${id}-heading` },
    h('h2', { id: `${id}-heading` }, title),
    rows.length === 0
      ? h('p', { class: 'muted' }, 'No calls.')
      : table({
        caption: title,
        hiddenCaption: true,
        columns: [[heading], ['Calls', 'num'], ['Share', 'num'], ['Cost', 'num']],
        rows: rows.map(g => [h('span', { title: g.key ?? '' }, humanize(g.key)), formatCount(g.calls), share(g.calls, totals.calls), formatMoney(g.cost)]),
      }));
}
