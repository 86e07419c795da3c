import { describe, expect, it } from 'vitest';
import { toBase64 } from '../../bytes';
import { hexOf } from '../../testing/input/bytes';
import {
  b64,
  curlVerboseLog,
  fallbackTokens,
  harExport,
  headerLines,
} from '../../testing/input/exchanges';
import { extractTokens, type ExtractedToken } from './index';

// Real exchange: MIT krb5 1.20.1 / gss-ntlmssp 1.2.0, Kerberos offered, the acceptor had no
// key, NTLM used (fixtures/vectors/real/fallback-01-krb5-to-ntlm-no-keytab).
const tokens = fallbackTokens();
const hexes = tokens.map((t) => hexOf(t.bytes));
const directions = tokens.map((t) => t.direction);
const hex = (t: Uint8Array) => Buffer.from(t).toString('hex');

const summary = (found: ExtractedToken[]) => found.map((t) => hexOf(t.bytes));

// [form, paste, directions expected (null: the paste does not say), statuses expected]
const FORMS: [string, string, (string | null)[], (number | undefined)[]][] = [
  ['one base64 token per line', tokens.map(b64).join('\n'), tokens.map(() => null), []],
  [
    'one per line, CRLF, trailing blank',
    `${tokens.map(b64).join('\r\n')}\r\n\r\n`,
    tokens.map(() => null),
    [],
  ],
  ['blank-line separated', tokens.map(b64).join('\n\n'), tokens.map(() => null), []],
  ['comma separated', tokens.map(b64).join(', '), tokens.map(() => null), []],
  ['a JSON array of strings', JSON.stringify(tokens.map(b64)), tokens.map(() => null), []],
  [
    'one hex token per line',
    tokens.map((t) => hex(t.bytes)).join('\n'),
    tokens.map(() => null),
    [],
  ],
  ['header lines alone', headerLines(tokens), directions, []],
  [
    'Proxy-* header lines',
    headerLines(tokens)
      .replace(/^Authorization/gm, 'Proxy-Authorization')
      .replace(/^WWW-/gm, 'Proxy-'),
    directions,
    [],
  ],
  [
    'a curl -v log',
    curlVerboseLog(tokens),
    directions,
    [undefined, 401, undefined, 401, undefined, 200],
  ],
  ['a HAR export', harExport(tokens), directions, [undefined, 401, undefined, 401, undefined, 200]],
];

describe('one paste gives the exchange, in order', () => {
  it.each(FORMS)('%s', (_form, paste, expectedDirections, statuses) => {
    const result = extractTokens(paste);
    expect(result.errors).toEqual([]);
    expect(summary(result.tokens)).toEqual(hexes);
    expect(result.tokens.map((t) => t.direction)).toEqual(expectedDirections);
    expect(result.tokens.map((t) => t.status)).toEqual(
      statuses.length === 0 ? tokens.map(() => undefined) : statuses,
    );
    // Each token's offset points at its text in the paste.
    for (const [i, t] of result.tokens.entries()) {
      const text = t.format === 'hex' ? hex(tokens[i].bytes) : b64(tokens[i]);
      expect(paste.startsWith(text.slice(0, 16), t.offset)).toBe(true);
    }
  });

  it('HAR tokens name their entry, side and line', () => {
    const found = extractTokens(harExport(tokens)).tokens;
    expect(found[1].source).toMatch(
      /^HAR entry 2 response: WWW-Authenticate: Negotiate \(line \d+\)$/,
    );
    expect(found[1].line).toBeGreaterThan(found[0].line ?? 0);
  });

  it('a curl -v log gives each acceptor token its response status, HTTP/2 too', () => {
    const log = curlVerboseLog(tokens).replace(/HTTP\/1\.1 (\d+) \w+/g, 'HTTP/2 $1');
    expect(extractTokens(log).tokens.map((t) => t.status)).toEqual([
      undefined,
      401,
      undefined,
      401,
      undefined,
      200,
    ]);
  });

  it('a HAR without auth headers says why (sanitized exports drop them)', () => {
    const har = harExport(tokens).replace(/"(Authorization|WWW-Authenticate)"/g, '"X-Other"');
    const result = extractTokens(har);
    expect(result.tokens).toEqual([]);
    expect(result.errors[0].message).toMatch(/HAR file with 4 entries.*sensitive data/);
  });

  it('reads a wrapped token as one token, not as a list of lines', () => {
    const wrapped = b64(tokens[0]).replace(/.{76}/g, '$&\n');
    expect(summary(extractTokens(wrapped).tokens)).toEqual([hexes[0]]);
    const wrappedHex = hex(tokens[0].bytes).replace(/.{60}/g, '$&\n');
    expect(summary(extractTokens(wrappedHex).tokens)).toEqual([hexes[0]]);
    const blankInside = b64(tokens[4]).replace(/.{76}/g, '$&\n\n');
    expect(summary(extractTokens(blankInside).tokens)).toEqual([hexes[4]]);
  });

  it('splits a list whose later tokens are per-message tokens (an NTLM signature, an RFC 4121 MIC)', () => {
    // A real NTLMSSP_MESSAGE_SIGNATURE (gss-ntlmssp, raw-ntlm-01 get_mic) and an RFC 4121 MIC header.
    const signature = 'AQAAAA1ezTxWSENCAAAAAA==';
    const mic = toBase64(
      Uint8Array.from([0x04, 0x04, 0x05, 0xff, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0, 0, 0, 0, 1]),
    );
    const found = extractTokens([b64(tokens[0]), signature, mic].join('\n')).tokens;
    expect(found.map((t) => toBase64(t.bytes))).toEqual([b64(tokens[0]), signature, mic]);
  });

  it('reads a C array of bytes as one token, its commas being separators', () => {
    const c = `unsigned char tok[] = { ${Array.from(tokens[1].bytes, (b) => `0x${b.toString(16)}`).join(', ')} };`;
    expect(summary(extractTokens(c).tokens)).toEqual([hexes[1]]);
  });
});

// [form, paste] — Python and C byte literals of one real token (the 23-byte request-mic reply).
const reply = tokens[1].bytes;
const escaped = Array.from(reply, (b) => `\\x${b.toString(16).padStart(2, '0')}`).join('');
const LITERALS: [string, string][] = [
  ["Python b'\\x..'", `b'${escaped}'`],
  [
    'Python repr with printable bytes',
    `b'${Array.from(reply, (b) => (b >= 0x30 && b < 0x7f && b !== 0x5c ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`)).join('')}'`,
  ],
  ['Python bytes.fromhex', `bytes.fromhex('${hex(reply)}')`],
  [
    'Python bytes.fromhex with spaces, assigned',
    `token = bytes.fromhex("${hex(reply).replace(/(..)/g, '$1 ').trim()}")`,
  ],
  ['Python binascii.unhexlify', `binascii.unhexlify(b'${hex(reply)}')`],
  [
    'Python bytes([0x..])',
    `bytes([${Array.from(reply, (b) => `0x${b.toString(16)}`).join(', ')}])`,
  ],
  ['C string', `"${escaped}"`],
  [
    'C array',
    `static const uint8_t tok[] = {${Array.from(reply, (b) => `0x${b.toString(16).padStart(2, '0')}`).join(',')}};`,
  ],
];

describe('Python and C byte literals', () => {
  it.each(LITERALS)('%s', (_form, paste) => {
    const result = extractTokens(paste);
    expect(result.errors).toEqual([]);
    expect(summary(result.tokens)).toEqual([hexOf(reply)]);
  });
});

describe('a multi-megabyte paste stays linear', () => {
  it('reads about 4 MB of tokens one per line, and a 4 MB wrapped token', () => {
    const line = tokens.map(b64).join('\n');
    const many = Array.from({ length: Math.ceil(4e6 / line.length) }, () => line).join('\n');
    const result = extractTokens(many);
    expect(result.errors).toEqual([]);
    expect(result.tokens.length).toBeGreaterThan(1000);
    expect(hexOf(result.tokens[result.tokens.length - 1].bytes)).toBe(hexes[5]);

    const big = new Uint8Array(3_000_000);
    big.set([0x04, 0x83, 0x2d, 0xc6, 0xc0]); // OCTET STRING of 2 999 995 bytes
    const wrapped = toBase64(big).replace(/.{76}/g, '$&\n');
    expect(extractTokens(wrapped).tokens.map((t) => t.bytes.length)).toEqual([3_000_000]);
  });

  it('reads a HAR of a thousand exchanges', () => {
    const har = JSON.parse(harExport(tokens)) as { log: { entries: unknown[] } };
    const one = har.log.entries;
    har.log.entries = Array.from({ length: 1000 }, () => one).flat();
    const result = extractTokens(JSON.stringify(har, null, 2));
    expect(result.errors).toEqual([]);
    expect(result.tokens).toHaveLength(6000);
  });
});
