import { NextCharFinder } from './next-char';

/** One line of text: [start, end) excludes the line break; `next` is where the next line starts. */
export interface Line {
  start: number;
  end: number;
  next: number;
  /** 1-based. */
  number: number;
}

/** Splits text into lines on LF, CRLF or a lone CR, lazily and in linear time. */
export function* iterateLines(text: string): Generator<Line> {
  const lineFeeds = new NextCharFinder(text, '\n');
  const carriageReturns = new NextCharFinder(text, '\r');
  let start = 0;
  for (let number = 1; start <= text.length; number++) {
    const lf = lineFeeds.from(start);
    const cr = carriageReturns.from(start);
    let end = text.length;
    let next = text.length + 1;
    if (cr !== -1 && (lf === -1 || cr < lf)) {
      end = cr;
      next = text.charCodeAt(cr + 1) === 0x0a ? cr + 2 : cr + 1;
    } else if (lf !== -1) {
      end = lf;
      next = lf + 1;
    }
    yield { start, end, next, number };
    start = next;
  }
}

export function isSpaceOrTab(code: number): boolean {
  return code === 0x20 || code === 0x09;
}

/** Whitespace as far as pasted input is concerned: space, tab, CR, LF, VT, FF. */
export function isWhitespace(code: number): boolean {
  return code === 0x20 || (code >= 0x09 && code <= 0x0d);
}

/** First index in [from, to) that is not a space or tab, or `to`. */
export function skipSpaces(text: string, from: number, to: number): number {
  let i = from;
  while (i < to && isSpaceOrTab(text.charCodeAt(i))) i++;
  return i;
}

/** Index just after the last character in [from, to) that is not whitespace, or `from`. */
export function trimEnd(text: string, from: number, to: number): number {
  let i = to;
  while (i > from && isWhitespace(text.charCodeAt(i - 1))) i--;
  return i;
}

/** First index in [from, to) that is not whitespace, or `to`. */
export function trimStart(text: string, from: number, to: number): number {
  let i = from;
  while (i < to && isWhitespace(text.charCodeAt(i))) i++;
  return i;
}
