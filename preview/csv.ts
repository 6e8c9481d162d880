/**
 * Reading a pasted table or a CSV file: comma- or tab-separated (chosen by the header line),
 * RFC 4180 quoting (fields in double quotes may hold separators, newlines and "" for a quote),
 * CRLF or LF, an optional byte-order mark. Pure.
 */
import { type Lang, pt } from './text';

export interface ParsedTable {
  delimiter: ',' | '\t' | ';';
  rows: string[][];
  /** Problems that did not stop the parse (an unclosed quote at the end). */
  warnings: string[];
}

/** The separator of the first line: tabs win (pasted from a sheet), then commas, then semicolons. */
export function detectDelimiter(text: string): ParsedTable['delimiter'] {
  const first = text.split(/\r?\n/, 1)[0] ?? '';
  if (first.includes('\t')) return '\t';
  if (first.includes(',') || !first.includes(';')) return ',';
  return ';';
}

export function parseTable(input: string, lang: Lang = 'en'): ParsedTable {
  const text = input.replace(/^\uFEFF/, '');
  const delimiter = detectDelimiter(text);
  const rows: string[][] = [];
  const warnings: string[] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let wasQuoted = false;
  let line = 1;
  let quoteLine = 0;
  const endField = () => {
    row.push(wasQuoted ? field : field.trim());
    field = '';
    wasQuoted = false;
  };
  const endRow = () => {
    endField();
    if (row.some((cell) => cell !== '')) rows.push(row);
    row = [];
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"' && field.trim() === '') {
      quoted = true;
      wasQuoted = true;
      quoteLine = line;
      field = '';
    } else if (ch === delimiter) endField();
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      line++;
      endRow();
    } else field += ch;
  }
  if (quoted) warnings.push(pt(lang, 'unclosedQuote', { line: quoteLine }));
  if (field !== '' || row.length > 0) endRow();
  return { delimiter, rows, warnings };
}
