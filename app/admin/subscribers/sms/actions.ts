"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db";
import { adminAction } from "@/services/auth/action";
import { entityId } from "@/services/console/fields";
import { actorOf, runVerb } from "@/services/console/domain-actions";
import { doneHref } from "@/services/console/done";
import { removeSmsSubscriber } from "@/services/sms/admin";

// The service checks the role again and audits (with the number masked); this only decodes the form.
export const removeSmsSubscriberAction = adminAction("admin", z.object({ id: entityId }), ({ id }, ctx, formData) => {
  const outcome = runVerb(formData, () => removeSmsSubscriber(getDb(), actorOf(ctx), id));
  if (!outcome.ok) return outcome.state;
  revalidatePath("/admin/subscribers/sms");
  redirect(doneHref("/admin/subscribers/sms", "subscriber-removed"));
});
