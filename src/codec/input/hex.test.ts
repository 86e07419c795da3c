import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hexOf } from '../../testing/input/bytes';
import { detectFormat, extractTokens } from './index';
import {
  REJECT_HEX,
  SAMBA_INIT_HEX,
  SAMBA_INIT_PYTHON_REPR,
  SAMBA_INIT_WIRESHARK_ESCAPED,
  SAMBA_INIT_XXD_I,
  SAMBA_INIT_XXD_PLAIN,
} from '../../testing/input/samples';

function decodeOne(text: string) {
  const result = extractTokens(text);
  expect(result.errors).toEqual([]);
  expect(result.tokens).toHaveLength(1);
  expect(result.tokens[0].format).toBe('hex');
  return { hex: hexOf(result.tokens[0].bytes), source: result.tokens[0].source };
}

const pairs = (hex: string) => hex.match(/../g) ?? [];

describe('hex forms', () => {
  it('prefers hex for text made only of hex digits (also valid base64)', () => {
    expect(detectFormat(REJECT_HEX)).toBe('hex');
    expect(decodeOne(REJECT_HEX)).toEqual({ hex: REJECT_HEX, source: 'hex' });
    expect(decodeOne(REJECT_HEX.toUpperCase()).hex).toBe(REJECT_HEX);
  });

  it('decodes xxd -p output (wrapped at 60 digits)', () => {
    expect(decodeOne(SAMBA_INIT_XXD_PLAIN).hex).toBe(SAMBA_INIT_HEX);
  });

  it.each([
    ['spaces', ' '],
    ['colons', ':'],
    ['dashes', '-'],
    ['commas', ', '],
    ['newlines', '\n'],
  ])('decodes bytes separated by %s', (_, separator) => {
    expect(decodeOne(pairs(SAMBA_INIT_HEX).join(separator)).hex).toBe(SAMBA_INIT_HEX);
  });

  it('decodes openssl-style colon lines and grouped words', () => {
    const openssl = pairs(REJECT_HEX)
      .join(':')
      .replace(/(.{15})/g, '    $1:\n');
    expect(decodeOne(openssl).hex).toBe(REJECT_HEX);
    expect(decodeOne('a107 3005 a003 0a01 02').hex).toBe(REJECT_HEX);
  });

  it('decodes 0x and \\x prefixes', () => {
    expect(
      decodeOne(
        pairs(REJECT_HEX)
          .map((p) => `0x${p}`)
          .join(' '),
      ).hex,
    ).toBe(REJECT_HEX);
    expect(
      decodeOne(
        pairs(REJECT_HEX)
          .map((p) => `0X${p.toUpperCase()}`)
          .join(','),
      ).hex,
    ).toBe(REJECT_HEX);
    expect(
      decodeOne(
        pairs(REJECT_HEX)
          .map((p) => `\\x${p}`)
          .join(''),
      ).hex,
    ).toBe(REJECT_HEX);
    expect(decodeOne(`0x${REJECT_HEX}`).hex).toBe(REJECT_HEX);
  });

  it('decodes a C array from xxd -i, ignoring the declarations around it', () => {
    expect(decodeOne(SAMBA_INIT_XXD_I)).toEqual({
      hex: SAMBA_INIT_HEX,
      source: 'hex (array literal)',
    });
  });

  it('decodes array literals from other languages, with comments and short elements', () => {
    const elements = pairs(REJECT_HEX).map((p) => `0x${p}`);
    expect(decodeOne(`[]byte{${elements.join(', ')}}`).hex).toBe(REJECT_HEX);
    expect(decodeOne(`token = [${elements.join(', ')}]`).hex).toBe(REJECT_HEX);
    expect(decodeOne(`new Uint8Array([${elements.join(', ')}]);`).hex).toBe(REJECT_HEX);
    const commented = `static const uint8_t reject[9] = {
      0xa1, 0x07, /* NegTokenResp */ 0x30, 0x05,
      0xa0, 0x03, 0x0a, 0x01, 0x2, // negState = reject
    };`;
    expect(decodeOne(commented).hex).toBe(REJECT_HEX);
  });

  it('decodes hex wrapped in quotes', () => {
    expect(decodeOne(`"${REJECT_HEX}"`).hex).toBe(REJECT_HEX);
  });

  it('round-trips arbitrary bytes with any separator', () => {
    const separator = fc.constantFrom('', ' ', ':', '-', ', ', '\n', '\r\n');
    const prefix = fc.constantFrom('', '0x', '\\x');
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 64 }), separator, prefix, (b, s, p) => {
        // `0x600x76` cannot be split: a run of digits may legitimately hold several bytes.
        fc.pre(!(s === '' && p === '0x'));
        const text = Array.from(b, (x) => p + x.toString(16).padStart(2, '0')).join(s);
        const result = extractTokens(text, 'hex');
        expect(result.errors).toEqual([]);
        expect(hexOf(result.tokens[0].bytes)).toBe(hexOf(b));
      }),
      { numRuns: 200 },
    );
  });
});

describe('escaped string literals', () => {
  it("decodes Python's repr of bytes (printable bytes stay literal)", () => {
    expect(detectFormat(SAMBA_INIT_PYTHON_REPR)).toBe('hex');
    expect(decodeOne(SAMBA_INIT_PYTHON_REPR)).toEqual({
      hex: SAMBA_INIT_HEX,
      source: 'hex (escaped string)',
    });
  });

  it("decodes Wireshark's Copy as Escaped String (literals joined by backslash-newline)", () => {
    expect(decodeOne(SAMBA_INIT_WIRESHARK_ESCAPED).hex).toBe(SAMBA_INIT_HEX);
  });

  it('decodes a C string declaration and adjacent literals', () => {
    const c = 'unsigned char reject[] = "\\xa1\\x07\\x30\\x05"\n  "\\xa0\\x03\\x0a\\x01\\x02";';
    expect(decodeOne(c).hex).toBe(REJECT_HEX);
    expect(decodeOne("b'\\xa1\\x070\\x05' + b'\\xa0\\x03\\n\\x01\\x02'").hex).toBe(REJECT_HEX);
  });

  it('decodes simple and octal escapes', () => {
    expect(decodeOne(String.raw`"\x00\n\r\t\\\"\'\0\101\7"`).hex).toBe('000a0d095c2227004107');
  });

  it('reports escapes and characters that are not bytes', () => {
    const unicode = extractTokens(String.raw`"\x41\u00e9"`);
    expect(unicode.tokens).toEqual([]);
    expect(unicode.errors).toEqual([
      { offset: 5, message: "unsupported escape '\\u' at offset 5" },
    ]);
    const wide = extractTokens('"\\x41\u20ac"');
    expect(wide.errors).toEqual([
      { offset: 5, message: "character '\u20ac' (U+20AC) at offset 5 is not a byte" },
    ]);
  });

  it('reports an unterminated literal and stray text between literals', () => {
    expect(extractTokens('"\\x41\\x42').errors).toEqual([
      { offset: 0, message: 'string literal opened at offset 0 is not closed on its line' },
    ]);
    expect(extractTokens('"\\x41" 42 "\\x43"').errors).toEqual([
      { offset: 7, message: "unexpected '4' between string literals at offset 7" },
    ]);
  });
});

describe('hex errors', () => {
  it('reports an odd number of digits with its offset', () => {
    const text = 'a1 07 30 05 a0 03 0a 01 0';
    expect(detectFormat(text)).toBe('hex');
    expect(extractTokens(text)).toEqual({
      tokens: [],
      errors: [{ offset: 24, message: "odd number of hex digits (1) in '0' at offset 24" }],
    });
    expect(extractTokens('0x123', 'hex').errors[0].message).toBe(
      "odd number of hex digits (3) in '123' at offset 2",
    );
  });

  it('reports invalid characters when hex is forced', () => {
    expect(extractTokens('a1 07 zz', 'hex').errors).toEqual([
      { offset: 6, message: "invalid hex character 'z' at offset 6" },
      { offset: 7, message: "invalid hex character 'z' at offset 7" },
    ]);
  });
});
