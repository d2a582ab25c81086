// Alert intake with `Authorization: Bearer <secret>` (for senders that keep the secret out of the URL).
// Authenticated by that secret: no cookies, so no CSRF check.
import { bearerSecret, handleIntake } from "@/services/integrations/intake-route";

export const dynamic = "force-dynamic";

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  return handleIntake(request, id, bearerSecret(request));
}
