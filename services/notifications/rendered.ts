// A rendered notification email (before personalisation), and the one way every template is rendered: HTML
// and plain text from the same React Email element.
import { render } from "@react-email/render";

/** A one-person message's single-use link token (confirmation, invitation): derived per recipient, never stored. */
export const LINK = "xxlinktokenxx";

export interface RenderedTemplate {
  subject: string;
  html: string;
  text: string;
  incidentId: string | null;
  /** A message for one person that needs no unsubscribe header (confirmation). */
  transactional: boolean;
}

export async function both(element: React.ReactElement) {
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { html, text };
}
