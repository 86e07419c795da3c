import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDer } from '../../../codec/asn1/read';
import {
  Authenticator,
  EncTicketPart,
  KRB_CRED,
  readKrbContextToken,
  type Ticket,
} from '../../../codec/kerberos';
import { readGssChecksum } from '../../../codec/kerberos/gss-checksum';
import { readKeytab } from '../../../codec/keytab';
import { readPac, type Pac } from '../../../codec/pac';
import { readSpnegoToken } from '../../../codec/spnego/token';
import { decrypt } from '../../../crypto/kerberos';
import { findPacs, openPac } from '../../../analysis/secrets/pac';
import { FIXTURES, realTokens } from '../../../testing/fixtures';
import { DEFAULT_CONFIG, withPatch, type ConfigPatch, type SimConfig } from '../../config';
import { runExchange } from '../../run';
import { krbtgtKey, serviceKey } from './keys';
import { DOMAIN_ADMINS, kdcPacKind, PAC_TYPE, pacProblem, TAMPERED_NAME } from './pac';
import { serviceTicket } from './tickets';
import { dissectWithKeytab, hasTshark } from '../../../testing/tshark';
import { simulatedKeytab } from '../../../testing/simulated-keytab';

/**
 * The PAC an MIT krb5 1.20 KDC writes, simulated, against the real ones of the lab realm: the
 * same buffers in the same order and sizes, the same checksum types, signatures that verify; and
 * faults.modifiedPac, a PAC changed after the KDC signed it, as each acceptor takes it.
 */

const REAL = join(FIXTURES, 'real');
const mitKeys = readKeytab(readFileSync(join(REAL, 'secrets', 'all-keys.keytab'))).value.entries;

/** The ticket of a real exchange's AP-REQ, opened with the lab keytab. */
function realTicket(scenario: string): EncTicketPart {
  const token = realTokens(scenario).find((t) => /AP-REQ/.test(t.name))!.bytes;
  const spnego = readSpnegoToken(token);
  const inner = spnego.ok && spnego.value.kind !== 'NegTokenResp' ? spnego.value.mechToken! : token;
  const read = readKrbContextToken(inner);
  if (!read.ok || read.value.message?.kind !== 'AP-REQ') throw new Error('no AP-REQ');
  return opened(read.value.message.value.ticket, (etype) =>
    mitKeys.filter((k) => k.enctype === etype).map((k) => k.key),
  );
}

function opened(ticket: Ticket, keysFor: (etype: number) => Uint8Array[]): EncTicketPart {
  const sealed = ticket['enc-part'];
  for (const key of keysFor(sealed.etype)) {
    const plain = decrypt(key, 2, sealed.cipher, sealed.etype);
    if (!plain.ok) continue;
    const part = readDer(EncTicketPart, plain.plaintext);
    if (part.ok) return part.value;
  }
  throw new Error('no key opens the ticket');
}

const simulatedTicket = (config: SimConfig) =>
  opened(serviceTicket(config), () => [serviceKey(config).key]);

function pacOf(part: EncTicketPart): Pac {
  const pacs = findPacs(part['authorization-data']);
  expect(pacs).toHaveLength(1);
  const read = readPac(pacs[0]);
  expect(read.errors).toEqual([]);
  return read.value!;
}

/** What can be compared between two PACs of the same user: layout and checksum types. */
const shape = (pac: Pac) => ({
  buffers: pac.Buffers.map((b) => [b.ulType, b.cbBufferSize, b.Offset]),
  signatures: pac.signatures.map((s) => [s.role, s.SignatureType]),
  name: pac.clientInfo?.Name,
});

const mit = (patch: ConfigPatch = {}) => withPatch(DEFAULT_CONFIG, patch);

describe('the MIT krb5 1.20 KDC PAC', () => {
  it('real MIT tickets carry it, AD-IF-RELEVANT[AD-WIN2K-PAC] with client information at authtime', () => {
    const part = realTicket('spnego-krb5-01-std-flags');
    expect(part['authorization-data']?.map((e) => e['ad-type'])).toEqual([1]);
    const pac = pacOf(part);
    expect(pac.Buffers.map((b) => b.ulType)).toEqual([
      PAC_TYPE.clientInfo,
      PAC_TYPE.ticketChecksum,
      PAC_TYPE.serverChecksum,
      PAC_TYPE.privsvrChecksum,
    ]);
    expect(Date.parse(pac.clientInfo!.ClientId)).toBe(Date.parse(part.authtime));
  });

  it.each([
    ['spnego-krb5-01-std-flags', 18],
    ['raw-krb5-06-rc4-hmac', 23],
  ] as const)(
    'simulated for an MIT realm: the same layout and checksum types as the real %s (etype %i)',
    (scenario, etype) => {
      const config = mit({ kerberos: { etype } });
      expect(kdcPacKind(config)).toBe('mit');
      const part = simulatedTicket(config);
      expect(part['authorization-data']?.map((e) => e['ad-type'])).toEqual([1]);
      expect(shape(pacOf(part))).toEqual(shape(pacOf(realTicket(scenario))));
      expect(Date.parse(pacOf(part).clientInfo!.ClientId)).toBe(Date.parse(part.authtime));
    },
  );

  it.each([17, 18, 19, 20, 23, 25, 26] as const)(
    'service key etype %i: server, KDC and ticket signatures verify, computed for real',
    (etype) => {
      const config = mit({ kerberos: { etype } });
      const part = simulatedTicket(config);
      const [pac] = findPacs(part['authorization-data']);
      const result = openPac(
        pac,
        {
          server: { ...serviceKey(config), source: 'service' },
          kdc: [{ ...krbtgtKey(config), source: 'krbtgt' }],
        },
        part,
      );
      expect(result.text).toBe(
        'alice (client information only); server checksum ✓ with service, KDC checksum ✓ with krbtgt, ticket checksum ✓ with krbtgt',
      );
      expect(result.ok).toBe(true);
      expect(pacProblem(part, serviceKey(config))).toBeNull();
    },
  );
});

/** The forwarded TGT in the KRB-CRED of an AP-REQ's GSS checksum, opened with the krbtgt keys. */
function delegatedTgt(
  token: Uint8Array,
  sessionKeyOf: (t: Ticket) => EncTicketPart,
  krbtgt: (etype: number) => Uint8Array[],
) {
  const spnego = readSpnegoToken(token);
  const inner = spnego.ok && spnego.value.kind !== 'NegTokenResp' ? spnego.value.mechToken! : token;
  const read = readKrbContextToken(inner);
  if (!read.ok || read.value.message?.kind !== 'AP-REQ') throw new Error('no AP-REQ');
  const apReq = read.value.message.value;
  const session = sessionKeyOf(apReq.ticket).key;
  const plain = decrypt(
    session.keyvalue,
    11,
    apReq.authenticator.cipher,
    apReq.authenticator.etype,
  );
  if (!plain.ok) throw new Error(plain.message);
  const auth = readDer(Authenticator, plain.plaintext);
  if (!auth.ok) throw new Error(auth.error.message);
  const gss = readGssChecksum(auth.value.cksum!.checksum);
  if (!gss.ok || !gss.value.krbCred) throw new Error('no KRB-CRED');
  const cred = readDer(KRB_CRED, gss.value.krbCred);
  if (!cred.ok) throw new Error(cred.error.message);
  return opened(cred.value.tickets[0], krbtgt);
}

describe('the PAC in a delegated TGT', () => {
  it('MIT: client information, server and KDC signatures (no ticket signature), as the real spnego-krb5-05', () => {
    const realKrbtgt = (etype: number) =>
      mitKeys
        .filter((k) => k.enctype === etype && k.principal.components[0] === 'krbtgt')
        .map((k) => k.key);
    const real = delegatedTgt(
      realTokens('spnego-krb5-05-delegation').find((t) => /AP-REQ/.test(t.name))!.bytes,
      (t) => opened(t, (etype) => mitKeys.filter((k) => k.enctype === etype).map((k) => k.key)),
      realKrbtgt,
    );
    const config = mit({ initiator: { delegation: true } });
    const run = runExchange(config);
    const simulated = delegatedTgt(
      run.steps[0].token,
      (t) => opened(t, () => [serviceKey(config).key]),
      () => [krbtgtKey(config).key],
    );
    expect(shape(pacOf(simulated))).toEqual(shape(pacOf(real)));
    expect(pacOf(simulated).Buffers.map((b) => b.ulType)).toEqual([
      PAC_TYPE.clientInfo,
      PAC_TYPE.serverChecksum,
      PAC_TYPE.privsvrChecksum,
    ]);
    // Its server signature is made with the krbtgt key, the TGT's own service key.
    const [pac] = findPacs(simulated['authorization-data']);
    const krbtgt = { ...krbtgtKey(config), source: 'krbtgt' };
    const result = openPac(pac, { server: krbtgt, kdc: [krbtgt] }, simulated);
    expect(result.text).toBe(
      'alice (client information only); server checksum ✓ with krbtgt, KDC checksum ✓ with krbtgt',
    );
  });
});

describe('faults.modifiedPac: the PAC changed after the KDC signed it', () => {
  const outcome = (patch: ConfigPatch) => {
    const run = runExchange(withPatch(DEFAULT_CONFIG, { ...patch, faults: { modifiedPac: true } }));
    return { run, rules: run.steps.flatMap((s) => s.rules.map((r) => r.text)) };
  };

  it('an MIT PAC names another client; its signatures, the genuine ones, no longer verify', () => {
    const config = mit({ faults: { modifiedPac: true } });
    const part = simulatedTicket(config);
    expect(pacOf(part).clientInfo?.Name).toBe(TAMPERED_NAME);
    expect(pacProblem(part, serviceKey(config))).toBe(
      'the PAC server signature does not verify with the service key',
    );
    const [pac] = findPacs(part['authorization-data']);
    const result = openPac(
      pac,
      { server: { ...serviceKey(config), source: 'service' }, kdc: [] },
      part,
    );
    expect(result.text).toMatch(/server checksum ✗/);
  });

  it('an AD PAC puts the user in Domain Admins', () => {
    const config = withPatch(DEFAULT_CONFIG, { profile: 'windows', faults: { modifiedPac: true } });
    const info = pacOf(simulatedTicket(config)).logonInfo!;
    expect([info.PrimaryGroupId, info.GroupIds]).toEqual([
      DOMAIN_ADMINS,
      [{ RelativeId: DOMAIN_ADMINS, Attributes: 7 }],
    ]);
  });

  it('MIT acceptor: the authentication succeeds, the PAC is left unverified (mspac_verify)', () => {
    const { run, rules } = outcome({});
    expect(run.outcome.result).toBe('established');
    expect(run.final.acceptor.mech?.holdings.PAC).toBe('present, not verified');
    const rule = run.steps
      .flatMap((s) => s.rules)
      .find((r) => /PAC server signature does not verify/.test(r.text))!;
    expect(rule.spec).toBe('MIT krb5 src/lib/krb5/krb/pac.c, mspac_verify()');
    expect(rules.some((t) => /the PAC is verified/.test(t))).toBe(false);
  });

  it.each([
    ['windows', 41],
    ['samba', 31],
  ] as const)('%s acceptor: refuses the AP-REQ with KRB-ERROR %i', (profile, code) => {
    const { run, rules } = outcome({
      profile,
      ...(profile === 'samba' ? { transport: 'http' as const } : {}),
    });
    expect(run.outcome.result).not.toBe('established');
    expect(rules.some((t) => /PAC server signature does not verify/.test(t))).toBe(true);
    expect(errorCodes(run.steps.map((s) => s.token))).toEqual([code]);
  });

  it('where the KDC writes no PAC (RFC 4120, Heimdal) the fault changes nothing', () => {
    for (const profile of ['rfc4178', 'heimdal'] as const) {
      const plain = runExchange(withPatch(DEFAULT_CONFIG, { profile }));
      const faulty = runExchange(
        withPatch(DEFAULT_CONFIG, { profile, faults: { modifiedPac: true } }),
      );
      expect(
        faulty.steps.map((s) => s.token),
        profile,
      ).toEqual(plain.steps.map((s) => s.token));
    }
  });
});

/** The error-code of each KRB-ERROR in the tokens (inside a NegTokenResp's responseToken). */
function errorCodes(tokens: Uint8Array[]): number[] {
  return tokens.flatMap((token) => {
    const spnego = readSpnegoToken(token);
    const inner =
      spnego.ok && 'responseToken' in spnego.value ? spnego.value.responseToken : undefined;
    const read = inner ? readKrbContextToken(inner) : undefined;
    return read?.ok && read.value.message?.kind === 'KRB-ERROR'
      ? [read.value.message.value['error-code']]
      : [];
  });
}

describe.runIf(hasTshark() || !!process.env.CI)('tshark reads the simulated MIT PAC', () => {
  it('verifies the server, KDC and ticket checksums with a written keytab, as for the real one', () => {
    const config = DEFAULT_CONFIG;
    const run = runExchange(config);
    const text = dissectWithKeytab(
      run.steps.map((s) => ({ from: s.from, token: s.token })),
      simulatedKeytab(config),
    );
    expect(text).toMatch(/Verified Server checksum 16 keytype 18 using keytab principal HTTP/);
    expect(text).toMatch(/Verified KDC checksum 16 keytype 18 using keytab principal krbtgt/);
    expect(text).toMatch(/Verified Ticket checksum 16 keytype 18 using keytab principal krbtgt/);
    expect(text).toMatch(/Num Entries: 4/);
    expect(text).not.toMatch(/Malformed|[Mm]ismatch|[Ff]ailed/);
  });
});
