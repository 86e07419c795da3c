import { describe, expect, it } from 'vitest';
import { toDer } from '../asn1/encode';
import { contain, createContext } from '../context';
import { OID } from '../../data/oids';
import type { Node } from '../tree';
import {
  AS_REQ,
  decodeKerberosFramedBody,
  decodePerMessageToken,
  IAKERB_HEADER,
  isKerberosMessageTag,
  isPerMessageToken,
  KERBEROS_MESSAGE_TAGS,
  TGT_REQ,
  TOK_IDS,
} from './index';
import { treeViolations } from '../../testing/kerberos';
import { concatBytes, fromHex } from '../../bytes';

/** Decodes `body` as what follows thisMech, with a leading dummy header so offsets are real. */
function framedBody(body: Uint8Array, mech: string = OID.krb5) {
  const bytes = concatBytes(fromHex('600000'), body);
  const ctx = createContext(bytes);
  const root: Node = { name: 'InitialContextToken', offset: 0, length: bytes.length, children: [] };
  contain(ctx, root, () => decodeKerberosFramedBody(ctx, root, 3, bytes.length, mech));
  expect(treeViolations(root, bytes.length)).toEqual([]);
  return { ctx, root, names: root.children!.map((c) => c.name) };
}

const kid = (node: Node, name: string) => node.children!.find((c) => c.name === name)!;

const asReq = toDer(AS_REQ, {
  pvno: 5,
  'msg-type': 10,
  'req-body': {
    'kdc-options': 0x40000010,
    cname: { 'name-type': 1, 'name-string': ['alice'] },
    realm: 'EXAMPLE.TEST',
    sname: { 'name-type': 2, 'name-string': ['krbtgt', 'EXAMPLE.TEST'] },
    till: '2026-11-27T08:00:00Z',
    nonce: 0xb00b5eed,
    etype: [18, 17, 20, 19],
  },
});

describe('IAKERB (TOK_ID 05 01)', () => {
  it('IAKERB-HEADER then the tunnelled AS-REQ', () => {
    const header = toDer(IAKERB_HEADER, {
      'target-realm': 'EXAMPLE.TEST',
      cookie: fromHex('4d4954'),
    });
    const { ctx, root, names } = framedBody(
      concatBytes(fromHex('0501'), header, asReq),
      OID.iakerb,
    );
    expect(ctx.errors).toEqual([]);
    expect(ctx.warnings).toEqual([]);
    expect(names).toEqual(['TOK_ID', 'IAKERB-HEADER', 'AS-REQ']);
    expect(kid(root, 'TOK_ID').label).toBe('IAKERB proxy message');
    expect(kid(kid(root, 'IAKERB-HEADER'), 'target-realm').value).toBe('EXAMPLE.TEST');
    expect(kid(kid(root, 'IAKERB-HEADER'), 'cookie').value).toBe('4d4954');
    const body = kid(kid(root, 'AS-REQ'), 'req-body');
    expect(kid(body, 'kdc-options').label).toBe('forwardable, renewable-ok');
    expect(kid(body, 'nonce').value).toBe(0xb00b5eed);
    expect(kid(body, 'etype').children!.map((c) => c.label)).toEqual([
      'aes256-cts-hmac-sha1-96',
      'aes128-cts-hmac-sha1-96',
      'aes256-cts-hmac-sha384-192',
      'aes128-cts-hmac-sha256-128',
    ]);
  });

  it('accepts the older OCTET STRING target-realm with a warning', () => {
    const header = fromHex('3010a10e040c4558414d504c452e54455354');
    const { ctx, root } = framedBody(concatBytes(fromHex('0501'), header, asReq), OID.iakerb);
    expect(ctx.errors).toEqual([]);
    expect(kid(kid(root, 'IAKERB-HEADER'), 'target-realm').value).toBe('EXAMPLE.TEST');
    expect(kid(root, 'IAKERB-HEADER').warnings![0]).toMatch(/OCTET STRING/);
  });

  it('flags an IAKERB TOK_ID under the plain krb5 OID', () => {
    const header = toDer(IAKERB_HEADER, { 'target-realm': 'EXAMPLE.TEST' });
    const { root } = framedBody(concatBytes(fromHex('0501'), header, asReq), OID.krb5);
    expect(kid(root, 'TOK_ID').warnings![0]).toMatch(/not the IAKERB OID/);
  });
});

describe('user-to-user and unusual TOK_IDs', () => {
  it('TGT-REQ (04 00) built from the schema', () => {
    const req = toDer(TGT_REQ, {
      pvno: 5,
      'msg-type': 16,
      'server-name': { 'name-type': 1, 'name-string': ['bob'] },
      realm: 'EXAMPLE.TEST',
    });
    const { ctx, root, names } = framedBody(concatBytes(fromHex('0400'), req), OID.krb5U2U);
    expect(ctx.errors).toEqual([]);
    expect(names).toEqual(['TOK_ID', 'KERB-TGT-REQUEST']);
    expect(kid(kid(root, 'KERB-TGT-REQUEST'), 'msg-type').label).toBe('KRB_TGT_REQ (user-to-user)');
    expect(kid(kid(root, 'KERB-TGT-REQUEST'), 'server-name').label).toBe('bob');
  });

  it('an unknown TOK_ID keeps the rest as raw bytes, warned', () => {
    const { ctx, root, names } = framedBody(fromHex('abcd0102030405'));
    expect(ctx.errors).toEqual([]);
    expect(names).toEqual(['TOK_ID', 'innerToken']);
    expect(kid(root, 'TOK_ID').label).toBe('unknown TOK_ID');
    expect(kid(root, 'TOK_ID').warnings![0]).toMatch(/unknown TOK_ID abcd/);
    expect(kid(root, 'innerToken').value).toBe('0102030405');
  });

  it('a TOK_ID that does not match its message is flagged', () => {
    const { ctx, root } = framedBody(concatBytes(fromHex('0100'), asReq));
    expect(ctx.errors).toEqual([]);
    expect(kid(root, 'AS-REQ').warnings![0]).toMatch(
      /announces KRB_AP_REQ but the message is AS-REQ/,
    );
  });

  it('bytes after the message are shown and flagged', () => {
    const { root, names } = framedBody(concatBytes(fromHex('0100'), asReq, fromHex('0000')));
    expect(names).toEqual(['TOK_ID', 'AS-REQ', 'trailing bytes']);
    expect(kid(root, 'trailing bytes').warnings![0]).toMatch(/2 bytes after the AS-REQ/);
  });
});

describe('RFC 1964 tokens inside the GSS framing', () => {
  it('DES3 MIC: SGN_ALG 04 00 has a 20-byte SGN_CKSUM', () => {
    const body = fromHex('0101' + '0400' + 'ffffffff' + '11'.repeat(8) + '22'.repeat(20));
    const { ctx, root, names } = framedBody(body);
    expect(ctx.errors).toEqual([]);
    expect(names).toEqual(['TOK_ID', 'SGN_ALG', 'Filler', 'SND_SEQ', 'SGN_CKSUM']);
    expect(kid(root, 'SGN_ALG').label).toBe('HMAC SHA1 DES3-KD');
    expect(kid(root, 'SGN_CKSUM').length).toBe(20);
  });

  it('RC4 MIC (37 bytes with framing, kerberos.md §8.3) and a bad Filler', () => {
    const body = fromHex('0101' + '1100' + 'ffff00ff' + '11'.repeat(8) + '22'.repeat(8));
    expect(body.length + 13).toBe(37);
    const { ctx, root } = framedBody(body);
    expect(ctx.errors).toEqual([]);
    expect(kid(root, 'SGN_ALG').label).toBe('HMAC MD5 (RC4-HMAC)');
    expect(kid(root, 'Filler').warnings![0]).toMatch(/all ff/);
  });
});

describe('RFC 4121 per-message tokens', () => {
  it('an unsealed Wrap whose checksum was rotated to the front (RRC = EC)', () => {
    const bytes = fromHex('050400ff000c000c' + '0000000000000007' + 'cc'.repeat(12) + '41424344');
    expect(isPerMessageToken(bytes, 0, bytes.length)).toBe(true);
    const ctx = createContext(bytes);
    const token = decodePerMessageToken(ctx, null, 0, bytes.length);
    expect(ctx.errors).toEqual([]);
    expect(token.children!.map((c) => c.name)).toEqual([
      'TOK_ID',
      'Flags',
      'Filler',
      'EC',
      'RRC',
      'SND_SEQ',
      'checksum',
      'Data',
    ]);
    expect(kid(token, 'Flags').label).toBe('none');
    expect(kid(token, 'SND_SEQ').value).toBe(7);
    expect(kid(token, 'checksum').value).toBe('cc'.repeat(12));
    expect(kid(token, 'Data').value).toBe('41424344');
  });

  it('a 64-bit sequence number beyond 2^53 is kept exact as a string', () => {
    const bytes = fromHex('040404ffffffffff' + 'ffffffffffffffff' + '00'.repeat(12));
    const token = decodePerMessageToken(createContext(bytes), null, 0, bytes.length);
    expect(kid(token, 'SND_SEQ').value).toBe('18446744073709551615');
  });

  it('sniffing rejects what only looks similar', () => {
    const mic = fromHex('040404ffffffffff0000000000000001' + '00'.repeat(12));
    expect(isPerMessageToken(mic, 0, mic.length)).toBe(true);
    expect(isPerMessageToken(mic, 0, 15)).toBe(false);
    const badFiller = Uint8Array.from(mic);
    badFiller[5] = 0;
    expect(isPerMessageToken(badFiller, 0, mic.length)).toBe(false);
    const badFlags = Uint8Array.from(mic);
    badFlags[2] = 0x80;
    expect(isPerMessageToken(badFlags, 0, mic.length)).toBe(false);
    const ntlm = fromHex('01000000' + '00'.repeat(12));
    expect(isPerMessageToken(ntlm, 0, ntlm.length)).toBe(false);
  });
});

describe('tables for the other decoders', () => {
  it('message tags and TOK_IDs', () => {
    for (const byte of [0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f, 0x74, 0x75, 0x76, 0x7e]) {
      expect(isKerberosMessageTag(byte)).toBe(true);
    }
    for (const byte of [0x30, 0x60, 0x61, 0x7b, 0xa0, 0xa1, 0x4e])
      expect(isKerberosMessageTag(byte)).toBe(false);
    expect(KERBEROS_MESSAGE_TAGS[0x6e]).toBe('AP-REQ');
    expect(KERBEROS_MESSAGE_TAGS[0x7b]).toBe('EncAPRepPart');
    expect(TOK_IDS['0100'].name).toBe('KRB_AP_REQ');
    expect(TOK_IDS['0504'].spec).toBe('RFC 4121 §4.2.6.2');
    expect(TOK_IDS['0501'].name).toBe('IAKERB proxy message');
  });
});
