// A horizontal bar chart as server-rendered SVG: no client script, scales to any width (viewBox), prints.
// It is decoration for sighted readers: the table beside it carries the same figures for everyone, so the
// SVG is a labelled image whose title says so.

export interface Bar {
  label: string;
  value: number;
  /** What the bar's end shows, already formatted for the reader's language. */
  shown: string;
  colour?: string;
}

/** `min`: where the axis starts (availability starts near its lowest value, or every bar would look full). */
export function BarChart({
  id,
  title,
  bars,
  max,
  min = 0,
}: {
  id: string;
  title: string;
  bars: readonly Bar[];
  max?: number;
  min?: number;
}) {
  const top = Math.max(max ?? 0, ...bars.map((b) => b.value), min + Number.MIN_VALUE);
  const row = 28;
  const labelWidth = 170;
  const width = 440;
  const room = width - labelWidth - 80;
  return (
    <svg
      role="img"
      aria-labelledby={`${id}-title`}
      viewBox={`0 0 ${width} ${Math.max(1, bars.length) * row}`}
      className="w-full max-w-lg print:max-w-[12cm]"
    >
      <title id={`${id}-title`}>{title}</title>
      {bars.map((b, i) => {
        const w = Math.max(2, ((Math.max(min, b.value) - min) / (top - min)) * room);
        return (
          <g key={`${b.label}-${i}`} transform={`translate(0 ${i * row})`}>
            <text x="0" y={row / 2 + 4} className="fill-current text-[13px]">
              {b.label.length > 24 ? `${b.label.slice(0, 23)}…` : b.label}
            </text>
            <rect x={labelWidth} y="4" width={w} height={row - 8} fill={b.colour ?? "#2563eb"} rx="2" />
            <text x={labelWidth + w + 6} y={row / 2 + 4} className="fill-current text-[13px]">
              {b.shown}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
