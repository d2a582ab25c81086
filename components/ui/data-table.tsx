import type { ReactNode } from "react";
import { ScrollRegion } from "./scroll-region";

// The console's tables (audit, Sent mail, webhook deliveries): one shape, so each is reachable by keyboard
// when it scrolls sideways, named for screen readers, and says something useful when it is empty.
export interface Column<Row> {
  header: string;
  cell: (row: Row) => ReactNode;
  /** Extra classes for this column's cells (e.g. "whitespace-nowrap", "font-mono"). */
  className?: string;
}

export function DataTable<Row>({
  label,
  caption,
  columns,
  rows,
  rowKey,
  empty,
  dense = false,
  className = "",
  regionClassName = "",
}: {
  /** The scroll region's accessible name. */
  label: string;
  /** The table's caption (visually hidden), e.g. "Audit entries, newest first". */
  caption: string;
  columns: Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string | number;
  /** Shown instead of the table when there are no rows. */
  empty: ReactNode;
  /** Smaller padding and a plain empty message, for a table nested inside a list item. */
  dense?: boolean;
  className?: string;
  /** Classes for the table's scroll region only, not the empty state (e.g. "hidden md:block" beside cards). */
  regionClassName?: string;
}) {
  if (rows.length === 0) {
    return dense ? (
      <p className={`text-slate-700 dark:text-slate-300 ${className}`}>{empty}</p>
    ) : (
      <p className={`rounded-lg border border-dashed border-slate-400 p-6 dark:border-slate-600 ${className}`}>
        {empty}
      </p>
    );
  }
  const pad = dense ? "py-1 pr-3 last:pr-0" : "py-2 pr-4 last:pr-0";
  return (
    <ScrollRegion label={label} className={`${className} ${regionClassName}`}>
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b border-slate-300 dark:border-slate-700">
            {columns.map((c) => (
              <th key={c.header} scope="col" className={pad}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} className="border-b border-slate-200 align-top dark:border-slate-800">
              {columns.map((c) => (
                <td key={c.header} className={`${pad} ${c.className ?? ""}`}>
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
