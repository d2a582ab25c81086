// Alert intake with the secret in the URL (as pasted into Alertmanager's webhook_configs.url or a Grafana
// contact point). Authenticated by that secret: no cookies, so no CSRF check.
import { handleIntake } from "@/services/integrations/intake-route";

export const dynamic = "force-dynamic";

export async function POST(
  request: Request,
  { params }: { params: Promise<{ id: string; secret: string }> },
): Promise<Response> {
  const { id, secret } = await params;
  return handleIntake(request, id, secret);
}
