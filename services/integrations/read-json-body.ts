// The intake's one entry to the shared size-limited reader (services/request-body.ts): the body as JSON, plus
// the text as received (kept, cut short, in the integration's payload log). Alertmanager and Grafana send
// application/json; a sender that names no type is read as JSON too (curl -d), any other type is a 415.
import { BodyError, mediaTypeOf, readBodyText } from "@/services/request-body";

export async function readJsonBody(request: Request, limit: number): Promise<{ json: unknown; text: string }> {
  const media = mediaTypeOf(request);
  if (media.type !== "" && media.type !== "application/json")
    throw new BodyError(415, "unsupported_media_type", "Send the body as application/json");
  const text = await readBodyText(request, limit);
  try {
    return { json: JSON.parse(text), text };
  } catch (err) {
    throw new BodyError(
      400,
      "invalid_json",
      `The body is not valid JSON: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
}
