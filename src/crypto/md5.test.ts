import { describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { hmacMd5, md5 } from './md5';

const ascii = (s: string) => new TextEncoder().encode(s);
const filled = (byte: number, n: number) => new Uint8Array(n).fill(byte);

describe('md5', () => {
  // RFC 1321 §A.5.
  it.each([
    ['', 'd41d8cd98f00b204e9800998ecf8427e'],
    ['abc', '900150983cd24fb0d6963f7d28e17f72'],
    ['message digest', 'f96b697d7cb7938d525a2f31aaf161d0'],
    [
      '12345678901234567890123456789012345678901234567890123456789012345678901234567890',
      '57edf4a22be3c955ac49da2e2107b67a',
    ],
  ])('MD5(%j)', (input, digest) => {
    expect(bytesToHex(md5(ascii(input)))).toBe(digest);
  });
});

describe('hmacMd5', () => {
  // RFC 2202 §2 test cases 1–7 (cases 1, 2 also in RFC 2104 Appendix).
  const cases: [string, Uint8Array, Uint8Array, string][] = [
    ['1', filled(0x0b, 16), ascii('Hi There'), '9294727a3638bb1c13f48ef8158bfc9d'],
    ['2', ascii('Jefe'), ascii('what do ya want for nothing?'), '750c783e6ab0b503eaa86e310a5db738'],
    ['3', filled(0xaa, 16), filled(0xdd, 50), '56be34521d144c88dbb8c733f0e8b3f6'],
    [
      '4',
      hexToBytes('0102030405060708090a0b0c0d0e0f10111213141516171819'),
      filled(0xcd, 50),
      '697eaf0aca3a3aea3a75164746ffaa79',
    ],
    ['5', filled(0x0c, 16), ascii('Test With Truncation'), '56461ef2342edc00f9bab995690efd4c'],
    [
      '6',
      filled(0xaa, 80),
      ascii('Test Using Larger Than Block-Size Key - Hash Key First'),
      '6b1ab7fe4bd7bf8f0b62e6ce61b9d0cd',
    ],
    [
      '7',
      filled(0xaa, 80),
      ascii('Test Using Larger Than Block-Size Key and Larger Than One Block-Size Data'),
      '6f630fad67cda0ee1fb1f562db3aa53e',
    ],
  ];
  it.each(cases)('RFC 2202 case %s', (_n, key, data, mac) => {
    expect(bytesToHex(hmacMd5(key, data))).toBe(mac);
  });
});
