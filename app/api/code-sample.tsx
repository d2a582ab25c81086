/** A code sample. It may scroll sideways, so it can be focused (keyboard scrolling) and says what it holds. */
export function Code({ label, children }: { label: string; children: string }) {
  return (
    <pre
      tabIndex={0}
      aria-label={label}
      className="overflow-x-auto rounded-md bg-slate-100 p-3 text-sm focus-visible:outline-2 focus-visible:outline-blue-600 dark:bg-slate-900"
    >
      <code>{children}</code>
    </pre>
  );
}
