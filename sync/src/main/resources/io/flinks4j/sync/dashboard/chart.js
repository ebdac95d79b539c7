// The balance chart: an SVG drawn from /v1/accounts/{id}/balances with createElementNS and setAttribute only, so
// the page's Content-Security-Policy (no inline style, Trusted Types) holds. No library, nothing from a CDN.

const SVG = 'http://www.w3.org/2000/svg';
export const WIDTH = 560;
export const HEIGHT = 220;
export const PAD = { top: 14, right: 16, bottom: 26, left: 72 };

function svg(tag, attributes, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  node.append(...children);
  return node;
}

const when = (b) => Date.parse(b.asOf ? b.asOf + (/[zZ]|[+-]\d\d:?\d\d$/.test(b.asOf) ? '' : 'Z') : b.recordedAt);
const round = (n) => Math.round(n * 100) / 100;

/**
 * Where each snapshot lands: x by its Flinks as-of time (else when it was recorded), y by its amount, the lowest
 * amount at the bottom of the plot and the highest at the top (a flat series sits in the middle).
 */
export function layout(balances, field) {
  const points = balances.filter((b) => b[field] !== null && b[field] !== undefined)
    .map((b) => ({ t: when(b), v: Number(b[field]), b }))
    .sort((a, b) => a.t - b.t);
  return { points, scale: scaleOf(balances) };
}

function scaleOf(balances) {
  const values = [];
  const times = [];
  for (const b of balances) {
    times.push(when(b));
    for (const field of ['current', 'available']) {
      if (b[field] !== null && b[field] !== undefined) values.push(Number(b[field]));
    }
  }
  const w = WIDTH - PAD.left - PAD.right;
  const h = HEIGHT - PAD.top - PAD.bottom;
  const [t0, t1] = [Math.min(...times), Math.max(...times)];
  const [v0, v1] = [Math.min(...values), Math.max(...values)];
  return {
    v0, v1, t0, t1,
    x: (t) => round(PAD.left + (t1 === t0 ? w / 2 : ((t - t0) / (t1 - t0)) * w)),
    y: (v) => round(PAD.top + (v1 === v0 ? h / 2 : ((v1 - v) / (v1 - v0)) * h)),
  };
}

function pathOf(points, scale, cls) {
  const d = points.map((p, i) => (i === 0 ? 'M' : 'L') + scale.x(p.t) + ',' + scale.y(p.v)).join(' ');
  return svg('path', { class: cls, d });
}

/** The chart of current (solid) and available (dashed) balances, or null when no snapshot has an amount. */
export function balanceChart(balances, money, time) {
  const current = layout(balances, 'current');
  const available = layout(balances, 'available');
  if (current.points.length === 0 && available.points.length === 0) return null;
  const scale = current.scale;
  const bottom = HEIGHT - PAD.bottom;
  const chart = svg('svg', { class: 'chart', viewBox: '0 0 ' + WIDTH + ' ' + HEIGHT, role: 'img',
    'aria-label': 'Balance history' },
  svg('line', { class: 'axis', x1: PAD.left, y1: bottom, x2: WIDTH - PAD.right, y2: bottom }),
  svg('line', { class: 'axis', x1: PAD.left, y1: PAD.top, x2: PAD.left, y2: bottom }),
  svg('text', { class: 'label', x: PAD.left - 6, y: scale.y(scale.v1) + 4, 'text-anchor': 'end' }, money(scale.v1)),
  svg('text', { class: 'label', x: PAD.left - 6, y: scale.y(scale.v0) + 4, 'text-anchor': 'end' }, money(scale.v0)),
  svg('text', { class: 'label', x: PAD.left, y: HEIGHT - 8 }, time(new Date(scale.t0).toISOString())),
  svg('text', { class: 'label', x: WIDTH - PAD.right, y: HEIGHT - 8, 'text-anchor': 'end' },
    time(new Date(scale.t1).toISOString())));
  if (available.points.length > 0) chart.append(pathOf(available.points, scale, 'available'));
  if (current.points.length > 0) chart.append(pathOf(current.points, scale, 'current'));
  for (const p of current.points) {
    chart.append(svg('circle', { cx: scale.x(p.t), cy: scale.y(p.v), r: 3 },
      svg('title', {}, time(p.b.asOf || p.b.recordedAt) + ': ' + money(p.v))));
  }
  return chart;
}
