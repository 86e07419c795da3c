import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64Of, bytesOfBase64, hexOf } from '../../testing/input/bytes';
import { detectFormat, extractTokens } from './index';
import {
  REJECT_B64,
  REJECT_HEX,
  SAMBA_INIT_B64,
  SAMBA_INIT_HEX,
} from '../../testing/input/samples';

function decodeOne(text: string) {
  const result = extractTokens(text);
  expect(result.errors).toEqual([]);
  expect(result.tokens).toHaveLength(1);
  expect(result.tokens[0].format).toBe('base64');
  expect(result.tokens[0].direction).toBeNull();
  return { hex: hexOf(result.tokens[0].bytes), source: result.tokens[0].source };
}

const toUrlSafe = (b64: string) => b64.replace(/\+/g, '-').replace(/\//g, '_');

describe('base64 forms', () => {
  it('decodes standard base64', () => {
    expect(decodeOne(SAMBA_INIT_B64)).toEqual({ hex: SAMBA_INIT_HEX, source: 'base64' });
    expect(decodeOne(REJECT_B64).hex).toBe(REJECT_HEX);
  });

  it('decodes base64 wrapped over lines, with CRLF, tabs and spaces', () => {
    const wrapped76 = SAMBA_INIT_B64.match(/.{1,76}/g)?.join('\r\n') ?? '';
    expect(decodeOne(wrapped76).hex).toBe(SAMBA_INIT_HEX);
    const messy = `\t${SAMBA_INIT_B64.match(/.{1,10}/g)?.join(' \n\t ')}\r\n\n`;
    expect(decodeOne(messy).hex).toBe(SAMBA_INIT_HEX);
  });

  it('decodes URL-safe base64, padded or not', () => {
    const token =
      'oYIBRzCCAUOgAwoBAaKCASYEggEiTlRMTVNTUAADAAAAAAAAAFgAAACUAJQAWAAAAA4ADgDsAAAACgAKAPoAAAAOAA4ABAEAABAAEAASAQAANYKJ4gYCAAAAAAAPyrSrTFmrWzjp/r6e/tvljvDf7UcGrFONftc1L5KikMUBAQ==';
    const expected = hexOf(bytesOfBase64(token));
    expect(decodeOne(toUrlSafe(token))).toEqual({ hex: expected, source: 'base64 (URL-safe)' });
    expect(decodeOne(toUrlSafe(token).replace(/=+$/, '')).hex).toBe(expected);
  });

  it('decodes unpadded base64 of every tail length', () => {
    for (const hex of ['a1', 'a107', 'a10730', 'a1073005']) {
      const b64 = base64Of(Uint8Array.from(hex.match(/../g) ?? [], (h) => parseInt(h, 16)));
      expect(decodeOne(b64.replace(/=+$/, '')).hex).toBe(hex);
    }
  });

  it('strips one pair of quotes around a copied value', () => {
    expect(decodeOne(`"${REJECT_B64}"`).hex).toBe(REJECT_HEX);
    expect(decodeOne(`  '${REJECT_B64}',\n`).hex).toBe(REJECT_HEX);
  });

  it('round-trips arbitrary bytes in both alphabets', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 300 }), (bytes) => {
        const b64 = base64Of(bytes);
        for (const text of [b64, toUrlSafe(b64).replace(/=+$/, '')]) {
          const result = extractTokens(text, 'base64');
          expect(result.errors).toEqual([]);
          expect(hexOf(result.tokens[0].bytes)).toBe(hexOf(bytes));
        }
      }),
      { numRuns: 200 },
    );
  });

  // Multi-megabyte input, byte for byte: big enough that a step quadratic in the input would not
  // finish. How fast a 50 MB paste decodes is a figure of `npm run bench`, not a test.
  it('decodes 4 MB of wrapped base64 correctly', () => {
    const bytes = new Uint8Array(3_000_000);
    let state = 0x2545f491;
    for (let i = 0; i < bytes.length; i++) {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      bytes[i] = state & 0xff;
    }
    const unwrapped = base64Of(bytes);
    const lines: string[] = [];
    for (let i = 0; i < unwrapped.length; i += 76) lines.push(unwrapped.slice(i, i + 76));
    const text = lines.join('\n');
    expect(text.length).toBeGreaterThan(4_000_000);
    const result = extractTokens(text);
    expect(result.errors).toEqual([]);
    expect(result.tokens).toHaveLength(1);
    const decoded = result.tokens[0].bytes;
    expect(decoded.length).toBe(bytes.length);
    let firstDifference = -1;
    for (let i = 0; i < bytes.length && firstDifference === -1; i++) {
      if (decoded[i] !== bytes[i]) firstDifference = i;
    }
    expect(firstDifference).toBe(-1);
  });
});

describe('base64 errors', () => {
  it('names the offset and the character of an invalid character', () => {
    const text = 'YHYGBisGAQUF AqBs!MGqg';
    expect(extractTokens(text)).toEqual({
      tokens: [],
      errors: [{ offset: 17, message: "invalid base64 character '!' at offset 17" }],
    });
  });

  it('shows non-ASCII and control characters by code point', () => {
    expect(extractTokens('YHYG\u00e9BisG', 'base64').errors).toEqual([
      { offset: 4, message: "invalid base64 character 'é' (U+00E9) at offset 4" },
    ]);
    expect(extractTokens('YHYG\u{1F511}BisG', 'base64').errors).toEqual([
      { offset: 4, message: "invalid base64 character '\u{1F511}' (U+1F511) at offset 4" },
    ]);
    expect(extractTokens('YHYG\u0000BisG', 'base64').errors).toEqual([
      { offset: 4, message: 'invalid base64 character U+0000 at offset 4' },
    ]);
  });

  it('rejects a dangling sixth bit group', () => {
    const result = extractTokens('YHYGB', 'base64');
    expect(result.tokens).toEqual([]);
    expect(result.errors).toEqual([
      {
        offset: 4,
        message: 'incomplete base64: 5 characters leave one dangling character at offset 4',
      },
    ]);
  });

  it('rejects excess padding and data after padding', () => {
    expect(extractTokens('YWJj=', 'base64').errors).toEqual([
      { offset: 4, message: "too much base64 padding: 1 '=' at offset 4" },
    ]);
    expect(extractTokens('YQ==YQ==', 'base64').errors[0]).toEqual({
      offset: 4,
      message: "base64 data after '=' padding at offset 4",
    });
  });

  it('rejects text with no data', () => {
    expect(extractTokens('====', 'base64').errors).toEqual([
      { offset: 0, message: 'no base64 data' },
    ]);
  });

  it('lists the first 50 invalid characters and counts the rest', () => {
    const text = 'YHYG' + '!'.repeat(1000);
    const { tokens, errors } = extractTokens(text);
    expect(tokens).toEqual([]);
    expect(errors).toHaveLength(51);
    expect(errors[49]).toEqual({
      offset: 53,
      message: "invalid base64 character '!' at offset 53",
    });
    expect(errors[50]).toEqual({ offset: 1003, message: '950 more errors not shown' });
  });

  it('is what auto-detection falls back to for unknown text', () => {
    expect(detectFormat('hello, world')).toBe('base64');
    // Prose is named in one sentence (recognise.ts); forced base64 keeps the character error.
    expect(extractTokens('hello, world').recognised?.kind).toBe('text');
    expect(extractTokens('hello, world', 'base64').errors[0].message).toBe(
      "invalid base64 character ',' at offset 5",
    );
  });
});
