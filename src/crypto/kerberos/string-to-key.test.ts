import { beforeEach, describe, expect, it } from 'vitest';
import { dk } from './derive';
import { pbkdf2 } from '@noble/hashes/pbkdf2.js';
import { sha1 } from '@noble/hashes/legacy.js';
import {
  clearStringToKeyCache,
  DEFAULT_ITERATIONS,
  principalSalt,
  stringToKey,
  stringToKeyAsync,
} from './string-to-key';
import { hasWebCrypto, webCryptoPbkdf2Sha1 } from './webcrypto-pbkdf2';
import { fromHex, toHex } from '../../bytes';

/** RFC 3962 App. B: iteration count, pass phrase, salt, 128-bit AES key, 256-bit AES key. */
const VECTORS: [number, string, string | Uint8Array, string, string][] = [
  [
    1,
    'password',
    'ATHENA.MIT.EDUraeburn',
    '42263c6e89f4fc28b8df68ee09799f15',
    'fe697b52bc0d3ce14432ba036a92e65bbb52280990a2fa27883998d72af30161',
  ],
  [
    2,
    'password',
    'ATHENA.MIT.EDUraeburn',
    'c651bf29e2300ac27fa469d693bdda13',
    'a2e16d16b36069c135d5e9d2e25f896102685618b95914b467c67622225824ff',
  ],
  [
    1200,
    'password',
    'ATHENA.MIT.EDUraeburn',
    '4c01cd46d632d01e6dbe230a01ed642a',
    '55a6ac740ad17b4846941051e1e8b0a7548d93b0ab30a8bc3ff16280382b8c2a',
  ],
  [
    5,
    'password',
    fromHex('1234567878563412'),
    'e9b23d52273747dd5c35cb55be619d8e',
    '97a4e786be20d81a382d5ebc96d5909cabcdadc87ca48f574504159f16c36e31',
  ],
  [
    1200,
    'X'.repeat(64),
    'pass phrase equals block size',
    '59d1bb789a828b1aa54ef9c2883f69ed',
    '89adee3608db8bc71f1bfbfe459486b05618b70cbae22092534e56c553ba4b34',
  ],
  [
    1200,
    'X'.repeat(65),
    'pass phrase exceeds block size',
    'cb8005dc5f90179a7f02104c0018751d',
    'd78c5c9cb872a8c9dad4697f0bb5b2d21496c82beb2caeda2112fceea057401b',
  ],
  [
    50,
    '\u{1D11E}',
    'EXAMPLE.COMpianist',
    'f149c1f2e154a73452d43e7fe62a56e5',
    '4b6d9839f84406df1f09cc166db4b83c571848b784a3d6bdc346589a3e393f9e',
  ],
];

describe('string-to-key (RFC 3962 App. B)', () => {
  // The pure-JS PBKDF2 each time, not a key cached by another test.
  beforeEach(clearStringToKeyCache);

  for (const [iterations, password, salt, key128, key256] of VECTORS) {
    const label = `${iterations} iterations, ${password.length > 10 ? `${password.length} × X` : JSON.stringify(password)}`;
    it(`aes128: ${label}`, () => {
      expect(toHex(stringToKey(17, password, salt, iterations))).toBe(key128);
    });
    it(`aes256: ${label}`, () => {
      expect(toHex(stringToKey(18, password, salt, iterations))).toBe(key256);
    });
  }

  it('rejects a non-positive iteration count', () => {
    expect(() => stringToKey(18, 'password', 'salt', 0)).toThrow(RangeError);
  });

  it('builds the default salt from the realm and the name components (RFC 4120 §4)', () => {
    expect(principalSalt('EXAMPLE.TEST', ['HTTP', 'server.example.test'])).toBe(
      'EXAMPLE.TESTHTTPserver.example.test',
    );
  });
});

describe('string-to-key through WebCrypto (the engine worker derives keys ahead of a run)', () => {
  const bytes = (s: string | Uint8Array) =>
    typeof s === 'string' ? new TextEncoder().encode(s) : s;

  it('has WebCrypto in Node, as in browsers and workers', () => {
    expect(hasWebCrypto()).toBe(true);
  });

  it("gives PBKDF2-HMAC-SHA1 byte for byte as the pure-JS PBKDF2's", async () => {
    for (const [iterations, password, salt] of VECTORS) {
      for (const length of [16, 32]) {
        const native = await webCryptoPbkdf2Sha1(bytes(password), bytes(salt), iterations, length);
        const js = pbkdf2(sha1, bytes(password), bytes(salt), { c: iterations, dkLen: length });
        expect(toHex(native!)).toBe(toHex(js));
      }
    }
  });

  for (const [iterations, password, salt, key128, key256] of VECTORS) {
    it(`gives the RFC 3962 keys: ${iterations} iterations, ${password.length} characters`, async () => {
      clearStringToKeyCache();
      expect(toHex(await stringToKeyAsync(17, password, salt, iterations))).toBe(key128);
      expect(toHex(await stringToKeyAsync(18, password, salt, iterations))).toBe(key256);
    });
  }

  it('equals the synchronous string-to-key at the default 4096 iterations', async () => {
    const [password, salt] = [
      'HTTP-server.example.test-Pa55',
      'EXAMPLE.TESTHTTPserver.example.test',
    ];
    clearStringToKeyCache();
    const viaWebCrypto = await stringToKeyAsync(18, password, salt);
    clearStringToKeyCache();
    const viaJs = stringToKey(18, password, salt, DEFAULT_ITERATIONS);
    expect(toHex(viaWebCrypto)).toBe(toHex(viaJs));
  });

  it('fills the cache the synchronous string-to-key reads, and hands out copies', async () => {
    clearStringToKeyCache();
    const key = await stringToKeyAsync(18, 'password', 'ATHENA.MIT.EDUraeburn', 1200);
    key.fill(0);
    expect(toHex(stringToKey(18, 'password', 'ATHENA.MIT.EDUraeburn', 1200))).toBe(
      '55a6ac740ad17b4846941051e1e8b0a7548d93b0ab30a8bc3ff16280382b8c2a',
    );
  });

  it('rejects a non-positive iteration count', async () => {
    await expect(stringToKeyAsync(18, 'password', 'salt', 0)).rejects.toThrow(RangeError);
  });
});

describe('DK (RFC 3961 §5.1) against RFC 3962 App. B', () => {
  // App. B lists PBKDF2's output (tkey) next to the final key DK(tkey, "kerberos").
  const kerberos = new TextEncoder().encode('kerberos');
  it('derives the 128-bit key of the first vector', () => {
    expect(toHex(dk(fromHex('cdedb5281bb2f801565a1122b2563515'), kerberos))).toBe(
      '42263c6e89f4fc28b8df68ee09799f15',
    );
  });
  it('derives the 256-bit key of the first vector (two AES blocks of DR output)', () => {
    const tkey = fromHex('cdedb5281bb2f801565a1122b25635150ad1f7a04bb9f3a333ecc0e2e1f70837');
    expect(toHex(dk(tkey, kerberos))).toBe(
      'fe697b52bc0d3ce14432ba036a92e65bbb52280990a2fa27883998d72af30161',
    );
  });
  it('derives the 128-bit key of the second vector', () => {
    expect(toHex(dk(fromHex('01dbee7f4a9e243e988b62c73cda935d'), kerberos))).toBe(
      'c651bf29e2300ac27fa469d693bdda13',
    );
  });
});
