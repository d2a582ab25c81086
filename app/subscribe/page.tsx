import { pageAudience } from "@/services/viewers/request";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db";
import { componentChoices, getPageRow } from "@/db/queries/subscribers";
import { PageShell } from "@/components/page-shell";
import { getConfig } from "@/core/config";
import { SmsSubscribeForm } from "./sms-form";
import { SubscribeForm, type SubscribeFormText } from "./subscribe-form";
import { WebhookSubscribeForm } from "./webhook-form";
import { ChatSubscribeForm } from "./chat-form";
import { chatFormText } from "./chat-form-text";
import { webhookFormText } from "./webhook-form-text";
import { hrefIn } from "@/core/i18n/paths";
import { translator } from "@/core/i18n/translate";
import { publicLocale } from "@/services/i18n/request";

export const dynamic = "force-dynamic";
export async function generateMetadata(): Promise<Metadata> {
  return { title: translator((await publicLocale()).locale, "subscribe")("metaTitle") };
}

const tab =
  "rounded-md px-3 py-1.5 font-medium text-slate-800 hover:bg-slate-200 aria-[current=page]:bg-blue-700 aria-[current=page]:text-white dark:text-slate-200 dark:hover:bg-slate-800 dark:aria-[current=page]:bg-blue-600";

export default async function SubscribePage({ searchParams }: { searchParams: Promise<{ via?: string | string[] }> }) {
  const db = getDb();
  const page = getPageRow(db);
  if (!page) notFound();
  await pageAudience();
  const via = (await searchParams).via;
  // SMS is offered only when Twilio is configured.
  const smsOffered = getConfig().twilio !== null;
  const sms = smsOffered && via === "sms";
  const webhook = via === "webhook";
  const chat = via === "chat";
  const choices = componentChoices(db, page.id);
  const lang = await publicLocale();
  const t = translator(lang.locale, "subscribe");
  const href = (path: string) => hrefIn(lang, path);
  const formText = Object.fromEntries(
    (
      [
        "checkInbox",
        "checkInboxText",
        "email",
        "notifyAbout",
        "everything",
        "onlyChosen",
        "tooMany",
        "subscribing",
        "submit",
      ] as const
    ).map((key) => [key, t(key)]),
  ) as SubscribeFormText;
  // In the page's frame (header and footer), so there is always a way back to the status page.
  return (
    <PageShell page={page} lang={lang} headingLevel={2}>
      <div className="mx-auto max-w-xl">
        <h1 className="text-2xl font-bold">
          {t(chat ? "headingChat" : sms ? "headingSms" : webhook ? "headingWebhook" : "headingEmail", {
            page: page.name,
          })}
        </h1>
        <nav aria-label={t("ways")} className="mt-4 flex flex-wrap gap-2">
          <Link href={href("/subscribe")} className={tab} aria-current={webhook || chat || sms ? undefined : "page"}>
            {t("tabEmail")}
          </Link>
          <Link href={href("/subscribe?via=chat")} className={tab} aria-current={chat ? "page" : undefined}>
            {t("tabChat")}
          </Link>
          {smsOffered ? (
            <Link href={href("/subscribe?via=sms")} className={tab} aria-current={sms ? "page" : undefined}>
              {t("tabSms")}
            </Link>
          ) : null}
          <Link href={href("/subscribe?via=webhook")} className={tab} aria-current={webhook ? "page" : undefined}>
            {t("tabWebhook")}
          </Link>
        </nav>
        {sms ? (
          <p className="mt-4 text-slate-700 dark:text-slate-300">{t("introSms")}</p>
        ) : chat ? (
          <p className="mt-4 text-slate-700 dark:text-slate-300">{t("introChat")}</p>
        ) : webhook ? (
          <p className="mt-4 text-slate-700 dark:text-slate-300">{t("introWebhook")}</p>
        ) : (
          <p className="mt-4 text-slate-700 dark:text-slate-300">{t("introEmail")}</p>
        )}
        <div className="mt-8">
          {chat ? (
            <ChatSubscribeForm choices={choices} locale={lang.locale} text={chatFormText(lang.locale)} />
          ) : sms ? (
            <SmsSubscribeForm choices={choices} lang={lang} />
          ) : webhook ? (
            <WebhookSubscribeForm choices={choices} locale={lang.locale} text={webhookFormText(lang.locale)} />
          ) : (
            <SubscribeForm choices={choices} locale={lang.locale} text={formText} />
          )}
        </div>
        <section
          aria-labelledby="other-ways"
          className="mt-10 border-t border-slate-200 pt-6 text-sm text-slate-700 dark:border-slate-800 dark:text-slate-300"
        >
          <h2 id="other-ways" className="font-semibold text-slate-900 dark:text-slate-100">
            {t("otherWays")}
          </h2>
          <ul className="mt-2 list-disc space-y-1 ps-5">
            <li>
              {t.rich("calendar", {
                link: (chunks) => (
                  <a href={href("/maintenances.ics")} className="underline">
                    {chunks}
                  </a>
                ),
              })}
            </li>
            <li>
              {t.rich("feeds", {
                atom: (chunks) => (
                  <a href={href("/history.atom")} className="underline">
                    {chunks}
                  </a>
                ),
                rss: (chunks) => (
                  <a href={href("/history.rss")} className="underline">
                    {chunks}
                  </a>
                ),
              })}
            </li>
          </ul>
        </section>
      </div>
    </PageShell>
  );
}
