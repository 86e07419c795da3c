import { describe, expect, it } from 'vitest';
import { tokenLabel } from '../codec/token';
import { readSpnegoToken } from '../codec/spnego/token';
import { realTokens } from '../testing/fixtures';
import { simulate, type ConfigPatch } from '.';
import { fromBase64 } from '../bytes';

/**
 * The MIT profile must reproduce the real MIT krb5 1.20.1 + gss-ntlmssp 1.2.0 exchanges of the
 * fixtures message for message: who sends, which message, negState, supportedMech,
 * mechTypes, which mechanism message rides inside, and whether a mechListMIC is present.
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
};

interface Shape {
  from: string;
  message: string;
  negState: unknown;
  supportedMech: unknown;
  mechTypes: unknown[];
  inner: string | null;
  mechListMIC: boolean;
}

/** The message-level shape of a token, read with the codec's typed reader from its bytes. */
function shape(from: string, bytes: Uint8Array): Shape {
  const read = readSpnegoToken(bytes);
  if (!read.ok) throw new Error(read.error.message);
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
