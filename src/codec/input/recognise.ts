/**
 * Things people paste where a token was expected, named in one sentence instead of a list of
 * character-level errors. Each check looks at a fixed-size prefix or makes one linear pass, so a
 * multi-megabyte paste costs no more than reading it once.
 */
import { fromBase64 } from '../../bytes';
import type { NonToken } from './types';

/** Every recogniser's sentence, in one place (the test table checks them). */
export const NON_TOKEN_MESSAGES = {
  pcap: 'This is a capture (pcap), not a token: open it as a capture.',
  pcapng: 'This is a capture (pcapng), not a token: open it as a capture.',
  certificate:
    'This is an X.509 certificate (DER), not a token: certificates are not part of a SPNEGO, Kerberos or NTLM exchange.',
  pem: (label: string) =>
    `This is a PEM block (${label}), not a token: SPNEGO, Kerberos and NTLM tokens are sent as base64 without BEGIN/END lines.`,
  jwt: 'This is a JSON Web Token (a Bearer token), not a Negotiate token: it is signed JSON, not SPNEGO, Kerberos or NTLM.',
  html: 'This is an HTML page (perhaps the server’s error page), not a token: the token is in the WWW-Authenticate or Authorization header, not in the body.',
  text: 'This looks like plain text, not a token: it holds no run of base64 or hex long enough to be one.',
} as const;

function beU32(b: ArrayLike<number>): number {
  return ((b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3]) >>> 0;
}

/**
 * pcap's magic number in either byte order, microsecond or nanosecond timestamps
 * (pcap-savefile(5), tcpdump.org), or pcapng's Section Header Block type 0x0A0D0D0A
 * (draft-ietf-opsawg-pcapng §4.1).
 */
export function captureKind(first: ArrayLike<number>): 'pcap' | 'pcapng' | null {
  if (first.length < 4) return null;
  const magic = beU32(first);
  if (magic === 0x0a0d0d0a) return 'pcapng';
  if (magic === 0xa1b2c3d4 || magic === 0xd4c3b2a1) return 'pcap';
  if (magic === 0xa1b23c4d || magic === 0x4d3cb2a1) return 'pcap';
  return null;
}

/** A DER header at `at`: [header length, content length], or null (definite lengths only). */
function derHeader(bytes: Uint8Array, at: number): [number, number] | null {
  if (at + 2 > bytes.length) return null;
  const first = bytes[at + 1];
  if (first < 0x80) return [2, first];
  const count = first & 0x7f;
  if (count === 0 || count > 4 || at + 2 + count > bytes.length) return null;
  let length = 0;
  for (let i = 0; i < count; i++) length = length * 256 + bytes[at + 2 + i];
  return [2 + count, length];
}

/**
 * RFC 5280 §4.1: Certificate ::= SEQUENCE { tbsCertificate SEQUENCE { version [0] EXPLICIT
 * INTEGER (`a0 03 02 01 0v`) or, in v1, serialNumber INTEGER first, … } … }, the outer SEQUENCE
 * spanning the whole input.
 */
export function isCertificate(bytes: Uint8Array): boolean {
  if (bytes[0] !== 0x30) return false;
  const outer = derHeader(bytes, 0);
  if (outer === null || outer[0] + outer[1] !== bytes.length) return false;
  const tbs = outer[0];
  if (bytes[tbs] !== 0x30) return false;
  const inner = derHeader(bytes, tbs);
  if (inner === null || tbs + inner[0] + inner[1] > bytes.length) return false;
  const v = tbs + inner[0];
  const versioned =
    bytes[v] === 0xa0 &&
    bytes[v + 1] === 0x03 &&
    bytes[v + 2] === 0x02 &&
    bytes[v + 3] === 0x01 &&
    bytes[v + 4] <= 2;
  return versioned || (bytes[v] === 0x02 && bytes[v + 1] > 0 && bytes[v + 1] <= 21);
}

/** Bytes that are no token at all: a capture file or a certificate. */
export function recogniseBytes(bytes: Uint8Array): NonToken | null {
  const capture = captureKind(bytes);
  if (capture !== null) return { kind: 'capture', message: NON_TOKEN_MESSAGES[capture] };
  if (isCertificate(bytes)) return { kind: 'certificate', message: NON_TOKEN_MESSAGES.certificate };
  return null;
}

// RFC 7468 §2: `-----BEGIN label-----`.
const PEM_RE = /-----BEGIN ([A-Z0-9][A-Z0-9 ]{0,40})-----/;
// RFC 7519 §3 / RFC 7515 §7.1: BASE64URL(header) '.' BASE64URL(payload) '.' BASE64URL(signature),
// possibly as `Authorization: Bearer …` (RFC 6750 §2.1).
const JWT_RE =
  /^(?:(?:proxy-)?authorization[ \t]*:[ \t]*)?(?:bearer[ \t]+)?([A-Za-z0-9_-]{4,4096})\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/i;
const HTML_RE = /<(?:!doctype[ \t\r\n]+html|html|head|body)[\s>]/i;
const HTML_PREFIX = 1024;
const JWT_MAX = 1 << 20;

function base64UrlToText(part: string): string {
  const bytes = fromBase64(part.replace(/-/g, '+').replace(/_/g, '/'));
  return String.fromCharCode(...bytes);
}

/** RFC 7515 §4.1.1: the JOSE header is a JSON object with an `alg`. */
function isJwt(text: string): boolean {
  if (text.length > JWT_MAX) return false;
  const match = JWT_RE.exec(text);
  if (match === null) return false;
  try {
    const parsed: unknown = JSON.parse(base64UrlToText(match[1]));
    return typeof parsed === 'object' && parsed !== null && 'alg' in parsed;
  } catch {
    return false;
  }
}

/**
 * Text with an unmistakable signature of something else: a PEM block anywhere, a JWT (alone or
 * as a Bearer header), an HTML document. Checked before looking for tokens.
 */
export function recogniseText(text: string): NonToken | null {
  const first = text.search(/\S/);
  if (first === -1) return null;
  if (text.charCodeAt(first) === 0x3c && HTML_RE.test(text.slice(first, first + HTML_PREFIX))) {
    return { kind: 'html', message: NON_TOKEN_MESSAGES.html };
  }
  const pem = PEM_RE.exec(text);
  if (pem !== null) return { kind: 'pem', message: NON_TOKEN_MESSAGES.pem(pem[1]) };
  if (text.length - first <= JWT_MAX && isJwt(text.trim())) {
    return { kind: 'jwt', message: NON_TOKEN_MESSAGES.jwt };
  }
  return null;
}

const SHORTEST_TOKEN_RUN = 16;

function isBase64Char(code: number): boolean {
  const lower = code | 0x20;
  return (
    (lower >= 0x61 && lower <= 0x7a) ||
    (code >= 0x30 && code <= 0x39) ||
    code === 0x2b ||
    code === 0x2f ||
    code === 0x3d ||
    code === 0x2d ||
    code === 0x5f
  );
}

/**
 * Prose, not data: no run of 16 base64 / hex characters (the shortest real token, MIT's 9-byte
 * reject, is 12 in base64 and 18 in hex), and at least two words (lower case or capitalised,
 * with a letter that is no hex digit), so a short hex typo or a base64 fragment with a stray
 * character keeps its character-level error. Checked only once no token was
 * found. One pass.
 */
export function recogniseProse(text: string): NonToken | null {
  let run = 0;
  let word = 0;
  let wordNotHex = false;
  let wordMixed = false;
  let words = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    run = isBase64Char(code) ? run + 1 : 0;
    if (run >= SHORTEST_TOKEN_RUN) return null;
    const lower = code | 0x20;
    if (lower >= 0x61 && lower <= 0x7a) {
      // A word is capitalised or lower case (`Hello`, `world`); base64's letter runs mix cases.
      if (word > 0 && code !== lower) wordMixed = true;
      word++;
      if (lower > 0x66) wordNotHex = true;
      continue;
    }
    if (word >= 2 && wordNotHex && !wordMixed) words++;
    word = 0;
    wordNotHex = false;
    wordMixed = false;
  }
  if (word >= 2 && wordNotHex && !wordMixed) words++;
  return words >= 2 ? { kind: 'text', message: NON_TOKEN_MESSAGES.text } : null;
}
