/** The source could not be read as a whole (wrong key or page, lost connection, endless 429): nothing is written. */
export class SourceError extends Error {
  override name = "SourceError";
}
