import type { ComponentChoices } from "@/db/queries/subscribers";
import { hrefIn, type PageLanguage } from "@/core/i18n/paths";
import { ServicePicker, choiceGroups } from "@/components/ui/service-picker";
import { Button } from "@/components/ui/button";

/**
 * The SMS sign-up: a plain HTML form posting to /subscribe/sms (a route handler answering with its own pages),
 * so it works without JavaScript like every public form. Offered only when Twilio is configured.
 */
export function SmsSubscribeForm({ choices, lang }: { choices: ComponentChoices; lang: PageLanguage }) {
  const locale = lang.locale;
  return (
    <form method="post" action={hrefIn(lang, "/subscribe/sms")} className="space-y-5" noValidate>
      {/* The subscriber's language (L2 stores it): messages to them are written in it. */}
      <input type="hidden" name="language" value={locale} />
      <div>
        <label htmlFor="phone" className="block font-medium">
          Mobile number
        </label>
        <p id="phone-hint" className="text-sm text-slate-700 dark:text-slate-300">
          In international format, starting with + and the country code, like +49 170 1234567.
        </p>
        <input
          id="phone"
          name="phone"
          type="tel"
          autoComplete="tel"
          required
          maxLength={40}
          aria-describedby="phone-hint"
          className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2 dark:border-slate-600 dark:bg-slate-900"
        />
      </div>
      <div aria-hidden="true" className="hidden">
        <label htmlFor="sms-website">Website</label>
        <input id="sms-website" name="website" type="text" tabIndex={-1} autoComplete="off" />
      </div>
      <fieldset className="scope-choice">
        <legend className="font-medium">Text me about</legend>
        <label className="mt-2 flex items-center gap-2">
          <input type="radio" name="scope" value="all" defaultChecked />
          Everything
        </label>
        <label className="mt-1 flex items-center gap-2">
          <input type="radio" name="scope" value="some" />
          Only the services I choose
        </label>
        <div className="scope-services">
          <ServicePicker groups={choiceGroups(choices)} name="componentIds" />
        </div>
      </fieldset>
      <label className="flex items-start gap-2">
        <input type="checkbox" name="allImpacts" value="1" className="mt-1.5" />
        <span>
          Every incident and maintenance update. Without this, only major and critical incidents and maintenance
          reminders are sent by SMS.
        </span>
      </label>
      <Button type="submit">Send me a code</Button>
    </form>
  );
}
