"use client";

import { useState } from "react";

/**
 * A section that can fold behind its heading. Whether it starts open is decided once, when it mounts: a
 * form inside that just resolved the incident stays open to show its answer, and the next visit opens the
 * page folded. Without JavaScript it is a plain <details>.
 */
export function Disclosure({
  initiallyOpen,
  headingId,
  heading,
  children,
}: {
  initiallyOpen: boolean;
  headingId: string;
  heading: string;
  children: React.ReactNode;
}) {
  const [open] = useState(initiallyOpen);
  return (
    <details open={open}>
      <summary className="cursor-pointer">
        <h2 id={headingId} className="inline text-xl font-semibold">
          {heading}
        </h2>
      </summary>
      <div className="mt-3">{children}</div>
    </details>
  );
}
