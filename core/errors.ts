// Expected failures of domain verbs. Actions show them per field; the API maps `code` to an HTTP status.
export type DomainErrorCode = "invalid" | "not_found" | "conflict" | "forbidden";

export class DomainError extends Error {
  override name = "DomainError";
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    /** Per-field messages, keyed by the input's field names. */
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const invalid = (field: string, message: string) => new DomainError("invalid", message, { [field]: message });
export const notFound = (what: string) => new DomainError("not_found", `${what} was not found`);
