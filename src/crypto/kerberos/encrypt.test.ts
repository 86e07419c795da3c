import { describe, expect, it } from 'vitest';
import { checksum, verifyChecksum } from './checksum';
import { decrypt, encrypt } from './encrypt';
import { fromHex, toHex } from '../../bytes';

const text = (s: string) => new TextEncoder().encode(s);

/** MIT krb5 lib/crypto/crypto_tests t_encrypt / t_decrypt vectors (as also used by impacket). */
describe('encrypt / decrypt (RFC 3961 §5.3, RFC 3962 §6)', () => {
  const vectors = [
    {
      name: 'aes128, usage 2, 9 bytes',
      key: '9062430c8cda3388922e6d6a509f5b7a',
      usage: 2,
      confounder: '94b491f481485b9a0678cd3c4ea386ad',
      plain: '9 bytesss',
      cipher: '68fb9679601f45c78857b2bf820fd6e53eca8d42fd4b1d7024a09205abb7cd2ec26c355d2f',
    },
    {
      name: 'aes256, usage 4, 30 bytes',
      key: 'f1c795e9248a09338d82c3f8d5b567040b0110736845041347235b1404231398',
      usage: 4,
      confounder: 'e45ca518b42e266ad98e165e706ffb60',
      plain: '30 bytes bytes bytes bytes byt',
      cipher:
        'd1137a4d634cfece924dbc3bf6790648bd5cff7de0e7b99460211d0daef3d79a295c688858f3b34b9cbd6eebae81daf6b734d4d498b6714f1c1d',
    },
  ];
  for (const v of vectors) {
    it(`encrypts ${v.name} to the published ciphertext`, () => {
      const out = encrypt(fromHex(v.key), v.usage, text(v.plain), fromHex(v.confounder));
      expect(toHex(out)).toBe(v.cipher);
    });
    it(`decrypts ${v.name}`, () => {
      const result = decrypt(fromHex(v.key), v.usage, fromHex(v.cipher));
      expect(result).toEqual({ ok: true, plaintext: text(v.plain) });
    });
  }

  const decryptOnly = [
    [
      'aes128',
      '5a5c0f0ba54f3828b2195e66ca24a289',
      0,
      '',
      '49ff8e11c173d9583a3254fbe7b1f1df36c538e8416784a1672e6676',
    ],
    [
      'aes128',
      '98450e3f3baa13f5c99beb936981b06f',
      1,
      '1',
      'f86742f537b35dc2174a4dbaa920faf9042090b065e1ebb1cad9a65394',
    ],
    [
      'aes256',
      '17f275f2954f2ed1f90c377ba7f4d6a369aa0136e0bf0c927ad6133c693759a9',
      0,
      '',
      'e5094c55ee7b38262e2b044280b069379a95bf95bd8376fb3281b435',
    ],
  ] as const;
  for (const [etype, key, usage, plain, cipher] of decryptOnly) {
    it(`decrypts MIT's ${etype} usage-${usage} vector of ${plain.length} bytes`, () => {
      expect(decrypt(fromHex(key), usage, fromHex(cipher))).toEqual({
        ok: true,
        plaintext: text(plain),
      });
    });
  }

  it('reports an integrity failure for a flipped byte, a wrong usage or a wrong key', () => {
    const v = vectors[1];
    const cipher = fromHex(v.cipher);
    for (let i = 0; i < cipher.length; i++) {
      const bad = cipher.slice();
      bad[i] ^= 0x01;
      expect(decrypt(fromHex(v.key), v.usage, bad)).toMatchObject({
        ok: false,
        error: 'integrity',
      });
    }
    expect(decrypt(fromHex(v.key), v.usage + 1, cipher)).toMatchObject({
      ok: false,
      error: 'integrity',
    });
    const otherKey = fromHex(v.key);
    otherKey[0] ^= 0x80;
    expect(decrypt(otherKey, v.usage, cipher)).toMatchObject({ ok: false, error: 'integrity' });
  });

  it('reports a ciphertext too short for confounder and HMAC', () => {
    expect(decrypt(new Uint8Array(32), 1, new Uint8Array(27))).toMatchObject({
      ok: false,
      error: 'too-short',
    });
  });

  it('round-trips plaintexts of every length up to three blocks, for both key sizes', () => {
    for (const keyLength of [16, 32]) {
      const key = Uint8Array.from({ length: keyLength }, (_, i) => 255 - i);
      const confounder = Uint8Array.from({ length: 16 }, (_, i) => i);
      for (let n = 0; n <= 48; n++) {
        const p = Uint8Array.from({ length: n }, (_, i) => i ^ n);
        const c = encrypt(key, 11, p, confounder);
        expect(c.length).toBe(n + 28); // RFC 3962 §6: a 16-byte confounder and a 12-byte HMAC, n + 28
        expect(decrypt(key, 11, c)).toEqual({ ok: true, plaintext: p });
      }
    }
  });
});

/** MIT krb5 lib/crypto/crypto_tests t_cksums.c vectors. */
describe('checksum: hmac-sha1-96-aes (RFC 3962 §7)', () => {
  const vectors = [
    [
      '9062430c8cda3388922e6d6a509f5b7a',
      3,
      'eight nine ten eleven twelve thirteen',
      '01a4b088d45628f6946614e3',
    ],
    [
      'b1ae4cd8462aff1677053cc9279aac30b796fb81ce21474dd3ddbcfea4ec76d7',
      4,
      'fourteen',
      'e08739e3279e2903ec8e3836',
    ],
  ] as const;
  for (const [key, usage, data, expected] of vectors) {
    it(`${key.length * 4}-bit key, usage ${usage}`, () => {
      expect(toHex(checksum(fromHex(key), usage, text(data)))).toBe(expected);
      expect(verifyChecksum(fromHex(key), usage, text(data), fromHex(expected))).toBe(true);
      expect(verifyChecksum(fromHex(key), usage, text(data.slice(1)), fromHex(expected))).toBe(
        false,
      );
    });
  }
});
