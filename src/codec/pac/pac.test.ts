import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDer } from '../asn1/read';
import {
  AP_REQ,
  Authenticator,
  EncTicketPart,
  KRB_CRED,
  readKrbContextToken,
  type ApReq,
} from '../kerberos';
import { readGssChecksum } from '../kerberos/gss-checksum';
import { readKeytab } from '../keytab';
import { readSpnegoToken } from '../spnego/token';
import { walk, type Node } from '../tree';
import { explain } from '../explain';
import { findPacs } from '../../analysis/secrets/pac';
import { decrypt } from '../../crypto/kerberos';
import { encodeUtf16le, toHex, writeU32LE } from '../../bytes';
import { FIXTURES, realScenarios, realTokens } from '../../testing/fixtures';
import { checkTreeInvariants } from '../../testing/invariants';
import { readPac } from '.';

/**
 * The PAC reader on PACs from real tickets: each ticket of a lab exchange is decrypted with the
 * keytab Wireshark used, and what the reader finds is compared with Wireshark 4.0's dissection of
 * the same PAC (tshark-decrypted.txt).
 */

const REAL = join(FIXTURES, 'real');

function apReq(scenario: string): ApReq {
  const token = realTokens(scenario).find((t) => /AP-REQ/.test(t.name))!.bytes;
  const spnego = readSpnegoToken(token);
  const inner = spnego.ok && spnego.value.kind !== 'NegTokenResp' ? spnego.value.mechToken! : token;
  const read = readKrbContextToken(inner);
  // DCE style (RFC 4121 §4.1 with GSS_C_DCE_STYLE): a bare AP-REQ without the GSS framing.
  if (!read.ok) {
    const bare = readDer(AP_REQ, inner);
    if (bare.ok) return bare.value;
  }
  if (!read.ok || read.value.message?.kind !== 'AP-REQ') throw new Error('no AP-REQ');
  return read.value.message.value;
}

/** A sealed ticket decrypted with the first entry of a lab keytab that opens it. */
function openTicket(sealed: { etype: number; cipher: Uint8Array }, keytab: string): EncTicketPart {
  const keys = readKeytab(readFileSync(join(REAL, 'secrets', keytab))).value.entries;
  for (const entry of keys.filter((k) => k.enctype === sealed.etype)) {
    const plain = decrypt(entry.key, 2, sealed.cipher, entry.enctype);
    if (!plain.ok) continue;
    const ticket = readDer(EncTicketPart, plain.plaintext);
    if (ticket.ok) return ticket.value;
  }
  throw new Error(`no key of ${keytab} opens the ticket`);
}

/** The PACs of the ticket in a scenario's AP-REQ, decrypted with a keytab of the lab. */
function realPacs(scenario: string, keytab: string): Uint8Array[] {
  return findPacs(openTicket(apReq(scenario).ticket['enc-part'], keytab)['authorization-data']);
}

/**
 * The PAC of the TGT the client delegated in the same AP-REQ: the authenticator (session key,
 * usage 11) → its GSS checksum's Deleg (RFC 4121 §4.1.1) → KRB-CRED → the krbtgt ticket.
 */
function delegatedPac(scenario: string, keytab: string): Uint8Array {
  const request = apReq(scenario);
  const ticket = openTicket(request.ticket['enc-part'], keytab);
  const sealed = request.authenticator;
  const plain = decrypt(ticket.key.keyvalue, 11, sealed.cipher, sealed.etype);
  if (!plain.ok) throw new Error(plain.message);
  const authenticator = readDer(Authenticator, plain.plaintext);
  if (!authenticator.ok) throw new Error(authenticator.error.message);
  const gss = readGssChecksum(authenticator.value.cksum!.checksum);
  if (!gss.ok || !gss.value.krbCred) throw new Error('no delegation');
  const cred = readDer(KRB_CRED, gss.value.krbCred);
  if (!cred.ok) throw new Error(cred.error.message);
  return findPacs(openTicket(cred.value.tickets[0]['enc-part'], keytab)['authorization-data'])[0];
}

/** The lines of Wireshark's dissection of the n-th PAC in a scenario. */
function wiresharkPac(scenario: string, nth = 0): string[] {
  const text = readFileSync(join(REAL, scenario, 'wireshark', 'tshark-decrypted.txt'), 'utf8');
  const lines = text.split('\n').map((l) => l.trim());
  const starts = lines.flatMap((l, i) => (l.startsWith('ad-type: aD-WIN2K-PAC') ? [i] : []));
  const start = starts[nth];
  const end = lines.findIndex((l, i) => i > start && l.startsWith('Type: Privsvr Checksum'));
  // The buffers after the KDC checksum (Samba writes the ticket and full checksums last).
  const more = lines.slice(end).findIndex((l) => l === '' || l.startsWith('authenticator'));
  return lines.slice(start, end + (more < 0 ? 10 : more));
}

/** Every value Wireshark printed for a label, in order. */
function shown(lines: string[], label: string): string[] {
  return lines.filter((l) => l.startsWith(`${label}: `)).map((l) => l.slice(label.length + 2));
}

/** Wireshark's `Nov 26, 2026 08:30:43.535997000 UTC` as the reader's ISO-8601 (7 decimals). */
function iso(wireshark: string): string {
  if (wireshark.startsWith('Infinity')) return 'never';
  const m = /^(\w+ +\d+, \d+) (\d+:\d+:\d+)\.(\d+) UTC$/.exec(wireshark)!;
  const date = new Date(`${m[1]} ${m[2]} UTC`).toISOString().slice(0, 19);
  return `${date}.${m[3].slice(0, 7)}Z`;
}

const find = (root: Node, name: string) => {
  let found: Node | undefined;
  walk(root, (n) => {
    if (!found && n.name === name) found = n;
  });
  return found;
};

describe('readPac on real PACs', () => {
  it('MIT krb5 1.20 KDC: client info and three signatures, as Wireshark read them', () => {
    const [pac] = realPacs('spnego-krb5-01-std-flags', 'all-keys.keytab');
    const ws = wiresharkPac('spnego-krb5-01-std-flags');
    const { root, value, errors } = readPac(pac);
    expect(errors).toEqual([]);
    expect(checkTreeInvariants(root, pac.length)).toEqual([]);
    expect(value!.cBuffers).toBe(Number(shown(ws, 'Num Entries')[0]));
    expect(value!.Buffers.map((b) => b.ulType)).toEqual(
      shown(ws, 'Type')
        .map((t) => /\((\d+)\)$/.exec(t)?.[1])
        .filter((t) => t !== undefined)
        .map(Number),
    );
    expect(value!.Buffers.map((b) => b.Offset)).toEqual(shown(ws, 'Offset').map(Number));
    expect(value!.clientInfo!.Name).toBe(shown(ws, 'Name')[0]);
    expect(value!.clientInfo!.ClientId).toBe(iso(shown(ws, 'ClientID')[0]));
    expect(value!.signatures.map((s) => toHex(s.Signature))).toEqual(shown(ws, 'Signature'));
    expect(value!.signatures.map((s) => s.role)).toEqual(['ticket', 'server', 'kdc']);
    expect(value!.logonInfo).toBeUndefined();
  });

  it('Samba AD DC: KERB_VALIDATION_INFO, UPN_DNS_INFO and four signatures, as Wireshark read them', () => {
    const [pac] = realPacs('smb-02-kerberos-password', 'samba-all-keys.keytab');
    const ws = wiresharkPac('smb-02-kerberos-password');
    const { root, value, errors } = readPac(pac);
    expect(errors).toEqual([]);
    expect(checkTreeInvariants(root, pac.length)).toEqual([]);
    const info = value!.logonInfo!;
    expect(info.EffectiveName.text).toBe(shown(ws, 'Acct Name')[0]);
    expect(info.LogonServer.text).toBe(shown(ws, 'Server')[0]);
    expect(info.LogonDomainName.text).toBe(shown(ws, 'Domain')[0]);
    expect(info.UserId).toBe(Number(shown(ws, 'User RID')[0]));
    expect(info.PrimaryGroupId).toBe(Number(shown(ws, 'Group RID')[0]));
    expect(info.GroupCount).toBe(Number(shown(ws, 'Num RIDs')[0]));
    expect(info.GroupIds.map((g) => g.RelativeId)).toEqual(
      shown(ws, 'Group RID').slice(1).map(Number),
    );
    expect(info.LogonCount).toBe(Number(shown(ws, 'Logon Count')[0]));
    expect(info.LogonTime).toBe(iso(shown(ws, 'Logon Time')[0]));
    expect(info.LogoffTime).toBe(iso(shown(ws, 'Logoff Time')[0]));
    expect(info.PasswordLastSet).toBe(iso(shown(ws, 'PWD Last Set')[0]));
    expect(info.PasswordCanChange).toBe(iso(shown(ws, 'PWD Can Change')[0]));
    expect(info.PasswordMustChange).toBe(iso(shown(ws, 'PWD Must Change')[0]));
    const sids = shown(ws, 'Domain SID').map((s) => s.split(/\s/)[0]);
    expect(info.LogonDomainId).toBe(sids[0]);
    expect(info.ExtraSids.map((s) => s.Sid)).toEqual(sids.slice(1));
    expect(info.SidCount).toBe(Number(shown(ws, 'Num Extra SID')[0]));
    expect(info.UserAccountControl).toBe(Number(shown(ws, 'User Account Control')[0]));
    expect(info.UserFlags).toBe(Number(shown(ws, 'User Flags')[0]));
    expect(info.ResourceGroupDomainSid).toBeNull();
    expect(info.ResourceGroupIds).toEqual([]);

    const upn = value!.upnDnsInfo!;
    expect(upn.Upn).toBe(shown(ws, 'UPN Name')[0]);
    expect(upn.DnsDomainName).toBe(shown(ws, 'DNS Name')[0]);
    expect(upn.SamName).toBe(shown(ws, 'sAMAccountName')[0]);
    expect(upn.Sid).toBe(shown(ws, 'objectSid')[0].split(/\s/)[0]);
    expect(upn.Flags).toBe(Number(shown(ws, 'Flags')[0].split(',')[0]));
    expect(value!.clientInfo!.Name).toBe(shown(ws, 'Name')[0]);
    expect(value!.signatures.map((s) => s.role)).toEqual(['server', 'kdc', 'ticket', 'full']);
    // Wireshark 4.0 names type 19 "Unknown" and does not dissect it; the first three match.
    expect(value!.signatures.slice(0, 3).map((s) => toHex(s.Signature))).toEqual(
      shown(ws, 'Signature'),
    );
    // The tree names fields as MS-PAC does and shows the pointed-at data where the pointer is.
    expect(find(root, 'EffectiveName')!.value).toBe('alice');
    expect(find(root, 'LogonDomainId')!.value).toBe(sids[0]);
    expect(find(root, 'GroupIds')!.value).toBe('513');
  });

  it('Samba AD DC, the delegated TGT: PAC_ATTRIBUTES_INFO and PAC_REQUESTOR, as Wireshark read them', () => {
    const pac = delegatedPac('smb-02-kerberos-password', 'samba-all-keys.keytab');
    const ws = wiresharkPac('smb-02-kerberos-password', 1);
    const { root, value, errors } = readPac(pac);
    expect(errors).toEqual([]);
    expect(checkTreeInvariants(root, pac.length)).toEqual([]);
    expect(value!.Buffers.map((b) => b.Offset)).toEqual(
      ws.flatMap((l, k) =>
        k > 0 && ws[k - 1].startsWith('Size: ') && l.startsWith('Offset: ')
          ? [Number(l.slice(8))]
          : [],
      ),
    );
    expect(value!.attributesInfo!.FlagsLength).toBe(Number(shown(ws, 'Flags Valid Length')[0]));
    expect(value!.attributesInfo!.Flags).toEqual([Number(shown(ws, 'Flags')[1].split(',')[0])]);
    const attributes = root.children!.find((n) => n.name === 'PAC_ATTRIBUTES_INFO')!;
    expect(attributes.children!.map((n) => [n.name, n.label])).toEqual([
      ['FlagsLength', 'bits'],
      ['Flags', 'PAC_WAS_GIVEN_IMPLICITLY'],
    ]);
    expect(value!.requestorSid).toBe(shown(ws, 'RequesterSid')[0].split(/\s/)[0]);
    expect(value!.logonInfo!.EffectiveName.text).toBe(shown(ws, 'Acct Name')[0]);
    expect(value!.signatures.map((s) => toHex(s.Signature))).toEqual(shown(ws, 'Signature'));
  });

  it('every real ticket with a PAC: read without errors; PAC_CLIENT_INFO binds it to the ticket', () => {
    let read = 0;
    for (const scenario of realScenarios()) {
      const text = readFileSync(join(REAL, scenario, 'wireshark', 'tshark-decrypted.txt'), 'utf8');
      if (!text.includes('aD-WIN2K-PAC')) continue;
      const keytab = scenario.startsWith('smb-') ? 'samba-all-keys.keytab' : 'all-keys.keytab';
      const ticket = openTicket(apReq(scenario).ticket['enc-part'], keytab);
      const [pac] = findPacs(ticket['authorization-data']);
      const { root, value, errors } = readPac(pac);
      expect(errors, scenario).toEqual([]);
      expect(checkTreeInvariants(root, pac.length), scenario).toEqual([]);
      // MS-PAC §2.7: ClientId is the ticket's authtime, Name its client name without the realm.
      expect(value!.clientInfo!.ClientId, scenario).toBe(
        ticket.authtime.replace(/(\.\d+)?Z$/, '.0000000Z'),
      );
      expect(value!.clientInfo!.Name, scenario).toBe(ticket.cname['name-string'].join('/'));
      read++;
    }
    expect(read).toBeGreaterThanOrEqual(20);
  });

  it('RC4 service ticket of the MIT KDC: an HMAC-MD5 (-138) server signature', () => {
    const [pac] = realPacs('raw-krb5-06-rc4-hmac', 'all-keys.keytab');
    const { value, errors } = readPac(pac);
    expect(errors).toEqual([]);
    const server = value!.signatures.find((s) => s.role === 'server')!;
    expect(server.SignatureType).toBe(-138);
    expect(server.Signature.length).toBe(16);
  });
});

/** A small deterministic generator, so a failure can be replayed. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s;
  };
}

describe('readPac on hostile input', () => {
  const samba = realPacs('smb-02-kerberos-password', 'samba-all-keys.keytab')[0];
  const mit = realPacs('spnego-krb5-01-std-flags', 'all-keys.keytab')[0];

  it('every prefix of a real or built PAC is read without a throw, and each error says where', () => {
    for (const pac of [samba, mit, syntheticPac()])
      for (let n = 0; n < pac.length; n++) {
        const prefix = pac.subarray(0, n);
        const { root, errors } = readPac(prefix);
        expect(errors.length, `prefix of ${n} bytes`).toBeGreaterThan(0);
        for (const e of errors) {
          expect(e.offset).toBeGreaterThanOrEqual(0);
          expect(e.offset).toBeLessThanOrEqual(n);
        }
        expect(checkTreeInvariants(root, n)).toEqual([]);
      }
  });

  it('each byte of a real or built PAC set to 0xff or 0x00 never makes the reader throw', () => {
    for (const pac of [samba, syntheticPac()])
      for (let i = 0; i < pac.length; i++)
        for (const b of [0x00, 0xff]) {
          const bad = pac.slice();
          bad[i] = b;
          const { root } = readPac(bad);
          expect(checkTreeInvariants(root, bad.length), `byte ${i} = ${b}`).toEqual([]);
        }
  });

  it('random bytes are read without a throw', () => {
    const next = lcg(9);
    for (let round = 0; round < 300; round++) {
      const bytes = new Uint8Array(next() % 600);
      for (let i = 0; i < bytes.length; i++) bytes[i] = next() & 0xff;
      // Small buffer counts and offsets inside the bytes, so the buffer readers are reached too.
      if (bytes.length >= 8 && round % 2 === 0) writeU32LE(bytes, 0, next() % 6);
      const { errors, root } = readPac(bytes);
      expect(checkTreeInvariants(root, bytes.length)).toEqual([]);
      for (const e of errors) expect(e.offset).toBeLessThanOrEqual(bytes.length);
    }
  });

  it('huge counts are refused where they are written', () => {
    const buffers = samba.slice();
    writeU32LE(buffers, 0, 0xffffffff);
    const a = readPac(buffers);
    expect(a.value).toBeNull();
    expect(a.errors[0]).toMatchObject({ offset: 0 });
    expect(a.errors[0].message).toMatch(/cBuffers 4294967295/);

    // GroupIds' conformance count (MaxCount) of the Samba PAC, at 440.
    const groups = samba.slice();
    writeU32LE(groups, 440, 0x10000000);
    const b = readPac(groups);
    expect(b.errors[0].offset).toBe(440);
    expect(b.errors[0].message).toMatch(/GroupIds of 268435456 elements/);
    // The other buffers are still read.
    expect(b.value!.upnDnsInfo!.Upn).toBe('alice@samba.test');

    // A buffer Offset past the end.
    const offset = samba.slice();
    writeU32LE(offset, 16, 0x7fffffff);
    const c = readPac(offset);
    expect(c.errors[0].offset).toBe(16);
    expect(c.value!.logonInfo).toBeUndefined();
    expect(c.value!.clientInfo!.Name).toBe('alice');
  });
});

/** A PAC from (ulType, content) pairs, laid out as KDCs do: header, descriptors, 8-aligned buffers. */
function buildPac(buffers: [number, Uint8Array][]): Uint8Array {
  const align = (n: number) => (n + 7) & ~7;
  let at = 8 + 16 * buffers.length;
  const placed = buffers.map(([type, data]) => {
    const offset = at;
    at = align(at + data.length);
    return { type, data, offset };
  });
  const pac = new Uint8Array(at);
  writeU32LE(pac, 0, buffers.length);
  placed.forEach(({ type, data, offset }, i) => {
    writeU32LE(pac, 8 + 16 * i, type);
    writeU32LE(pac, 12 + 16 * i, data.length);
    writeU32LE(pac, 16 + 16 * i, offset);
    pac.set(data, offset);
  });
  return pac;
}

/**
 * S4U_DELEGATION_INFO (MS-PAC §2.9) written as an NDR type serialization stream by hand: the
 * headers, the top-level pointer, the structure, then the target's characters, the array of
 * RPC_UNICODE_STRING and each element's characters.
 */
function delegationInfo(target: string, services: string[]): Uint8Array {
  const out: number[] = [];
  const u16 = (n: number) => out.push(n & 0xff, n >> 8);
  const u32 = (n: number) => out.push(n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, n >>> 24);
  const align4 = () => {
    while (out.length % 4 !== 0) out.push(0);
  };
  let referent = 0x00020000;
  const string = (text: string) => {
    u16(text.length * 2);
    u16(text.length * 2 + 2);
    u32((referent += 4));
  };
  const chars = (text: string) => {
    align4();
    u32(text.length + 1);
    u32(0);
    u32(text.length);
    out.push(...encodeUtf16le(text));
  };
  out.push(1, 0x10, 8, 0, 0xcc, 0xcc, 0xcc, 0xcc);
  u32(0); // ObjectBufferLength, patched below
  u32(0);
  u32(referent);
  string(target);
  u32(services.length);
  u32((referent += 4));
  chars(target);
  align4();
  u32(services.length);
  for (const service of services) string(service);
  for (const service of services) chars(service);
  while (out.length % 8 !== 0) out.push(0);
  const bytes = Uint8Array.from(out);
  writeU32LE(bytes, 8, bytes.length - 16);
  return bytes;
}

/** Credential info, a UPN_DNS_INFO without flag S, claims and an unknown type. */
function syntheticPac(): Uint8Array {
  const credential = Uint8Array.from([0, 0, 0, 0, 18, 0, 0, 0, ...new Array(16).fill(0xab)]);
  const upn = new Uint8Array(40);
  upn.set([10, 0, 16, 0, 8, 0, 32, 0, 1, 0, 0, 0]);
  upn.set(encodeUtf16le('alice'), 16);
  upn.set(encodeUtf16le('TEST'), 32);
  const claims = Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]);
  const unknown = Uint8Array.from([9, 9, 9, 9]);
  return buildPac([
    [2, credential],
    [12, upn],
    [13, claims],
    [0x99, unknown],
    [11, delegationInfo('cifs/fs.example.test', ['HTTP/web.example.test', 'HTTP/app'])],
  ]);
}

describe('readPac on buffers the real PACs lack', () => {
  it('reads PAC_CREDENTIAL_INFO as encrypted data, a UPN_DNS_INFO without flag S, S4U_DELEGATION_INFO, claims and unknown types as bytes', () => {
    const pac = syntheticPac();
    const { root, value, errors } = readPac(pac);
    expect(errors).toEqual([]);
    expect(checkTreeInvariants(root, pac.length)).toEqual([]);
    expect(value!.credentialInfo).toMatchObject({ Version: 0, EncryptionType: 18 });
    expect(toHex(value!.credentialInfo!.SerializedData)).toBe('ab'.repeat(16));
    expect(value!.upnDnsInfo).toMatchObject({ Flags: 1, Upn: 'alice', DnsDomainName: 'TEST' });
    expect(value!.upnDnsInfo!.SamName).toBeUndefined();
    expect(root.children!.slice(3).map((n) => [n.name, n.value ?? null])).toEqual([
      ['PAC_CREDENTIAL_INFO', null],
      ['UPN_DNS_INFO', null],
      ['PAC_CLIENT_CLAIMS_INFO', '0102030405060708'],
      ['PAC_BUFFER', '09090909'],
      ['PAC_CONSTRAINED_DELEGATION', null],
    ]);
    const delegation = value!.delegationInfo!;
    expect(delegation.S4U2proxyTarget.text).toBe('cifs/fs.example.test');
    expect(delegation.TransitedListSize).toBe(2);
    expect(delegation.S4UTransitedServices.map((t) => t.text)).toEqual([
      'HTTP/web.example.test',
      'HTTP/app',
    ]);
    expect(find(root, 'S4UTransitedServices')!.value).toBe('HTTP/web.example.test, HTTP/app');
    expect(find(root, 'EncryptionType')!.label).toBe('aes256-cts-hmac-sha1-96');
    expect(find(root, 'Flags')!.label).toMatch(/^U /);
  });

  it('refuses a big-endian NDR stream and overlapping buffers where they are written', () => {
    const samba = realPacs('smb-02-kerberos-password', 'samba-all-keys.keytab')[0].slice();
    samba[121] = 0x00; // Endianness of the logon information's common header
    const a = readPac(samba);
    expect(a.errors).toHaveLength(1);
    expect(a.errors[0].offset).toBe(121);
    expect(a.errors[0].message).toMatch(/only little-endian/);
    expect(a.value!.upnDnsInfo!.SamName).toBe('alice');

    const overlapping = buildPac([
      [10, Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0x61, 0])],
      [18, Uint8Array.from([1, 1, 0, 0, 0, 0, 0, 5, 18, 0, 0, 0])],
    ]);
    writeU32LE(overlapping, 32, 40); // the second buffer now starts where the first does
    const b = readPac(overlapping);
    expect(b.errors.map((e) => e.offset)).toEqual([32]);
    expect(b.errors[0].message).toMatch(/overlaps the previous buffer/);
    expect(b.value!.clientInfo!.Name).toBe('a');
    expect(checkTreeInvariants(b.root, overlapping.length)).toEqual([]);

    const requestor = buildPac([[18, Uint8Array.from([1, 1, 0, 0, 0, 0, 0, 5, 18, 0, 0, 0])]]);
    expect(readPac(requestor).value!.requestorSid).toBe('S-1-5-18');
  });
});

describe('PAC explanations', () => {
  it('every node of the real PACs, whole and garbled, has a meaning and exactly one spec', () => {
    const pacs = [
      ...realPacs('smb-02-kerberos-password', 'samba-all-keys.keytab'),
      delegatedPac('smb-02-kerberos-password', 'samba-all-keys.keytab'),
      ...realPacs('spnego-krb5-01-std-flags', 'all-keys.keytab'),
      ...realPacs('raw-krb5-06-rc4-hmac', 'all-keys.keytab'),
      syntheticPac(),
    ];
    const problems = new Set<string>();
    for (const pac of pacs)
      walk(readPac(pac).root, (node, _d, parent) => {
        const e = explain(node, parent);
        const kind = `${node.name}@${parent?.name ?? '-'}`;
        if (!e?.meaning) problems.add(`${kind}: no explanation`);
        else if (Boolean(node.spec) === Boolean(e.spec))
          problems.add(`${kind}: spec on node ${node.spec}, in explanation ${e.spec}`);
      });
    expect([...problems]).toEqual([]);
  });
});
