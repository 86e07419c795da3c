import { describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { des, desEncryptBlock, expandDesKey } from './des';

describe('desEncryptBlock', () => {
  it.each([
    // The worked example in J. Orlin Grabbe, "The DES Algorithm Illustrated".
    ['133457799bbcdff1', '0123456789abcdef', '85e813540f0ab405'],
    // FIPS 81 Appendix B, ECB mode: "Now is t".
    ['0123456789abcdef', '4e6f772069732074', '3fa40e8a984d4815'],
    // NBS SP 500-20 variable-plaintext known answer, first and last entries.
    ['0101010101010101', '8000000000000000', '95f8a5e5dd31d900'],
    ['0101010101010101', '0000000000000001', '166b40b44aba4bd6'],
  ])('key %s, plaintext %s', (key, plaintext, ciphertext) => {
    expect(bytesToHex(desEncryptBlock(hexToBytes(key), hexToBytes(plaintext)))).toBe(ciphertext);
  });

  it('ignores parity bits', () => {
    const block = hexToBytes('0123456789abcdef');
    const key = hexToBytes('133457799bbcdff1');
    const flipped = key.map((b) => b ^ 1);
    expect(bytesToHex(desEncryptBlock(flipped, block))).toBe('85e813540f0ab405');
  });
});

describe('expandDesKey / des', () => {
  it('spreads 56 key bits over 8 bytes, 7 per byte', () => {
    expect(bytesToHex(expandDesKey(hexToBytes('ffffffffffffff')))).toBe('fefefefefefefefe');
    expect(bytesToHex(expandDesKey(hexToBytes('80000000000001')))).toBe('8000000000000002');
  });

  it('matches LMOWFv1\'s first half for "PASSWOR" (MS-NLMP §4.2.2.1.1)', () => {
    const key = new TextEncoder().encode('PASSWOR');
    const magic = new TextEncoder().encode('KGS!@#$%');
    expect(bytesToHex(des(key, magic))).toBe('e52cac67419a9a22');
  });
});
