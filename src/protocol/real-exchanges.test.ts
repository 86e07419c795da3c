import { describe, expect, it } from 'vitest';
import { tokenLabel } from '../codec/token';
import { readSpnegoToken } from '../codec/spnego/token';
import { readKrbContextToken } from '../codec/kerberos';
import { realTokens } from '../testing/fixtures';
import { simulate, type ConfigPatch } from '.';
import { fromBase64 } from '../bytes';

/**
 * The MIT profile must reproduce the real MIT krb5 1.20.1 + gss-ntlmssp 1.2.0 exchanges of the
 * fixtures message for message: who sends, which message, negState, supportedMech,
 * mechTypes, which mechanism message rides inside, its NTLM flags, and whether a mechListMIC is
 * present.
 */
const CASES: Record<string, ConfigPatch> = {
  'fallback-01-krb5-to-ntlm-no-keytab': { acceptor: { kerberosKey: false } },
  'reject-01-no-common-mech': {
    initiator: { kerberosTicket: false },
    acceptor: { mechs: ['kerberos'] },
  },
  'reject-04-krb5-clock-skew': {
    initiator: { ntlmPassword: null },
    faults: { clockSkewSeconds: 600 },
  },
  'spnego-krb5-01-std-flags': { initiator: { ntlmPassword: null } },
  'spnego-krb5-02-no-flags': { initiator: { ntlmPassword: null, mutual: false } },
  'spnego-krb5-03-mutual-only': { initiator: { ntlmPassword: null } },
  'spnego-krb5-04-conf-integ-no-mutual': { initiator: { ntlmPassword: null, mutual: false } },
  'spnego-krb5-05-delegation': { initiator: { ntlmPassword: null, delegation: true } },
  'spnego-krb5-09-krb5-and-ntlm-offered': {},
  'spnego-krb5-10-enctype-aes256-sha1': { initiator: { ntlmPassword: null } },
  'spnego-ntlm-01-ntlmv2': { initiator: { kerberosTicket: false } },
  'spnego-ntlm-05-channel-bindings': { initiator: { kerberosTicket: false } },
  'spnego-ntlm-06-ntlm-preferred': { initiator: { mechs: ['ntlm', 'kerberos'] } },
  // NTLMv1 (gss-ntlmssp LM_COMPAT_LEVEL 2 and 0): no NTLM MIC, so no mechListMIC either way.
  'spnego-ntlm-03-ntlmv1': {
    initiator: { kerberosTicket: false },
    ntlm: { lmCompatibilityLevel: 2 },
  },
  'spnego-ntlm-04-lm-compat-0': {
    initiator: { kerberosTicket: false },
    ntlm: { lmCompatibilityLevel: 0 },
  },
};

/**
 * Per side implementations against the real Heimdal 7.8 and Samba 4.17 exchanges (the vectors'
 * scenario.json names each side's implementation), and bare mechanism tokens.
 */
const INTEROP: Record<string, ConfigPatch> = {
  'heimdal-03-spnego-krb5-heimdal-to-heimdal': {
    profile: 'heimdal',
    initiator: { ntlmPassword: null },
  },
  // MIT initiator prefers NTLM; the Heimdal acceptor (keytab only) switches to Kerberos with
  // accept-incomplete, which MIT finds defective and answers with its own reject token.
  'heimdal-09-acceptor-selects-second-mech-krb5': {
    initiator: { implementation: 'mit', mechs: ['ntlm', 'kerberos'] },
    acceptor: { implementation: 'heimdal', mechs: ['kerberos'] },
  },
  'heimdal-11-initiator-krb5-only-acceptor-ntlm-only': {
    initiator: { implementation: 'heimdal', ntlmPassword: null },
    acceptor: { implementation: 'mit', kerberosKey: false },
  },
  'heimdal-13-raw-krb5-mit-to-heimdal': {
    transport: 'bare',
    initiator: { implementation: 'mit', ntlmPassword: null },
    acceptor: { implementation: 'heimdal' },
  },
  'smb-01-ntlm': {
    profile: 'samba',
    transport: 'smb',
    initiator: { kerberosTicket: false },
    acceptor: { service: 'cifs' },
  },
  'smb-02-kerberos-password': {
    profile: 'samba',
    transport: 'smb',
    initiator: { ntlmPassword: null },
    acceptor: { service: 'cifs' },
  },
  'raw-krb5-01-mutual': { transport: 'bare', initiator: { ntlmPassword: null } },
  'raw-krb5-02-no-mutual': { transport: 'bare', initiator: { ntlmPassword: null, mutual: false } },
  'raw-ntlm-01-ntlmv2': { transport: 'bare', initiator: { kerberosTicket: false } },
  'raw-ntlm-02-ntlmv1': {
    transport: 'bare',
    initiator: { kerberosTicket: false },
    ntlm: { lmCompatibilityLevel: 2 },
  },
  // curl asks only mutual and replay (a preset of the MIT initiator, not a profile).
  'http-curl-01-krb5': {
    initiator: { implementation: 'mit', requestFlags: ['replay'], ntlmPassword: null },
  },
  'http-curl-03-ntlm-over-spnego': {
    initiator: { implementation: 'mit', requestFlags: ['replay'], kerberosTicket: false },
  },
  'spnego-ntlm-02-no-flags': { initiator: { kerberosTicket: false, requestFlags: [] } },
};

interface Shape {
  from: string;
  message: string;
  negState: unknown;
  supportedMech: unknown;
  mechTypes: unknown[];
  inner: string | null;
  ntlmFlags: number | null;
  /** The ticket's sname name-type in an AP-REQ (RFC 4120 §6.2: MIT 3, Heimdal and Samba 1). */
  snameType: number | null;
  mechListMIC: boolean;
}

function snameType(inner: Uint8Array | undefined): number | null {
  if (!inner) return null;
  const read = readKrbContextToken(inner);
  const message = read.ok ? read.value.message : undefined;
  return message?.kind === 'AP-REQ' ? message.value.ticket.sname['name-type'] : null;
}

/** NegotiateFlags of an NTLM message (MS-NLMP §2.2.1: at offset 12 in NEGOTIATE, 20 in CHALLENGE, 60 in AUTHENTICATE). */
function ntlmFlags(inner: Uint8Array | undefined): number | null {
  if (!inner || inner.length < 64 || inner[0] !== 0x4e) return null;
  const at = [0, 12, 20, 60][inner[8]];
  if (at === undefined) return null;
  return new DataView(inner.buffer, inner.byteOffset).getUint32(at, true);
}

/** The message-level shape of a token, read with the codec's typed reader from its bytes. */
function shape(from: string, bytes: Uint8Array): Shape {
  const read = readSpnegoToken(bytes);
  if (!read.ok) {
    // A bare mechanism token: no SPNEGO fields, the mechanism message named as the inspector does.
    return {
      from,
      message: 'mechanism',
      negState: null,
      supportedMech: null,
      mechTypes: [],
      inner: tokenLabel(bytes),
      ntlmFlags: ntlmFlags(bytes),
      snameType: snameType(bytes),
      mechListMIC: false,
    };
  }
  const token = read.value;
  const carrier =
    token.kind === 'NegTokenResp'
      ? token.responseToken
      : token.kind === 'NegTokenInit'
        ? token.mechToken
        : undefined;
  return {
    from,
    message: token.kind,
    negState: token.kind === 'NegTokenResp' ? (token.negState ?? null) : null,
    supportedMech: token.kind === 'NegTokenResp' ? (token.supportedMech ?? null) : null,
    mechTypes: token.kind === 'NegTokenResp' ? [] : (token.mechTypes ?? []),
    // The mechanism message inside mechToken/responseToken, named as the inspector names it.
    inner: carrier ? tokenLabel(carrier) : null,
    ntlmFlags: ntlmFlags(carrier),
    snameType: snameType(carrier),
    mechListMIC: token.mechListMIC !== undefined,
  };
}

describe('MIT profile reproduces the real MIT krb5 / gss-ntlmssp exchanges', () => {
  for (const [id, patch] of Object.entries(CASES)) {
    it(id, () => {
      const real = realTokens(id)
        .filter((t) => !t.perMessage)
        .map((t) => shape(t.direction, t.bytes));
      const sim = simulate({ ...patch, profile: 'mit' });
      const ours = sim.steps.map((s) => shape(s.from, fromBase64(s.token)));
      expect(ours).toEqual(real);
      expect(sim.outcome.result).toBe(
        real.some((s) => s.negState === 'reject') ? 'rejected' : 'established',
      );
    });
  }
});

describe('per-side implementations reproduce the real Heimdal, Samba and bare exchanges', () => {
  for (const [id, patch] of Object.entries(INTEROP)) {
    it(id, () => {
      const real = realTokens(id)
        .filter((t) => !t.perMessage)
        .map((t) => shape(t.direction, t.bytes));
      const sim = simulate(patch);
      const ours = sim.steps.map((s) => shape(s.from, fromBase64(s.token)));
      expect(ours).toEqual(real);
      const failed = real.some((s) => s.negState === 'reject');
      expect(sim.outcome.result).toBe(failed ? 'rejected' : 'established');
    });
  }
});
