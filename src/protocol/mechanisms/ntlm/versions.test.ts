// NTLM versions in the simulator: each LmCompatibilityLevel's responses verified with the
// crypto module and with the analysis' openNtlm under the configured password, the session keys
// per version, the mechListMIC under NTLMv1 keys, the acceptor's policy, anonymous logon and
// Extended Protection, and the real gss-ntlmssp NTLMv1 / LM / channel-binding exchanges.
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CONFIG,
  withPatch,
  type ConfigPatch,
  type LmCompatibilityLevel,
} from '../../config';
import { runExchange, type Run } from '../../run';
import { validateConfig } from '../../config';
import { simulate } from '../..';
import { readSpnegoToken } from '../../../codec/spnego/token';
import { ntlmOf } from '../../../testing/ntlm';
import {
  readAuthenticate,
  readChallenge,
  readNegotiate,
  readNtlmv2Response,
  NTLMSSP_NEGOTIATE_ANONYMOUS,
  NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY,
  NTLMSSP_NEGOTIATE_LM_KEY,
  hasFlag,
  type AuthenticateMessage,
} from '../../../codec/ntlm';
import { MSV_AV_TARGET_NAME, MSV_CHANNEL_BINDINGS } from '../../../data/ntlm';
import { desl, kxkey, lmowfv1, ntowfv1, serverExportedSessionKey } from '../../../crypto';
import { md4 } from '../../../crypto/md4';
import { hmacMd5, md5 } from '../../../crypto/md5';
import { concatBytes, toHex } from '../../../bytes';
import { des } from '../../../crypto/des';
import { openNtlm } from '../../../analysis/secrets/ntlm';
import { NO_SECRETS, type SecretResult } from '../../../analysis/types';
import { realTokens } from '../../../testing/fixtures';
import { configPatch } from '../../../store/config-diff';

const PASSWORD = DEFAULT_CONFIG.initiator.ntlmPassword!;
const NTLM_ONLY: ConfigPatch = { initiator: { kerberosTicket: false } };

const run = (patch: ConfigPatch): Run => runExchange(withPatch(DEFAULT_CONFIG, patch));

function authenticateOf(r: Run | Uint8Array[]): {
  message: AuthenticateMessage;
  bytes: Uint8Array;
} {
  const tokens = Array.isArray(r) ? r : r.steps.map((s) => s.token);
  for (const t of tokens) {
    const inner = ntlmOf(t);
    if (!inner) continue;
    const read = readAuthenticate(inner);
    if (read.ok) return { message: read.value, bytes: inner };
  }
  throw new Error('no AUTHENTICATE');
}

function serverChallengeOf(r: Run): Uint8Array {
  for (const s of r.steps) {
    const inner = ntlmOf(s.token);
    const read = inner && readChallenge(inner);
    if (read && read.ok) return read.value.serverChallenge;
  }
  throw new Error('no CHALLENGE');
}

function negotiateFlagsOf(tokens: Uint8Array[]): number {
  for (const t of tokens) {
    const inner = ntlmOf(t);
    const read = inner && readNegotiate(inner);
    if (read && read.ok) return read.value.flags;
  }
  throw new Error('no NEGOTIATE');
}

/** openNtlm over a simulated run with the configured password, as the analysis would. */
function opened(r: Run, password = PASSWORD): SecretResult[] {
  const tokens = r.steps.map((s) => ({ from: s.from, token: s.token }));
  return openNtlm(tokens, { ...NO_SECRETS, passwords: [{ password }] }).flat();
}

const derived = (results: SecretResult[], name: string) =>
  results.flatMap((x) => x.derived ?? []).find((d) => d.name === name)?.value;

describe('client LmCompatibilityLevel', () => {
  const levels: LmCompatibilityLevel[] = [0, 1, 2, 3, 4, 5];
  for (const level of levels) {
    it(`level ${level}: the responses verify with the crypto module and with openNtlm`, () => {
      const r = run({ ...NTLM_ONLY, ntlm: { lmCompatibilityLevel: level } });
      expect(r.outcome.result).toBe('established');
      const { message } = authenticateOf(r);
      const sc = serverChallengeOf(r);
      const nt = message.ntChallengeResponse!;
      const lm = message.lmChallengeResponse ?? new Uint8Array(0);
      const ess = hasFlag(message.flags, NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY);
      if (level >= 3) {
        expect(nt.length).toBeGreaterThan(24);
        expect(readNtlmv2Response(nt).ok).toBe(true);
      } else {
        expect(nt.length).toBe(24);
        expect(lm.length).toBe(24);
        expect(message.mic).toBeUndefined();
        // Level 0 asks no ESS (gss-ntlmssp: SEC_EXT_SEC_OK only from level 1).
        expect(ess).toBe(level > 0);
        const key = ntowfv1(PASSWORD);
        if (ess) {
          const cc = lm.subarray(0, 8);
          expect(toHex(lm.subarray(8))).toBe('00'.repeat(16));
          expect(toHex(nt)).toBe(toHex(desl(key, md5(concatBytes(sc, cc)).subarray(0, 8))));
        } else {
          expect(toHex(nt)).toBe(toHex(desl(key, sc)));
          expect(toHex(lm)).toBe(toHex(desl(lmowfv1(PASSWORD), sc)));
        }
      }
      const results = opened(r);
      expect(results.filter((x) => !x.ok)).toEqual([]);
      const what = level >= 3 ? 'NTLMv2 response' : 'NTLMv1 response';
      expect(results.find((x) => x.what === what)?.text).toMatch(
        'verified with the password given',
      );
    });
  }

  it('level 0 asks for LM_KEY without ESS; the server grants it; KXKEY uses the LM response', () => {
    const r = run({ ...NTLM_ONLY, ntlm: { lmCompatibilityLevel: 0 } });
    const tokens = r.steps.map((s) => s.token);
    expect(hasFlag(negotiateFlagsOf(tokens), NTLMSSP_NEGOTIATE_LM_KEY)).toBe(true);
    const { message } = authenticateOf(r);
    expect(hasFlag(message.flags, NTLMSSP_NEGOTIATE_LM_KEY)).toBe(true);
    // KXKEY with LM_KEY (MS-NLMP §3.4.5.1), computed here from the primitives.
    const lmowf = lmowfv1(PASSWORD);
    const lm8 = message.lmChallengeResponse!.subarray(0, 8);
    const expectedKx = concatBytes(
      des(lmowf.subarray(0, 7), lm8),
      des(new Uint8Array([lmowf[7], 0xbd, 0xbd, 0xbd, 0xbd, 0xbd, 0xbd]), lm8),
    );
    const exported = serverExportedSessionKey(
      message.flags,
      expectedKx,
      message.encryptedRandomSessionKey,
    );
    expect(derived(opened(r), 'ExportedSessionKey')).toBe(toHex(exported));
  });

  it('with ESS the key-exchange key is HMAC-MD5(MD4(NTOWFv1), ServerChallenge + LM[0..7])', () => {
    const r = run({ ...NTLM_ONLY, ntlm: { lmCompatibilityLevel: 2 } });
    const { message } = authenticateOf(r);
    const base = md4(ntowfv1(PASSWORD));
    const kx = hmacMd5(
      base,
      concatBytes(serverChallengeOf(r), message.lmChallengeResponse!.subarray(0, 8)),
    );
    expect(toHex(kx)).toBe(
      toHex(
        kxkey({
          version: 1,
          flags: message.flags,
          sessionBaseKey: base,
          serverChallenge: serverChallengeOf(r),
          lmChallengeResponse: message.lmChallengeResponse!,
        }),
      ),
    );
    const exported = serverExportedSessionKey(message.flags, kx, message.encryptedRandomSessionKey);
    expect(derived(opened(r), 'ExportedSessionKey')).toBe(toHex(exported));
  });

  it('the mechListMIC is made and verified with NTLMv1 keys when a switch of mechanism demands it', () => {
    for (const level of [0, 1, 2] as const) {
      // Kerberos first, no key on the server: request-mic to NTLM, so the MIC exchange is required.
      const r = run({ acceptor: { kerberosKey: false }, ntlm: { lmCompatibilityLevel: level } });
      expect(r.outcome.result, `level ${level}`).toBe('established');
      expect(r.steps.filter((s) => s.mechListMIC)).toHaveLength(2);
      const mics = opened(r).filter((x) => x.what === 'mechListMIC');
      expect(mics).toHaveLength(2);
      expect(mics.every((m) => m.ok)).toBe(true);
    }
  });

  it('NTLMv1 over SPNEGO with NTLM first: no NTLM MIC, no mechListMIC (MIT), bare accept-completed', () => {
    for (const profile of ['mit', 'windows', 'heimdal', 'samba'] as const) {
      const r = run({ ...NTLM_ONLY, profile, ntlm: { lmCompatibilityLevel: 2 } });
      expect(r.outcome.result, profile).toBe('established');
      expect(authenticateOf(r).message.mic, profile).toBeUndefined();
      expect(
        r.steps.some((s) => s.mechListMIC),
        profile,
      ).toBe(false);
    }
    const mit = run({ ...NTLM_ONLY, ntlm: { lmCompatibilityLevel: 2 } });
    expect(toHex(mit.steps.at(-1)!.token)).toBe('a1073005a0030a0100');
  });
});

describe('the acceptor policy', () => {
  it('a domain controller at level 5 refuses NTLMv1 and LM: SPNEGO reject, SMB logon failure, HTTP 401', () => {
    for (const level of [0, 1, 2] as const) {
      const ntlm = { lmCompatibilityLevel: level, acceptorLmCompatibilityLevel: 5 } as const;
      const http = run({ ...NTLM_ONLY, ntlm });
      expect(http.outcome.result).toBe('rejected');
      expect(http.outcome.reason).toMatch('refused by policy');
      expect(http.steps.at(-1)!.negState).toBe('reject');
      expect(http.steps.at(-1)!.transport?.status?.code).toBe(401);
      const smb = run({ ...NTLM_ONLY, transport: 'smb', ntlm });
      expect(smb.steps.at(-1)!.transport?.status?.text).toMatch('STATUS_LOGON_FAILURE');
    }
    // NTLMv2 passes the same policy.
    const v2 = run({ ...NTLM_ONLY, ntlm: { acceptorLmCompatibilityLevel: 5 } });
    expect(v2.outcome.result).toBe('established');
  });

  it('level 4 ignores the LM response but accepts the NTLMv1 one beside it', () => {
    const r = run({
      ...NTLM_ONLY,
      ntlm: { lmCompatibilityLevel: 0, acceptorLmCompatibilityLevel: 4 },
    });
    expect(r.outcome.result).toBe('established');
    expect(r.steps.flatMap((s) => s.rules).some((x) => /LM response is ignored/.test(x.text))).toBe(
      true,
    );
  });

  it('a wrong password fails an NTLMv1 logon too', () => {
    const r = run({
      initiator: { kerberosTicket: false, ntlmPassword: 'wrong' },
      ntlm: { lmCompatibilityLevel: 2 },
    });
    expect(r.outcome.result).toBe('rejected');
    expect(r.outcome.reason).toMatch('wrong password');
  });
});

describe('anonymous NTLM', () => {
  const anon: ConfigPatch = {
    initiator: { kerberosTicket: false, ntlmPassword: null },
    ntlm: { anonymous: true, acceptAnonymous: true },
  };

  it('empty NT response, Z(1) LM response, no user, ANONYMOUS flag; no key exchange, no MIC of any kind', () => {
    const r = run(anon);
    expect(r.outcome.result).toBe('established');
    const { message } = authenticateOf(r);
    expect(message.ntChallengeResponse?.length ?? 0).toBe(0);
    expect(toHex(message.lmChallengeResponse!)).toBe('00');
    expect(message.userName ?? '').toBe('');
    expect(hasFlag(message.flags, NTLMSSP_NEGOTIATE_ANONYMOUS)).toBe(true);
    expect(message.encryptedRandomSessionKey?.length ?? 0).toBe(0);
    expect(r.steps.some((s) => s.mechListMIC)).toBe(false);
    expect(r.steps.at(-1)!.acceptor.user).toBe('ANONYMOUS LOGON');
  });

  it('refused unless the acceptor allows it', () => {
    const r = run({ ...anon, ntlm: { anonymous: true } });
    expect(r.outcome.result).toBe('rejected');
    expect(r.outcome.reason).toMatch('anonymous logon refused');
  });
});

describe('channel bindings and target name (Extended Protection)', () => {
  const tls: ConfigPatch = {
    ...NTLM_ONLY,
    kerberos: { channelBindings: 'tls-server-end-point' },
    ntlm: { channelBindings: true },
  };

  it("MsvAvChannelBindings equal MIT's real value for the lab's certificate, after MsvAvTargetName (spnego-ntlm-05)", () => {
    const real = authenticateOf(
      realTokens('spnego-ntlm-05-channel-bindings').map((t) => t.bytes),
    ).message;
    const realPairs = readNtlmv2Response(real.ntChallengeResponse!);
    const sim = authenticateOf(run(tls)).message;
    const simPairs = readNtlmv2Response(sim.ntChallengeResponse!);
    if (!realPairs.ok || !simPairs.ok) throw new Error('no NTLMv2 blob');
    const ids = (p: typeof realPairs.value) => p.clientChallenge.avPairs.map((a) => a.id);
    const cb = (p: typeof realPairs.value) =>
      p.clientChallenge.avPairs.find((a) => a.id === MSV_CHANNEL_BINDINGS)?.value as Uint8Array;
    expect(toHex(cb(simPairs.value))).toBe(toHex(cb(realPairs.value)));
    expect(toHex(cb(simPairs.value))).toBe('97b7b8ddb0f88300356609eb175a8931');
    // gss-ntlmssp: the target name, then the bindings, last before MsvAvEOL.
    for (const p of [realPairs.value, simPairs.value]) {
      const list = ids(p).filter((id) => id !== 0);
      expect(list.slice(-2)).toEqual([MSV_AV_TARGET_NAME, MSV_CHANNEL_BINDINGS]);
    }
    const r = run(tls);
    expect(r.outcome.result).toBe('established');
    expect(opened(r).filter((x) => !x.ok)).toEqual([]);
  });

  it("Samba's all-zero MsvAvChannelBindings carries the hash when bindings are passed", () => {
    const sim = authenticateOf(run({ ...tls, profile: 'samba' })).message;
    const blob = readNtlmv2Response(sim.ntChallengeResponse!);
    if (!blob.ok) throw new Error('no NTLMv2 blob');
    const cbs = blob.value.clientChallenge.avPairs.filter((a) => a.id === MSV_CHANNEL_BINDINGS);
    expect(cbs).toHaveLength(1);
    expect(toHex(cbs[0].value as Uint8Array)).toBe('97b7b8ddb0f88300356609eb175a8931');
  });

  it('another certificate on the acceptor (a TLS-terminating proxy): refused', () => {
    const r = run({
      ...tls,
      kerberos: { channelBindings: 'tls-server-end-point', acceptorBindings: 'other-certificate' },
    });
    expect(r.outcome.result).toBe('rejected');
    expect(r.outcome.reason).toMatch('SEC_E_BAD_BINDINGS');
    expect(simulate('ntlm-channel-binding-mismatch').outcome.result).toBe('rejected');
    // With Extended Protection off, the same exchange goes through.
    const off = run({
      ...tls,
      kerberos: { channelBindings: 'tls-server-end-point', acceptorBindings: 'other-certificate' },
      ntlm: { channelBindings: true, extendedProtection: 'none' },
    });
    expect(off.outcome.result).toBe('established');
  });

  it('require: no bindings or an NTLMv1 response is refused; allow: no bindings pass', () => {
    const none = run({ ...NTLM_ONLY, ntlm: { extendedProtection: 'require' } });
    expect(none.outcome.result).toBe('rejected');
    const v1 = run({
      ...tls,
      ntlm: { channelBindings: true, extendedProtection: 'require', lmCompatibilityLevel: 2 },
    });
    expect(v1.outcome.result).toBe('rejected');
    const ok = run({ ...tls, ntlm: { channelBindings: true, extendedProtection: 'require' } });
    expect(ok.outcome.result).toBe('established');
    expect(run({ ...NTLM_ONLY, ntlm: { extendedProtection: 'allow' } }).outcome.result).toBe(
      'established',
    );
  });

  it('a target name naming another service is refused (a relayed logon)', () => {
    const r = run({ ...NTLM_ONLY, ntlm: { targetName: 'cifs/fileserver.example.test' } });
    expect(r.outcome.result).toBe('rejected');
    expect(r.outcome.reason).toMatch('MsvAvTargetName');
    const off = run({
      ...NTLM_ONLY,
      ntlm: { targetName: 'cifs/fileserver.example.test', extendedProtection: 'none' },
    });
    expect(off.outcome.result).toBe('established');
  });
});

describe('real gss-ntlmssp NTLMv1 exchanges, field by field', () => {
  const cases: [string, ConfigPatch][] = [
    ['spnego-ntlm-03-ntlmv1', { ...NTLM_ONLY, ntlm: { lmCompatibilityLevel: 2 } }],
    ['spnego-ntlm-04-lm-compat-0', { ...NTLM_ONLY, ntlm: { lmCompatibilityLevel: 0 } }],
    ['raw-ntlm-02-ntlmv1', { ...NTLM_ONLY, transport: 'bare', ntlm: { lmCompatibilityLevel: 2 } }],
  ];
  for (const [scenario, patch] of cases) {
    it(scenario, () => {
      const realBytes = realTokens(scenario)
        .filter((t) => !t.perMessage)
        .map((t) => t.bytes);
      const r = run(patch);
      const simBytes = r.steps.map((s) => s.token);
      expect(simBytes).toHaveLength(realBytes.length);
      expect(negotiateFlagsOf(simBytes)).toBe(negotiateFlagsOf(realBytes));
      const real = authenticateOf(realBytes);
      const sim = authenticateOf(simBytes);
      expect(sim.message.flags.toString(16)).toBe(real.message.flags.toString(16));
      expect(sim.message.ntChallengeResponse!.length).toBe(
        real.message.ntChallengeResponse!.length,
      );
      expect(sim.message.lmChallengeResponse!.length).toBe(
        real.message.lmChallengeResponse!.length,
      );
      expect(sim.message.mic).toBe(real.message.mic);
      expect(sim.message.encryptedRandomSessionKey?.length).toBe(
        real.message.encryptedRandomSessionKey?.length,
      );
      // ESS: the LM response is the client challenge and 16 zero bytes; LM: a real DES response.
      const tail = (m: AuthenticateMessage) =>
        toHex(m.lmChallengeResponse!.subarray(8)) === '00'.repeat(16);
      expect(tail(sim.message)).toBe(tail(real.message));
      // The payload starts right after Version: no MIC field (offset 72), as in the real token.
      const offset = (b: Uint8Array) =>
        Math.min(
          ...[12, 20, 28, 36, 44, 52]
            .filter((at) => (b[at] | (b[at + 1] << 8)) > 0)
            .map((at) => b[at + 4] | (b[at + 5] << 8)),
        );
      expect(offset(real.bytes)).toBe(72);
      expect(offset(sim.bytes)).toBe(72);
      // No mechListMIC anywhere, in both.
      const mics = (ts: Uint8Array[]) =>
        ts.map((t) => {
          const read = t[0] === 0x4e ? undefined : readSpnegoToken(t);
          return !!(read?.ok && (read.value as { mechListMIC?: Uint8Array }).mechListMIC);
        });
      expect(mics(simBytes)).toEqual(mics(realBytes));
      expect(r.outcome.result).toBe('established');
    });
  }
});

describe('config.ntlm', () => {
  it('is optional: configs without it validate and run as before', () => {
    const { ntlm: _ignored, ...rest } = withPatch(DEFAULT_CONFIG, { ntlm: {} });
    expect(validateConfig(rest)).toEqual([]);
    expect('ntlm' in withPatch(DEFAULT_CONFIG, {})).toBe(false);
    expect(withPatch(DEFAULT_CONFIG, { ntlm: { anonymous: true } }).ntlm).toEqual({
      anonymous: true,
    });
  });

  it('a link carries config.ntlm and restores it; a link without it keeps the default', () => {
    const changed = withPatch(DEFAULT_CONFIG, {
      ntlm: { lmCompatibilityLevel: 0, extendedProtection: 'require' },
    });
    const link = configPatch(DEFAULT_CONFIG, changed);
    expect(link.ntlm).toEqual({ lmCompatibilityLevel: 0, extendedProtection: 'require' });
    expect(withPatch(DEFAULT_CONFIG, JSON.parse(JSON.stringify(link)))).toEqual(changed);
    expect(configPatch(DEFAULT_CONFIG, DEFAULT_CONFIG)).toEqual({});
  });

  it('bad values are refused with the field named', () => {
    const bad = (ntlm: unknown) =>
      validateConfig({ ...DEFAULT_CONFIG, ntlm } as unknown as typeof DEFAULT_CONFIG);
    expect(bad({ lmCompatibilityLevel: 6 })).toEqual([
      'ntlm.lmCompatibilityLevel must be an integer from 0 to 5',
    ]);
    expect(bad({ acceptorLmCompatibilityLevel: '5' })[0]).toMatch('acceptorLmCompatibilityLevel');
    expect(bad({ anonymous: 'yes' })).toEqual(['ntlm.anonymous must be true or false']);
    expect(bad({ extendedProtection: 'strict' })[0]).toMatch('ntlm.extendedProtection');
    expect(bad({ targetName: 7 })[0]).toMatch('ntlm.targetName');
    expect(bad('x')).toEqual(['ntlm must be an object']);
    expect(bad({ lmCompatibilityLevel: 2, channelBindings: true })).toEqual([]);
  });

  it('the scenarios play out as their descriptions say', () => {
    expect(simulate('ntlmv1-no-mic').outcome.result).toBe('established');
    expect(simulate('ntlmv1-no-mic').steps.some((s) => s.mechListMIC)).toBe(false);
    expect(simulate('ntlm-lm-compat-0').outcome.result).toBe('established');
    expect(simulate('ntlmv1-refused').outcome.result).toBe('rejected');
    expect(simulate('ntlm-anonymous').outcome.result).toBe('established');
    expect(simulate('ntlm-channel-binding-mismatch').outcome.reason).toMatch('SEC_E_BAD_BINDINGS');
  });
});
