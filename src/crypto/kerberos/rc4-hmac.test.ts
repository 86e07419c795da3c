import { describe, expect, it } from 'vitest';
import { readDer } from '../../codec/asn1/read';
import type { Schema } from '../../codec/asn1/schema';
import {
  Authenticator,
  AuthorizationData,
  EncAPRepPart,
  EncTicketPart,
  readKrbContextToken,
} from '../../codec/kerberos';
import { realTokens } from '../../testing/fixtures';
import { checksum, checksumOfType, verifyChecksum } from './checksum';
import { decrypt, encrypt } from './encrypt';
import { rc4Usage } from './rc4-hmac';
import { hmacMd5 } from '../md5';
import { rc4 } from '../rc4';
import { stringToKey } from './string-to-key';
import { deriveKey } from './usage-keys';
import { fromHex, toHex } from '../../bytes';

const text = (s: string) => new TextEncoder().encode(s);

/**
 * RFC 4757 publishes no test vectors. These are MIT krb5's (src/lib/crypto/crypto_tests/
 * t_decrypt.c and t_cksums.c, the ENCTYPE_ARCFOUR_HMAC cases; MIT licence: Copyright the
 * Massachusetts Institute of Technology, "permission to use, copy, modify, and distribute this
 * software and its documentation for any purpose and without fee is hereby granted, provided that
 * the above copyright notice appear in all copies"). t_decrypt's ciphertexts carry their own
 * confounder, so they are decryption vectors.
 */
describe('rc4-hmac decryption (RFC 4757 §5; MIT krb5 t_decrypt.c vectors)', () => {
  const vectors = [
    [0, 'f81fec39255f5784e850c4377c88bd85', '', '02c1eb15586144122ec717763dd348bf00434ddc6585954c'],
    [
      1,
      '67d1300d281223867f9647ff48721273',
      '1',
      '6156e0cc04e0a0874f9fda008f498a7adbbc80b70b14dddbc0',
    ],
    [
      2,
      '3e40ab6093695281b3ac1a9304224d98',
      '9 bytesss',
      '0f9ad121d99d4a09448e4f1f718c4f5cbe6096262c66f29df232a87c9f98755d55',
    ],
    // usage 3 is translated to 8 (RFC 4757 §3): this vector checks the translation.
    [
      3,
      '4ba2fbf0379faed87a254d3b353d5a7e',
      '13 bytes byte',
      '612c57568b17a70352bae8cf26fb9459a6f3353cd35fd439db3107cbec765d326dfc04c1dd',
    ],
    [
      4,
      '68f263db3fce15d031c9eab02d67107a',
      '30 bytes bytes bytes bytes byt',
      '95f9047c3ad75891c2e9b04b16566dc8b6eb9ce4231afb2542ef87a7b5a0f260a99f0460508de0cecc632d07c354124e46c5d2234eb8',
    ],
  ] as const;
  for (const [usage, key, plain, cipher] of vectors) {
    it(`usage ${usage}, ${plain.length} bytes`, () => {
      expect(decrypt(fromHex(key), usage, fromHex(cipher), 23)).toEqual({
        ok: true,
        plaintext: text(plain),
      });
      // Encrypting again with the confounder the ciphertext holds gives the same bytes.
      const opened = fromHex(cipher);
      const k1 = deriveKey(23, fromHex(key), usage, 'encryption');
      expect(k1.length).toBe(16);
      const reencrypted = encrypt(
        fromHex(key),
        usage,
        text(plain),
        confounderOf(key, usage, opened),
        23,
      );
      expect(toHex(reencrypted)).toBe(cipher);
    });
  }

  it('fails on a changed byte, the untranslated usage 3 or a wrong key', () => {
    const [, key, , cipher] = vectors[3];
    const bytes = fromHex(cipher);
    for (let i = 0; i < bytes.length; i++) {
      const bad = bytes.slice();
      bad[i] ^= 0x10;
      expect(decrypt(fromHex(key), 3, bad, 23)).toMatchObject({ ok: false, error: 'integrity' });
    }
    expect(decrypt(fromHex(key), 8, bytes, 23).ok).toBe(true); // 3 and 8 are the same to RC4-HMAC
    expect(decrypt(fromHex(key), 4, bytes, 23)).toMatchObject({ ok: false, error: 'integrity' });
    expect(decrypt(new Uint8Array(16), 3, bytes, 23)).toMatchObject({
      ok: false,
      error: 'integrity',
    });
    expect(decrypt(fromHex(key), 3, bytes.subarray(0, 23), 23)).toMatchObject({
      ok: false,
      error: 'too-short',
    });
  });

  it('round-trips every length; the output is checksum 16 ‖ confounder 8 ‖ plaintext', () => {
    const key = Uint8Array.from({ length: 16 }, (_, i) => i * 9);
    for (let n = 0; n <= 40; n++) {
      const p = Uint8Array.from({ length: n }, (_, i) => i + n);
      const c = encrypt(key, 11, p, fromHex('0102030405060708'), 23);
      expect(c.length).toBe(n + 24);
      expect(decrypt(key, 11, c, 23)).toEqual({ ok: true, plaintext: p });
    }
    expect(() => encrypt(key, 11, new Uint8Array(1), new Uint8Array(16), 23)).toThrow(RangeError);
  });
});

/** The confounder inside an MIT vector: RC4 with K3 = HMAC-MD5(K1, checksum), first 8 bytes. */
function confounderOf(key: string, usage: number, cipher: Uint8Array): Uint8Array {
  const k1 = deriveKey(23, fromHex(key), usage, 'encryption');
  return rc4(hmacMd5(k1, cipher.subarray(0, 16)), cipher.subarray(16)).subarray(0, 8);
}

describe('hmac-md5 checksum, cksumtype -138 (RFC 4757 §4; MIT krb5 t_cksums.c vector)', () => {
  it('usage 6, "seventeen eighteen nineteen twenty"', () => {
    const key = fromHex('f7d3a155af5e238a0b7a871a96ba2ab2');
    const data = text('seventeen eighteen nineteen twenty');
    expect(toHex(checksum(key, 6, data, 23))).toBe('eb38cc97e2230f59da4117dc5859d7ec');
    expect(toHex(checksumOfType(-138, key, 6, data))).toBe('eb38cc97e2230f59da4117dc5859d7ec');
    expect(verifyChecksum(key, 7, data, fromHex('eb38cc97e2230f59da4117dc5859d7ec'), 23)).toBe(
      false,
    );
  });
});

describe('rc4-hmac string-to-key and usage translation (RFC 4757 §2, §3)', () => {
  it('is the NT hash: MD4 of the UTF-16LE password, salt and iterations ignored', () => {
    // MS-NLMP §4.2.2.1.2's NTOWFv1 of "Password" (its §4.2.1 sample).
    expect(toHex(stringToKey(23, 'Password', 'ignored'))).toBe('a4f49c406510bdcab6824ee7c30fd852');
    expect(stringToKey(23, 'Password', 'other salt', 1)).toEqual(stringToKey(23, 'Password', ''));
  });
  it('translates 3 → 8, 9 → 8, 23 → 13 and keeps the others', () => {
    expect([1, 2, 3, 8, 9, 11, 12, 22, 23, 24].map(rc4Usage)).toEqual([
      1, 2, 8, 8, 8, 11, 12, 22, 13, 24,
    ]);
  });
});

/**
 * A real MIT krb5 1.20.1 exchange with an rc4-hmac service ticket and session key
 * (fixtures/vectors/real/raw-krb5-06-rc4-hmac). The service password "HTTP-rc4-Pa55" is the lab's
 * (fixtures/vectors/real/secrets/passwords.json, for HTTP/rc4.example.test@EXAMPLE.TEST); the
 * expected keys are those Wireshark printed for the same exchange (wireshark/tshark-decrypted.txt:
 * the ticket's session key, the authenticator's subkey, the AP-REP's aes256 subkey).
 */
describe('real MIT rc4-hmac exchange, decrypted with this implementation', () => {
  const tokens = realTokens('raw-krb5-06-rc4-hmac').filter((t) => !t.perMessage);
  const message = (bytes: Uint8Array) => {
    const read = readKrbContextToken(bytes);
    if (!read.ok || !read.value.message) throw new Error('no Kerberos context message');
    return read.value.message;
  };
  const open = <T>(key: Uint8Array, usage: number, cipher: Uint8Array, schema: Schema<T>): T => {
    const result = decrypt(key, usage, cipher, 23);
    if (!result.ok) throw new Error(result.message);
    const read = readDer(schema, result.plaintext);
    if (!read.ok) throw new Error(read.error.message);
    return read.value;
  };
  const request = message(tokens[0].bytes);
  const reply = message(tokens[1].bytes);
  if (request.kind !== 'AP-REQ' || reply.kind !== 'AP-REP') throw new Error('not AP-REQ, AP-REP');
  const serviceKey = stringToKey(23, 'HTTP-rc4-Pa55', '');

  it('the ticket (usage 2) opens with the NT hash of the service password', () => {
    expect(request.value.ticket['enc-part'].etype).toBe(23);
    const ticket = open(serviceKey, 2, request.value.ticket['enc-part'].cipher, EncTicketPart);
    expect(ticket.key.keytype).toBe(23);
    expect(toHex(ticket.key.keyvalue)).toBe('97820c3de529cf404c1a3900e4650d24');
    expect(ticket.cname['name-string']).toEqual(['alice']);
  });

  it('the authenticator (usage 11) and the AP-REP (usage 12) open with the session key', () => {
    const ticket = open(serviceKey, 2, request.value.ticket['enc-part'].cipher, EncTicketPart);
    const session = ticket.key.keyvalue;
    const authenticator = open(session, 11, request.value.authenticator.cipher, Authenticator);
    expect(toHex(authenticator.subkey!.keyvalue)).toBe('3ae143e126e07434e019576e77207358');
    const encApRep = open(session, 12, reply.value['enc-part'].cipher, EncAPRepPart);
    expect(encApRep.subkey!.keytype).toBe(18);
    expect(toHex(encApRep.subkey!.keyvalue)).toBe(
      'e18a57feb3094c1d0d2b5a576aa1e95fedd3d90a21bb3b61148716e8efeac270',
    );
    expect(decrypt(session, 11, reply.value['enc-part'].cipher, 23).ok).toBe(false);
  });

  it("the PAC's server checksum (-138, usage 17) verifies with the service key", () => {
    const ticket = open(serviceKey, 2, request.value.ticket['enc-part'].cipher, EncTicketPart);
    const ifRelevant = ticket['authorization-data']!.find((ad) => ad['ad-type'] === 1)!;
    const inner = readDer(AuthorizationData, ifRelevant['ad-data']);
    if (!inner.ok) throw new Error(inner.error.message);
    const pac = inner.value.find((ad) => ad['ad-type'] === 128)!['ad-data'];
    // MS-PAC §2.3, §2.4: cBuffers, Version, then PAC_INFO_BUFFERs {ulType, cbBufferSize, Offset}.
    const view = new DataView(pac.buffer, pac.byteOffset, pac.byteLength);
    const buffers = Array.from({ length: view.getUint32(0, true) }, (_, i) => ({
      type: view.getUint32(8 + 16 * i, true),
      size: view.getUint32(12 + 16 * i, true),
      offset: Number(view.getBigUint64(16 + 16 * i, true)),
    }));
    const server = buffers.find((b) => b.type === 6)!; // server checksum
    const kdc = buffers.find((b) => b.type === 7)!; // KDC checksum
    expect(view.getInt32(server.offset, true)).toBe(-138);
    const signature = pac.slice(server.offset + 4, server.offset + server.size);
    // MS-PAC §2.8.1: computed over the PAC with both signatures zeroed, key usage 17.
    const zeroed = pac.slice();
    zeroed.fill(0, server.offset + 4, server.offset + server.size);
    zeroed.fill(0, kdc.offset + 4, kdc.offset + kdc.size);
    expect(toHex(checksumOfType(-138, serviceKey, 17, zeroed))).toBe(toHex(signature));
  });
});
