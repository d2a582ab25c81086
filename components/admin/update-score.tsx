// "Was this helpful?" in the console, next to an update's text: the score and what people said was missing.
import type { UpdateScore } from "@/db/queries/update-votes";

export function UpdateScoreLine({ score }: { score: UpdateScore | undefined }) {
  if (!score || score.yes + score.no === 0) {
    return <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">Helpful: no votes yet.</p>;
  }
  const total = score.yes + score.no;
  return (
    <div className="mt-2 text-sm">
      <p>
        Helpful: {Math.round((score.yes / total) * 100)}% ({score.yes} yes, {score.no} no)
      </p>
      {score.comments.length > 0 && (
        <ul aria-label="What readers missed" className="mt-1 list-disc pl-5 text-slate-700 dark:text-slate-300">
          {score.comments.map((c, i) => (
            <li key={i} className="whitespace-pre-line break-words">
              {c.comment}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The incident's score over all its updates. */
export function incidentScoreText(scores: Map<string, UpdateScore>): string | null {
  let yes = 0;
  let no = 0;
  for (const s of scores.values()) {
    yes += s.yes;
    no += s.no;
  }
  return yes + no === 0 ? null : `Helpful: ${Math.round((yes / (yes + no)) * 100)}% of ${yes + no} votes`;
}
