// The outcome of an action that redirected here (`?done=<code>`), announced politely. Only allow-listed
// codes show anything (services/console/done.ts); the text never comes from the URL.
import { doneMessage } from "@/services/console/done";
import { ForgetDone } from "./forget-done";

export function DoneNotice({ done, n }: { done?: string | string[]; n?: string | string[] }) {
  const text = doneMessage(done, n);
  if (!text) return null;
  return (
    <p
      role="status"
      className="mt-4 rounded-md bg-green-50 px-3 py-2 text-sm font-medium text-green-800 dark:bg-green-950 dark:text-green-200"
    >
      {text}
      <ForgetDone />
    </p>
  );
}
