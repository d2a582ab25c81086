"use client";

import { useActionState } from "react";
import { Field, FormStatus, SubmitButton, inputClass, useFocusOnError } from "@/components/admin/form";
import type { FormState } from "@/services/auth/action";
import { confirmTwoFactorAction, disableTwoFactorAction, startTwoFactorAction } from "./actions";

export function TwoFactorSetup() {
  const [started, start, starting] = useActionState(startTwoFactorAction, {} as FormState);
  const [confirmed, confirm, confirming] = useActionState(confirmTwoFactorAction, {} as FormState);
  const ref = useFocusOnError(confirmed);
  const codes = confirmed.reveal?.recoveryCodes as string[] | undefined;
  if (codes) {
    return (
      <div className="mt-4 max-w-xl">
        <FormStatus state={confirmed} />
        <h3 className="mt-4 font-semibold">Your recovery codes</h3>
        <p className="text-sm text-slate-700 dark:text-slate-300">
          Each works once if you lose your phone. Keep them somewhere safe now: they are not shown again.
        </p>
        <ul aria-label="Recovery codes" className="mt-2 grid grid-cols-2 gap-1 font-mono">
          {codes.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ul>
      </div>
    );
  }
  const secret = started.reveal?.secret as string | undefined;
  return (
    <div className="mt-4 max-w-xl space-y-4">
      <form action={start}>
        <FormStatus state={started} />
        {!secret && <SubmitButton pending={starting}>Set up two-factor sign-in</SubmitButton>}
      </form>
      {secret && (
        <form ref={ref} key={confirmed.at} action={confirm} noValidate className="space-y-4">
          <figure>
            <div
              role="img"
              aria-label="QR code of the key: scan it with your authenticator app"
              className="inline-block rounded-md bg-white p-2"
              dangerouslySetInnerHTML={{ __html: started.reveal!.qr as string }}
            />
            <figcaption className="mt-1 text-sm">
              Scan this with your authenticator app, or type the key below.
            </figcaption>
          </figure>
          <div>
            <p className="text-sm font-medium">Key for your authenticator app</p>
            <p
              className="mt-1 break-all rounded-md bg-slate-100 px-3 py-2 font-mono dark:bg-slate-800"
              data-testid="totp-secret"
            >
              {secret.match(/.{1,4}/g)!.join(" ")}
            </p>
            <p className="mt-1 text-sm">
              On this device?{" "}
              <a href={started.reveal!.uri as string} className="underline">
                Open it in your authenticator app
              </a>
              .
            </p>
          </div>
          <FormStatus state={confirmed} />
          <Field name="code" label="Code from the app" state={confirmed}>
            {(p) => <input {...p} inputMode="numeric" autoComplete="one-time-code" className={inputClass} />}
          </Field>
          <SubmitButton pending={confirming}>Turn on two-factor sign-in</SubmitButton>
        </form>
      )}
    </div>
  );
}

export function TwoFactorDisable() {
  const [state, action, pending] = useActionState(disableTwoFactorAction, {} as FormState);
  const ref = useFocusOnError(state);
  return (
    <form ref={ref} key={state.at} action={action} noValidate className="mt-4 max-w-xl space-y-4">
      <FormStatus state={state} />
      <Field name="code" label="Code from your app, to turn it off" state={state}>
        {(p) => <input {...p} inputMode="numeric" autoComplete="one-time-code" className={inputClass} />}
      </Field>
      <SubmitButton pending={pending} tone="danger">
        Turn off two-factor sign-in
      </SubmitButton>
    </form>
  );
}
