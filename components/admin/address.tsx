// An email address or URL that wraps where a reader expects it to (after "@" or a "/"), not mid-word:
// `break-all` split "alice@exam|ple.com" anywhere. Overflow-wrap stays as the last resort for one very long part.
import { Fragment } from "react";

export function Address({ children }: { children: string }) {
  const parts = children.split(/(?<=[@/])(?!\/)/);
  return (
    <span className="break-words">
      {parts.map((part, i) => (
        <Fragment key={i}>
          {i > 0 && <wbr />}
          {part}
        </Fragment>
      ))}
    </span>
  );
}
