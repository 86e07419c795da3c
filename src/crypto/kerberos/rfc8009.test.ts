import { describe, expect, it } from 'vitest';
import { checksum, verifyChecksum } from './checksum';
import { decrypt, encrypt } from './encrypt';
import { ETYPE_PROFILES } from './etypes';
import { kdfHmacSha2, sha2Prf, sha2Saltp } from './rfc8009';
import { stringToKey, stringToKeyAsync, clearStringToKeyCache } from './string-to-key';
import { deriveKey } from './usage-keys';
import { fromHex, toHex } from '../../bytes';

/** RFC 8009 Appendix A, every sample: string-to-key, key derivation, encryption, checksum, PRF. */
const KEY19 = '3705d96080c17728a0e800eab6e0d23c';
const KEY20 = '6d404d37faf79f9df0d33568d320669800eb4836472ea8a026d16b7182460c52';
const SALT = new Uint8Array([
  ...fromHex('10df9dd783e5bc8acea1730e74355f61'),
  ...new TextEncoder().encode('ATHENA.MIT.EDUraeburn'),
]);
const counting = (n: number) => Uint8Array.from({ length: n }, (_, i) => i);

describe('RFC 8009 App. A: string-to-key (iteration count 32768)', () => {
  it('builds saltp from the etype name, a zero byte and the salt', () => {
    expect(toHex(sha2Saltp(19, SALT))).toBe(
      '6165733132382d6374732d686d61632d7368613235362d3132380010df9dd783e5bc8acea1730e74355f61415448454e412e4d49542e4544557261656275726e',
    );
    expect(toHex(sha2Saltp(20, SALT).subarray(0, 27))).toBe(
      '6165733235362d6374732d686d61632d7368613338342d31393200',
    );
  });
  it('aes128-cts-hmac-sha256-128 and aes256-cts-hmac-sha384-192', () => {
    expect(toHex(stringToKey(19, 'password', SALT))).toBe('089bca48b105ea6ea77ca5d2f39dc5e7');
    expect(toHex(stringToKey(20, 'password', SALT, 32768))).toBe(
      '45bd806dbf6a833a9cffc1c94589a222367a79bc21c413718906e9f578a78467',
    );
  });
  it('gives the same keys through WebCrypto', async () => {
    clearStringToKeyCache();
    expect(toHex(await stringToKeyAsync(19, 'password', SALT))).toBe(
      '089bca48b105ea6ea77ca5d2f39dc5e7',
    );
    clearStringToKeyCache();
    expect(toHex(await stringToKeyAsync(20, 'password', SALT))).toBe(
      '45bd806dbf6a833a9cffc1c94589a222367a79bc21c413718906e9f578a78467',
    );
  });
});

describe('RFC 8009 App. A: key derivation (usage 2)', () => {
  const vectors = [
    [19, KEY19, 'checksum', 'b31a018a48f54776f403e9a396325dc3'],
    [19, KEY19, 'encryption', '9b197dd1e8c5609d6e67c3e37c62c72e'],
    [19, KEY19, 'integrity', '9fda0e56ab2d85e1569a688696c26a6c'],
    [20, KEY20, 'checksum', 'ef5718be86cc84963d8bbb5031e9f5c4ba41f28faf69e73d'],
    [20, KEY20, 'encryption', '56ab22bee63d82d7bc5227f6773f8ea7a5eb1c825160c38312980c442e5c7e49'],
    [20, KEY20, 'integrity', '69b16514e3cd8e56b82010d5c73012b622c4d00ffc23ed1f'],
  ] as const;
  for (const [etype, key, purpose, expected] of vectors) {
    it(`etype ${etype} ${purpose}`, () => {
      expect(toHex(deriveKey(etype, fromHex(key), 2, purpose))).toBe(expected);
    });
  }
});

describe('RFC 8009 App. A: encryption (usage 2)', () => {
  const vectors = [
    [
      19,
      KEY19,
      '7e5895eaf2672435bad817f545a37148',
      0,
      'ef85fb890bb8472f4dab20394dca781dad877eda39d50c870c0d5a0a8e48c718',
    ],
    [
      19,
      KEY19,
      '7bca285e2fd4130fb55b1a5c83bc5b24',
      6,
      '84d7f30754ed987bab0bf3506beb09cfb55402cef7e6877ce99e247e52d16ed4421dfdf8976c',
    ],
    [
      19,
      KEY19,
      '56ab21713ff62c0a1457200f6fa9948f',
      16,
      '3517d640f50ddc8ad3628722b3569d2ae07493fa8263254080ea65c1008e8fc295fb4852e7d83e1e7c48c37eebe6b0d3',
    ],
    [
      19,
      KEY19,
      'a7a4e29a4728ce10664fb64e49ad3fac',
      21,
      '720f73b18d9859cd6ccb4346115cd336c70f58edc0c4437c5573544c31c813bce1e6d072c186b39a413c2f92ca9b8334a287ffcbfc',
    ],
    [
      20,
      KEY20,
      'f764e9fa15c276478b2c7d0c4e5f58e4',
      0,
      '41f53fa5bfe7026d91faf9be959195a058707273a96a40f0a01960621ac612748b9bbfbe7eb4ce3c',
    ],
    [
      20,
      KEY20,
      'b80d3251c1f6471494256ffe712d0b9a',
      6,
      '4ed7b37c2bcac8f74f23c1cf07e62bc7b75fb3f637b9f559c7f664f69eab7b6092237526ea0d1f61cb20d69d10f2',
    ],
    [
      20,
      KEY20,
      '53bf8a0d105265d4e276428624ce5e63',
      16,
      'bc47ffec7998eb91e8115cf8d19dac4bbbe2e163e87dd37f49beca92027764f68cf51f14d798c2273f35df574d1f932e40c4ff255b36a266',
    ],
    [
      20,
      KEY20,
      '763e65367e864f02f55153c7e3b58af1',
      21,
      '40013e2df58e8751957d2878bcd2d6fe101ccfd556cb1eae79db3c3ee86429f2b2a602ac86fef6ecb647d6295fae077a1feb517508d2c16b4192e01f62',
    ],
  ] as const;
  for (const [etype, key, confounder, length, cipher] of vectors) {
    it(`etype ${etype}, ${length} bytes`, () => {
      const plain = counting(length);
      expect(toHex(encrypt(fromHex(key), 2, plain, fromHex(confounder), etype))).toBe(cipher);
      expect(decrypt(fromHex(key), 2, fromHex(cipher), etype)).toEqual({
        ok: true,
        plaintext: plain,
      });
    });
  }

  it('reports integrity failures and short ciphertexts', () => {
    const [etype, key, , , cipher] = vectors[7];
    const bytes = fromHex(cipher);
    for (let i = 0; i < bytes.length; i++) {
      const bad = bytes.slice();
      bad[i] ^= 0x40;
      expect(decrypt(fromHex(key), 2, bad, etype)).toMatchObject({ ok: false, error: 'integrity' });
    }
    expect(decrypt(fromHex(key), 3, bytes, etype)).toMatchObject({ ok: false, error: 'integrity' });
    expect(decrypt(fromHex(key), 2, bytes.subarray(0, 39), etype)).toMatchObject({
      ok: false,
      error: 'too-short',
    });
  });

  it('round-trips every length up to three blocks; output is n + 32 / n + 40', () => {
    for (const etype of [19, 20] as const) {
      const key = Uint8Array.from({ length: ETYPE_PROFILES[etype].keyLength }, (_, i) => i * 5);
      const confounder = counting(16);
      for (let n = 0; n <= 48; n++) {
        const p = Uint8Array.from({ length: n }, (_, i) => i ^ 0x5a);
        const c = encrypt(key, 7, p, confounder, etype);
        expect(c.length).toBe(n + (etype === 19 ? 32 : 40));
        expect(decrypt(key, 7, c, etype)).toEqual({ ok: true, plaintext: p });
      }
    }
  });

  it('refuses a key of the wrong length for the etype', () => {
    expect(() => encrypt(fromHex(KEY19), 2, counting(1), counting(16), 20)).toThrow(RangeError);
  });
});

describe('RFC 8009 App. A: checksums (usage 2) and PRF', () => {
  it('hmac-sha256-128-aes128 and hmac-sha384-192-aes256', () => {
    const data = counting(21);
    expect(toHex(checksum(fromHex(KEY19), 2, data, 19))).toBe('d78367186643d67b411cba9139fc1dee');
    const mac20 = '45ee791567eefca37f4ac1e0222de80d43c3bfa06699672a';
    expect(toHex(checksum(fromHex(KEY20), 2, data, 20))).toBe(mac20);
    expect(verifyChecksum(fromHex(KEY20), 2, data, fromHex(mac20), 20)).toBe(true);
    expect(verifyChecksum(fromHex(KEY20), 3, data, fromHex(mac20), 20)).toBe(false);
  });
  it('PRF of "test"', () => {
    const test = new TextEncoder().encode('test');
    expect(toHex(sha2Prf(19, fromHex(KEY19), test))).toBe(
      '9d188616f63852fe86915bb840b4a886ff3e6bb0f819b49b893393d393854295',
    );
    expect(toHex(sha2Prf(20, fromHex(KEY20), test))).toBe(
      '9801f69a368c2bf675e59521e177d9a07f67efe1cfde8d3c8d6f6a0256e3b17db3c1b62ad1b8553360d17367eb1514d2',
    );
  });
  it('refuses an output longer than the hash', () => {
    expect(() => kdfHmacSha2(19, fromHex(KEY19), new Uint8Array(1), 384)).toThrow(RangeError);
  });
});
