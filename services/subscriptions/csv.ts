// CSV in and out (RFC 4180: commas, double quotes, quoted line breaks), small enough to read in one go.
// Reading keeps each record's starting line number, so import errors can point at the line in the file.
// Writing neutralises cells a spreadsheet would run as a formula.

export interface CsvRecord {
  /** 1-based line in the file where the record starts. */
  line: number;
  cells: string[];
}

export class CsvSyntaxError extends Error {
  override name = "CsvSyntaxError";
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

/** Parses the whole text. Blank lines are skipped. Throws CsvSyntaxError on an unclosed or stray quote. */
export function parseCsv(text: string): CsvRecord[] {
  const input = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let line = 1;
  let start = 1;
  let cells: string[] = [];
  let cell = "";
  let quoted = false;
  let wasQuoted = false;
  /** Just after a closing quote: only a comma or a line break may follow. */
  let closed = false;
  const endRecord = () => {
    cells.push(cell);
    if (!(cells.length === 1 && cells[0] === "" && !wasQuoted)) records.push({ line: start, cells });
    cells = [];
    cell = "";
    wasQuoted = false;
    closed = false;
  };
  for (let i = 0; i < input.length; i++) {
    const c = input[i];
    if (quoted) {
      if (c === '"') {
        if (input[i + 1] === '"') {
          cell += '"';
          i++;
        } else {
          quoted = false;
          closed = true;
        }
      } else {
        if (c === "\n") line++;
        cell += c;
      }
      continue;
    }
    if (c === '"') {
      if (cell !== "")
        throw new CsvSyntaxError(line, "A quote may only start a value: write it as two quotes inside a quoted value");
      quoted = true;
      wasQuoted = true;
    } else if (c === ",") {
      cells.push(cell);
      cell = "";
      closed = false;
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && input[i + 1] === "\n") i++;
      endRecord();
      line++;
      start = line;
    } else {
      if (closed) throw new CsvSyntaxError(line, "Text after a closing quote: put a comma between values");
      cell += c;
    }
  }
  if (quoted) throw new CsvSyntaxError(start, "A quoted value is never closed");
  endRecord();
  return records;
}

/** Cells a spreadsheet would treat as a formula (or a DDE command) get a leading apostrophe. */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function quoteCell(value: string): string {
  const safe = neutraliseFormula(value);
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** Rows to CSV text with CRLF line ends (what spreadsheets expect), every cell formula-safe. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => row.map(quoteCell).join(",")).join("\r\n") + "\r\n";
}
