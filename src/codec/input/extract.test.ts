import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesOfBase64, bytesOfHex, hexOf } from '../../testing/input/bytes';
import { extractTokens, type InputFormat } from './index';
import {
  CURL_VERBOSE_EXCHANGE,
  REJECT_HEX,
  SAMBA_INIT_B64,
  SAMBA_INIT_HEX,
  SAMBA_INIT_XXD,
} from '../../testing/input/samples';

const samba = bytesOfBase64(SAMBA_INIT_B64);
const NOTHING = { tokens: [], errors: [{ offset: 0, message: 'nothing to decode' }] };

function latin1(bytes: Uint8Array): string {
  return String.fromCharCode(...bytes);
}

describe('extractTokens: empty input', () => {
  it.each([[''], ['   \n\t\r\n '], [new Uint8Array(0)]])('%j is nothing to decode', (input) => {
    expect(extractTokens(input)).toEqual(NOTHING);
  });

  it('is nothing to decode whatever format is forced', () => {
    for (const format of ['base64', 'hex', 'http', 'hexdump', 'binary'] as const) {
      expect(extractTokens('  ', format)).toEqual(NOTHING);
    }
  });
});

describe('extractTokens: bytes', () => {
  it('returns binary input as one binary token, copied', () => {
    const input = samba.slice();
    const { tokens, errors } = extractTokens(input);
    expect(errors).toEqual([]);
    expect(tokens).toHaveLength(1);
    expect(tokens[0]).toMatchObject({ format: 'binary', direction: null, source: 'binary' });
    expect(hexOf(tokens[0].bytes)).toBe(SAMBA_INIT_HEX);
    input[0] = 0;
    expect(tokens[0].bytes[0]).toBe(0x60);
  });

  it('keeps small binary tokens binary (the 9-byte reject has control bytes)', () => {
    const { tokens } = extractTokens(bytesOfHex(REJECT_HEX));
    expect(tokens.map((t) => [t.format, hexOf(t.bytes)])).toEqual([['binary', REJECT_HEX]]);
  });

  it('reads a dropped text file as text: base64, hex dump, HTTP', () => {
    const encode = (text: string) => new TextEncoder().encode(text);
    const b64 = extractTokens(encode(`${SAMBA_INIT_B64}\n`));
    expect(b64.tokens.map((t) => [t.format, hexOf(t.bytes)])).toEqual([['base64', SAMBA_INIT_HEX]]);
    const dump = extractTokens(encode(SAMBA_INIT_XXD));
    expect(dump.tokens.map((t) => [t.source, hexOf(t.bytes)])).toEqual([
      ['hex dump (xxd)', SAMBA_INIT_HEX],
    ]);
    const http = extractTokens(encode(CURL_VERBOSE_EXCHANGE));
    expect(http.tokens.map((t) => t.direction)).toEqual([
      'initiator',
      'acceptor',
      'initiator',
      'acceptor',
    ]);
  });

  it('reads UTF-8 with a BOM and non-ASCII comments, and UTF-16 from PowerShell', () => {
    const utf8 = new TextEncoder().encode(`\ufeff# jeton « reject »\n${REJECT_HEX}\n`);
    // '#' is not hex, so this is base64 text with an invalid character, not binary.
    expect(extractTokens(utf8).errors[0].message).toContain("invalid base64 character '#'");
    const utf8Hex = new TextEncoder().encode(`\ufeff${REJECT_HEX}\r\n`);
    expect(extractTokens(utf8Hex).tokens.map((t) => hexOf(t.bytes))).toEqual([REJECT_HEX]);

    const text = `${SAMBA_INIT_B64}\r\n`;
    const utf16 = new Uint8Array(2 + text.length * 2);
    utf16.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) utf16[2 + i * 2] = text.charCodeAt(i);
    const { tokens, errors } = extractTokens(utf16);
    expect(errors).toEqual([]);
    expect(tokens.map((t) => [t.format, hexOf(t.bytes)])).toEqual([['base64', SAMBA_INIT_HEX]]);

    const utf16be = new Uint8Array(2 + REJECT_HEX.length * 2);
    utf16be.set([0xfe, 0xff]);
    for (let i = 0; i < REJECT_HEX.length; i++) utf16be[3 + i * 2] = REJECT_HEX.charCodeAt(i);
    expect(extractTokens(utf16be).tokens.map((t) => [t.format, hexOf(t.bytes)])).toEqual([
      ['hex', REJECT_HEX],
    ]);
  });

  it('decodes bytes as text when a text format is forced, and as-is when binary is forced', () => {
    const hexText = new TextEncoder().encode(REJECT_HEX);
    expect(hexOf(extractTokens(hexText, 'binary').tokens[0].bytes)).toBe(
      hexOf(new TextEncoder().encode(REJECT_HEX)),
    );
    expect(hexOf(extractTokens(hexText, 'hex').tokens[0].bytes)).toBe(REJECT_HEX);
    const forcedBase64 = extractTokens(hexText, 'base64');
    expect(forcedBase64.tokens[0].format).toBe('base64');
    expect(forcedBase64.tokens[0].bytes).toHaveLength(13);
  });

  it('reports errors against character offsets of the decoded text', () => {
    const bytes = new TextEncoder().encode('YHYG\n!BisG');
    expect(extractTokens(bytes).errors).toEqual([
      { offset: 5, message: "invalid base64 character '!' at offset 5" },
    ]);
  });
});

describe('extractTokens: strings holding binary', () => {
  it('reads a string with control characters as Latin-1 bytes', () => {
    const { tokens, errors } = extractTokens(latin1(samba));
    expect(errors).toEqual([]);
    expect(tokens.map((t) => [t.format, t.source, hexOf(t.bytes)])).toEqual([
      ['binary', 'binary', SAMBA_INIT_HEX],
    ]);
  });

  it('refuses characters above 0xFF when binary is forced', () => {
    const { tokens, errors } = extractTokens('`v\u20ac\u0006', 'binary');
    expect(tokens).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(errors[0].offset).toBe(2);
    expect(errors[0].message).toContain("character '\u20ac' (U+20AC) at offset 2 is not a byte");
  });
});

describe('extractTokens: robustness', () => {
  it('reports an unknown format or a wrong input type instead of throwing', () => {
    expect(extractTokens(REJECT_HEX, 'pem' as InputFormat)).toEqual({
      tokens: [],
      errors: [{ offset: 0, message: "unknown input format 'pem'" }],
    });
    expect(extractTokens(42 as unknown as string)).toEqual({
      tokens: [],
      errors: [{ offset: 0, message: 'input must be a string or a Uint8Array' }],
    });
  });

  it('never throws and keeps error offsets inside the input, for any text or bytes', () => {
    const formats = fc.constantFrom<InputFormat | 'auto'>(
      'auto',
      'base64',
      'hex',
      'http',
      'hexdump',
      'binary',
    );
    const pieces = fc.constantFrom(
      'Authorization: Negotiate ',
      'WWW-Authenticate: NTLM',
      '0000  ',
      '00000010: ',
      '\t0x0000:  ',
      ' |',
      '*\n',
      '"\\x',
      '0x',
      '{',
      '}',
      '=',
      '\n',
      ' ',
      'YII',
      'a1',
    );
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc
        .array(fc.oneof(pieces, fc.string({ maxLength: 4 })), { maxLength: 40 })
        .map((parts) => parts.join('')),
    );
    const input = fc.oneof(text, fc.uint8Array({ maxLength: 200 }));
    fc.assert(
      fc.property(input, formats, (value, format) => {
        const result = extractTokens(value, format);
        for (const error of result.errors) {
          expect(Number.isInteger(error.offset)).toBe(true);
          expect(error.offset).toBeGreaterThanOrEqual(0);
          expect(error.offset).toBeLessThanOrEqual(value.length);
          expect(error.message.length).toBeGreaterThan(0);
        }
        for (const token of result.tokens) expect(token.bytes).toBeInstanceOf(Uint8Array);
        expect(result.tokens.length + result.errors.length).toBeGreaterThanOrEqual(
          value.length === 0 ? 1 : 0,
        );
      }),
      { numRuns: 1500 },
    );
  });
});
