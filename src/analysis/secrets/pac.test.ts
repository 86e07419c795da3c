import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDer } from '../../codec/asn1/read';
import {
  AP_REQ,
  Authenticator,
  EncTicketPart,
  KRB_CRED,
  readKrbContextToken,
  type KrbCred,
} from '../../codec/kerberos';
import { readGssChecksum } from '../../codec/kerberos/gss-checksum';
import { readKeytab, type KeytabEntry } from '../../codec/keytab';
import { readSpnegoToken } from '../../codec/spnego/token';
import { decrypt } from '../../crypto/kerberos';
import { FIXTURES, realScenarios, realTokens } from '../../testing/fixtures';
import type { KerberosKey } from './types';
import { findPacs, openPac } from './pac';

/**
 * PAC signatures of real tickets (lab realm: MIT krb5 1.20 KDC, Samba 4.17 AD DC), checked with
 * the keys Wireshark verified them with (tshark-decrypted.txt: "Verified Server checksum 16
 * keytype 18 using keytab principal HTTP/localhost@EXAMPLE.TEST", "Verified KDC checksum …").
 */

const REAL = join(FIXTURES, 'real');

function keytab(file: string): KerberosKey[] {
  const entries = readKeytab(readFileSync(join(REAL, 'secrets', file))).value.entries;
  return entries.map((e: KeytabEntry, i) => ({
    etype: e.enctype,
    key: e.key,
    principal: `${e.principal.components.join('/')}@${e.principal.realm}`,
    kvno: e.kvno,
    source: `keytab entry ${i + 1}`,
  }));
}

const key = (keys: KerberosKey[], principal: string, etype: number) =>
  keys.find((k) => k.principal === principal && k.etype === etype)!;

/** The ticket of a scenario's AP-REQ (and the delegated TGT of its KRB-CRED, when there is one). */
function tickets(scenario: string) {
  const token = realTokens(scenario).find((t) => /AP-REQ/.test(t.name))!.bytes;
  const spnego = readSpnegoToken(token);
  const inner = spnego.ok && spnego.value.kind !== 'NegTokenResp' ? spnego.value.mechToken! : token;
  const read = readKrbContextToken(inner);
  // DCE style (RFC 4121 §4.1 with GSS_C_DCE_STYLE): a bare AP-REQ without the GSS framing.
  if (!read.ok) {
    const bare = readDer(AP_REQ, inner);
    if (bare.ok) return bare.value.ticket;
  }
  if (!read.ok || read.value.message?.kind !== 'AP-REQ') throw new Error('no AP-REQ');
  return read.value.message.value.ticket;
}

/** A sealed ticket opened with the first key that decrypts it, that key, and its PAC. */
function opened(
  sealed: { etype: number; cipher: Uint8Array },
  keys: KerberosKey[],
): { pac: Uint8Array; ticket: EncTicketPart; key: KerberosKey } {
  for (const k of keys.filter((x) => x.etype === sealed.etype)) {
    const plain = decrypt(k.key, 2, sealed.cipher, k.etype);
    if (!plain.ok) continue;
    const ticket = readDer(EncTicketPart, plain.plaintext);
    if (ticket.ok)
      return { pac: findPacs(ticket.value['authorization-data'])[0], ticket: ticket.value, key: k };
  }
  throw new Error('no key opens the ticket');
}

const pacOf = (sealed: { etype: number; cipher: Uint8Array }, keys: KerberosKey[]) =>
  opened(sealed, keys).pac;

/** The verified lines of Wireshark's PAC dissection: role, checksum type, keytype, principal. */
function wiresharkVerified(scenario: string): { role: string; principal: string; etype: number }[] {
  const text = readFileSync(join(REAL, scenario, 'wireshark', 'tshark-decrypted.txt'), 'utf8');
  const first = text.slice(text.indexOf('aD-WIN2K-PAC'));
  const block = first.slice(0, first.indexOf('Num Entries'));
  return [
    ...block.matchAll(
      /^\s+Verified (\w+) checksum -?\d+ keytype (\d+) using keytab principal (\S+)/gm,
    ),
  ].map((m) => ({ role: m[1], etype: Number(m[2]), principal: m[3] }));
}

const mitKeys = keytab('all-keys.keytab');
const sambaKeys = keytab('samba-all-keys.keytab');
const mitKrbtgt = mitKeys.filter((k) => k.principal === 'krbtgt/EXAMPLE.TEST@EXAMPLE.TEST');
const sambaKrbtgt = sambaKeys.filter((k) => k.principal === 'krbtgt@SAMBA.TEST');

describe('openPac on real PACs', () => {
  it('MIT KDC: server and KDC checksums verify with the keys Wireshark used', () => {
    const scenario = 'spnego-krb5-01-std-flags';
    const verified = wiresharkVerified(scenario);
    const server = verified.find((v) => v.role === 'Server')!;
    const kdc = verified.find((v) => v.role === 'KDC')!;
    const pac = pacOf(tickets(scenario)['enc-part'], mitKeys);
    const result = openPac(pac, {
      server: key(mitKeys, server.principal, server.etype),
      kdc: mitKrbtgt,
    });
    expect(result.what).toBe('PAC');
    expect(result.ok).toBe(true);
    expect(result.text).toBe(
      `alice (client information only); server checksum ✓ with ${server.principal}, KDC checksum ✓ with ${kdc.principal}`,
    );
    expect(result.root?.name).toBe('PACTYPE');
    expect(result.derived).toBeUndefined();
  });

  it('MIT KDC: a wrong service key fails the server checksum; without krbtgt keys the KDC one is not checked', () => {
    const pac = pacOf(tickets('spnego-krb5-01-std-flags')['enc-part'], mitKeys);
    const wrong = key(mitKeys, 'host/localhost@EXAMPLE.TEST', 18);
    const result = openPac(pac, { server: wrong, kdc: [] });
    expect(result.ok).toBe(false);
    expect(result.text).toMatch(/server checksum ✗ with host\/localhost@EXAMPLE\.TEST/);
    expect(result.text).toMatch(/KDC checksum not checked: no krbtgt key/);
    // No key at all: read, nothing verified and nothing failed.
    const noKeys = openPac(pac, { server: null, kdc: [] });
    expect([noKeys.ok, noKeys.unchecked]).toEqual([false, true]);
    expect(noKeys.text).toMatch(/server checksum not checked: no service key/);
    // A krbtgt key of another realm's KDC (Samba's) fails the KDC checksum.
    const otherKdc = openPac(pac, { server: null, kdc: sambaKrbtgt });
    expect(otherKdc.ok).toBe(false);
    expect(otherKdc.text).toMatch(/KDC checksum ✗/);
  });

  it('Samba AD DC: the user, the server, KDC and extended KDC checksums, and the user SID', () => {
    const scenario = 'smb-02-kerberos-password';
    const verified = wiresharkVerified(scenario);
    const server = verified.find((v) => v.role === 'Server')!;
    const kdc = verified.find((v) => v.role === 'KDC')!;
    const pac = pacOf(tickets(scenario)['enc-part'], sambaKeys);
    const result = openPac(pac, {
      server: key(sambaKeys, server.principal, server.etype),
      kdc: sambaKrbtgt,
    });
    expect(result.ok).toBe(true);
    expect(result.text).toBe(
      `alice (SAMBA\\alice, RID 1102, 1 group); server checksum ✓ with ${server.principal}, KDC checksum ✓ with ${kdc.principal}, extended KDC checksum ✓ with ${kdc.principal}`,
    );
    const ws = readFileSync(join(REAL, scenario, 'wireshark', 'tshark-decrypted.txt'), 'utf8');
    const objectSid = /objectSid: (S-[\d-]+)/.exec(ws)![1];
    expect(result.derived).toEqual([
      { name: 'user SID', value: objectSid, how: 'LogonDomainId followed by UserId (MS-PAC §2.5)' },
    ]);
  });

  it('Samba AD DC: the delegated TGT in the authenticator carries a PAC signed twice with the krbtgt key', () => {
    const scenario = 'smb-02-kerberos-password';
    // The authenticator's KRB-CRED carries a krbtgt ticket: its server key is the krbtgt key.
    const token = realTokens(scenario).find((t) => /AP-REQ/.test(t.name))!.bytes;
    const spnego = readSpnegoToken(token);
    if (!spnego.ok || spnego.value.kind === 'NegTokenResp') throw new Error('no NegTokenInit');
    const read = readKrbContextToken(spnego.value.mechToken!);
    if (!read.ok || read.value.message?.kind !== 'AP-REQ') throw new Error('no AP-REQ');
    const apReq = read.value.message.value;
    const sealed = readDer(EncTicketPart, decryptTicket(apReq.ticket['enc-part']));
    if (!sealed.ok) throw new Error('ticket');
    const authenticator = decrypt(
      sealed.value.key.keyvalue,
      11,
      apReq.authenticator.cipher,
      apReq.authenticator.etype,
    );
    expect(authenticator.ok).toBe(true);
    if (!authenticator.ok) return;
    const cred = krbCredOf(authenticator.plaintext);
    const tgt = cred.tickets[0];
    expect(tgt.sname['name-string'][0]).toBe('krbtgt');
    const pac = pacOf(tgt['enc-part'], sambaKrbtgt);
    const krbtgt = sambaKrbtgt.find((k) => k.etype === tgt['enc-part'].etype)!;
    const result = openPac(pac, { server: krbtgt, kdc: sambaKrbtgt });
    expect(result.ok).toBe(true);
    expect(result.text).toMatch(/^alice \(SAMBA\\alice, RID 1102/);
    expect(result.text).toMatch(/server checksum ✓ with krbtgt@SAMBA\.TEST/);
  });

  it('RC4 service key: the HMAC-MD5 (-138) server checksum and the AES KDC checksum verify', () => {
    const scenario = 'raw-krb5-06-rc4-hmac';
    const verified = wiresharkVerified(scenario);
    const server = verified.find((v) => v.role === 'Server')!;
    expect(server.etype).toBe(23);
    const pac = pacOf(tickets(scenario)['enc-part'], mitKeys);
    const result = openPac(pac, {
      server: key(mitKeys, server.principal, 23),
      kdc: mitKrbtgt,
    });
    expect(result.ok).toBe(true);
    expect(result.text).toMatch(/server checksum ✓ with HTTP\/rc4\.example\.test@EXAMPLE\.TEST/);
    expect(result.text).toMatch(/KDC checksum ✓ with krbtgt\/EXAMPLE\.TEST@EXAMPLE\.TEST/);
    // An AES service key cannot make an HMAC-MD5 checksum: not checked rather than failed.
    const mismatch = openPac(pac, {
      server: key(mitKeys, 'HTTP/localhost@EXAMPLE.TEST', 18),
      kdc: [],
    });
    expect(mismatch.text).toMatch(/server checksum not checked: it is hmac-md5/);
    expect([mismatch.ok, mismatch.unchecked]).toEqual([false, true]);
    // With the krbtgt keys the KDC checksum is checked: no longer unchecked.
    const kdcOnly = openPac(pac, { server: null, kdc: mitKrbtgt });
    expect([kdcOnly.ok, kdcOnly.unchecked]).toEqual([true, undefined]);
  });

  it('a PAC changed after signing fails the server checksum; the KDC checksum still holds', () => {
    const scenario = 'smb-02-kerberos-password';
    const pac = pacOf(tickets(scenario)['enc-part'], sambaKeys).slice();
    // The 'a' of the account name in KERB_VALIDATION_INFO (the first WCHAR[] after the fixed part).
    const at = 368;
    expect(pac[at]).toBe(0x61);
    pac[at] = 0x62;
    const result = openPac(pac, {
      server: key(sambaKeys, 'DC1$@SAMBA.TEST', 18),
      kdc: sambaKrbtgt,
    });
    expect(result.ok).toBe(false);
    expect(result.text).toMatch(/^blice /);
    expect(result.text).toMatch(/server checksum ✗/);
    expect(result.text).toMatch(/, KDC checksum ✓/);
    expect(result.text).toMatch(/extended KDC checksum ✗/);
  });

  it('with the ticket, the ticket checksum (MS-PAC §2.8.2) verifies as Wireshark said, for MIT and Samba', () => {
    for (const [scenario, keys, kdc] of [
      ['spnego-krb5-01-std-flags', mitKeys, mitKrbtgt],
      ['smb-02-kerberos-password', sambaKeys, sambaKrbtgt],
    ] as const) {
      const verified = wiresharkVerified(scenario).find((v) => v.role === 'Ticket')!;
      const { pac, ticket } = opened(tickets(scenario)['enc-part'], keys);
      const result = openPac(pac, { server: null, kdc }, ticket);
      expect(result.ok, scenario).toBe(true);
      expect(result.text, scenario).toMatch(
        new RegExp(`ticket checksum ✓ with ${verified.principal.replace(/[.$/]/g, '\\$&')}`),
      );
      // A ticket changed after signing (another client name) fails it.
      const changed = { ...ticket, cname: { ...ticket.cname, 'name-string': ['mallory'] } };
      const bad = openPac(pac, { server: null, kdc }, changed);
      expect(bad.ok, scenario).toBe(false);
      expect(bad.text, scenario).toMatch(/ticket checksum ✗/);
    }
  });

  it('every real ticket with a PAC: each checksum Wireshark verified verifies here, with the same keys', () => {
    const scenarios = realScenarios().filter((id) =>
      readFileSync(join(REAL, id, 'wireshark', 'tshark-decrypted.txt'), 'utf8').includes(
        'aD-WIN2K-PAC',
      ),
    );
    expect(scenarios.length).toBeGreaterThanOrEqual(20);
    for (const scenario of scenarios) {
      const samba = scenario.startsWith('smb-');
      const keys = samba ? sambaKeys : mitKeys;
      const kdc = samba ? sambaKrbtgt : mitKrbtgt;
      const verified = wiresharkVerified(scenario);
      const server = verified.find((v) => v.role === 'Server')!;
      const { pac, ticket, key: serviceKey } = opened(tickets(scenario)['enc-part'], keys);
      expect([serviceKey.principal, serviceKey.etype], scenario).toEqual([
        server.principal,
        server.etype,
      ]);
      const result = openPac(pac, { server: serviceKey, kdc }, ticket);
      expect(result.ok, `${scenario}: ${result.text}`).toBe(true);
      for (const v of verified) {
        const name = { Server: 'server', KDC: 'KDC', Ticket: 'ticket' }[v.role];
        expect(result.text, scenario).toContain(`${name} checksum ✓ with ${v.principal}`);
      }
    }
  });

  it('garbage is reported, not thrown', () => {
    const result = openPac(new Uint8Array([1, 2, 3]), { server: null, kdc: [] });
    expect(result.ok).toBe(false);
    expect(result.text).toMatch(/^PAC not read: expected 8 bytes/);
  });
});

function decryptTicket(sealed: { etype: number; cipher: Uint8Array }): Uint8Array {
  for (const k of sambaKeys.filter((x) => x.etype === sealed.etype)) {
    const plain = decrypt(k.key, 2, sealed.cipher, k.etype);
    if (plain.ok) return plain.plaintext;
  }
  throw new Error('no key opens the ticket');
}

/** The KRB-CRED in the authenticator's GSS checksum (RFC 4121 §4.1.1: Dlgth, Deleg). */
function krbCredOf(authenticatorPlaintext: Uint8Array): KrbCred {
  const authenticator = readDer(Authenticator, authenticatorPlaintext);
  if (!authenticator.ok || !authenticator.value.cksum) throw new Error('no authenticator checksum');
  const gss = readGssChecksum(authenticator.value.cksum.checksum);
  if (!gss.ok || !gss.value.krbCred) throw new Error('no delegated credentials');
  const cred = readDer(KRB_CRED, gss.value.krbCred);
  if (!cred.ok) throw new Error(cred.error.message);
  return cred.value;
}
