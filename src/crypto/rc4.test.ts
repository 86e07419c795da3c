import { describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { createRc4, rc4 } from './rc4';

const hex = (s: string) => hexToBytes(s.replace(/\s+/g, ''));

/** Keystream bytes [offset, offset + 16) for `key`. */
function keystreamAt(key: Uint8Array, offset: number): string {
  return bytesToHex(rc4(key, new Uint8Array(offset + 16)).subarray(offset));
}

describe('rc4 (RFC 6229 §2)', () => {
  const key40 = hex('0102030405');
  const key128 = hex('0102030405060708090a0b0c0d0e0f10');
  it.each([
    [0, 'b2 39 63 05 f0 3d c0 27 cc c3 52 4a 0a 11 18 a8'],
    [16, '69 82 94 4f 18 fc 82 d5 89 c4 03 a4 7a 0d 09 19'],
    [240, '28 cb 11 32 c9 6c e2 86 42 1d ca ad b8 b6 9e ae'],
    [256, '1c fc f6 2b 03 ed db 64 1d 77 df cf 7f 8d 8c 93'],
    [4096, 'ff 25 b5 89 95 99 67 07 e5 1f bd f0 8b 34 d8 75'],
  ])('40-bit key, offset %i', (offset, stream) => {
    expect(keystreamAt(key40, offset)).toBe(stream.replace(/ /g, ''));
  });
  it.each([
    [0, '9a c7 cc 9a 60 9d 1e f7 b2 93 28 99 cd e4 1b 97'],
    [16, '52 48 c4 95 90 14 12 6a 6e 8a 84 f1 1d 1a 9e 1c'],
    [240, '06 59 02 e4 b6 20 f6 cc 36 c8 58 9f 66 43 2f 2b'],
    [256, 'd3 9d 56 6b c6 bc e3 01 07 68 15 15 49 f3 87 3f'],
    [4096, 'a3 6a 4c 30 1a e8 ac 13 61 0c cb c1 22 56 ca cc'],
  ])('128-bit key, offset %i', (offset, stream) => {
    expect(keystreamAt(key128, offset)).toBe(stream.replace(/ /g, ''));
  });
});

describe('createRc4', () => {
  it('continues the keystream across process() calls', () => {
    const cipher = createRc4(hex('0102030405'));
    cipher.process(new Uint8Array(240));
    expect(bytesToHex(cipher.process(new Uint8Array(16)))).toBe('28cb1132c96ce286421dcaadb8b69eae');
  });

  it('clone() copies the position and is independent afterwards', () => {
    const cipher = createRc4(hex('0102030405'));
    cipher.process(new Uint8Array(16));
    const copy = cipher.clone();
    const a = cipher.process(new Uint8Array(16));
    const b = copy.process(new Uint8Array(16));
    expect(bytesToHex(a)).toBe('6982944f18fc82d589c403a47a0d0919');
    expect(bytesToHex(b)).toBe(bytesToHex(a));
  });

  it('decrypts what it encrypts', () => {
    const key = hex('0102030405060708090a0b0c0d0e0f10');
    const message = new TextEncoder().encode('Plaintext');
    expect(bytesToHex(rc4(key, rc4(key, message)))).toBe(bytesToHex(message));
  });

  it('rejects empty and oversized keys', () => {
    expect(() => createRc4(new Uint8Array(0))).toThrow(RangeError);
    expect(() => createRc4(new Uint8Array(257))).toThrow(RangeError);
  });
});
