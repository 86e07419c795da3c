import { decodeBase64 } from './base64';
import { detectFormat } from './detect';
import { ErrorSink } from './errors';
import { decodeEscapedString, looksLikeEscapedString } from './escaped-string';
import { decodeHex } from './hex';
import { decodeHexDump } from './hexdump';
import { extractHar, looksLikeHar } from './har';
import { extractHttp } from './http';
import { splitTokenList } from './list';
import { recogniseBytes, recogniseProse, recogniseText } from './recognise';
import { trimStart } from './lines';
import { bytesAsText, bytesToText, containsBinaryControl, stringToLatin1Bytes } from './text-bytes';
import { unquotedRange } from './text-range';
import type { ExtractedToken, ExtractResult, InputFormat, NonToken } from './types';

const FORMATS: readonly string[] = ['base64', 'hex', 'http', 'hexdump', 'binary'];

function binaryToken(bytes: Uint8Array): ExtractedToken {
  return { format: 'binary', direction: null, source: 'binary', offset: 0, bytes };
}

function fromHar(text: string, errors: ErrorSink): ExtractedToken[] | null {
  const found = extractHar(text, errors);
  if (found === null) return null;
  if (!found.sawOurScheme) {
    errors.add(
      0,
      `a HAR file with ${found.entries} entries, but no Authorization / WWW-Authenticate header ` +
        'with the Negotiate, NTLM or Kerberos scheme (a sanitized export leaves them out: export ' +
        'the HAR with sensitive data)',
    );
  }
  return found.tokens.map(({ bytes, direction, scheme, header, line, offset, status, source }) => ({
    format: 'http',
    direction,
    source,
    scheme,
    header,
    line,
    offset,
    ...(status === undefined ? {} : { status }),
    bytes,
  }));
}

function fromHttp(text: string, errors: ErrorSink): ExtractedToken[] {
  if (looksLikeHar(text)) {
    const har = fromHar(text, errors);
    if (har !== null) return har;
  }
  const found = extractHttp(text, errors);
  if (!found.sawHttp) {
    errors.add(0, "no Authorization / WWW-Authenticate header or 'Negotiate <token>' line found");
  } else if (!found.sawOurScheme) {
    errors.add(0, 'HTTP headers found, but none uses the Negotiate, NTLM or Kerberos scheme');
  }
  return found.tokens.map(({ bytes, direction, scheme, header, line, offset, status, source }) => ({
    format: 'http',
    direction,
    source,
    scheme,
    ...(header === undefined ? {} : { header }),
    line,
    offset,
    ...(status === undefined ? {} : { status }),
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
    offset: block.textOffset,
    bytes: block.bytes,
  }));
}

function fromHex(text: string, errors: ErrorSink): ExtractedToken[] {
  if (looksLikeEscapedString(text)) {
    const bytes = decodeEscapedString(text, errors);
    return bytes === null
      ? []
      : [{ format: 'hex', direction: null, source: 'hex (escaped string)', offset: 0, bytes }];
  }
  const decoded = decodeHex(text, errors);
  return decoded === null
    ? []
    : [
        {
          format: 'hex',
          direction: null,
          source: decoded.source,
          offset: decoded.offset,
          bytes: decoded.bytes,
        },
      ];
}

function fromBase64(text: string, errors: ErrorSink): ExtractedToken[] {
  const range = unquotedRange(text);
  const decoded = decodeBase64(text, range.start, range.end, errors);
  if (decoded === null) return [];
  const source = decoded.urlSafe ? 'base64 (URL-safe)' : 'base64';
  return [{ format: 'base64', direction: null, source, offset: range.start, bytes: decoded.bytes }];
}

/** Several base64 / hex tokens, one per line or separated by blank lines or commas. */
function fromList(text: string): ExtractedToken[] | null {
  const items = splitTokenList(text);
  if (items === null) return null;
  return items.map(({ format, offset, line, bytes, source }) => ({
    format,
    direction: null,
    source,
    line,
    offset,
    bytes,
  }));
}

function fromText(text: string, format: InputFormat | 'auto', errors: ErrorSink): ExtractedToken[] {
  if (trimStart(text, 0, text.length) === text.length) {
    errors.add(0, 'nothing to decode');
    return [];
  }
  const chosen = format === 'auto' ? detectFormat(text) : format;
  if ((chosen === 'base64' || chosen === 'hex') && !looksLikeEscapedString(text)) {
    const list = fromList(text);
    if (list !== null) return list;
  }
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

function notAToken(found: NonToken): ExtractResult {
  return { tokens: [], errors: [{ offset: 0, message: found.message }], recognised: found };
}

const CAPTURE_MAGIC_LENGTH = 4;

/** A capture file or a certificate as bytes (or as one character per byte), PEM, JWT, HTML. */
function recogniseBefore(input: string | Uint8Array): NonToken | null {
  if (input instanceof Uint8Array) {
    const found = recogniseBytes(input);
    if (found !== null || bytesAsText(input) === null) return found;
    return recogniseText(bytesToText(input));
  }
  if (input.length >= CAPTURE_MAGIC_LENGTH && containsBinaryControl(input.slice(0, 64))) {
    const latin1 = stringToLatin1Bytes(input, new ErrorSink());
    const found = latin1 === null ? null : recogniseBytes(latin1);
    if (found !== null) return found;
  }
  return recogniseText(input);
}

/**
 * After extraction: a token that is really a certificate or a capture (base64 of one) is named
 * instead; text that gave no token and reads as prose is named as such.
 */
function recogniseAfter(
  input: string | Uint8Array,
  tokens: ExtractedToken[],
  errors: ErrorSink,
): ExtractResult {
  const kept: ExtractedToken[] = [];
  let named: NonToken | null = null;
  for (const token of tokens) {
    const found = token.format === 'binary' ? null : recogniseBytes(token.bytes);
    if (found === null) {
      kept.push(token);
    } else {
      named ??= found;
      errors.add(token.offset, found.message);
    }
  }
  if (kept.length === 0 && named !== null && tokens.length === 1) return notAToken(named);
  // Prose only where base64 was tried: a damaged hex dump's ASCII column is words too.
  if (kept.length === 0 && errors.count > 0) {
    const text = typeof input === 'string' ? input : bytesAsText(input);
    const prose = text !== null && detectFormat(text) === 'base64' ? recogniseProse(text) : null;
    if (prose !== null) return notAToken(prose);
  }
  return { tokens: kept, errors: errors.toArray() };
}

/**
 * Finds the token(s) in whatever the user pasted or dropped: base64, hex, HTTP headers (a curl -v
 * log, a HAR export), a list of tokens, a hex dump or raw bytes (see detectFormat for how 'auto'
 * chooses), in the order the input gives them. Never throws: every problem is an entry in
 * `errors`, and a token with any error in it is left out rather than half-decoded. In 'auto',
 * input that is something else (a capture, a certificate, PEM, a JWT, HTML, prose) gives one
 * sentence saying what it is (`recognised`, recognise.ts) instead of character-level errors.
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
    if (!(input instanceof Uint8Array) && typeof input !== 'string') {
      errors.add(0, 'input must be a string or a Uint8Array');
      return { tokens: [], errors: errors.toArray() };
    }
    if (format === 'auto') {
      const before = recogniseBefore(input);
      if (before !== null) return notAToken(before);
    }
    const tokens =
      input instanceof Uint8Array
        ? fromBytes(input, format, errors)
        : fromText(input, format, errors);
    if (format !== 'auto') return { tokens, errors: errors.toArray() };
    return recogniseAfter(input, tokens, errors);
  } catch (error) {
    // Defensive: a bug here must surface as an error entry, not crash the caller.
    errors.add(0, `internal error while reading the input: ${String(error)}`);
    return { tokens: [], errors: errors.toArray() };
  }
}
