import { invalidCharMessage, type ErrorSink } from './errors';

const WHITESPACE = -2;
const PADDING = -3;
const INVALID = -1;

// Standard and URL-safe alphabets are accepted together: '+' and '-' are 62, '/' and '_' are 63.
const SEXTET = buildSextetTable();

function buildSextetTable(): Int8Array {
  const table = new Int8Array(128).fill(INVALID);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  for (let i = 0; i < alphabet.length; i++) table[alphabet.charCodeAt(i)] = i;
  table[0x2d] = 62; // '-'
  table[0x5f] = 63; // '_'
  for (const ws of [0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20]) table[ws] = WHITESPACE;
  table[0x3d] = PADDING;
  return table;
}

function sextetOf(code: number): number {
  return code < 128 ? SEXTET[code] : INVALID;
}

interface Base64Scan {
  dataChars: number;
  valid: boolean;
}

/** Index of the last base64 data character in [start, end), for pointing at a dangling one. */
function lastDataChar(text: string, start: number, end: number): number {
  for (let i = end - 1; i >= start; i--) if (sextetOf(text.charCodeAt(i)) >= 0) return i;
  return start;
}

/**
 * Validates text[start, end) as base64 (whitespace anywhere, '=' padding optional but never
 * more than needed). Reports problems to `errors` when given; stops at the first one when not.
 */
function scanBase64(
  text: string,
  start: number,
  end: number,
  errors: ErrorSink | null,
): Base64Scan {
  let dataChars = 0;
  let pads = 0;
  let firstPad = -1;
  let dataAfterPad = false;
  let problems = 0;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    const sextet = code < 128 ? SEXTET[code] : INVALID;
    if (sextet >= 0) {
      dataChars++;
      // Reported once: concatenated tokens would otherwise flood the list.
      if (pads > 0 && !dataAfterPad) {
        dataAfterPad = true;
        problems++;
        errors?.add(i, `base64 data after '=' padding at offset ${i}`);
      }
    } else if (sextet === PADDING) {
      if (pads++ === 0) firstPad = i;
    } else if (sextet === INVALID) {
      problems++;
      errors?.add(i, invalidCharMessage('base64', text, i));
      if (code >= 0xd800 && code < 0xdc00) i++; // the pair's second half is the same character
    }
    if (problems > 0 && errors === null) return { dataChars, valid: false };
  }
  // After a bad character the length is off anyway; the character is the error to show.
  if (problems > 0) return { dataChars, valid: false };
  if (dataChars === 0) {
    errors?.add(start, 'no base64 data');
    return { dataChars, valid: false };
  }
  if (dataChars % 4 === 1) {
    problems++;
    const last = lastDataChar(text, start, end);
    errors?.add(
      last,
      `incomplete base64: ${dataChars} characters leave one dangling character at offset ${last}`,
    );
  }
  const padsNeeded = (4 - (dataChars % 4)) % 4;
  if (pads > padsNeeded && dataChars % 4 !== 1) {
    problems++;
    errors?.add(firstPad, `too much base64 padding: ${pads} '=' at offset ${firstPad}`);
  }
  return { dataChars, valid: problems === 0 };
}

/** True when text[start, end) decodes as base64 without any error. */
export function isCleanBase64(text: string, start: number, end: number): boolean {
  return scanBase64(text, start, end, null).valid;
}

export interface DecodedBase64 {
  bytes: Uint8Array;
  urlSafe: boolean;
}

/** Decodes text[start, end); on any error reports it and returns null. Two linear passes. */
export function decodeBase64(
  text: string,
  start: number,
  end: number,
  errors: ErrorSink,
): DecodedBase64 | null {
  const scan = scanBase64(text, start, end, errors);
  if (!scan.valid) return null;
  const bytes = new Uint8Array(Math.floor((scan.dataChars * 3) / 4));
  let accumulator = 0;
  let pending = 0;
  let out = 0;
  let urlSafe = false;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    const sextet = code < 128 ? SEXTET[code] : INVALID;
    if (sextet < 0) {
      if (sextet === PADDING) break;
      continue;
    }
    if (sextet >= 62 && (code === 0x2d || code === 0x5f)) urlSafe = true;
    accumulator = (accumulator << 6) | sextet;
    if (++pending === 4) {
      bytes[out++] = accumulator >>> 16;
      bytes[out++] = (accumulator >>> 8) & 0xff;
      bytes[out++] = accumulator & 0xff;
      accumulator = 0;
      pending = 0;
    }
  }
  if (pending === 2) {
    bytes[out++] = (accumulator >>> 4) & 0xff;
  } else if (pending === 3) {
    bytes[out++] = (accumulator >>> 10) & 0xff;
    bytes[out++] = (accumulator >>> 2) & 0xff;
  }
  return { bytes, urlSafe };
}
