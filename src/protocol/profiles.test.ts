import { describe, expect, it } from 'vitest';
import { readAuthenticate, readChallenge, readNegotiate, readNtlmv2Response } from '../codec/ntlm';
import { readSpnegoToken } from '../codec/spnego/token';
import { OID } from '../data/oids';
import {
  DEFAULT_CONFIG,
  IMPLEMENTATIONS,
  validateConfig,
  withPatch,
  type ConfigPatch,
} from './config';
import { implementationOf, PROFILES, sideProfile } from './profiles';
import { runExchange } from './run';
import { fromBase64, toBase64, toHex } from '../bytes';
import { simulate, type Simulation } from '.';
import { realTokens } from '../testing/fixtures';

/** Each difference between implementations, one at a time, against the engine's output bytes. */

const KRB = OID.krb5;
const MS_KRB = OID.msKrb5;
const NTLM = OID.ntlmssp;

function spnego(token: string) {
  const read = readSpnegoToken(fromBase64(token));
  if (!read.ok) throw new Error(read.error.message);
  return read.value;
}

function inner(token: string): Uint8Array {
  const t = spnego(token);
  const bytes = t.kind === 'NegTokenResp' ? t.responseToken : 'mechToken' in t ? t.mechToken : null;
  if (!bytes) throw new Error('no mechanism token');
  return bytes;
}

const ok = <T>(r: { ok: true; value: T } | { ok: false; error: unknown }): T => {
  if (!r.ok) throw new Error(String(r.error));
  return r.value;
};

/** The NTLM messages of an NTLM-only run: NEGOTIATE, CHALLENGE, AUTHENTICATE. */
function ntlmRun(patch: ConfigPatch): {
  sim: Simulation;
  n: Uint8Array;
  c: Uint8Array;
  a: Uint8Array;
} {
  const sim = simulate(
    withPatch(withPatch(DEFAULT_CONFIG, { initiator: { kerberosTicket: false } }), patch),
  );
  const carrying = sim.steps.filter((s) => s.mech === 'ntlm');
  return {
    sim,
    n: inner(carrying[0].token),
    c: inner(carrying[1].token),
    a: inner(carrying[2].token),
  };
}

describe('which implementation a side follows', () => {
  it('profile sets both sides unless a side names its own', () => {
    const old = withPatch(DEFAULT_CONFIG, { profile: 'windows' });
    expect(implementationOf(old, 'initiator')).toBe('windows');
    expect(implementationOf(old, 'acceptor')).toBe('windows');
    const mixed = withPatch(old, { acceptor: { implementation: 'heimdal' } });
    expect(implementationOf(mixed, 'initiator')).toBe('windows');
    expect(sideProfile(mixed, 'acceptor').name).toBe('heimdal');
  });

  it('a config written before per-side implementations (no implementation fields) still validates and runs', () => {
    const legacy = JSON.parse(JSON.stringify({ ...DEFAULT_CONFIG, profile: 'rfc4178' }));
    expect(validateConfig(legacy)).toEqual([]);
    expect(runExchange(legacy).outcome.result).toBe('established');
  });

  it('unknown implementations, transports and request flags are refused by name', () => {
    const bad = withPatch(DEFAULT_CONFIG, {
      initiator: { implementation: 'openjdk' as never, requestFlags: ['deleg' as never] },
      transport: 'ldap' as never,
    });
    const problems = validateConfig(bad).join('; ');
    expect(problems).toMatch(/initiator.implementation/);
    expect(problems).toMatch(/requestFlags/);
    expect(problems).toMatch(/transport/);
  });

  it('every profile names a public source for each difference it states', () => {
    for (const name of IMPLEMENTATIONS) {
      const sources = Object.values({ ...PROFILES[name].sources, ...PROFILES[name].ntlm.sources });
      expect(sources.length).toBeGreaterThan(0);
      for (const source of sources)
        expect(source).toMatch(/^(RFC|MS-|MIT|Heimdal|Samba|gss-ntlmssp)/);
    }
  });
});

describe('mechanism lists', () => {
  it('Windows and Samba clients list the MS Kerberos OID first; MIT, Heimdal and RFC 4178 standard OIDs only', () => {
    const listed = (impl: (typeof IMPLEMENTATIONS)[number]) => {
      const init = spnego(simulate({ initiator: { implementation: impl } }).steps[0].token);
      return init.kind === 'NegTokenInit' ? init.mechTypes : [];
    };
    expect(listed('windows')).toEqual([MS_KRB, KRB, NTLM]);
    expect(listed('samba')).toEqual([MS_KRB, KRB, NTLM]);
    for (const impl of ['mit', 'heimdal', 'rfc4178'] as const)
      expect(listed(impl)).toEqual([KRB, NTLM]);
  });

  it('a Windows client with a NEGOEX package lists NEGOEX after Kerberos; an acceptor without NEGOEX skips it', () => {
    const sim = simulate({ profile: 'windows', initiator: { negoex: true } });
    const init = spnego(sim.steps[0].token);
    expect(init.kind === 'NegTokenInit' && init.mechTypes).toEqual([MS_KRB, KRB, OID.negoex, NTLM]);
    expect(sim.outcome).toMatchObject({ result: 'established', mech: 'kerberos' });
    // Without Kerberos NEGOEX follows the first mechanism, never first (the optimistic token is not NEGOEX's).
    const ntlmOnly = simulate({
      profile: 'windows',
      initiator: { negoex: true, kerberosTicket: false },
    });
    const list = spnego(ntlmOnly.steps[0].token);
    expect(list.kind === 'NegTokenInit' && list.mechTypes).toEqual([NTLM, OID.negoex]);
    expect(ntlmOnly.outcome.result).toBe('established');
    // Only Windows lists it.
    const mit = spnego(simulate({ initiator: { negoex: true } }).steps[0].token);
    expect(mit.kind === 'NegTokenInit' && mit.mechTypes).toEqual([KRB, NTLM]);
  });

  it('Windows and Samba servers echo the MS OID the client listed', () => {
    for (const impl of ['windows', 'samba'] as const) {
      const sim = simulate({ profile: impl, transport: 'smb' });
      expect(sim.steps[2].supportedMech).toBe(MS_KRB);
    }
  });
});

describe('negState habits', () => {
  const switchToNtlm: ConfigPatch = { acceptor: { kerberosKey: false } };

  it("MIT's acceptor answers a switch of mechanism request-mic, Heimdal's accept-incomplete", () => {
    const mit = simulate(withPatch(DEFAULT_CONFIG, switchToNtlm));
    expect(mit.steps[1]).toMatchObject({ negState: 'request-mic', supportedMech: NTLM });
    const heimdal = simulate(withPatch(DEFAULT_CONFIG, { ...switchToNtlm, profile: 'heimdal' }));
    expect(heimdal.steps[1]).toMatchObject({ negState: 'accept-incomplete', supportedMech: NTLM });
    expect(heimdal.steps[1].explanation).toMatch(/accept-incomplete, not request-mic/);
  });

  it('Heimdal still demands the MIC exchange after its accept-incomplete switch', () => {
    const sim = simulate({
      profile: 'heimdal',
      initiator: { mechs: ['ntlm', 'kerberos'] },
      acceptor: { mechs: ['kerberos'] },
    });
    expect(sim.outcome).toMatchObject({ result: 'established', mech: 'kerberos' });
    expect(sim.steps.filter((s) => s.mechListMIC).map((s) => s.from)).toEqual([
      'acceptor',
      'initiator',
    ]);
  });

  it('MIT tolerates an accept-incomplete switch only towards NTLM; to Kerberos it is defective and MIT sends its own reject token', () => {
    const toNtlm = simulate({
      initiator: { implementation: 'mit' },
      acceptor: { implementation: 'heimdal', kerberosKey: false },
    });
    expect(toNtlm.outcome).toMatchObject({ result: 'established', mech: 'ntlm' });
    const toKerberos = simulate('heimdal-acceptor');
    expect(toKerberos.outcome.result).toBe('rejected');
    const last = toKerberos.steps.at(-1)!;
    expect(last.from).toBe('initiator');
    expect(toHex(fromBase64(last.token))).toBe('a1073005a0030a0102');
  });

  it('an RFC 4178 client calls any accept-incomplete switch defective and sends nothing', () => {
    const sim = simulate({
      initiator: { implementation: 'rfc4178' },
      acceptor: { implementation: 'heimdal', kerberosKey: false },
    });
    expect(sim.outcome.result).not.toBe('established');
    expect(sim.steps.at(-1)!.from).toBe('acceptor');
  });

  it("Samba's client leaves negState out of every NegTokenResp it sends", () => {
    const sim = simulate('samba-smb-ntlm');
    const responses = sim.steps.filter(
      (s) => s.from === 'initiator' && s.message === 'NegTokenResp',
    );
    expect(responses.length).toBeGreaterThan(0);
    for (const s of responses) {
      expect(s.negState).toBeNull();
      const t = spnego(s.token);
      expect(t.kind === 'NegTokenResp' && t.negState).toBeUndefined();
    }
    expect(sim.outcome.result).toBe('established');
    // An MIT client in the same place says accept-incomplete.
    const mit = simulate('samba-smb-ntlm', { initiator: { implementation: 'mit' } });
    expect(mit.steps[3].negState).toBe('accept-incomplete');
  });
});

describe('rejects', () => {
  it("MIT's acceptor rejects with the KRB-ERROR inside; Heimdal 7 rejects bare", () => {
    const skew: ConfigPatch = {
      initiator: { ntlmPassword: null },
      faults: { clockSkewSeconds: 900 },
    };
    const mit = simulate(skew);
    const mitReject = spnego(mit.steps[1].token);
    expect(mitReject.kind === 'NegTokenResp' && mitReject.responseToken).toBeDefined();
    const heimdal = simulate(
      withPatch(withPatch(DEFAULT_CONFIG, skew), { acceptor: { implementation: 'heimdal' } }),
    );
    expect(toHex(fromBase64(heimdal.steps[1].token))).toBe('a1073005a0030a0102');
    expect(heimdal.steps[1].explanation).toMatch(/error token out of its reject/);
  });

  it('over SMB2 a Samba server answers a failure with STATUS_LOGON_FAILURE and an empty blob; the MIT model keeps the SPNEGO reject', () => {
    const samba = simulate('samba-smb-logon-failure');
    const last = samba.steps.at(-1)!;
    expect(last).toMatchObject({ from: 'acceptor', message: 'empty', token: '', negState: null });
    expect(last.transport?.status).toMatchObject({ text: 'STATUS_LOGON_FAILURE', tone: 'error' });
    expect(samba.outcome.result).toBe('rejected');
    expect(samba.closingRules.map((r) => r.text).join(' ')).toMatch(/no security blob/);
    const mit = simulate('samba-smb-logon-failure', { profile: 'mit' });
    expect(mit.steps.at(-1)).toMatchObject({ message: 'NegTokenResp', negState: 'reject' });
  });
});

describe('NTLM per implementation', () => {
  it('NEGOTIATE flags and Version: gss-ntlmssp 0xe2088237 6.2, Samba 0x62088215 6.1, Heimdal 0x40080231 without Version, Windows a real build', () => {
    const negotiate = (impl: (typeof IMPLEMENTATIONS)[number]) =>
      ok(readNegotiate(ntlmRun({ profile: impl }).n));
    expect(negotiate('mit')).toMatchObject({
      flags: 0xe2088237,
      version: { major: 6, minor: 2, build: 0 },
    });
    expect(negotiate('samba')).toMatchObject({
      flags: 0x62088215,
      version: { major: 6, minor: 1, build: 0 },
    });
    // heim_ntlm_encode_type1() adds OEM_DOMAIN_SUPPLIED for the target's domain it names.
    expect(negotiate('heimdal').flags).toBe(0x40081231);
    expect(negotiate('heimdal').version).toBeUndefined();
    expect(negotiate('windows').version).toMatchObject({ major: 10, minor: 0, build: 17763 });
  });

  it('CHALLENGE TargetInfo: NbDomainName first (Windows, Samba), gss-ntlmssp NbComputerName, NbDomainName, DnsComputerName, MsvAvFlags 0, NbComputerName first for Heimdal', () => {
    const ids = (impl: (typeof IMPLEMENTATIONS)[number]) =>
      (ok(readChallenge(ntlmRun({ profile: impl }).c)).targetInfo ?? []).map((p) => p.id);
    for (const impl of ['windows', 'samba'] as const) expect(ids(impl)).toEqual([2, 1, 4, 3, 7]);
    expect(ids('mit')).toEqual([1, 2, 3, 6, 7]);
    expect(ids('heimdal')).toEqual([1, 2, 4, 3, 7]);
  });

  it('AUTHENTICATE: gss-ntlmssp sends no LM response, Windows and Samba Z(24), Heimdal NTLMv1-ESS', () => {
    const lm = (impl: (typeof IMPLEMENTATIONS)[number]) =>
      ok(readAuthenticate(ntlmRun({ profile: impl }).a)).lmChallengeResponse;
    expect(lm('mit')?.length ?? 0).toBe(0);
    for (const impl of ['windows', 'samba', 'rfc4178'] as const)
      expect(lm(impl)).toEqual(new Uint8Array(24));
    // Heimdal's LM response is the client challenge + Z(16) of the NTLM2 session response.
    expect(lm('heimdal')?.subarray(8)).toEqual(new Uint8Array(16));
  });

  it("Samba's AUTHENTICATE keeps only the flags it asked for and adds MsvAvSingleHost and MsvAvChannelBindings", () => {
    const { n, c, a, sim } = ntlmRun({ profile: 'samba' });
    const asked = ok(readNegotiate(n)).flags;
    const granted = ok(readChallenge(c)).flags;
    const auth = ok(readAuthenticate(a));
    expect(auth.flags).toBe((asked & granted) >>> 0);
    expect(auth.flags).not.toBe(granted);
    const blob = ok(readNtlmv2Response(auth.ntChallengeResponse!)).clientChallenge.avPairs.map(
      (p) => p.id,
    );
    expect(blob.slice(-4)).toEqual([6, 8, 10, 9]);
    expect(sim.outcome.result).toBe('established');
  });

  it('GSS request flags: without confidentiality gss-ntlmssp drops SEAL (curl), Heimdal drops SIGN for ALWAYS_SIGN without integrity, Samba ignores them', () => {
    expect(ok(readNegotiate(ntlmRun({ initiator: { requestFlags: ['replay'] } }).n)).flags).toBe(
      0xe2088217,
    );
    const heimdal = ok(
      readNegotiate(ntlmRun({ profile: 'heimdal', initiator: { requestFlags: [] } }).n),
    ).flags;
    expect(heimdal & 0x30).toBe(0);
    expect(heimdal & 0x8000).toBe(0x8000);
    expect(
      ok(readNegotiate(ntlmRun({ profile: 'samba', initiator: { requestFlags: [] } }).n)).flags,
    ).toBe(0x62088215);
    expect(simulate('curl-negotiate').outcome).toMatchObject({
      result: 'established',
      mech: 'ntlm',
    });
  });
});

describe("Samba's NTLMSSP against the real smbclient / Samba 4.17 exchange (smb-01)", () => {
  /** Every NTLM field a stack chooses: flags, Version, LM response length, AV pair order. */
  const habitsOf = (bytes: Uint8Array) => {
    const type = bytes[8];
    if (type === 1) {
      const m = ok(readNegotiate(bytes));
      return { type, flags: m.flags, version: m.version };
    }
    if (type === 2) {
      const m = ok(readChallenge(bytes));
      return {
        type,
        flags: m.flags,
        version: m.version,
        av: (m.targetInfo ?? []).map((p) => p.id),
      };
    }
    const m = ok(readAuthenticate(bytes));
    const blob = ok(readNtlmv2Response(m.ntChallengeResponse!)).clientChallenge.avPairs;
    return {
      type,
      flags: m.flags,
      version: m.version,
      lm: m.lmChallengeResponse?.length ?? 0,
      av: blob.map((p) => p.id),
    };
  };

  it('NEGOTIATE, CHALLENGE and AUTHENTICATE carry the same flags, Version, LM response and AV pair order', () => {
    const real = realTokens('smb-01-ntlm')
      .filter((t) => !t.perMessage)
      .slice(1, 4)
      .map((t) => habitsOf(inner(toBase64(t.bytes))));
    const sim = simulate('samba-smb-ntlm')
      .steps.slice(1, 4)
      .map((s) => habitsOf(inner(s.token)));
    expect(sim).toEqual(real);
  });
});

describe('NTLM without SPNEGO', () => {
  /** Where the AUTHENTICATE's payload starts (72: Version, no MIC; 88: Version and MIC) and its MsvAvFlags. */
  const layout = (bytes: Uint8Array) => {
    const auth = ok(readAuthenticate(bytes));
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    const offsets = [0, 1, 2, 3, 4, 5].map((i) => view.getUint32(16 + 8 * i, true));
    const blob = ok(readNtlmv2Response(auth.ntChallengeResponse!)).clientChallenge.avPairs;
    return { payload: Math.min(...offsets), avFlags: blob.find((p) => p.id === 6)?.value };
  };

  it('gss-ntlmssp leaves the MIC out of a bare AUTHENTICATE (MsvAvFlags 0), as the real raw-ntlm-01 exchange shows', () => {
    const real = realTokens('raw-ntlm-01-ntlmv2').filter((t) => !t.perMessage);
    const sim = simulate({ transport: 'bare', initiator: { kerberosTicket: false } });
    expect(layout(fromBase64(sim.steps[2].token))).toEqual(layout(real[2].bytes));
    expect(layout(fromBase64(sim.steps[2].token))).toEqual({ payload: 72, avFlags: 0 });
    expect(sim.outcome.result).toBe('established');
    // Under SPNEGO the same client sends the MIC.
    const wrapped = simulate({ initiator: { kerberosTicket: false } });
    expect(layout(inner(wrapped.steps[2].token))).toEqual({ payload: 88, avFlags: 2 });
  });

  it('a Samba client keeps its MIC in the NTLM scheme', () => {
    const sim = simulate('ntlm-scheme', { profile: 'samba' });
    expect(layout(fromBase64(sim.steps[2].token)).avFlags).toBe(2);
    expect(sim.outcome.result).toBe('established');
  });
});

describe('transports', () => {
  it('SMB2: the NegTokenInit2 in the NEGOTIATE response, then each SESSION_SETUP response with its status', () => {
    const sim = simulate('samba-smb-ntlm');
    expect(sim.steps.map((s) => [s.transport?.message, s.transport?.status?.text ?? null])).toEqual(
      [
        ['SMB2 NEGOTIATE Response', 'STATUS_SUCCESS'],
        ['SMB2 SESSION_SETUP Request', null],
        ['SMB2 SESSION_SETUP Response', 'STATUS_MORE_PROCESSING_REQUIRED'],
        ['SMB2 SESSION_SETUP Request', null],
        ['SMB2 SESSION_SETUP Response', 'STATUS_SUCCESS'],
      ],
    );
  });

  it('HTTP: 401 while the exchange goes on, 200 at the end; a last client token gets its answer as the closing leg', () => {
    const sim = simulate('kerberos-to-ntlm-fallback');
    const statuses = sim.steps
      .filter((s) => s.from === 'acceptor')
      .map((s) => s.transport?.status?.code);
    expect(statuses).toEqual([401, 401, 200]);
    const noMutual = simulate('kerberos-no-mutual');
    expect(noMutual.steps.at(-1)!.transport?.status?.code).toBe(200);
    const bareNoMutual = simulate('bare-kerberos', { initiator: { mutual: false } });
    expect(bareNoMutual.steps).toHaveLength(1);
    expect(bareNoMutual.closingLeg?.status).toMatchObject({ code: 200, tone: 'ok' });
  });

  it('the HTTP NTLM scheme carries raw NTLMSSP in Authorization: NTLM, with no SPNEGO and no mechListMIC', () => {
    const sim = simulate('ntlm-scheme');
    expect(sim.steps.map((s) => s.message)).toEqual(['mechanism', 'mechanism', 'mechanism']);
    expect(sim.steps[0].header).toBe(`Authorization: NTLM ${sim.steps[0].token}`);
    expect(sim.steps[1].header).toBe(`WWW-Authenticate: NTLM ${sim.steps[1].token}`);
    expect(toHex(fromBase64(sim.steps[0].token)).slice(0, 16)).toBe('4e544c4d53535000');
    expect(sim.outcome).toMatchObject({ result: 'established', mech: 'ntlm' });
  });

  it('bare Kerberos: the RFC 4121 token itself; a server without the key has nothing to fall back to', () => {
    const sim = simulate('bare-kerberos');
    expect(toHex(fromBase64(sim.steps[0].token)).slice(0, 2)).toBe('60');
    expect(readSpnegoToken(fromBase64(sim.steps[0].token)).ok).toBe(false);
    expect(sim.outcome).toMatchObject({ result: 'established', mech: 'kerberos' });
    const noKey = simulate('bare-kerberos', { acceptor: { kerberosKey: false } });
    expect(noKey.outcome.result).toBe('rejected');
    expect(noKey.steps).toHaveLength(1);
    expect(noKey.closingRules.map((r) => r.text).join(' ')).toMatch(/nothing to fall back to/);
    const noNtlm = simulate('ntlm-scheme', { initiator: { ntlmPassword: null } });
    expect(noNtlm.steps).toHaveLength(0);
    expect(noNtlm.outcome.result).toBe('failed');
  });
});
