// What a Resend webhook event means for us (pure): the new state of the email, and whether the address
// must be suppressed for good (a permanent bounce or a complaint).
import { z } from "zod";
import type { EmailMessageState } from "@/db/constants";

export const resendEventSchema = z.object({
  type: z.string().max(100),
  created_at: z.string().max(100).optional(),
  data: z
    .object({
      email_id: z.string().max(200).optional(),
      to: z.array(z.string().max(320)).max(50).optional(),
      bounce: z
        .object({ type: z.string().max(50).optional() })
        .passthrough()
        .optional(),
    })
    .passthrough(),
});
export type ResendEvent = z.infer<typeof resendEventSchema>;

export interface EventEffect {
  messageState: EmailMessageState | null;
  suppress: string | null;
}

export function eventEffect(event: ResendEvent): EventEffect {
  switch (event.type) {
    case "email.sent":
      return { messageState: "sent", suppress: null };
    case "email.delivered":
      return { messageState: "delivered", suppress: null };
    case "email.delivery_delayed":
      return { messageState: "delivery_delayed", suppress: null };
    case "email.bounced": {
      const permanent = event.data.bounce?.type === "Permanent";
      return { messageState: permanent ? "bounced" : "delivery_delayed", suppress: permanent ? "bounce" : null };
    }
    case "email.complained":
      return { messageState: "complained", suppress: "complaint" };
    case "email.suppressed":
      return { messageState: "failed", suppress: "resend_suppression" };
    case "email.failed":
      return { messageState: "failed", suppress: null };
    default:
      return { messageState: null, suppress: null };
  }
}
