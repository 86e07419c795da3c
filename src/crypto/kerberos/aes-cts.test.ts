import { describe, expect, it } from 'vitest';
import { aesCtsDecrypt, aesCtsEncrypt } from './aes-cts';
import { fromHex, toHex } from '../../bytes';

describe('AES-CTS (RFC 3962 App. B, key "chicken teriyaki", IV 0)', () => {
  const key = new TextEncoder().encode('chicken teriyaki');
  const plain = new TextEncoder().encode(
    "I would like the General Gau's Chicken, please, and wonton soup.",
  );
  const vectors: [number, string][] = [
    [17, 'c6353568f2bf8cb4d8a580362da7ff7f97'],
    [31, 'fc00783e0efdb2c1d445d4c8eff7ed2297687268d6ecccc0c07b25e25ecfe5'],
    [32, '39312523a78662d5be7fcbcc98ebf5a897687268d6ecccc0c07b25e25ecfe584'],
    [
      47,
      '97687268d6ecccc0c07b25e25ecfe584b3fffd940c16a18c1b5549d2f838029e39312523a78662d5be7fcbcc98ebf5',
    ],
    [
      48,
      '97687268d6ecccc0c07b25e25ecfe5849dad8bbb96c4cdc03bc103e1a194bbd839312523a78662d5be7fcbcc98ebf5a8',
    ],
    [
      64,
      '97687268d6ecccc0c07b25e25ecfe58439312523a78662d5be7fcbcc98ebf5a84807efe836ee89a526730dbc2f7bc8409dad8bbb96c4cdc03bc103e1a194bbd8',
    ],
  ];
  for (const [length, expected] of vectors) {
    it(`encrypts and decrypts ${length} bytes`, () => {
      const input = plain.subarray(0, length);
      expect(toHex(aesCtsEncrypt(key, input))).toBe(expected);
      expect(aesCtsDecrypt(key, fromHex(expected))).toEqual(input);
    });
  }

  it('round-trips every length from one block to five, with a 256-bit key', () => {
    const key256 = Uint8Array.from({ length: 32 }, (_, i) => i * 7);
    for (let n = 16; n <= 80; n++) {
      const p = Uint8Array.from({ length: n }, (_, i) => (i * 31 + n) & 0xff);
      const c = aesCtsEncrypt(key256, p);
      expect(c.length).toBe(n);
      expect(aesCtsDecrypt(key256, c)).toEqual(p);
    }
  });

  it('refuses less than a block and keys of other sizes', () => {
    expect(() => aesCtsEncrypt(key, new Uint8Array(15))).toThrow(RangeError);
    expect(() => aesCtsEncrypt(new Uint8Array(24), new Uint8Array(16))).toThrow(RangeError);
  });
});
