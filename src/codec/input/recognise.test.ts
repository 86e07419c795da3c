import { describe, expect, it } from 'vitest';
import { toBase64 } from '../../bytes';
import { negotiatePcap } from '../../testing/pcap';
import { bytesOfHex } from '../../testing/input/bytes';
import { fallbackTokens } from '../../testing/input/exchanges';
import { extractTokens, NON_TOKEN_MESSAGES, type NonTokenKind } from './index';

/** A v3 certificate's DER shape (RFC 5280 §4.1): SEQUENCE { SEQUENCE { [0] { INTEGER 2 } … } … }. */
function certificateShape(): Uint8Array {
  const tbs = [0x30, 0x82, 0x00, 0x0b, 0xa0, 0x03, 0x02, 0x01, 0x02, 0x02, 0x02, 0x10, 0x01];
  tbs.push(0x05, 0x00); // a NULL for the rest
  const outer = [0x30, 0x82, 0x00, tbs.length + 4, ...tbs, 0x03, 0x02, 0x00, 0xff];
  return Uint8Array.from(outer);
}

const pcap = negotiatePcap([{ from: 'initiator', token: fallbackTokens()[0].bytes }]);
const pcapng = bytesOfHex('0a0d0d0a1c0000004d3c2b1a01000000ffffffffffffffff1c000000');
const pcapNs = bytesOfHex('4d3cb2a102000400000000000000000000000400');
const RFC7519_JWT =
  'eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.' +
  'eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.' +
  'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const PEM = `-----BEGIN CERTIFICATE-----
${toBase64(certificateShape())}
-----END CERTIFICATE-----
`;
const IIS_401 = `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head><title>401 - Unauthorized: Access is denied due to invalid credentials.</title></head>
<body><div id="header"><h1>Server Error</h1></div></body>
</html>`;

const latin1 = (bytes: Uint8Array) => String.fromCharCode(...bytes);

// [input, kind, expected sentence, where the shape comes from]
const TABLE: [string, string | Uint8Array, NonTokenKind, string, string][] = [
  ['pcap file', pcap, 'capture', NON_TOKEN_MESSAGES.pcap, 'pcap-savefile(5): magic a1b2c3d4'],
  [
    'pcap, as pasted characters',
    latin1(pcap),
    'capture',
    NON_TOKEN_MESSAGES.pcap,
    'pcap-savefile(5)',
  ],
  ['pcap as base64', toBase64(pcap), 'capture', NON_TOKEN_MESSAGES.pcap, 'pcap-savefile(5)'],
  [
    'pcap, nanosecond, swapped',
    pcapNs,
    'capture',
    NON_TOKEN_MESSAGES.pcap,
    'pcap-savefile(5): a1b23c4d',
  ],
  [
    'pcapng file',
    pcapng,
    'capture',
    NON_TOKEN_MESSAGES.pcapng,
    'draft-ietf-opsawg-pcapng §4.1 SHB',
  ],
  [
    'DER certificate file',
    certificateShape(),
    'certificate',
    NON_TOKEN_MESSAGES.certificate,
    'RFC 5280 §4.1',
  ],
  [
    'certificate as hex',
    Buffer.from(certificateShape()).toString('hex'),
    'certificate',
    NON_TOKEN_MESSAGES.certificate,
    'RFC 5280 §4.1',
  ],
  ['PEM certificate', PEM, 'pem', NON_TOKEN_MESSAGES.pem('CERTIFICATE'), 'RFC 7468 §2, §5.1'],
  [
    'PEM key after text',
    `key:\n-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIA==\n-----END PRIVATE KEY-----`,
    'pem',
    NON_TOKEN_MESSAGES.pem('PRIVATE KEY'),
    'RFC 7468 §10',
  ],
  ['JWT', RFC7519_JWT, 'jwt', NON_TOKEN_MESSAGES.jwt, 'RFC 7519 §3.1 example'],
  [
    'JWT as Bearer header',
    `Authorization: Bearer ${RFC7519_JWT}`,
    'jwt',
    NON_TOKEN_MESSAGES.jwt,
    'RFC 6750 §2.1',
  ],
  ['HTML error page', IIS_401, 'html', NON_TOKEN_MESSAGES.html, 'IIS 401 page, HTML doctype'],
  [
    'prose',
    'the login fails with access denied',
    'text',
    NON_TOKEN_MESSAGES.text,
    'no 16-character run',
  ],
  [
    'prose with punctuation',
    'hello, world',
    'text',
    NON_TOKEN_MESSAGES.text,
    'no 16-character run',
  ],
];

describe('non-tokens are named in one sentence', () => {
  it.each(TABLE)('%s', (_name, input, kind, message) => {
    const result = extractTokens(input);
    expect(result.tokens).toEqual([]);
    expect(result.recognised).toEqual({ kind, message });
    expect(result.errors).toEqual([{ offset: 0, message }]);
  });
});

// [input, what it is instead] — none of these may be taken for a non-token.
const NOT_RECOGNISED: [string, string][] = [
  ['YHYGBisGAQUF AqBs!MGqg', "base64 with a stray '!': its character error"],
  ['a1 07 3', 'hex with an odd group: its digit error'],
  ['eyJhbGciOiJub25lIn0', 'a JWT header alone: base64'],
];

describe('tokens and broken tokens are not named as something else', () => {
  it.each(NOT_RECOGNISED)('%s (%s)', (input) => {
    expect(extractTokens(input).recognised).toBeUndefined();
  });

  it('leaves every real token of an exchange alone, in every form', () => {
    for (const t of fallbackTokens()) {
      for (const input of [t.bytes, toBase64(t.bytes), Buffer.from(t.bytes).toString('hex')]) {
        const result = extractTokens(input);
        expect(result.recognised).toBeUndefined();
        expect(result.tokens).toHaveLength(1);
      }
    }
  });

  it('takes three dotted words without a JSON header for prose, not a JWT', () => {
    expect(extractTokens('header.payload.sig').recognised?.kind).toBe('text');
  });

  it('keeps forced formats literal', () => {
    expect(extractTokens('hello, world', 'base64').recognised).toBeUndefined();
    expect(extractTokens(pcap, 'binary').tokens).toHaveLength(1);
  });
});
