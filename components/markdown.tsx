import { renderMarkdown } from "@/lib/markdown";

/** Admin-written Markdown, sanitised by lib/markdown (no raw HTML, safe links only). */
export function Markdown({ source, className = "" }: { source: string; className?: string }) {
  return <div className={`prose-status ${className}`} dangerouslySetInnerHTML={{ __html: renderMarkdown(source) }} />;
}
