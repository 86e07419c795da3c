import { decodeBase64 } from './base64';
import type { ErrorSink } from './errors';
import { iterateLines, isSpaceOrTab, skipSpaces, trimEnd, type Line } from './lines';
import { NextCharFinder } from './next-char';
import type { Direction } from './types';

export interface HttpToken {
  bytes: Uint8Array;
  direction: Direction;
  scheme: string;
  header?: string;
  line: number;
  /** Character offset of the token's base64 in the text. */
  offset: number;
  /** The status of the response carrying an acceptor's token, when a status line preceded it. */
  status?: number;
  source: string;
}

export interface HttpExtraction {
  tokens: HttpToken[];
  /** A header or bare scheme line was present at all. */
  sawHttp: boolean;
  /** Some Negotiate/NTLM/Kerberos challenge or credential was present, with or without data. */
  sawOurScheme: boolean;
}

const SCHEMES: Record<string, string> = {
  negotiate: 'Negotiate',
  ntlm: 'NTLM',
  kerberos: 'Kerberos',
  nego2: 'Nego2',
};

const LONGEST_SCHEME = 'negotiate'.length;

const HEADER_NAMES = 'proxy-authorization|proxy-authenticate|www-authenticate|authorization';

// `Authorization: ...` at the start of a line; tshark -V prefixes shortened lines with
// `[truncated]`.
const LINE_HEADER_RE = new RegExp(
  `(\\[truncated\\][ \\t]*)?(${HEADER_NAMES})[ \\t]*:[ \\t]*`,
  'iy',
);

// `Negotiate YIIF...` alone on a line (the value copied without its header name). Only a single
// base64 run counts, so prose such as "NTLM authentication failed" is not taken for a token.
const BARE_SCHEME_RE =
  /(negotiate|ntlm|kerberos|nego2)[ \t]+[A-Za-z0-9+/_-]+=*[ \t]*(?=[\r\n]|$)/iy;

// A header inside quotes: curl's `-H 'Authorization: Negotiate ...'`, JSON or a dictionary
// `"Authorization": "Negotiate ..."`, PowerShell `@{"Authorization"="Negotiate ..."}`.
const QUOTED_HEADER_RE = new RegExp(
  `(["'])(${HEADER_NAMES})(?:[ \\t]*:[ \\t]*|\\1[ \\t]*[:=][ \\t]*(["']))`,
  'gi',
);

// Wireshark's packet details show header lines with a literal `\r\n` at the end.
const LITERAL_CRLF = '\\r\\n';

const TOKEN_CHARS = /^[A-Za-z0-9+/_=-]+$/;

// A response's status line (RFC 9112 §4; curl -v prints it after `< `, HTTP/2 as `HTTP/2 401`)
// or DevTools' HTTP/2 pseudo-header `:status: 401` (RFC 9113 §8.3.2).
const STATUS_LINE_RE = /(?:HTTP\/\d(?:\.\d)?[ \t]+|:status:[ \t]*)([1-5]\d\d)(?![0-9])/iy;
// A request line (RFC 9112 §3): a new request, so no status applies until its response's.
const REQUEST_LINE_RE = /[A-Z]+[ \t]+\S+[ \t]+HTTP\/\d/y;

function isAlphanumeric(code: number): boolean {
  const lower = code | 0x20;
  return (code >= 0x30 && code <= 0x39) || (lower >= 0x61 && lower <= 0x7a);
}

function directionOf(headerName: string): Direction {
  return headerName.toLowerCase().endsWith('authorization') ? 'initiator' : 'acceptor';
}

/**
 * Where a line's content starts after curl -v's `> ` / `< ` marker; null for lines to ignore
 * (curl's `* ` informational lines, which repeat headers in HTTP/2 traces).
 */
function contentStart(text: string, line: Line): number | null {
  const s = skipSpaces(text, line.start, line.end);
  const first = text.charCodeAt(s);
  if (first === 0x2a && (s + 1 >= line.end || isSpaceOrTab(text.charCodeAt(s + 1)))) return null;
  if (first === 0x3e || first === 0x3c) return skipSpaces(text, s + 1, line.end);
  return s;
}

interface HeaderValue {
  header: string | null;
  headerOffset: number;
  truncated: boolean;
  line: Line;
  start: number;
  end: number;
  /** The value runs to the end of its line, so a token may continue on the following lines. */
  mayContinue: boolean;
}

interface Element {
  scheme: string;
  /** Empty range when the scheme stands alone (a bare offer). */
  dataStart: number;
  dataEnd: number;
}

/** True when the line holds nothing but base64 characters (a wrapped token's continuation). */
function isContinuationLine(text: string, line: Line): boolean {
  const s = skipSpaces(text, line.start, line.end);
  const e = trimEnd(text, s, line.end);
  if (s === e) return false;
  const content = text.slice(s, e);
  return TOKEN_CHARS.test(content) && SCHEMES[content.toLowerCase()] === undefined;
}

/** Splits a header value at commas outside quoted strings (RFC 9110 list syntax). */
function splitElements(text: string, start: number, end: number): Element[] {
  const elements: Element[] = [];
  let inQuotes = false;
  let elementStart = start;
  for (let i = start; i <= end; i++) {
    const code = i < end ? text.charCodeAt(i) : 0x2c;
    if (code === 0x22) inQuotes = !inQuotes;
    if (code !== 0x2c || (inQuotes && i < end)) continue;
    const element = parseElement(text, elementStart, i);
    if (element !== null) elements.push(element);
    elementStart = i + 1;
  }
  return elements;
}

/** `Negotiate <base64>` or a bare `Negotiate`; null for other schemes and auth-params. */
function parseElement(text: string, start: number, end: number): Element | null {
  const s = skipSpaces(text, start, end);
  let schemeEnd = s;
  while (
    schemeEnd < end &&
    schemeEnd - s <= LONGEST_SCHEME &&
    isAlphanumeric(text.charCodeAt(schemeEnd))
  ) {
    schemeEnd++;
  }
  const scheme = SCHEMES[text.slice(s, schemeEnd).toLowerCase()];
  if (scheme === undefined) return null;
  const e = trimEnd(text, schemeEnd, end);
  if (schemeEnd === e) return { scheme, dataStart: e, dataEnd: e };
  if (!isSpaceOrTab(text.charCodeAt(schemeEnd))) return null;
  const dataStart = skipSpaces(text, schemeEnd, e);
  const data = text.slice(dataStart, e);
  // `Negotiate realm="x"` style auth-params carry no token.
  if (data.includes('"') || /=[^=\s]/.test(data)) return null;
  return { scheme, dataStart, dataEnd: e };
}

/** Finds header values on one line: at its start, or quoted anywhere inside it. */
function valuesOnLine(text: string, line: Line, hasQuote: boolean): HeaderValue[] {
  const s = contentStart(text, line);
  if (s === null) return [];
  LINE_HEADER_RE.lastIndex = s;
  const header = LINE_HEADER_RE.exec(text);
  if (header !== null && LINE_HEADER_RE.lastIndex <= line.end) {
    let end = trimEnd(text, LINE_HEADER_RE.lastIndex, line.end);
    if (text.endsWith(LITERAL_CRLF, end)) end = trimEnd(text, s, end - LITERAL_CRLF.length);
    const start = Math.min(LINE_HEADER_RE.lastIndex, end);
    const headerOffset = s + (header[1]?.length ?? 0);
    const truncated = header[1] !== undefined;
    return [{ header: header[2], headerOffset, truncated, line, start, end, mayContinue: true }];
  }
  BARE_SCHEME_RE.lastIndex = s;
  if (BARE_SCHEME_RE.test(text) && BARE_SCHEME_RE.lastIndex <= line.end) {
    const end = trimEnd(text, s, line.end);
    return [
      { header: null, headerOffset: s, truncated: false, line, start: s, end, mayContinue: true },
    ];
  }
  if (!hasQuote) return [];
  const content = text.slice(line.start, line.end);
  const values: HeaderValue[] = [];
  QUOTED_HEADER_RE.lastIndex = 0;
  for (let m = QUOTED_HEADER_RE.exec(content); m !== null; m = QUOTED_HEADER_RE.exec(content)) {
    const closingQuote = m[3] ?? m[1];
    const valueStart = QUOTED_HEADER_RE.lastIndex;
    const close = content.indexOf(closingQuote, valueStart);
    const valueEnd = close === -1 ? content.length : close;
    values.push({
      header: m[2],
      headerOffset: line.start + m.index + 1,
      truncated: false,
      line,
      start: line.start + valueStart,
      end: line.start + valueEnd,
      mayContinue: false,
    });
    QUOTED_HEADER_RE.lastIndex = valueEnd;
  }
  return values;
}

function lineHasQuote(doubleQuotes: NextCharFinder, singleQuotes: NextCharFinder, line: Line) {
  return doubleQuotes.occursIn(line.start, line.end) || singleQuotes.occursIn(line.start, line.end);
}

/**
 * The status that applies after `line`: a status line sets it, a request line (or curl's `> `
 * request marker) clears it, any other line keeps it.
 */
function statusAfter(text: string, line: Line, status: number | undefined): number | undefined {
  const s = skipSpaces(text, line.start, line.end);
  const marker = text.charCodeAt(s);
  const start = marker === 0x3c || marker === 0x3e ? skipSpaces(text, s + 1, line.end) : s;
  STATUS_LINE_RE.lastIndex = start;
  const match = STATUS_LINE_RE.exec(text);
  if (match !== null && STATUS_LINE_RE.lastIndex <= line.end) return Number(match[1]);
  if (marker === 0x3e) return undefined;
  REQUEST_LINE_RE.lastIndex = start;
  return REQUEST_LINE_RE.test(text) && REQUEST_LINE_RE.lastIndex <= line.end ? undefined : status;
}

/**
 * The tokens in one header value text[start, end) (a HAR entry's header): every Negotiate /
 * NTLM / Kerberos element with data, decoded; bad base64 is reported to `errors`.
 */
export function tokensInHeaderValue(
  text: string,
  start: number,
  end: number,
  header: string,
  errors: ErrorSink,
): { scheme: string; offset: number; bytes: Uint8Array; direction: Direction }[] | null {
  const elements = splitElements(text, start, end);
  if (elements.length === 0) return null;
  const found = [];
  for (const element of elements) {
    if (element.dataStart === element.dataEnd) continue;
    const decoded = decodeBase64(text, element.dataStart, element.dataEnd, errors);
    if (decoded === null) continue;
    found.push({
      scheme: element.scheme,
      offset: element.dataStart,
      bytes: decoded.bytes,
      direction: directionOf(header),
    });
  }
  return found;
}

/** True when the header name is one of the four that carry Negotiate tokens. */
export function isAuthHeaderName(name: string): boolean {
  return HEADER_NAMES.split('|').includes(name.toLowerCase());
}

/** True when any line is an auth header or a bare `Negotiate <base64>` line. */
export function containsHttpAuth(text: string): boolean {
  const doubleQuotes = new NextCharFinder(text, '"');
  const singleQuotes = new NextCharFinder(text, "'");
  for (const line of iterateLines(text)) {
    const hasQuote = lineHasQuote(doubleQuotes, singleQuotes, line);
    if (valuesOnLine(text, line, hasQuote).length > 0) return true;
  }
  return false;
}

/**
 * Extracts every Negotiate / NTLM / Kerberos token from pasted HTTP text, in order. A scheme
 * without data (the first `WWW-Authenticate: Negotiate` challenge) yields nothing and is not
 * an error. Tokens wrapped over several lines are joined.
 */
export function extractHttp(text: string, errors: ErrorSink): HttpExtraction {
  const lines = [...iterateLines(text)];
  const doubleQuotes = new NextCharFinder(text, '"');
  const singleQuotes = new NextCharFinder(text, "'");
  const result: HttpExtraction = { tokens: [], sawHttp: false, sawOurScheme: false };
  let status: number | undefined;

  for (let index = 0; index < lines.length; index++) {
    const line = lines[index];
    status = statusAfter(text, line, status);
    const values = valuesOnLine(text, line, lineHasQuote(doubleQuotes, singleQuotes, line));
    for (const value of values) {
      result.sawHttp = true;
      // Browser devtools may put the name and the value on separate lines.
      if (value.start === value.end && value.mayContinue && index + 1 < lines.length) {
        const nextLine = lines[index + 1];
        const s = skipSpaces(text, nextLine.start, nextLine.end);
        if (parseElement(text, s, nextLine.end) !== null) {
          value.start = s;
          value.end = trimEnd(text, s, nextLine.end);
          index++;
        }
      }
      const elements = splitElements(text, value.start, value.end);
      if (elements.length === 0) continue;
      result.sawOurScheme = true;
      const last = elements[elements.length - 1];
      if (value.mayContinue && last.dataEnd === value.end) {
        while (index + 1 < lines.length && isContinuationLine(text, lines[index + 1])) {
          index++;
          const continued = lines[index];
          if (last.dataStart === last.dataEnd) last.dataStart = continued.start;
          last.dataEnd = trimEnd(text, continued.start, continued.end);
        }
      }
      if (value.truncated) {
        errors.add(
          value.headerOffset,
          `the header on line ${line.number} was shortened by Wireshark ('[truncated]'), so its ` +
            'token is incomplete; copy the header value itself or the bytes as a hex dump',
        );
        continue;
      }
      for (const element of elements) {
        if (element.dataStart === element.dataEnd) continue;
        const decoded = decodeBase64(text, element.dataStart, element.dataEnd, errors);
        if (decoded === null) continue;
        const label = value.header === null ? element.scheme : `${value.header}: ${element.scheme}`;
        const direction = value.header === null ? null : directionOf(value.header);
        result.tokens.push({
          bytes: decoded.bytes,
          direction,
          scheme: element.scheme,
          ...(value.header === null ? {} : { header: value.header }),
          line: line.number,
          offset: element.dataStart,
          ...(direction === 'acceptor' && status !== undefined ? { status } : {}),
          source: `${label} (line ${line.number})`,
        });
      }
    }
  }
  return result;
}
