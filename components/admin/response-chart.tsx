// A response-time chart as server-rendered SVG (no script), with the same numbers in a table for screen
// readers (the SVG is aria-hidden: a picture of a table is not a table).
import type { ChartPoint } from "@/core/monitor-types";

export type { ChartPoint };

const W = 600;
const H = 140;

export function ResponseChart({
  points,
  label,
  format,
}: {
  points: ChartPoint[];
  label: string;
  format: (at: number) => string;
}) {
  const max = Math.max(1, ...points.map((p) => p.ms ?? 0));
  const x = (i: number) => (points.length <= 1 ? W / 2 : (i / (points.length - 1)) * W);
  const y = (ms: number) => H - (ms / max) * (H - 10);
  const path = points
    .map((p, i) => (p.ms === null ? null : `${x(i).toFixed(1)},${y(p.ms).toFixed(1)}`))
    .filter(Boolean)
    .join(" ");
  return (
    <figure className="mt-4">
      <figcaption className="text-sm font-medium">{label}</figcaption>
      {points.length === 0 ? (
        <p className="text-sm text-slate-700 dark:text-slate-300">No results in this period yet.</p>
      ) : (
        <>
          <svg
            viewBox={`0 0 ${W} ${H}`}
            className="mt-1 h-36 w-full max-w-full rounded border border-slate-300 dark:border-slate-700"
            aria-hidden="true"
            preserveAspectRatio="none"
          >
            {points.map((p, i) =>
              p.down > 0 ? (
                <rect key={i} x={x(i) - 1} y={0} width={2} height={H} fill="#dc2626" opacity={0.35} />
              ) : null,
            )}
            <polyline points={path} fill="none" stroke="#2563eb" strokeWidth={2} vectorEffect="non-scaling-stroke" />
            <text x={4} y={12} fontSize={11} fill="currentColor">
              {max} ms
            </text>
          </svg>
          <details className="mt-1 text-sm">
            <summary className="cursor-pointer">{label} as a table</summary>
            <div className="max-h-64 overflow-auto">
              <table className="mt-2 w-full text-left">
                <thead>
                  <tr>
                    <th scope="col">Time</th>
                    <th scope="col">Average response</th>
                    <th scope="col">Failed checks</th>
                  </tr>
                </thead>
                <tbody>
                  {points.map((p) => (
                    <tr key={p.at}>
                      <td>{format(p.at)}</td>
                      <td>{p.ms === null ? "no answer" : `${p.ms} ms`}</td>
                      <td>
                        {p.down} of {p.total}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </>
      )}
    </figure>
  );
}
