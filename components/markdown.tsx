import type { HTMLAttributes } from "react";
import { renderMarkdown } from "@/services/markdown";

/**
 * Admin-written Markdown, sanitised by services/markdown (no raw HTML, safe links only, pictures as links). The page
 * and the console's preview both render through this, with the same styles, so the preview is what visitors see.
 */
export function Markdown({
  source,
  className = "",
  ...rest
}: { source: string; className?: string } & Omit<
  HTMLAttributes<HTMLDivElement>,
  "dangerouslySetInnerHTML" | "children"
>) {
  return (
    // dir="auto": the admin's language, not the page's, sets the text's direction (English in an Arabic page).
    <div
      dir="auto"
      {...rest}
      className={`prose-status ${className}`}
      dangerouslySetInnerHTML={{ __html: renderMarkdown(source) }}
    />
  );
}
