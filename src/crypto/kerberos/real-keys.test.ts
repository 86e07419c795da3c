import { describe, expect, it } from 'vitest';
import {
  clearStringToKeyCache,
  principalSalt,
  stringToKey,
  stringToKeyAsync,
} from './string-to-key';
import type { Etype } from './etypes';
import { toHex } from '../../bytes';

/**
 * string-to-key of every implemented etype against keys an MIT krb5 1.20.1 KDC derived from the
 * same passwords: the keys are those of fixtures/vectors/real/secrets/all-keys.keytab (kvno 1),
 * the passwords those of fixtures/vectors/real/secrets/passwords.json; the salt is MIT's
 * default, the realm followed by the name's components (RFC 4120 §4), with each etype's default
 * iteration count.
 */
const REALM = 'EXAMPLE.TEST';
const KEYS: [Etype, string, string, string][] = [
  [17, 'HTTP/localhost', 'HTTP-localhost-Pa55', 'c3da17ed41a6978dc3708fbf9cfd403e'],
  [
    18,
    'HTTP/localhost',
    'HTTP-localhost-Pa55',
    'a89c0702e7ef27cac41f84cfcf8b499e5876aaf926ca3d7e066c164ecf60f618',
  ],
  [19, 'HTTP/localhost', 'HTTP-localhost-Pa55', 'a1de40876732a88d098fde91a779accc'],
  [
    20,
    'HTTP/localhost',
    'HTTP-localhost-Pa55',
    '5feba3d8aa5c3c5bdcc347a9d438eca29a2d96b0dfd1b2ad9627409ebe6668c0',
  ],
  [23, 'HTTP/localhost', 'HTTP-localhost-Pa55', '0361befd1972b9d51f08df5a8e885adf'],
  [25, 'HTTP/localhost', 'HTTP-localhost-Pa55', '9ac125842b43089823665970d85e02cd'],
  [
    26,
    'HTTP/localhost',
    'HTTP-localhost-Pa55',
    '6b40663337d370f84c4ccad294a35b904e186e93f521a79d4007d726a43e4926',
  ],
  [
    19,
    'HTTP/aes128-sha256.example.test',
    'HTTP-aes128-sha256-Pa55',
    '0b3ef3cc1184d15cbf6d4a84ef4102b9',
  ],
  [
    20,
    'HTTP/aes256-sha384.example.test',
    'HTTP-aes256-sha384-Pa55',
    'c4ce070a85d2a967b3bdf41da931165e3cc48a15a9434cf2a75a147ba603ed45',
  ],
  [
    26,
    'HTTP/camellia256.example.test',
    'HTTP-camellia256-Pa55',
    'a254216a889e29ec37475689bebd3ee86d3e3a7aca178246982427096ea702f1',
  ],
];

describe('string-to-key matches the keys of a real MIT KDC', () => {
  for (const [etype, name, password, key] of KEYS) {
    const salt = principalSalt(REALM, name.split('/'));
    it(`etype ${etype}, ${name}@${REALM}`, async () => {
      expect(toHex(await stringToKeyAsync(etype, password, salt))).toBe(key);
    });
  }
  it('the pure-JS derivation agrees for the SHA-2 and Camellia etypes', () => {
    clearStringToKeyCache(); // WebCrypto's keys above would otherwise be served from the cache
    for (const [etype, name, password, key] of KEYS.slice(7)) {
      expect(toHex(stringToKey(etype, password, principalSalt(REALM, name.split('/'))))).toBe(key);
    }
  });
});
