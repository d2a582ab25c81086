// The page logo (and later other uploads), stored in the database. Ids are random, so a stored asset never
// changes under its URL and can be cached for a long time.
import { getDb } from "@/db";
import { getAsset } from "@/db/queries/assets";
import { isId } from "@/lib/ids";

const SAFE_IMAGE_TYPES = new Set(["image/png", "image/jpeg", "image/webp", "image/gif"]);

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const asset = isId(id) ? getAsset(getDb(), id) : undefined;
  // SVG and anything else are refused: an uploaded SVG could carry script.
  if (!asset || !SAFE_IMAGE_TYPES.has(asset.contentType)) return new Response("Not found", { status: 404 });
  return new Response(new Uint8Array(asset.bytes), {
    headers: {
      "content-type": asset.contentType,
      "cache-control": "public, max-age=31536000, immutable",
      "x-content-type-options": "nosniff",
    },
  });
}
