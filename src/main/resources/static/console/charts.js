// Charts of the last hour (O7) from GET /api/history, drawn with uPlot (served from its WebJar). The history
// is refreshed every few seconds while the charts are shown; each chart is re-drawn with setData, not rebuilt.

import { get } from './api.js';
import { el } from './dom.js';

const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#7f7f7f'];

/**
 * The charts and what each draws from a sample of GET /api/history: the gauges as they were, the counters as
 * what they grew by since the sample before, one series per outcome, kind or reason seen in the hour.
 */
const CHARTS = [
  { id: 'users', title: 'Users online, against max-clients',
    series: (s, h) => ({ 'users online': s.usersOnline, 'connections open': s.connectionsOpen,
      'max-clients': h.maxClients ?? null }) },
  { id: 'logins', title: 'Logins by outcome', series: (s) => prefixed('', s.logins) },
  { id: 'sends', title: 'Sends by outcome and protocol errors by kind',
    series: (s) => ({ ...prefixed('send ', s.sends), ...prefixed('error ', s.errors) }) },
  { id: 'disconnects', title: 'Disconnects by reason', series: (s) => prefixed('', s.disconnects) },
  { id: 'refusals', title: 'Refusals by reason', series: (s) => prefixed('', s.refusals) },
];

function prefixed(prefix, counts) {
  const out = {};
  for (const [key, value] of Object.entries(counts ?? {})) {
    out[prefix + key] = value;
  }
  return out;
}

export class Charts {
  constructor(root) {
    this.root = root;
    this.plots = new Map();
    this.points = 0;
    this.resize = new ResizeObserver(() => this.fit());
    this.resize.observe(root);
  }

  async refresh() {
    const history = await get('/api/history');
    const samples = Array.isArray(history) ? history : history?.samples ?? [];
    const times = samples.map((sample) => new Date(sample.at).getTime() / 1000);
    this.points = 0;
    for (const chart of CHARTS) {
      const rows = samples.map((sample) => chart.series(sample, history));
      const names = [...new Set(rows.flatMap((row) => Object.keys(row)))]
        .filter((name) => rows.some((row) => row[name] !== null && row[name] !== undefined));
      const series = names.map((name) => [name, rows.map((row) => row[name] ?? null)]);
      this.draw(chart, times, series);
      this.points += series.reduce((sum, [, values]) => sum + values.filter((v) => v !== null).length, 0);
    }
    this.root.dataset.points = String(this.points);
  }

  draw(chart, times, series) {
    const data = [times, ...series.map(([, values]) => values)];
    const names = series.map(([name]) => name).join('|');
    let entry = this.plots.get(chart.id);
    if (entry && entry.names !== names) {
      entry.plot.destroy();
      entry.box.remove();
      entry = null;
    }
    if (!entry) {
      const box = el('figure', { class: 'chart', 'data-chart': chart.id }, el('figcaption', { text: chart.title }));
      this.root.append(box);
      const plot = new window.uPlot({
        width: this.width(),
        height: 170,
        scales: { x: { time: true } },
        axes: [{}, { size: 48 }],
        legend: { live: false },
        series: [{}, ...series.map(([name], i) => ({ label: name, stroke: PALETTE[i % PALETTE.length],
          width: 2, dash: /max.?clients/i.test(name) ? [6, 4] : undefined, spanGaps: true }))],
      }, data, box);
      entry = { plot, box, names };
      this.plots.set(chart.id, entry);
    } else {
      entry.plot.setData(data);
    }
  }

  width() {
    const columns = this.root.clientWidth >= 1100 ? 3 : this.root.clientWidth >= 700 ? 2 : 1;
    return Math.max(260, Math.floor(this.root.clientWidth / columns) - 24);
  }

  fit() {
    const width = this.width();
    for (const { plot } of this.plots.values()) {
      if (plot.width !== width) {
        plot.setSize({ width, height: 170 });
      }
    }
  }
}

