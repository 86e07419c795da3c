import { describe, expect, it } from 'vitest';
import { readDer } from '../../../codec/asn1/read';
import { EncTicketPart } from '../../../codec/kerberos';
import { readPac } from '../../../codec/pac';
import { toDer } from '../../../codec/asn1/encode';
import { AuthorizationData } from '../../../codec/kerberos';
import { decrypt, encrypt } from '../../../crypto/kerberos';
import { analyseInput } from '../../../analysis';
import { NO_SECRETS } from '../../../analysis/types';
import { findPacs, openPac } from '../../../analysis/secrets/pac';
import { negotiatePcap } from '../../../testing/pcap';
import { DEFAULT_CONFIG, KRB_ETYPES, withPatch, type SimConfig } from '../../config';
import { runExchange } from '../../run';
import { krbtgtKey, serviceKey } from './keys';
import { domainSid, kdcIssuesPac, PAC_TYPE, serverSignatureProblem, userRid } from './pac';
import { serviceTicket } from './tickets';
import { checkTicket } from './check-ticket';
import { dissectWithKeytab, hasTshark } from '../../../testing/tshark';
import { simulatedKeytab } from '../../../testing/simulated-keytab';

/**
 * The PAC a simulated AD-style KDC puts in the service ticket: read back by the PAC decoder, its
 * four signatures verified by the analysis' verifier and by Wireshark with keys written here.
 */

const windows = withPatch(DEFAULT_CONFIG, { profile: 'windows' });
const samba = withPatch(DEFAULT_CONFIG, { profile: 'samba', transport: 'smb' });

function ticketPart(config: SimConfig): EncTicketPart {
  const sealed = serviceTicket(config)['enc-part'];
  const key = serviceKey(config);
  const plain = decrypt(key.key, 2, sealed.cipher, key.etype);
  if (!plain.ok) throw new Error(plain.message);
  const part = readDer(EncTicketPart, plain.plaintext);
  if (!part.ok) throw new Error(part.error.message);
  return part.value;
}

function pacOf(config: SimConfig): Uint8Array {
  const pacs = findPacs(ticketPart(config)['authorization-data']);
  expect(pacs).toHaveLength(1);
  return pacs[0];
}

describe('the simulated PAC', () => {
  it('is issued by Windows and Samba KDCs (AD) and MIT KDCs; RFC 4120 and Heimdal KDCs write none', () => {
    expect(kdcIssuesPac(windows)).toBe(true);
    expect(kdcIssuesPac(samba)).toBe(true);
    expect(kdcIssuesPac(DEFAULT_CONFIG)).toBe(true);
    for (const profile of ['rfc4178', 'heimdal'] as const) {
      const config = withPatch(DEFAULT_CONFIG, { profile });
      expect(kdcIssuesPac(config), profile).toBe(false);
      expect(ticketPart(config)['authorization-data'], profile).toBeUndefined();
    }
  });

  it.each([
    ['windows', windows],
    ['samba', samba],
  ])('%s: readPac reads every buffer as configured, without errors', (_, config) => {
    const read = readPac(pacOf(config));
    expect(read.errors).toEqual([]);
    const pac = read.value!;
    expect(pac.Buffers.map((b) => b.ulType)).toEqual([
      PAC_TYPE.logonInfo,
      PAC_TYPE.clientInfo,
      PAC_TYPE.upnDnsInfo,
      PAC_TYPE.serverChecksum,
      PAC_TYPE.privsvrChecksum,
      PAC_TYPE.ticketChecksum,
      PAC_TYPE.fullChecksum,
    ]);
    const info = pac.logonInfo!;
    const sid = domainSid(config);
    expect(sid).toMatch(/^S-1-5-21-\d+-\d+-\d+$/);
    expect(info.EffectiveName.text).toBe('alice');
    expect(info.LogonDomainName.text).toBe('EXAMPLE');
    expect(info.LogonDomainId).toBe(sid);
    expect(info.UserId).toBe(userRid(config));
    expect(info.UserId).toBeGreaterThanOrEqual(1000);
    expect(info.PrimaryGroupId).toBe(513);
    expect(info.GroupIds).toEqual([{ RelativeId: 513, Attributes: 7 }]);
    expect(info.ExtraSids).toEqual([{ Sid: 'S-1-18-1', Attributes: 7 }]);
    expect(info.UserAccountControl).toBe(0x210);
    expect(info.LogonTime).toBe('2026-11-26T09:15:00.0000000Z');
    expect(info.LogoffTime).toBe('never');
    expect(pac.clientInfo).toEqual({
      ClientId: '2026-11-26T09:15:00.0000000Z',
      NameLength: 10,
      Name: 'alice',
    });
    expect(pac.upnDnsInfo).toMatchObject({
      Upn: 'alice@example.test',
      DnsDomainName: 'EXAMPLE.TEST',
      SamName: 'alice',
      Sid: `${sid}-${info.UserId}`,
    });
    expect(pac.signatures.map((s) => [s.role, s.SignatureType])).toEqual([
      ['server', 16],
      ['kdc', 16],
      ['ticket', 16],
      ['full', 16],
    ]);
  });

  it.each(KRB_ETYPES)(
    'service key etype %i: server, KDC, extended KDC and ticket signatures all verify',
    (etype) => {
      const config = withPatch(windows, { kerberos: { etype } });
      const part = ticketPart(config);
      const [pac] = findPacs(part['authorization-data']);
      const server = { ...serviceKey(config), source: 'service' };
      const kdc = { ...krbtgtKey(config), source: 'krbtgt' };
      const opened = openPac(pac, { server, kdc: [kdc] }, part);
      expect(opened.text).toMatch(/server checksum ✓/);
      expect(opened.text).toMatch(/KDC checksum ✓/);
      expect(opened.text).toMatch(/extended KDC checksum ✓/);
      expect(opened.text).toMatch(/ticket checksum ✓/);
      expect(opened.ok).toBe(true);
      expect(serverSignatureProblem(part['authorization-data'], serviceKey(config))).toBeNull();
    },
  );

  it('a changed PAC or another key fails the server signature', () => {
    const part = ticketPart(windows);
    const [pac] = findPacs(part['authorization-data']);
    const other = withPatch(windows, { acceptor: { service: 'cifs' } });
    expect(serverSignatureProblem(part['authorization-data'], serviceKey(other))).toMatch(
      /does not verify/,
    );
    const changed = pac.slice();
    const logon = readPac(pac).value!.Buffers[0];
    changed[logon.Offset + 100] ^= 1;
    const opened = openPac(
      changed,
      { server: { ...serviceKey(windows), source: 'service' }, kdc: [] },
      part,
    );
    expect(opened.text).toMatch(/server checksum ✗/);
  });

  it.each([
    ['windows', 'KRB_AP_ERR_MODIFIED', 'MS-PAC §2.8.4; MS-SFU §3.2.5.2.2', windows],
    ['samba', 'KRB_AP_ERR_BAD_INTEGRITY', 'Heimdal lib/krb5/pac.c, verify_checksum()', samba],
  ])(
    '%s acceptor: a ticket whose PAC changed after signing is refused with %s',
    (_, error, spec, config) => {
      const part = ticketPart(config);
      const pac = findPacs(part['authorization-data'])[0].slice();
      // UserId, the user's RID, raised by one: an elevation the server signature must catch.
      const logon = readPac(pac).value!.Buffers[0];
      const at = logon.Offset + 20 + 48 + 48 + 4;
      pac[at] += 1;
      expect(readPac(pac).value!.logonInfo!.UserId).toBe(userRid(config) + 1);
      const inner = toDer(AuthorizationData, [{ 'ad-type': 128, 'ad-data': pac }]);
      const forged = toDer(EncTicketPart, {
        ...part,
        'authorization-data': [{ 'ad-type': 1, 'ad-data': inner }],
      });
      const key = serviceKey(config);
      const ticket = serviceTicket(config);
      const cipher = encrypt(key.key, 2, forged, new Uint8Array(16), key.etype);
      const sealed = { ...ticket, 'enc-part': { ...ticket['enc-part'], cipher } };
      const result = checkTicket(sealed, config, { holdings: {}, rules: [] });
      expect(result).toMatchObject({ refuse: error, spec });
      // The genuine ticket passes the same check.
      expect(checkTicket(ticket, config, { holdings: {}, rules: [] })).toHaveProperty('sessionKey');
    },
  );

  it('the Windows acceptor says whom the verified PAC vouches for; an MIT acceptor that its client information holds', () => {
    const rules = runExchange(windows).steps.flatMap((s) => s.rules.map((r) => r.text));
    const rid = userRid(windows);
    const user = `EXAMPLE\\alice (RID ${rid}, SID ${domainSid(windows)}-${rid}, groups 513)`;
    expect(rules).toContain(
      `checks the PAC's server signature with its service key (key usage 17): it holds, so the KDC vouches for ${user}`,
    );
    const mit = runExchange(DEFAULT_CONFIG).steps.flatMap((s) => s.rules.map((r) => r.text));
    expect(mit.filter((t) => /PAC/.test(t))).toEqual([
      "checks the PAC's server signature with its service key (key usage 17) and that its client information names alice@EXAMPLE.TEST at the ticket's authtime: the PAC is verified",
    ]);
  });

  it('the analysis opens the simulated ticket with a keytab and shows the PAC with the user', () => {
    const run = runExchange(windows);
    expect(run.outcome.result).toBe('established');
    const pcap = negotiatePcap(run.steps.map((s) => ({ from: s.from, token: s.token })));
    const analysis = analyseInput(pcap, { ...NO_SECRETS, keytabs: [simulatedKeytab(windows)] });
    const results = analysis.exchanges.flatMap((e) => e.steps.flatMap((s) => s.secrets));
    const pac = results.find((r) => r.what === 'PAC');
    expect(pac?.ok).toBe(true);
    expect(pac?.text).toMatch(/^alice \(EXAMPLE\\alice, RID \d+, 1 group\)/);
    expect(pac?.text).toMatch(/server checksum ✓.*KDC checksum ✓.*extended KDC checksum ✓/);
    expect(pac?.derived?.[0].value).toBe(`${domainSid(windows)}-${userRid(windows)}`);
  });
});

describe.runIf(hasTshark() || !!process.env.CI)('tshark reads the simulated PAC', () => {
  it('decrypts the ticket with a written keytab, dissects the PAC and verifies its signatures', () => {
    const run = runExchange(windows);
    const text = dissectWithKeytab(
      run.steps.map((s) => ({ from: s.from, token: s.token })),
      simulatedKeytab(windows),
    );
    expect(text).toMatch(/Verified Server checksum 16 keytype 18 using keytab principal/);
    expect(text).toMatch(/Verified KDC checksum 16 keytype 18 using keytab principal krbtgt/);
    expect(text).toMatch(/Verified Ticket checksum 16 keytype 18 using keytab principal krbtgt/);
    expect(text).toMatch(/Acct Name: alice/);
    expect(text).toMatch(/UPN Name: alice@example.test/);
    expect(text).toMatch(/Num Entries: 7/);
    expect(text).not.toMatch(/Malformed|[Mm]ismatch|[Ff]ailed/);
  });
});
