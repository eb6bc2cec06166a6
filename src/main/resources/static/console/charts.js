// Charts of the last hour (O7) from GET /api/history, drawn with uPlot (served from its WebJar). The history
// is refreshed every few seconds while the charts are shown; each chart is re-drawn with setData, not rebuilt.

import { get } from './api.js';
import { el } from './dom.js';

const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#7f7f7f'];

/** Which meters each chart draws: a series belongs to the first chart whose test accepts its name. */
const CHARTS = [
  { id: 'users', title: 'Users online (against max-clients)', accepts: (name) => /online|users|max.?clients/i.test(name) },
  { id: 'logins', title: 'Logins by outcome', accepts: (name) => /login/i.test(name) },
  { id: 'sends', title: 'Sends and protocol errors', accepts: (name) => /send|error|protocol|rejected/i.test(name) },
  { id: 'disconnects', title: 'Disconnects by reason', accepts: (name) => /disconnect|closed|close/i.test(name) },
  { id: 'refusals', title: 'Refusals', accepts: (name) => /refus|busy|ban/i.test(name) },
];

export class Charts {
  constructor(root) {
    this.root = root;
    this.plots = new Map();
    this.points = 0;
    this.resize = new ResizeObserver(() => this.fit());
    this.resize.observe(root);
  }

  async refresh() {
    const history = normalize(await get('/api/history'));
    const groups = new Map(CHARTS.map((chart) => [chart.id, []]));
    for (const [name, values] of history.series) {
      const chart = CHARTS.find((c) => c.accepts(name));
      if (chart) {
        groups.get(chart.id).push([name, values]);
      }
    }
    this.points = 0;
    for (const chart of CHARTS) {
      const series = groups.get(chart.id);
      this.draw(chart, history.times, series);
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
        series: [{}, ...series.map(([name], i) => ({ label: label(name), stroke: PALETTE[i % PALETTE.length],
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

/**
 * The history as { times: [epoch seconds], series: [[name, values]] }, from either a column form
 * ({ times | at: [...], series: { name: [...] } }) or a list of samples ([{ at, name: value, … }]).
 */
export function normalize(history) {
  const samples = Array.isArray(history) ? history : history?.samples;
  if (Array.isArray(samples)) {
    const times = samples.map((s) => seconds(s.at ?? s.time));
    const names = new Set();
    for (const sample of samples) {
      for (const [key, value] of Object.entries(sample.values ?? sample)) {
        if (key !== 'at' && key !== 'time' && typeof value === 'number') {
          names.add(key);
        }
      }
    }
    return { times, series: [...names].map((name) => [name, samples.map((s) => (s.values ?? s)[name] ?? null)]) };
  }
  const times = (history?.times ?? history?.at ?? []).map(seconds);
  const series = Object.entries(history?.series ?? {}).map(([name, values]) =>
    [name, Array.isArray(values) ? values : times.map(() => values)]);
  return { times, series };
}

function seconds(at) {
  if (typeof at === 'number') {
    return at > 1e11 ? at / 1000 : at;
  }
  return new Date(at).getTime() / 1000;
}

function label(name) {
  return name.replace(/^chat\./, '');
}
