import { ByteBuilder } from './byte-builder';
import { invalidCharMessage, type ErrorSink } from './errors';
import { hexDigitValue, isHexDigit, writeHexRun } from './hex-digit';
import { isWhitespace, skipSpaces } from './lines';
import { unquotedRange, type TextRange } from './text-range';

/** 'odd' = hex characters only, but some group has an odd number of digits. */
export type HexShape = 'hex' | 'odd' | 'not-hex';

interface HexBody extends TextRange {
  /** The digits sat inside `{...}` or `[0x..]`, so source-code comments may appear. */
  arrayLiteral: boolean;
}

const SNIPPET_LENGTH = 16;

// Separators seen between bytes in the wild: spaces, newlines, ':' (openssl), '-' (Windows),
// ',' and ';' (arrays, CSV).
function isSeparator(code: number): boolean {
  return isWhitespace(code) || code === 0x3a || code === 0x2d || code === 0x2c || code === 0x3b;
}

/**
 * Finds the digits of a source-code array (`unsigned char x[] = { 0x60, ... };`, `[]byte{...}`,
 * `[0x60, 0x82]`) so the declaration around it is ignored; otherwise the whole (unquoted) text.
 */
function hexBody(text: string): HexBody {
  const call = fromHexCall(text);
  if (call !== null) return { ...call, arrayLiteral: false };
  const range = unquotedRange(text);
  const brace = text.indexOf('{', range.start);
  if (brace !== -1 && brace < range.end) {
    const close = text.lastIndexOf('}', range.end - 1);
    if (close > brace) return { start: brace + 1, end: close, arrayLiteral: true };
  }
  for (let bracket = text.indexOf('[', range.start); bracket !== -1 && bracket < range.end;) {
    const first = skipSpaces(text, bracket + 1, range.end);
    if (text.charCodeAt(first) === 0x30 && (text.charCodeAt(first + 1) | 0x20) === 0x78) {
      const close = text.lastIndexOf(']', range.end - 1);
      if (close > bracket) return { start: bracket + 1, end: close, arrayLiteral: true };
    }
    bracket = text.indexOf('[', bracket + 1);
  }
  return { ...range, arrayLiteral: false };
}

// Python's `bytes.fromhex('60 82 …')` / `bytearray.fromhex(…)` / `binascii.unhexlify(b'…')`
// (Python docs, Built-in Types: bytes.fromhex; binascii.unhexlify), alone on the text.
const FROMHEX_CALL_RE =
  /^\s*(?:[A-Za-z_][A-Za-z0-9_]*\s*=\s*)?(?:(?:bytes|bytearray)\.fromhex|(?:binascii\.)?(?:unhexlify|a2b_hex))\(\s*[bB]?(["'])/;

/** The string inside a Python hex-decoding call, or null when the text is not one. */
function fromHexCall(text: string): TextRange | null {
  const match = FROMHEX_CALL_RE.exec(text.slice(0, 256));
  if (match === null) return null;
  const start = match[0].length;
  const close = text.indexOf(match[1], start);
  if (close === -1) return null;
  const after = text.slice(close + 1).trim();
  return /^\)?\s*;?$/.test(after) ? { start, end: close } : null;
}

/** Length of a `0x` or `\x` prefix at `i` that is followed by a hex digit, else 0. */
function prefixLength(text: string, i: number): number {
  const first = text.charCodeAt(i);
  if (first !== 0x30 && first !== 0x5c) return 0;
  if ((text.charCodeAt(i + 1) | 0x20) !== 0x78) return 0;
  return isHexDigit(text.charCodeAt(i + 2)) ? 2 : 0;
}

/** Index just past a C block or line comment starting at `i`, or `i` when there is none. */
function skipComment(text: string, i: number, end: number): number {
  if (text.charCodeAt(i) !== 0x2f) return i;
  const second = text.charCodeAt(i + 1);
  if (second === 0x2a) {
    const close = text.indexOf('*/', i + 2);
    return close === -1 || close >= end ? end : close + 2;
  }
  if (second === 0x2f) {
    let j = i + 2;
    while (j < end && text.charCodeAt(j) !== 0x0a && text.charCodeAt(j) !== 0x0d) j++;
    return j;
  }
  return i;
}

/**
 * Walks hex groups in `body`. A group is a run of digits; a `0x`/`\x` prefix starts one. Each
 * group must have an even number of digits, except that a prefixed single digit (`0x6` in a C
 * array) is one byte. With `errors` absent it only classifies and stops at the first bad char.
 */
function scanHex(
  text: string,
  body: HexBody,
  out: ByteBuilder | null,
  errors: ErrorSink | null,
): HexShape {
  let shape: HexShape = 'hex';
  let digits = 0;
  let i = body.start;
  while (i < body.end) {
    const code = text.charCodeAt(i);
    if (isSeparator(code)) {
      i++;
      continue;
    }
    if (body.arrayLiteral) {
      const afterComment = skipComment(text, i, body.end);
      if (afterComment !== i) {
        i = afterComment;
        continue;
      }
    }
    const prefix = prefixLength(text, i);
    const groupStart = i + prefix;
    let groupEnd = groupStart;
    while (groupEnd < body.end && isHexDigit(text.charCodeAt(groupEnd))) groupEnd++;
    const length = groupEnd - groupStart;
    if (length === 0) {
      if (errors === null) return 'not-hex';
      errors.add(i, invalidCharMessage('hex', text, i));
      shape = 'not-hex';
      i += code >= 0xd800 && code < 0xdc00 ? 2 : 1;
      continue;
    }
    digits += length;
    if (prefix > 0 && length === 1) {
      out?.push(hexDigitValue(text.charCodeAt(groupStart)));
    } else if (length % 2 === 1) {
      if (shape === 'hex') shape = 'odd';
      const snippet = text.slice(groupStart, Math.min(groupEnd, groupStart + SNIPPET_LENGTH));
      const shown = length > SNIPPET_LENGTH ? `${snippet}...` : snippet;
      errors?.add(
        groupStart,
        `odd number of hex digits (${length}) in '${shown}' at offset ${groupStart}`,
      );
    } else if (out !== null) {
      writeHexRun(text, groupStart, groupEnd, out);
    }
    i = groupEnd;
  }
  if (digits === 0 && shape !== 'not-hex') {
    errors?.add(body.start, 'no hex digits');
    return 'not-hex';
  }
  return shape;
}

/** Classifies the whole text as hex, hex with an odd group, or not hex at all. */
export function hexShape(text: string): HexShape {
  return scanHex(text, hexBody(text), null, null);
}

export interface DecodedHex {
  bytes: Uint8Array;
  source: string;
  /** Where the hex digits start in the text. */
  offset: number;
}

/** Decodes the whole text as hex; on any error reports it and returns null. */
export function decodeHex(text: string, errors: ErrorSink): DecodedHex | null {
  const body = hexBody(text);
  const out = new ByteBuilder((body.end - body.start) >>> 1);
  const before = errors.count;
  scanHex(text, body, out, errors);
  if (errors.count > before) return null;
  const source = body.arrayLiteral
    ? 'hex (array literal)'
    : fromHexCall(text) !== null
      ? 'hex (Python fromhex)'
      : 'hex';
  return { bytes: out.toBytes(), source, offset: skipSpaces(text, body.start, body.end) };
}
