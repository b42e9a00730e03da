/**
 * The scaling plot: speedup and efficiency against threads (log₂ axis), with the ideal line,
 * each workload's measured medians, its Amdahl fit and the simulator's prediction. Plain SVG,
 * no dependencies.
 */
import { amdahl } from "./scaling-model.js";

export interface PlotSeries {
  readonly name: string;
  readonly colour: string;
  readonly measured: readonly { threads: number; speedup: number }[];
  /** Amdahl's fitted serial fraction, or null. */
  readonly amdahlF: number | null;
  readonly predicted: readonly { threads: number; speedup: number }[];
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");

export function scalingSvg(series: readonly PlotSeries[], maxThreads: number): string {
  const W = 520;
  const H = 360;
  const m = { l: 52, r: 16, t: 30, b: 44 };
  const xMax = Math.max(2, maxThreads);
  const lx = (t: number) => m.l + (Math.log2(t) / Math.log2(xMax)) * (W - m.l - m.r);
  const panel = (
    title: string,
    yMax: number,
    value: (t: number, s: number) => number,
    yLabel: string,
    ideal: (t: number) => number,
  ) => {
    const ly = (v: number) => H - m.b - (Math.min(v, yMax) / yMax) * (H - m.t - m.b);
    const out: string[] = [
      `<text x="${W / 2}" y="18" text-anchor="middle" font-weight="bold">${esc(title)}</text>`,
    ];
    out.push(`<line x1="${m.l}" y1="${H - m.b}" x2="${W - m.r}" y2="${H - m.b}" stroke="#000"/>`);
    out.push(`<line x1="${m.l}" y1="${m.t}" x2="${m.l}" y2="${H - m.b}" stroke="#000"/>`);
    for (let t = 1; t <= xMax; t *= 2)
      out.push(
        `<line x1="${lx(t)}" y1="${H - m.b}" x2="${lx(t)}" y2="${H - m.b + 4}" stroke="#000"/>`,
        `<text x="${lx(t)}" y="${H - m.b + 16}" text-anchor="middle" font-size="11">${t}</text>`,
      );
    for (let i = 0; i <= 4; i++) {
      const v = (yMax * i) / 4;
      out.push(
        `<line x1="${m.l - 4}" y1="${ly(v)}" x2="${W - m.r}" y2="${ly(v)}" stroke="#ddd"/>`,
        `<text x="${m.l - 6}" y="${ly(v) + 4}" text-anchor="end" font-size="11">${Number(v.toFixed(2))}</text>`,
      );
    }
    out.push(`<text x="${W / 2}" y="${H - 8}" text-anchor="middle" font-size="12">threads (workers)</text>`);
    out.push(
      `<text x="14" y="${H / 2}" transform="rotate(-90 14 ${H / 2})" text-anchor="middle" font-size="12">${esc(yLabel)}</text>`,
    );
    const curve = (f: (t: number) => number, style: string, colour: string) => {
      const pts: string[] = [];
      for (let k = 0; k <= 60; k++) {
        const t = 2 ** ((k / 60) * Math.log2(xMax));
        pts.push(`${lx(t).toFixed(1)},${ly(f(t)).toFixed(1)}`);
      }
      return `<polyline fill="none" stroke="${colour}" ${style} points="${pts.join(" ")}"/>`;
    };
    out.push(curve(ideal, 'stroke-width="1" stroke-dasharray="2 3"', "#888"));
    series.forEach((s, i) => {
      if (s.amdahlF !== null) {
        const f = s.amdahlF;
        out.push(curve((t) => value(t, amdahl(f, t)), 'stroke-width="1.2" stroke-dasharray="6 4"', s.colour));
      }
      if (s.predicted.length > 0)
        out.push(
          `<polyline fill="none" stroke="${s.colour}" stroke-width="1.2" stroke-dasharray="1 3" points="${s.predicted
            .map((p) => `${lx(p.threads).toFixed(1)},${ly(value(p.threads, p.speedup)).toFixed(1)}`)
            .join(" ")}"/>`,
        );
      for (const p of s.measured)
        out.push(
          `<circle cx="${lx(p.threads).toFixed(1)}" cy="${ly(value(p.threads, p.speedup)).toFixed(1)}" r="4" fill="${s.colour}"/>`,
        );
      out.push(
        `<rect x="${m.l + 10}" y="${m.t + 6 + i * 16}" width="10" height="10" fill="${s.colour}"/>`,
        `<text x="${m.l + 26}" y="${m.t + 15 + i * 16}" font-size="11">${esc(s.name)}</text>`,
      );
    });
    return out.join("\n");
  };
  const speedupMax = Math.max(2, xMax);
  const legend =
    '<text x="520" y="735" text-anchor="end" font-size="10">dots: measured medians · dashed: Amdahl fit · dotted: simulator · grey: ideal</text>';
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${2 * H + 24}" font-family="sans-serif">`,
    '<rect width="100%" height="100%" fill="#fff"/>',
    `<g>${panel(
      "Speedup against threads",
      speedupMax,
      (_t, s) => s,
      "speedup",
      (t) => t,
    )}</g>`,
    `<g transform="translate(0 ${H})">${panel(
      "Parallel efficiency against threads",
      1.1,
      (t, s) => s / t,
      "efficiency",
      () => 1,
    )}</g>`,
    legend,
    "</svg>",
    "",
  ].join("\n");
}
