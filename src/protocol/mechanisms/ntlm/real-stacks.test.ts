// Each profile's NTLM bytes against the real stacks' (gss-ntlmssp 1.2.0 behind MIT krb5 1.20.1,
// Samba 4.17.12, generated in a lab realm; fixtures/vectors/real): message by message the AV pair
// sequences, flags, Version, payload order, empty offsets, MIC and response shapes. Host and user
// names differ (the lab's are not the simulator's), so lengths are compared only where names
// do not enter. Heimdal's NTLM client has no real exchange here; it is checked against its
// source's behaviour, with real crypto.
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, withPatch, type ConfigPatch } from '../../config';
import { runExchange } from '../../run';
import { ntlmOf } from '../../../testing/ntlm';
import {
  readAuthenticate,
  readChallenge,
  readNegotiate,
  readNtlmMessage,
  readNtlmv2Response,
  type AuthenticateMessage,
  type AvPair,
  type ChallengeMessage,
  type NegotiateMessage,
} from '../../../codec/ntlm';
import { MSV_AV_FLAGS, NTLMSSP_NEGOTIATE_OEM_DOMAIN_SUPPLIED } from '../../../data/ntlm';
import { decodeUtf16le, readU16LE, readU32LE, toHex } from '../../../bytes';
import { desl, kxkey, ntowfv1, rc4 } from '../../../crypto';
import { md4 } from '../../../crypto/md4';
import { md5 } from '../../../crypto/md5';
import { concatBytes } from '../../../bytes';
import { realTokens } from '../../../testing/fixtures';
import { ntlm, type NtlmData } from './mechanism';
import type { MechState } from '../mechanism';

/** The configuration that reproduces each real exchange holding NTLM. */
const CASES: Record<string, ConfigPatch> = {
  'spnego-ntlm-01-ntlmv2': { initiator: { kerberosTicket: false } },
  'spnego-ntlm-02-no-flags': { initiator: { kerberosTicket: false, requestFlags: [] } },
  'spnego-ntlm-03-ntlmv1': {
    initiator: { kerberosTicket: false },
    ntlm: { lmCompatibilityLevel: 2 },
  },
  'spnego-ntlm-04-lm-compat-0': {
    initiator: { kerberosTicket: false },
    ntlm: { lmCompatibilityLevel: 0 },
  },
  'spnego-ntlm-05-channel-bindings': {
    initiator: { kerberosTicket: false },
    kerberos: { channelBindings: 'tls-server-end-point' },
    ntlm: { channelBindings: true },
  },
  'spnego-ntlm-06-ntlm-preferred': { initiator: { mechs: ['ntlm', 'kerberos'] } },
  'raw-ntlm-01-ntlmv2': { transport: 'bare', initiator: { kerberosTicket: false } },
  'raw-ntlm-02-ntlmv1': {
    transport: 'bare',
    initiator: { kerberosTicket: false },
    ntlm: { lmCompatibilityLevel: 2 },
  },
  'http-curl-03-ntlm-over-spnego': { initiator: { kerberosTicket: false, requestFlags: [] } },
  'fallback-01-krb5-to-ntlm-no-keytab': { acceptor: { kerberosKey: false } },
  'smb-01-ntlm': {
    profile: 'samba',
    transport: 'smb',
    initiator: { kerberosTicket: false },
    acceptor: { service: 'cifs' },
  },
};

interface Messages {
  negotiate: { bytes: Uint8Array; message: NegotiateMessage };
  challenge: { bytes: Uint8Array; message: ChallengeMessage };
  authenticate: { bytes: Uint8Array; message: AuthenticateMessage };
}

function messagesOf(tokens: Uint8Array[]): Messages {
  const found: Partial<Messages> = {};
  for (const t of tokens) {
    const bytes = ntlmOf(t);
    const read = bytes && bytes.length > 0 ? readNtlmMessage(bytes) : undefined;
    if (!bytes || !read || !read.ok) continue;
    const { messageType, ...message } = read.value;
    if (messageType === 1) found.negotiate = { bytes, message: message as NegotiateMessage };
    if (messageType === 2) found.challenge = { bytes, message: message as ChallengeMessage };
    if (messageType === 3) found.authenticate = { bytes, message: message as AuthenticateMessage };
  }
  if (!found.negotiate || !found.challenge || !found.authenticate)
    throw new Error('the exchange lacks an NTLM message');
  return found as Messages;
}

const ids = (pairs: AvPair[] | undefined) => (pairs ?? []).map((p) => p.id);
const avFlags = (pairs: AvPair[] | undefined) =>
  (pairs ?? []).find((p) => p.id === MSV_AV_FLAGS)?.value;
const blob = (m: AuthenticateMessage) => {
  const nt = m.ntChallengeResponse ?? new Uint8Array(0);
  if (nt.length <= 24) return undefined;
  const read = readNtlmv2Response(nt);
  if (!read.ok) throw new Error(read.error);
  return read.value.clientChallenge;
};

/** The shape of each message, with the lab's names left out. */
function shape(m: Messages) {
  const n = m.negotiate;
  const c = m.challenge.message;
  const a = m.authenticate.message;
  const v2 = blob(a);
  return {
    negotiate: {
      bytes: toHex(n.bytes),
    },
    challenge: {
      flags: c.flags,
      version: c.version,
      targetInfo: ids(c.targetInfo),
      avFlags: avFlags(c.targetInfo),
      payloadOrder: c.layout?.order,
    },
    authenticate: {
      flags: a.flags,
      version: a.version,
      mic: a.mic !== undefined,
      payloadOrder: a.layout?.order,
      emptyOffsets: a.layout?.emptyOffsets,
      lm: a.lmChallengeResponse?.length ?? 0,
      lmZero: (a.lmChallengeResponse ?? new Uint8Array(0)).every((b) => b === 0),
      nt: v2 ? 'NTLMv2' : a.ntChallengeResponse?.length,
      key: a.encryptedRandomSessionKey?.length ?? 0,
      avPairs: ids(v2?.avPairs),
      avFlags: avFlags(v2?.avPairs),
      trailer: v2?.trailer?.length ?? 4,
    },
  };
}

describe('NTLM of each profile against the real stacks', () => {
  for (const [scenario, patch] of Object.entries(CASES)) {
    it(`${scenario}: same AV pair sequences, flags, Version, payload layout and responses`, () => {
      const real = messagesOf(
        realTokens(scenario)
          .filter((t) => !t.perMessage)
          .map((t) => t.bytes),
      );
      const run = runExchange(withPatch(DEFAULT_CONFIG, patch));
      expect(run.outcome.result).toBe('established');
      const simulated = messagesOf(run.steps.map((s) => s.token));
      expect(shape(simulated)).toEqual(shape(real));
    });
  }

  it('gss-ntlmssp: the server sends MsvAvFlags 0; the client rebuilds the list with MsvAvFlags 2 after the names', () => {
    const real = messagesOf(realTokens('spnego-ntlm-05-channel-bindings').map((t) => t.bytes));
    expect(ids(real.challenge.message.targetInfo)).toEqual([1, 2, 3, 6, 7]);
    expect(ids(blob(real.authenticate.message)?.avPairs)).toEqual([1, 2, 3, 6, 7, 9, 10]);
    expect(avFlags(blob(real.authenticate.message)?.avPairs)).toBe(2);
  });

  it('Samba: the client echoes the server list, then MsvAvFlags, SingleHost, ChannelBindings, TargetName; no Z(4)', () => {
    const real = messagesOf(realTokens('smb-01-ntlm').map((t) => t.bytes));
    expect(ids(blob(real.authenticate.message)?.avPairs)).toEqual([2, 1, 4, 3, 7, 6, 8, 10, 9]);
    expect(blob(real.authenticate.message)?.trailer?.length).toBe(0);
  });
});

describe('client AV lists across implementations', () => {
  const avIds = (patch: ConfigPatch) => {
    const run = runExchange(withPatch(DEFAULT_CONFIG, patch));
    return ids(blob(messagesOf(run.steps.map((s) => s.token)).authenticate.message)?.avPairs);
  };
  it('Samba against gss-ntlmssp updates the server MsvAvFlags where it stands (ntlmssp_client_challenge())', () => {
    expect(
      avIds({
        initiator: { implementation: 'samba', kerberosTicket: false },
        acceptor: { implementation: 'mit' },
      }),
    ).toEqual([1, 2, 3, 6, 7, 8, 10, 9]);
  });
  it("gss-ntlmssp against Windows rewrites Windows' order into its own (ntlm_encode_target_info())", () => {
    expect(
      avIds({
        initiator: { implementation: 'mit', kerberosTicket: false },
        acceptor: { implementation: 'windows' },
      }),
    ).toEqual([1, 2, 3, 4, 6, 7, 9]);
  });
});

/**
 * Heimdal 7.8's NTLM client (lib/gssapi/ntlm/init_sec_context.c): NTLMv1 always, the NTLM2
 * session response when the CHALLENGE grants ESS, the random session key wrapped under
 * MD4(NTOWFv1); NEGOTIATE DomainName in UTF-16 with an offset 8 bytes short (Q-NTLM-02).
 */
describe('Heimdal NTLM client', () => {
  const config = withPatch(DEFAULT_CONFIG, {
    initiator: { implementation: 'heimdal', kerberosTicket: false, mechs: ['ntlm'] },
    acceptor: { implementation: 'mit' },
  });

  function exchange() {
    const first = ntlm.initiate(config);
    const challenge = ntlm.accept(null, first.token!, config);
    const last = ntlm.initiatorContinue(first.state, challenge.token!, config);
    const verdict = ntlm.accept(challenge.state as MechState<NtlmData>, last.token!, config);
    return { negotiate: first.token!, challenge: challenge.token!, last, verdict };
  }

  it('NEGOTIATE: OEM_DOMAIN_SUPPLIED, the target domain in UTF-16 after both descriptors, DomainNameBufferOffset 24', () => {
    const { negotiate } = exchange();
    const flags = readU32LE(negotiate, 12);
    expect(flags & NTLMSSP_NEGOTIATE_OEM_DOMAIN_SUPPLIED).not.toBe(0);
    expect(flags & 0x02000000).toBe(0); // no VERSION
    const length = readU16LE(negotiate, 16);
    expect(readU32LE(negotiate, 20)).toBe(24);
    expect(decodeUtf16le(negotiate, 32, 32 + length)).toBe('EXAMPLE');
    expect(negotiate.length).toBe(32 + length);
    // The Workstation descriptor is there, empty.
    expect(toHex(negotiate.subarray(24, 32))).toBe('00'.repeat(8));
    expect(readNegotiate(negotiate).ok).toBe(true);
  });

  it('AUTHENTICATE: the NTLM2 session response, Windows payload order, "workstation", no MIC; the acceptor verifies it', () => {
    const { challenge, last, verdict } = exchange();
    const c = readChallenge(challenge);
    const a = readAuthenticate(last.token!);
    if (!c.ok || !a.ok) throw new Error('unreadable');
    const sc = c.value.serverChallenge;
    const lm = a.value.lmChallengeResponse!;
    const nt = a.value.ntChallengeResponse!;
    expect(lm.length).toBe(24);
    expect(toHex(lm.subarray(8))).toBe('00'.repeat(16));
    const key = ntowfv1(DEFAULT_CONFIG.initiator.ntlmPassword!);
    expect(toHex(nt)).toBe(
      toHex(desl(key, md5(concatBytes(sc, lm.subarray(0, 8))).subarray(0, 8))),
    );
    expect(a.value.workstation).toBe('workstation');
    expect(a.value.domainName).toBe(c.value.targetName);
    expect(a.value.mic).toBeUndefined();
    expect(a.value.version).toBeUndefined();
    expect(a.value.layout?.order?.slice(0, 3)).toEqual(['DomainName', 'UserName', 'Workstation']);
    expect(verdict.status).toBe('complete');
    expect(last.state.data.response).toBe('ntlmv1-ess');
  });

  it('wraps its session key under MD4(NTOWFv1), so an MS-NLMP acceptor unwraps a different one', () => {
    const { challenge, last, verdict } = exchange();
    const c = readChallenge(challenge);
    const a = readAuthenticate(last.token!);
    if (!c.ok || !a.ok) throw new Error('unreadable');
    const client = last.state.data.exportedSessionKey!;
    const base = md4(ntowfv1(DEFAULT_CONFIG.initiator.ntlmPassword!));
    expect(toHex(rc4(base, client))).toBe(toHex(a.value.encryptedRandomSessionKey!));
    // MS-NLMP §3.4.5.1: with ESS the key-exchange key mixes in both challenges.
    const spec = kxkey({
      version: 1,
      flags: a.value.flags,
      sessionBaseKey: base,
      serverChallenge: c.value.serverChallenge,
      lmChallengeResponse: a.value.lmChallengeResponse!,
    });
    expect(toHex(spec)).not.toBe(toHex(base));
    const server = (verdict.state as MechState<NtlmData>).data.exportedSessionKey!;
    expect(toHex(server)).toBe(toHex(rc4(spec, a.value.encryptedRandomSessionKey!)));
    expect(toHex(server)).not.toBe(toHex(client));
  });

  it("Heimdal's acceptor unwraps under MD4(NTOWFv1) too: Heimdal to Heimdal both hold one session key", () => {
    const both = withPatch(config, { acceptor: { implementation: 'heimdal' } });
    const first = ntlm.initiate(both);
    const challenge = ntlm.accept(null, first.token!, both);
    const last = ntlm.initiatorContinue(first.state, challenge.token!, both);
    const verdict = ntlm.accept(challenge.state as MechState<NtlmData>, last.token!, both);
    expect(verdict.status).toBe('complete');
    expect(toHex((verdict.state as MechState<NtlmData>).data.exportedSessionKey!)).toBe(
      toHex(last.state.data.exportedSessionKey!),
    );
  });

  it('a wrong password fails at the acceptor', () => {
    const wrong = withPatch(config, { acceptor: { ntlmPassword: 'not-it' } });
    const first = ntlm.initiate(wrong);
    const challenge = ntlm.accept(null, first.token!, wrong);
    const last = ntlm.initiatorContinue(first.state, challenge.token!, wrong);
    const verdict = ntlm.accept(challenge.state as MechState<NtlmData>, last.token!, wrong);
    expect(verdict.status).toBe('failed');
  });
});
