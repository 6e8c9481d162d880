/**
 * How a value must be written so the sheet holds exactly that value: the one escaping rule every
 * write uses (the sidebar, the recompute, setup, the demo and the preview's import). Pure.
 */

// Text that Sheets would turn into something else when written: a formula (= + - @), a number
// (007, 1e5), percent, currency, date, time or boolean — or a leading apostrophe it would swallow.
const CONVERTED_TEXT = /^(?:[=+\-@']|\s*[$¥€£]?\s*[\d.,]+\s*%?\s*$|\s*\d+(?:\.\d+)?e[-+]?\d+\s*$|\s*(?:true|false)\s*$|\s*\d{1,4}[-/.年]\d{1,2}|\s*\d{1,2}:\d{2})/i;

/**
 * A value as it must be written so the sheet holds exactly that value. Such text gets a leading
 * apostrophe, which Sheets stores as plain text: a hostile value never runs IMPORTXML, and an ID
 * "007" or a note "31%" stays the text it was.
 */
export function safeCell(value: unknown): unknown {
  if (typeof value === 'string') return value === '' || startsAsText(value.charCodeAt(0)) || !CONVERTED_TEXT.test(value) ? value : `'${value}`;
  return value === undefined || value === null ? '' : value;
}

/**
 * A first character CONVERTED_TEXT can never match — a letter other than t and f, or a CJK
 * ideograph — so the text is written as it is without running the pattern. Most text a run
 * writes (names, labels, next actions) starts so.
 */
function startsAsText(c: number): boolean {
  if (c >= 0x4e00 && c <= 0x9fff) return true;
  const lower = c | 0x20; // ASCII letters to lower case (other characters fail the range test below or are ruled out)
  return c < 128 && lower >= 97 && lower <= 122 && lower !== 116 && lower !== 102;
}

