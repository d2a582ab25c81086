// The outcome of an action that redirected here (`?done=...`), announced politely.
export function DoneNotice({ done }: { done?: string | string[] }) {
  const text = Array.isArray(done) ? done[0] : done;
  if (!text) return null;
  return (
    <p role="status" className="mt-4 rounded-md bg-green-50 px-3 py-2 text-sm font-medium text-green-800 dark:bg-green-950 dark:text-green-200">
      {text.slice(0, 200)}
    </p>
  );
}
