// The building blocks every section of the service report is made of: the section with its heading and CSV
// link, a table that scrolls sideways on a phone, and a two-column count table.
import type { ReactNode } from "react";
import { num, rowHeader, section, th, type ReportTable, type ReportText } from "./report-text";

export function ReportSection({
  id,
  title,
  csv,
  children,
}: {
  id: ReportTable;
  title: string;
  csv: ReportText["csv"];
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={`report-${id}`} className={section}>
      <h2 id={`report-${id}`} className="text-lg font-semibold">
        {title}
      </h2>
      {children}
      {csv(id)}
    </section>
  );
}

/** Focusable so a keyboard can scroll a table wider than a phone (axe: scrollable-region-focusable). */
export function ScrollTable({
  label,
  headers,
  className,
  children,
}: {
  label: string;
  headers: readonly string[];
  className: string;
  children: ReactNode;
}) {
  return (
    <div className={className} tabIndex={0} role="region" aria-label={label}>
      <table className="text-sm">
        <thead>
          <tr>
            {headers.map((h) => (
              <th key={h} scope="col" className={th}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

/** A two-column table: what is counted, and how many. */
export function CountTable({
  head,
  rows,
  f,
}: {
  head: [string, string];
  rows: [key: string, label: string, value: number][];
  f: ReportText["f"];
}) {
  return (
    <table className="text-sm">
      <thead>
        <tr>
          <th scope="col" className={th}>
            {head[0]}
          </th>
          <th scope="col" className={th}>
            {head[1]}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([key, label, value]) => (
          <tr key={key}>
            <th scope="row" className={rowHeader}>
              {label}
            </th>
            <td className={num}>{f.number(value)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
