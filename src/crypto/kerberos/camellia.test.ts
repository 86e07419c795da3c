import { describe, expect, it } from 'vitest';
import { aesEncryptBlock } from './aes-cts';
import { camellia } from './camellia';
import { cmac } from './cmac';
import { ctsDecrypt, ctsEncrypt } from './cts';
import { aesCtsEncrypt } from './aes-cts';
import { fromHex, toHex } from '../../bytes';

describe('Camellia (RFC 3713 Appendix A)', () => {
  const plain = '0123456789abcdeffedcba9876543210';
  const vectors = [
    ['0123456789abcdeffedcba9876543210', '67673138549669730857065648eabe43'],
    ['0123456789abcdeffedcba98765432100011223344556677', 'b4993401b3e996f84ee5cee7d79b09b9'],
    [
      '0123456789abcdeffedcba987654321000112233445566778899aabbccddeeff',
      '9acc237dff16d76c20ef7c919e3a7509',
    ],
  ] as const;
  for (const [key, cipher] of vectors) {
    it(`${key.length * 4}-bit key`, () => {
      const c = camellia(fromHex(key));
      expect(toHex(c.encryptBlock(fromHex(plain)))).toBe(cipher);
      expect(toHex(c.decryptBlock(fromHex(cipher)))).toBe(plain);
    });
  }
  it('refuses other key and block sizes', () => {
    expect(() => camellia(new Uint8Array(20))).toThrow(RangeError);
    expect(() => camellia(new Uint8Array(16)).encryptBlock(new Uint8Array(15))).toThrow(RangeError);
  });
});

describe('CMAC (RFC 4493 §4, AES-128)', () => {
  const key = fromHex('2b7e151628aed2a6abf7158809cf4f3c');
  const message = fromHex(
    '6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710',
  );
  const vectors: [number, string][] = [
    [0, 'bb1d6929e95937287fa37d129b756746'],
    [16, '070a16b46b4d4144f79bdd9dd04a287c'],
    [40, 'dfa66747de9ae63030ca32611497c827'],
    [64, '51f0bebf7e3b9d92fc49741779363cfe'],
  ];
  for (const [length, mac] of vectors) {
    it(`${length} bytes`, () => {
      expect(toHex(cmac((b) => aesEncryptBlock(key, b), message.subarray(0, length)))).toBe(mac);
    });
  }
});

describe('generic CBC-CTS', () => {
  it('matches the AES-CTS of RFC 3962 when given AES, and round-trips Camellia', () => {
    const key = Uint8Array.from({ length: 16 }, (_, i) => i * 3);
    const aes = {
      encryptBlock: (b: Uint8Array) => aesEncryptBlock(key, b),
      decryptBlock: () => new Uint8Array(16),
    };
    const cam = camellia(Uint8Array.from({ length: 32 }, (_, i) => 255 - i));
    for (let n = 16; n <= 64; n++) {
      const p = Uint8Array.from({ length: n }, (_, i) => (i * 7 + n) & 0xff);
      expect(ctsEncrypt(aes, p)).toEqual(aesCtsEncrypt(key, p));
      expect(ctsDecrypt(cam, ctsEncrypt(cam, p))).toEqual(p);
    }
  });
});
