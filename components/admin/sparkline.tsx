// A monitor's last 24 hours in a table cell: a small server-rendered SVG (aria-hidden, a picture only) with
// the same numbers as visually hidden text, so a screen reader hears "avg 120 ms, 2 failures in 24 h".
import type { SparklineData } from "@/services/monitors/chart";

const W = 96;
const H = 24;

export function sparklineSummary(line: SparklineData | undefined): string {
  if (!line || line.total === 0) return "no checks in 24 h";
  const avg = line.avgMs === null ? "no answers" : `avg ${line.avgMs} ms`;
  return `${avg}, ${line.failures} failure${line.failures === 1 ? "" : "s"} in 24 h`;
}

export function Sparkline({ line }: { line: SparklineData | undefined }) {
  const summary = sparklineSummary(line);
  if (!line || line.points.length === 0) return <span className="text-slate-600 dark:text-slate-400">{summary}</span>;
  const { points } = line;
  const max = Math.max(1, ...points.map((p) => p.ms ?? 0));
  const x = (i: number) => (points.length <= 1 ? W / 2 : (i / (points.length - 1)) * W);
  const y = (ms: number) => H - 2 - (ms / max) * (H - 4);
  const path = points
    .map((p, i) => (p.ms === null ? null : `${x(i).toFixed(1)},${y(p.ms).toFixed(1)}`))
    .filter(Boolean)
    .join(" ");
  return (
    <>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        width={W}
        height={H}
        aria-hidden="true"
        className="inline-block align-middle"
        preserveAspectRatio="none"
      >
        {points.map((p, i) =>
          p.down > 0 ? <rect key={p.at} x={x(i) - 1} y={0} width={2} height={H} fill="#dc2626" opacity={0.5} /> : null,
        )}
        <polyline points={path} fill="none" stroke="#2563eb" strokeWidth={1.5} vectorEffect="non-scaling-stroke" />
      </svg>
      <span className="sr-only">{summary}</span>
    </>
  );
}
