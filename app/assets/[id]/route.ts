// Serves an uploaded file (the page logo). Public: the logo is shown to every visitor. Read-only, so no
// authentication or CSRF concerns; the headers keep an SVG from ever acting as a document.
import { getDb } from "@/db";
import { findAsset } from "@/db/queries/settings";
import { isId } from "@/core/ids";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const asset = isId(id) ? findAsset(getDb(), id) : undefined;
  if (!asset) return new Response("Not found", { status: 404 });
  return new Response(new Uint8Array(asset.bytes), {
    headers: {
      "content-type": asset.contentType,
      "content-length": String(asset.size),
      // A new upload gets a new id, so an id's bytes never change.
      "cache-control": "public, max-age=31536000, immutable",
      "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; sandbox",
      "x-content-type-options": "nosniff",
      "content-disposition": "inline",
    },
  });
}
