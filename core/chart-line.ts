// The geometry and the numbers of a small response-time chart (the public page's). Pure: the component only
// draws what this returns. Points sit at their time within the window, so a missing hour leaves its place
// empty instead of squeezing the line; a bucket in which no check answered breaks the line.
import type { ChartPoint } from "./monitor-types";

export interface ChartLine {
  /** The slowest bucket's time, the top of the chart (0 when nothing answered). */
  max: number;
  /** SVG polyline `points` attributes, one per unbroken run of answered buckets. */
  segments: string[];
  /** Buckets with failed checks: where, and the share of checks that failed. */
  failures: { x: number; share: number }[];
}

export function chartLine(
  points: readonly ChartPoint[],
  box: { from: number; to: number; width: number; height: number; pad?: number },
): ChartLine {
  const pad = box.pad ?? 2;
  const max = Math.max(0, ...points.map((p) => p.ms ?? 0));
  const x = (at: number) => ((at - box.from) / Math.max(1, box.to - box.from)) * box.width;
  const y = (ms: number) => box.height - (max ? ms / max : 0) * (box.height - pad);
  const segments: string[] = [];
  let run: string[] = [];
  for (const p of points) {
    if (p.ms === null) {
      if (run.length) segments.push(run.join(" "));
      run = [];
    } else run.push(`${x(p.at).toFixed(1)},${y(p.ms).toFixed(1)}`);
  }
  if (run.length) segments.push(run.join(" "));
  const failures = points.filter((p) => p.down > 0).map((p) => ({ x: x(p.at), share: p.down / Math.max(1, p.total) }));
  return { max, segments, failures };
}

export interface SeriesSummary {
  /** Mean of the buckets' averages (the buckets are equally long). */
  avgMs: number | null;
  minMs: number | null;
  maxMs: number | null;
  down: number;
  total: number;
}

export function seriesSummary(points: readonly ChartPoint[]): SeriesSummary {
  const times = points.map((p) => p.ms).filter((ms): ms is number => ms !== null);
  return {
    avgMs: times.length ? Math.round(times.reduce((a, b) => a + b, 0) / times.length) : null,
    minMs: times.length ? Math.min(...times) : null,
    maxMs: times.length ? Math.max(...times) : null,
    down: points.reduce((n, p) => n + p.down, 0),
    total: points.reduce((n, p) => n + p.total, 0),
  };
}
