import { decodeBase64 } from './base64';
import { detectFormat } from './detect';
import { ErrorSink } from './errors';
import { decodeEscapedString, looksLikeEscapedString } from './escaped-string';
import { decodeHex } from './hex';
import { decodeHexDump } from './hexdump';
import { extractHttp } from './http';
import { trimStart } from './lines';
import { bytesAsText, bytesToText, stringToLatin1Bytes } from './text-bytes';
import { unquotedRange } from './text-range';
import type { ExtractedToken, ExtractResult, InputFormat } from './types';

const FORMATS: readonly string[] = ['base64', 'hex', 'http', 'hexdump', 'binary'];

function binaryToken(bytes: Uint8Array): ExtractedToken {
  return { format: 'binary', direction: null, source: 'binary', bytes };
}

function fromHttp(text: string, errors: ErrorSink): ExtractedToken[] {
  const found = extractHttp(text, errors);
  if (!found.sawHttp) {
    errors.add(0, "no Authorization / WWW-Authenticate header or 'Negotiate <token>' line found");
  } else if (!found.sawOurScheme) {
    errors.add(0, 'HTTP headers found, but none uses the Negotiate, NTLM or Kerberos scheme');
  }
  return found.tokens.map(({ bytes, direction, scheme, header, line, source }) => ({
    format: 'http',
    direction,
    source,
    scheme,
    ...(header === undefined ? {} : { header }),
    line,
    bytes,
  }));
}

function fromHexDump(text: string, errors: ErrorSink): ExtractedToken[] {
  const blocks = decodeHexDump(text, errors);
  return blocks.map((block) => ({
    format: 'hexdump',
    direction: null,
    source:
      blocks.length > 1
        ? `hex dump (${block.tool}, line ${block.line})`
        : `hex dump (${block.tool})`,
    line: block.line,
    bytes: block.bytes,
  }));
}

function fromHex(text: string, errors: ErrorSink): ExtractedToken[] {
  if (looksLikeEscapedString(text)) {
    const bytes = decodeEscapedString(text, errors);
    return bytes === null
      ? []
      : [{ format: 'hex', direction: null, source: 'hex (escaped string)', bytes }];
  }
  const decoded = decodeHex(text, errors);
  return decoded === null
    ? []
    : [{ format: 'hex', direction: null, source: decoded.source, bytes: decoded.bytes }];
}

function fromBase64(text: string, errors: ErrorSink): ExtractedToken[] {
  const range = unquotedRange(text);
  const decoded = decodeBase64(text, range.start, range.end, errors);
  if (decoded === null) return [];
  const source = decoded.urlSafe ? 'base64 (URL-safe)' : 'base64';
  return [{ format: 'base64', direction: null, source, bytes: decoded.bytes }];
}

function fromText(text: string, format: InputFormat | 'auto', errors: ErrorSink): ExtractedToken[] {
  if (trimStart(text, 0, text.length) === text.length) {
    errors.add(0, 'nothing to decode');
    return [];
  }
  const chosen = format === 'auto' ? detectFormat(text) : format;
  switch (chosen) {
    case 'http':
      return fromHttp(text, errors);
    case 'hexdump':
      return fromHexDump(text, errors);
    case 'hex':
      return fromHex(text, errors);
    case 'base64':
      return fromBase64(text, errors);
    case 'binary': {
      const bytes = stringToLatin1Bytes(text, errors);
      return bytes === null ? [] : [binaryToken(bytes)];
    }
  }
}

function fromBytes(bytes: Uint8Array, format: InputFormat | 'auto', errors: ErrorSink) {
  if (bytes.length === 0) {
    errors.add(0, 'nothing to decode');
    return [];
  }
  if (format === 'binary') return [binaryToken(bytes.slice())];
  if (format !== 'auto') return fromText(bytesToText(bytes), format, errors);
  const text = bytesAsText(bytes);
  return text === null ? [binaryToken(bytes.slice())] : fromText(text, 'auto', errors);
}

/**
 * Finds the token(s) in whatever the user pasted or dropped: base64, hex, HTTP headers, a hex
 * dump or raw bytes (see detectFormat for how 'auto' chooses). Never throws: every problem is an
 * entry in `errors`, and a token with any error in it is left out rather than half-decoded.
 */
export function extractTokens(
  input: string | Uint8Array,
  format: InputFormat | 'auto' = 'auto',
): ExtractResult {
  const errors = new ErrorSink();
  try {
    if (format !== 'auto' && !FORMATS.includes(format)) {
      errors.add(0, `unknown input format '${String(format)}'`);
      return { tokens: [], errors: errors.toArray() };
    }
    let tokens: ExtractedToken[];
    if (input instanceof Uint8Array) tokens = fromBytes(input, format, errors);
    else if (typeof input === 'string') tokens = fromText(input, format, errors);
    else {
      errors.add(0, 'input must be a string or a Uint8Array');
      tokens = [];
    }
    return { tokens, errors: errors.toArray() };
  } catch (error) {
    // Defensive: a bug here must surface as an error entry, not crash the caller.
    errors.add(0, `internal error while reading the input: ${String(error)}`);
    return { tokens: [], errors: errors.toArray() };
  }
}
