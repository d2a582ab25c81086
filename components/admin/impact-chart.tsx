// Incidents by impact as a server-rendered SVG bar chart (no client script), with the same figures in a table
// beside it for screen readers and for print.
import { IMPACTS, IMPACT_LABELS, type Impact } from "@/db/constants";

const COLOURS: Record<Impact, string> = { none: "#64748b", minor: "#ca8a04", major: "#ea580c", critical: "#dc2626" };

export function ImpactChart({ counts }: { counts: Record<Impact, number> }) {
  const max = Math.max(1, ...IMPACTS.map((i) => counts[i]));
  const width = 320;
  const bar = 28;
  return (
    <figure className="mt-3 flex flex-wrap items-start gap-6">
      <svg
        role="img"
        aria-labelledby="impact-chart-title"
        viewBox={`0 0 ${width} ${IMPACTS.length * (bar + 10)}`}
        className="w-full max-w-xs"
      >
        <title id="impact-chart-title">Incidents by impact</title>
        {IMPACTS.map((impact, i) => {
          const w = (counts[impact] / max) * (width - 130);
          return (
            <g key={impact} transform={`translate(0 ${i * (bar + 10)})`}>
              <text x="0" y={bar / 2 + 5} className="fill-current text-sm">
                {IMPACT_LABELS[impact]}
              </text>
              <rect x="80" y="0" width={w} height={bar} fill={COLOURS[impact]} />
              <text x={86 + w} y={bar / 2 + 5} className="fill-current text-sm">
                {counts[impact]}
              </text>
            </g>
          );
        })}
      </svg>
      <table className="text-sm">
        <caption className="text-left font-medium">Incidents by impact</caption>
        <thead>
          <tr>
            <th scope="col" className="pr-4 text-left">
              Impact
            </th>
            <th scope="col" className="text-right">
              Incidents
            </th>
          </tr>
        </thead>
        <tbody>
          {IMPACTS.map((impact) => (
            <tr key={impact}>
              <th scope="row" className="pr-4 text-left font-normal">
                {IMPACT_LABELS[impact]}
              </th>
              <td className="text-right">{counts[impact]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
