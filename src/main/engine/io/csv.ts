/**
 * RFC 4180 CSV reading: quoted fields with doubled quotes, CRLF or LF, a leading UTF-8 BOM
 * ignored. The delimiter is ',' unless the header line has more ';' than ',' outside quotes
 * (Excel's export in locales with a decimal comma).
 */
export interface CsvText {
  delimiter: ',' | ';';
  header: string[];
  /** Data rows; each has exactly header.length cells (an error names a row that does not). */
  rows: string[][];
}

export class CsvError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CsvError';
  }
}

function detectDelimiter(text: string): ',' | ';' {
  let commas = 0;
  let semis = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && c === ',') commas++;
    else if (!quoted && c === ';') semis++;
  }
  return semis > commas ? ';' : ',';
}

export function parseCsv(input: string, source = 'CSV'): CsvText {
  const text = input.replace(/^\uFEFF/, '');
  const delimiter = detectDelimiter(text);
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (c === '"') quoted = false;
      else field += c;
      i++;
      continue;
    }
    if (c === '"' && field.length === 0) quoted = true;
    else if (c === delimiter) {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      record.push(field);
      field = '';
      if (record.length > 1 || record[0] !== '') records.push(record);
      record = [];
      if (c === '\r' && text[i + 1] === '\n') i++;
    } else field += c;
    i++;
  }
  if (quoted) throw new CsvError(`${source}: unterminated quoted field at the end of the file`);
  if (field.length || record.length) {
    record.push(field);
    records.push(record);
  }
  if (records.length === 0) throw new CsvError(`${source}: the file is empty`);
  const header = records[0].map((h) => h.trim());
  const rows = records.slice(1);
  rows.forEach((r, k) => {
    if (r.length !== header.length) {
      throw new CsvError(`${source}: row ${k + 2} has ${r.length} fields, the header has ${header.length}`);
    }
  });
  return { delimiter, header, rows };
}
