// The one way a route handler reads a request body. It streams `request.body` and stops at the limit, so a
// 200 MB upload costs the server at most `limit` bytes of memory and is answered 413 at once; the declared
// Content-Length is checked before anything is read. Text is decoded as strict UTF-8 (invalid bytes are a 400,
// never silently stored as U+FFFD) and a charset other than UTF-8 is a 415 rather than being misread.
// Callers authenticate what they can (tokens in the URL, signature headers) before calling these.

export type BodyErrorStatus = 400 | 413 | 415;

export class BodyError extends Error {
  constructor(
    readonly status: BodyErrorStatus,
    readonly code: "payload_too_large" | "unsupported_media_type" | "invalid_utf8" | "invalid_json" | "invalid_form",
    message: string,
  ) {
    super(message);
  }
}

/** The error as the public JSON shape `{ error }`, with Connection: close so a client still sending stops. */
export function bodyErrorResponse(error: BodyError): Response {
  return Response.json({ error: error.message }, { status: error.status, headers: bodyErrorHeaders(error) });
}

/** Headers every body error carries: no caching, and the connection is closed rather than drained. */
export function bodyErrorHeaders(error: BodyError): Record<string, string> {
  return error.status === 413 ? { "Cache-Control": "no-store", Connection: "close" } : { "Cache-Control": "no-store" };
}

const tooLarge = (limit: number) => new BodyError(413, "payload_too_large", `The body must be at most ${limit} bytes`);

/** The body's bytes, at most `limit` of them; BodyError 413 beyond (declared or actual). */
export async function readBodyBytes(request: Request, limit: number): Promise<Uint8Array<ArrayBuffer>> {
  const declared = request.headers.get("content-length");
  if (declared !== null && !(Number(declared) <= limit)) throw tooLarge(limit);
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      // Not awaited: cancelling tells the source to stop; the 413 must not wait for it.
      reader.cancel().catch(() => undefined);
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

export interface MediaType {
  /** Lower-cased `type/subtype`, "" when there is no Content-Type. */
  type: string;
  /** Lower-cased charset parameter, or null. */
  charset: string | null;
  /** The other parameters as sent (e.g. multipart's boundary). */
  raw: string;
}

export function mediaTypeOf(request: Request): MediaType {
  const raw = request.headers.get("content-type") ?? "";
  const [type, ...params] = raw.split(";");
  let charset: string | null = null;
  for (const param of params) {
    const [name, value] = param.split("=");
    if (name?.trim().toLowerCase() === "charset" && value !== undefined)
      charset = value
        .trim()
        .replace(/^"(.*)"$/, "$1")
        .toLowerCase();
  }
  return { type: type.trim().toLowerCase(), charset, raw };
}

/** 415 unless the charset is absent or UTF-8: the bytes are always decoded as UTF-8. */
function requireUtf8(media: MediaType): void {
  if (media.charset !== null && media.charset !== "utf-8" && media.charset !== "utf8") {
    throw new BodyError(
      415,
      "unsupported_media_type",
      `Send the body in UTF-8 (charset=${media.charset} is not accepted)`,
    );
  }
}

export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new BodyError(400, "invalid_utf8", "The body is not valid UTF-8");
  }
}

/** The body as text: a UTF-8 charset (or none), strictly decoded, at most `limit` bytes. */
export async function readBodyText(request: Request, limit: number): Promise<string> {
  requireUtf8(mediaTypeOf(request));
  return decodeUtf8(await readBodyBytes(request, limit));
}

/** A JSON body: Content-Type application/json (415 otherwise), UTF-8, at most `limit` bytes, valid JSON. */
export async function readBodyJson(request: Request, limit: number): Promise<unknown> {
  const media = mediaTypeOf(request);
  if (media.type !== "application/json")
    throw new BodyError(415, "unsupported_media_type", "Send the body as application/json");
  const text = await readBodyText(request, limit);
  try {
    return JSON.parse(text);
  } catch {
    throw new BodyError(400, "invalid_json", "The body is not valid JSON");
  }
}

/** A form body (urlencoded or multipart), at most `limit` bytes, parsed only once it is known to be small. */
export async function readBodyForm(request: Request, limit: number): Promise<FormData> {
  const media = mediaTypeOf(request);
  if (media.type !== "application/x-www-form-urlencoded" && media.type !== "multipart/form-data") {
    throw new BodyError(415, "unsupported_media_type", "Send the body as a form");
  }
  requireUtf8(media);
  const bytes = await readBodyBytes(request, limit);
  if (media.type === "application/x-www-form-urlencoded") decodeUtf8(bytes);
  try {
    return await new Response(bytes, { headers: { "content-type": media.raw } }).formData();
  } catch {
    throw new BodyError(400, "invalid_form", "The body is not a valid form");
  }
}
