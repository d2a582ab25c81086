"use client";

import Link from "next/link";
import { useActionState } from "react";
import {
  Field,
  FormStatus,
  SubmitButton,
  fieldList,
  fieldValue,
  inputClass,
  useFocusOnError,
} from "@/components/admin/form";
import { ServicePicker, type ServiceChoiceGroup } from "@/components/ui/service-picker";
import { LIMITS } from "@/db/constants";
import type { FormState } from "@/services/auth/action";
import { addSubscriberAction } from "./actions";
import { LanguageField } from "@/components/admin/language-field";
import type { Locale } from "@/core/i18n/locales";

const radio = "mt-1 flex items-start gap-2";

export function AddSubscriberForm({
  choices,
  defaultLocale,
}: {
  choices: ServiceChoiceGroup[];
  /** The page's default language, preselected. */
  defaultLocale: Locale;
}) {
  const [state, action, pending] = useActionState(addSubscriberAction, {} as FormState);
  const ref = useFocusOnError(state);
  const some = fieldValue(state, "scope", "all") === "some";
  const confirmation = fieldValue(state, "confirmation", "send");
  const scopeError = state.errors?.componentIds;
  return (
    <form ref={ref} key={state.at} action={action} noValidate className="mt-6 max-w-xl space-y-6">
      <FormStatus state={state} />
      <Field name="email" label="Email address" hint={`Up to ${LIMITS.email} characters.`} state={state}>
        {(p) => (
          <input
            {...p}
            type="email"
            autoComplete="off"
            required
            defaultValue={fieldValue(state, "email")}
            className={inputClass}
          />
        )}
      </Field>
      <LanguageField
        state={state}
        defaultLocale={defaultLocale}
        hint="Their emails, the confirmation email included, are written in it. They can change it on their manage page."
      />
      {/* The services show only while "Only the services chosen below" is picked: CSS (.scope-choice), no state. */}
      <fieldset aria-describedby={scopeError ? "field-componentIds-error" : undefined} className="scope-choice">
        <legend className="text-sm font-medium">Notify them about</legend>
        <label className={radio}>
          <input type="radio" name="scope" value="all" defaultChecked={!some} className="mt-1" />
          Everything
        </label>
        <label className={radio}>
          <input type="radio" name="scope" value="some" defaultChecked={some} className="mt-1" />
          Only the services chosen below
        </label>
        <div className="scope-services">
          <ServicePicker
            groups={choices}
            name="componentIds"
            selected={fieldList(state, "componentIds")}
            groupName="groupIds"
            selectedGroups={fieldList(state, "groupIds")}
            empty="There are no services yet: add some on the Services page, or choose everything."
          />
        </div>
        {scopeError?.length ? (
          <p id="field-componentIds-error" className="mt-1 text-sm font-medium text-red-700 dark:text-red-300">
            {scopeError.join(" ")}
          </p>
        ) : null}
      </fieldset>
      <fieldset>
        <legend className="text-sm font-medium">Consent</legend>
        <label className={radio}>
          <input
            type="radio"
            name="confirmation"
            value="send"
            defaultChecked={confirmation !== "confirmed"}
            className="mt-1"
          />
          <span>
            Send a confirmation email
            <span className="block text-sm text-slate-600 dark:text-slate-400">
              They are pending, and get nothing else, until they click the link in it.
            </span>
          </span>
        </label>
        <label className={radio}>
          <input
            type="radio"
            name="confirmation"
            value="confirmed"
            defaultChecked={confirmation === "confirmed"}
            className="mt-1"
          />
          <span>
            They already agreed: add them as active
            <span className="block text-sm text-slate-600 dark:text-slate-400">
              Only if this person asked you to subscribe them.
            </span>
          </span>
        </label>
      </fieldset>
      <div className="flex items-center gap-4">
        <SubmitButton pending={pending}>Add subscriber</SubmitButton>
        <Link href="/admin/subscribers" className="font-medium underline">
          Cancel
        </Link>
      </div>
    </form>
  );
}
