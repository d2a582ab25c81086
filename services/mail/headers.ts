// Every header value of an outgoing email (subject, from, to, and the extra headers) as one clean line.
// A subject is made of stored text (the page name, an incident name), and a CR or LF in it is how a header
// is injected; other control characters make mail clients show garbage or refuse the message. Input rules
// refuse them (core/text-input.ts), but rows written before those rules, and the configuration, still reach
// here, so the mail layer cleans every value in one place just before it leaves (services/mail/send.ts).

/** Line breaks of any kind (CR, LF, NEL, U+2028/2029) and tabs: each run becomes one space. */
const BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]+/g;
/** Other C0/C1 controls, DEL, U+FFFE/U+FFFF and lone surrogates: dropped. */
const CONTROLS =
  /[\u0000-\u001f\u007f-\u009f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
/** RFC 5322 field names: printable ASCII except the colon. */
const FIELD_NAME = /^[!-9;-~]{1,76}$/;

/** A header value on one line: breaks become spaces, controls go, runs of spaces collapse, ends trimmed. */
export function headerValue(value: string): string {
  return value.replace(BREAKS, " ").replace(CONTROLS, "").replace(/ {2,}/g, " ").trim();
}

/** The extra headers with clean values; a header whose name is not a valid field name is left out. */
export function headerValues(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers)
      .filter(([name]) => FIELD_NAME.test(name))
      .map(([name, value]) => [name, headerValue(String(value))]),
  );
}

/** The email with every header it carries made safe; the body parts are left as they are. */
export function withSafeHeaders<
  E extends { from: string; to: string[]; subject: string; headers: Record<string, string> },
>(email: E): E {
  return {
    ...email,
    from: headerValue(email.from),
    to: email.to.map(headerValue),
    subject: headerValue(email.subject),
    headers: headerValues(email.headers),
  };
}
