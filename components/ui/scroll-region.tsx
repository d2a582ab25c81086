// A box that may scroll sideways (a wide table on a phone). Keyboard users must be able to reach and scroll
// it, so it is focusable, and a focusable box needs a name: axe's scrollable-region-focusable rule.
export function ScrollRegion({
  label,
  className = "",
  children,
}: {
  label: string;
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <div
      role="region"
      aria-label={label}
      tabIndex={0}
      className={`overflow-x-auto focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 ${className}`}
    >
      {children}
    </div>
  );
}
