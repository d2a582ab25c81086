import { describe, expect, it } from "vitest";
import { DELIVERY_STATE_LABELS, deliveryStateLabels } from "./sent-mail";

describe("how Sent mail words a finished batch", () => {
  it("never says sent for mail kept in the local outbox", () => {
    expect(deliveryStateLabels("local").sent).toBe("Kept in the local outbox");
    expect(Object.values(deliveryStateLabels("local"))).not.toContain("Sent");
    expect(deliveryStateLabels("resend")).toEqual(DELIVERY_STATE_LABELS);
  });
});
