import { trimEnd, trimStart } from './lines';

export interface TextRange {
  start: number;
  end: number;
}

/**
 * The text without surrounding whitespace and without one pair of matching outer quotes, so a
 * value copied out of JSON or source code (`"YHYG...",`) decodes like the bare value.
 */
export function unquotedRange(text: string, start = 0, end = text.length): TextRange {
  let s = trimStart(text, start, end);
  let e = trimEnd(text, s, end);
  const open = text.charCodeAt(s);
  if (open !== 0x22 && open !== 0x27) return { start: s, end: e };
  let close = e - 1;
  const last = text.charCodeAt(close);
  if ((last === 0x2c || last === 0x3b) && close > s) close = trimEnd(text, s, close) - 1;
  if (close > s && text.charCodeAt(close) === open && text.indexOf(text[s], s + 1) === close) {
    s = trimStart(text, s + 1, close);
    e = trimEnd(text, s, close);
  }
  return { start: s, end: e };
}
