/**
 * A browser's HAR export (HAR 1.2, http://www.softwareishard.com/blog/har-12-spec/): `log.entries[]`
 * in the order the file lists them, each `request.headers` then `response.headers` (`{name,
 * value}` objects) with `response.status`. The Negotiate / NTLM / Kerberos tokens of the
 * Authorization / WWW-Authenticate / Proxy-* headers are the exchange, in order.
 */
import type { ErrorSink } from './errors';
import { isAuthHeaderName, tokensInHeaderValue } from './http';
import type { Direction } from './types';

export interface HarToken {
  bytes: Uint8Array;
  direction: Direction;
  scheme: string;
  header: string;
  offset: number;
  line: number;
  status?: number;
  source: string;
}

export interface HarExtraction {
  tokens: HarToken[];
  entries: number;
  /** Some auth header used one of our schemes. */
  sawOurScheme: boolean;
}

interface HarHeader {
  name?: unknown;
  value?: unknown;
}

interface HarMessage {
  headers?: unknown;
  status?: unknown;
}

interface HarEntry {
  request?: HarMessage;
  response?: HarMessage;
}

/** Cheap shape test for detection: a JSON object naming `log` and `entries`. */
export function looksLikeHar(text: string): boolean {
  const first = text.search(/\S/);
  if (first === -1 || text.charCodeAt(first) !== 0x7b) return false;
  return text.includes('"log"') && text.includes('"entries"');
}

function entriesOf(text: string): HarEntry[] | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  const log = (parsed as { log?: { entries?: unknown } } | null)?.log;
  return Array.isArray(log?.entries) ? (log.entries as HarEntry[]) : null;
}

/**
 * Reads the HAR's tokens; null when the text is not a HAR (not JSON, or no `log.entries`).
 * Offsets point into the text: each header value is found after the previous one (the file
 * lists them in the same order), so the search is linear; a value written with JSON escapes
 * that the search cannot match is decoded from the parsed string, at the last known offset.
 */
export function extractHar(text: string, errors: ErrorSink): HarExtraction | null {
  const entries = entriesOf(text);
  if (entries === null) return null;
  const result: HarExtraction = { tokens: [], entries: entries.length, sawOurScheme: false };
  let cursor = 0;
  let line = 1;
  let lineCursor = 0;
  const lineAt = (offset: number) => {
    for (let i = lineCursor; i < offset; i++) if (text.charCodeAt(i) === 0x0a) line++;
    lineCursor = Math.max(lineCursor, offset);
    return line;
  };
  entries.forEach((entry, index) => {
    for (const side of ['request', 'response'] as const) {
      const message = entry?.[side];
      if (!Array.isArray(message?.headers)) continue;
      const status =
        side === 'response' && typeof message.status === 'number' && message.status > 0
          ? message.status
          : undefined;
      for (const header of message.headers as HarHeader[]) {
        if (typeof header?.name !== 'string' || typeof header.value !== 'string') continue;
        if (!isAuthHeaderName(header.name)) continue;
        const raw = JSON.stringify(header.value).slice(1, -1);
        const at = text.indexOf(raw, cursor);
        const inText = at !== -1 && raw === header.value;
        const source = inText ? text : header.value;
        const start = inText ? at : 0;
        const found = tokensInHeaderValue(
          source,
          start,
          start + header.value.length,
          header.name,
          errors,
        );
        if (at !== -1) cursor = at + raw.length;
        if (found === null) continue;
        result.sawOurScheme = true;
        for (const token of found) {
          const offset = inText ? token.offset : cursor;
          const where = `HAR entry ${index + 1} ${side}`;
          result.tokens.push({
            ...token,
            header: header.name,
            offset,
            line: lineAt(offset),
            ...(status === undefined ? {} : { status }),
            source: `${where}: ${header.name}: ${token.scheme} (line ${line})`,
          });
        }
      }
    }
  });
  return result;
}
