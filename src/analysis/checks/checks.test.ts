import { describe, expect, it } from 'vitest';
import { encodeNegTokenInit, encodeNegTokenResp, readSpnegoToken } from '../../codec/spnego/token';
import { encodeKrbContextToken } from '../../codec/kerberos';
import { OID } from '../../data/oids';
import { realTokens } from '../../testing/fixtures';
import type { NtlmObservation, TokenObservation } from '../../protocol/observe';
import { initialObserverState, observeToken } from '../../protocol/observe';
import { observeExchange } from '../observe';
import type { AnalysedExchange, AnalysedStep, Check, Side } from '../types';
import { micValidityCheck, stepChecks, type CheckContext } from './index';
import { authenticatorTimeCheck, CLOCK_SKEW_SECONDS } from './time';

/**
 * Each check on hand-built exchanges: SPNEGO wrappers written with the project's encoders around
 * mechanism tokens taken from the real MIT/gss-ntlmssp exchanges, legal and illegal sequences.
 */

function innerToken(scenario: string, index: number): Uint8Array {
  const t = realTokens(scenario).filter((x) => !x.perMessage)[index];
  const s = readSpnegoToken(t.bytes);
  if (!s.ok) return t.bytes;
  const v = s.value;
  return (v.kind === 'NegTokenResp' ? v.responseToken : v.mechToken) ?? t.bytes;
}

const NEGOTIATE = innerToken('spnego-ntlm-01-ntlmv2', 0);
const CHALLENGE = innerToken('spnego-ntlm-01-ntlmv2', 1);
const AUTHENTICATE = innerToken('spnego-ntlm-01-ntlmv2', 2);
const AUTHENTICATE_V1 = innerToken('spnego-ntlm-03-ntlmv1', 2);
const AP_REQ = innerToken('spnego-krb5-01-std-flags', 0);
const AP_REP = innerToken('spnego-krb5-01-std-flags', 1);
const MIC16 = new Uint8Array(16).fill(7);

function krbError(code: number, ctime?: string): Uint8Array {
  return encodeKrbContextToken({
    kind: 'KRB-ERROR',
    value: {
      pvno: 5,
      'msg-type': 30,
      ...(ctime ? { ctime, cusec: 0 } : {}),
      stime: '2026-11-26T08:27:23Z',
      susec: 0,
      'error-code': code,
      realm: 'EXAMPLE.TEST',
      sname: { 'name-type': 3, 'name-string': ['HTTP', 'web.example.test'] },
    },
  } as Parameters<typeof encodeKrbContextToken>[0]);
}

function run(tokens: [Side | null, Uint8Array][]): AnalysedExchange {
  return observeExchange({
    source: 'paste',
    transport: 'paste',
    client: null,
    server: null,
    kdc: [],
    gaps: 0,
    tokens: tokens.map(([from, bytes]) => ({ from, bytes })),
  });
}

function check(step: AnalysedStep, id: string): Check {
  const found = step.checks.find((c) => c.id === id);
  if (!found)
    throw new Error(`no ${id} check in step ${step.index + 1}: ${step.checks.map((c) => c.id)}`);
  return found;
}

const ntlmInit = encodeNegTokenInit({ mechTypes: [OID.ntlmssp], mechToken: NEGOTIATE });
const krbNtlmInit = encodeNegTokenInit({ mechTypes: [OID.krb5, OID.ntlmssp], mechToken: AP_REQ });

describe('negstate-sequence (RFC 4178 §4.2.2)', () => {
  it('a legal NTLM exchange passes every check', () => {
    const ex = run([
      [null, ntlmInit],
      [
        null,
        encodeNegTokenResp({
          negState: 'accept-incomplete',
          supportedMech: OID.ntlmssp,
          responseToken: CHALLENGE,
        }),
      ],
      [
        null,
        encodeNegTokenResp({
          negState: 'accept-incomplete',
          responseToken: AUTHENTICATE,
          mechListMIC: MIC16,
        }),
      ],
      [null, encodeNegTokenResp({ negState: 'accept-completed', mechListMIC: MIC16 })],
    ]);
    expect(ex.steps.flatMap((s) => s.checks.filter((c) => !c.ok))).toEqual([]);
    expect(ex.outcome.result).toBe('established');
    expect(check(ex.steps[3], 'negstate-sequence').ok).toBe(true);
  });

  it('request-mic outside the first reply is illegal, from either side', () => {
    const ex = run([
      [null, ntlmInit],
      [
        null,
        encodeNegTokenResp({
          negState: 'accept-incomplete',
          supportedMech: OID.ntlmssp,
          responseToken: CHALLENGE,
        }),
      ],
      [
        'initiator',
        encodeNegTokenResp({
          negState: 'request-mic',
          responseToken: AUTHENTICATE,
          mechListMIC: MIC16,
        }),
      ],
      ['acceptor', encodeNegTokenResp({ negState: 'request-mic', mechListMIC: MIC16 })],
    ]);
    expect(check(ex.steps[2], 'negstate-sequence').ok).toBe(false);
    expect(check(ex.steps[3], 'negstate-sequence').ok).toBe(false);
    expect(ex.findings.some((f) => f.severity === 'error' && /request-mic/.test(f.text))).toBe(
      true,
    );
  });

  it('request-mic in the first reply is legal; a first reply without negState is not', () => {
    const good = run([
      [null, krbNtlmInit],
      [null, encodeNegTokenResp({ negState: 'request-mic', supportedMech: OID.ntlmssp })],
    ]);
    expect(check(good.steps[1], 'negstate-sequence').ok).toBe(true);
    const bad = run([
      [null, ntlmInit],
      ['acceptor', encodeNegTokenResp({ supportedMech: OID.ntlmssp, responseToken: CHALLENGE })],
    ]);
    expect(check(bad.steps[1], 'negstate-sequence').ok).toBe(false);
  });

  it('a token after the side completed is illegal', () => {
    const ex = run([
      [null, encodeNegTokenInit({ mechTypes: [OID.krb5], mechToken: AP_REQ })],
      [
        null,
        encodeNegTokenResp({
          negState: 'accept-completed',
          supportedMech: OID.krb5,
          responseToken: AP_REP,
        }),
      ],
      ['acceptor', encodeNegTokenResp({ negState: 'accept-completed', mechListMIC: MIC16 })],
    ]);
    expect(check(ex.steps[2], 'negstate-sequence').ok).toBe(false);
  });

  it('the client may omit negState after its first token (Samba)', () => {
    const ex = run([
      [null, ntlmInit],
      [
        null,
        encodeNegTokenResp({
          negState: 'accept-incomplete',
          supportedMech: OID.ntlmssp,
          responseToken: CHALLENGE,
        }),
      ],
      [null, encodeNegTokenResp({ responseToken: AUTHENTICATE, mechListMIC: MIC16 })],
      [null, encodeNegTokenResp({ negState: 'accept-completed', mechListMIC: MIC16 })],
    ]);
    expect(ex.steps[2].from).toBe('initiator');
    expect(check(ex.steps[2], 'negstate-sequence')).toMatchObject({ ok: true });
    expect(check(ex.steps[2], 'negstate-sequence').text).toMatch(/Samba/);
  });
});

describe('supportedmech-first-reply (RFC 4178 §4.2.2)', () => {
  it('in a later token it fails', () => {
    const ex = run([
      [null, ntlmInit],
      [
        null,
        encodeNegTokenResp({
          negState: 'accept-incomplete',
          supportedMech: OID.ntlmssp,
          responseToken: CHALLENGE,
        }),
      ],
      [
        null,
        encodeNegTokenResp({
          negState: 'accept-incomplete',
          responseToken: AUTHENTICATE,
          mechListMIC: MIC16,
        }),
      ],
      [
        null,
        encodeNegTokenResp({
          negState: 'accept-completed',
          supportedMech: OID.ntlmssp,
          mechListMIC: MIC16,
        }),
      ],
    ]);
    expect(check(ex.steps[1], 'supportedmech-first-reply').ok).toBe(true);
    expect(check(ex.steps[3], 'supportedmech-first-reply').ok).toBe(false);
  });

  it('a mechanism the client never offered fails', () => {
    const ex = run([
      [null, ntlmInit],
      [null, encodeNegTokenResp({ negState: 'accept-incomplete', supportedMech: OID.negoex })],
    ]);
    expect(check(ex.steps[1], 'supportedmech-first-reply').ok).toBe(false);
  });

  it('the MS Kerberos OID answers a standard Kerberos offer (all Kerberos OIDs are one mechanism)', () => {
    const ex = run([
      [null, encodeNegTokenInit({ mechTypes: [OID.krb5], mechToken: AP_REQ })],
      [
        null,
        encodeNegTokenResp({
          negState: 'accept-completed',
          supportedMech: OID.msKrb5,
          responseToken: AP_REP,
        }),
      ],
    ]);
    expect(check(ex.steps[1], 'supportedmech-first-reply').ok).toBe(true);
    expect(ex.outcome).toMatchObject({ result: 'established', mech: 'kerberos' });
  });
});

describe('optimistic-token (RFC 4178 §3.2)', () => {
  it('used when its mechanism is chosen', () => {
    const ex = run([
      [null, krbNtlmInit],
      [
        null,
        encodeNegTokenResp({
          negState: 'accept-completed',
          supportedMech: OID.krb5,
          responseToken: AP_REP,
        }),
      ],
    ]);
    expect(check(ex.steps[1], 'optimistic-token')).toMatchObject({ ok: true });
    expect(check(ex.steps[1], 'optimistic-token').text).toMatch(/used/);
  });

  it('discarded when another mechanism is chosen', () => {
    const ex = run([
      [null, krbNtlmInit],
      [null, encodeNegTokenResp({ negState: 'request-mic', supportedMech: OID.ntlmssp })],
    ]);
    expect(check(ex.steps[1], 'optimistic-token').text).toMatch(/discarded/);
    expect(check(ex.steps[1], 'optimistic-token').ok).toBe(true);
    expect(check(ex.steps[1], 'request-mic-on-reselection').ok).toBe(true);
  });

  it('answered with its own mechanism’s token after choosing another: wrong', () => {
    const ex = run([
      [null, krbNtlmInit],
      [
        'acceptor',
        encodeNegTokenResp({
          negState: 'request-mic',
          supportedMech: OID.ntlmssp,
          responseToken: AP_REP,
        }),
      ],
    ]);
    expect(check(ex.steps[1], 'optimistic-token').ok).toBe(false);
  });
});

describe('request-mic-on-reselection (RFC 4178 §5 c; MIT init_ctx_reselect)', () => {
  it('accept-incomplete on a switch to Kerberos fails and MIT’s client rejects: failed', () => {
    const ex = run([
      [null, encodeNegTokenInit({ mechTypes: [OID.ntlmssp, OID.krb5], mechToken: NEGOTIATE })],
      [null, encodeNegTokenResp({ negState: 'accept-incomplete', supportedMech: OID.krb5 })],
      [null, encodeNegTokenResp({ negState: 'reject' })],
    ]);
    expect(check(ex.steps[1], 'request-mic-on-reselection').ok).toBe(false);
    expect(ex.outcome.result).toBe('failed');
    expect(ex.outcome.reason).toMatch(/without request-mic/);
  });
});

describe('mechlistmic-required (RFC 4178 §5)', () => {
  const fallback = (authMic: boolean, finalMic: boolean) =>
    run([
      [null, krbNtlmInit],
      [null, encodeNegTokenResp({ negState: 'request-mic', supportedMech: OID.ntlmssp })],
      [null, encodeNegTokenResp({ negState: 'accept-incomplete', responseToken: NEGOTIATE })],
      [null, encodeNegTokenResp({ negState: 'accept-incomplete', responseToken: CHALLENGE })],
      [
        null,
        encodeNegTokenResp({
          negState: 'accept-incomplete',
          responseToken: AUTHENTICATE_V1,
          ...(authMic ? { mechListMIC: MIC16 } : {}),
        }),
      ],
      [
        null,
        encodeNegTokenResp({
          negState: 'accept-completed',
          ...(finalMic ? { mechListMIC: MIC16 } : {}),
        }),
      ],
    ]);

  it('after a reselection both MICs are due, and present', () => {
    const ex = fallback(true, true);
    expect(check(ex.steps[4], 'mechlistmic-required')).toMatchObject({ ok: true });
    expect(check(ex.steps[5], 'mechlistmic-required')).toMatchObject({ ok: true });
    expect(ex.outcome).toMatchObject({ result: 'established', mech: 'ntlm' });
    expect(ex.outcome.reason).toMatch(/no Kerberos key/);
  });

  it('the client’s last mechanism token without its MIC fails', () => {
    const ex = fallback(false, false);
    expect(check(ex.steps[4], 'mechlistmic-required').ok).toBe(false);
  });

  it('the acceptor completing without its MIC fails, and the client fails the context', () => {
    const ex = fallback(true, false);
    expect(check(ex.steps[5], 'mechlistmic-required').ok).toBe(false);
    expect(ex.steps[5].initiatorState).toBe('FAILED');
    expect(ex.outcome.result).toBe('failed');
  });

  it('an NTLM MIC inside AUTHENTICATE makes it required (MS-SPNG App. A <8>)', () => {
    const ex = run([
      [null, ntlmInit],
      [
        null,
        encodeNegTokenResp({
          negState: 'accept-incomplete',
          supportedMech: OID.ntlmssp,
          responseToken: CHALLENGE,
        }),
      ],
      [null, encodeNegTokenResp({ negState: 'accept-incomplete', responseToken: AUTHENTICATE })],
    ]);
    const c = check(ex.steps[2], 'mechlistmic-required');
    expect(c.ok).toBe(false);
    expect(c.text).toMatch(/MsvAvFlags/);
  });

  it('an unrequested MIC on the first accept-completed fails (RFC 4178 §5 b)', () => {
    const ex = run([
      [null, encodeNegTokenInit({ mechTypes: [OID.krb5], mechToken: AP_REQ })],
      [
        null,
        encodeNegTokenResp({
          negState: 'accept-completed',
          supportedMech: OID.krb5,
          responseToken: AP_REP,
          mechListMIC: MIC16,
        }),
      ],
    ]);
    expect(check(ex.steps[1], 'mechlistmic-required').ok).toBe(false);
  });

  it('no MIC check when the MIC is optional and absent (NTLMv1, first choice)', () => {
    const ex = run([
      [null, ntlmInit],
      [
        null,
        encodeNegTokenResp({
          negState: 'accept-incomplete',
          supportedMech: OID.ntlmssp,
          responseToken: CHALLENGE,
        }),
      ],
      [null, encodeNegTokenResp({ negState: 'accept-incomplete', responseToken: AUTHENTICATE_V1 })],
      [null, encodeNegTokenResp({ negState: 'accept-completed' })],
    ]);
    expect(
      ex.steps.flatMap((s) => s.checks).filter((c) => c.id === 'mechlistmic-required'),
    ).toEqual([]);
    expect(ex.outcome.result).toBe('established');
  });
});

describe('mechanism legs', () => {
  it('NTLM message order: CHALLENGE before NEGOTIATE fails', () => {
    const ex = run([
      ['acceptor', CHALLENGE],
      ['initiator', NEGOTIATE],
    ]);
    expect(check(ex.steps[0], 'ntlm-message-order').ok).toBe(false);
    expect(check(ex.steps[1], 'ntlm-message-order').ok).toBe(false);
  });

  it('a KRB-ERROR in a reject is explained and rejects the exchange', () => {
    const ex = run([
      [null, encodeNegTokenInit({ mechTypes: [OID.krb5], mechToken: AP_REQ })],
      [null, encodeNegTokenResp({ negState: 'reject', responseToken: krbError(41) })],
    ]);
    const c = check(ex.steps[1], 'kerberos-error');
    expect(c.ok).toBe(false);
    expect(c.text).toMatch(/KRB_AP_ERR_MODIFIED/);
    expect(c.text).toMatch(/duplicate SPN/);
    expect(ex.outcome).toMatchObject({ result: 'rejected', mech: 'kerberos' });
    expect(ex.outcome.reason).toMatch(/KRB_AP_ERR_MODIFIED/);
  });

  it('a KRB-ERROR with both clocks gets a clock-skew check', () => {
    const ex = run([
      [null, AP_REQ],
      [null, krbError(37, '2026-11-26T08:57:23Z')],
    ]);
    expect(ex.steps[1].from).toBe('acceptor');
    const c = check(ex.steps[1], 'clock-skew');
    expect(c.ok).toBe(false);
    expect(c.text).toMatch(/30 min/);
  });

  it('a given direction that contradicts the content is a check and an error finding', () => {
    const ex = run([
      ['acceptor', ntlmInit],
      [
        'acceptor',
        encodeNegTokenResp({
          negState: 'accept-incomplete',
          supportedMech: OID.ntlmssp,
          responseToken: CHALLENGE,
        }),
      ],
    ]);
    expect(check(ex.steps[0], 'direction').ok).toBe(false);
    expect(ex.steps[1].checks.some((c) => c.id === 'direction')).toBe(false);
    expect(
      ex.findings.some(
        (f) => f.severity === 'error' && /given as sent by the acceptor/.test(f.text),
      ),
    ).toBe(true);
  });
});

describe('NTLM AUTHENTICATE checks (MS-NLMP §3.1.5.1.2)', () => {
  const challenge = (
    timestamp: bigint | null,
  ): Extract<NtlmObservation, { message: 'CHALLENGE' }> => ({
    mech: 'ntlm',
    message: 'CHALLENGE',
    flags: 0,
    version: null,
    avIds: timestamp === null ? [1, 2] : [1, 2, 7],
    avFlags: null,
    timestamp,
  });
  const authenticate = (over: Partial<Extract<NtlmObservation, { message: 'AUTHENTICATE' }>>) =>
    ({
      kind: 'mech',
      inner: {
        mech: 'ntlm',
        message: 'AUTHENTICATE',
        flags: 0,
        version: null,
        mic: true,
        variant: 'NTLMv2',
        lmResponseLength: 0,
        ntResponseLength: 100,
        avIds: [6, 7],
        avFlags: 2,
        timestamp: 134401552420655700n,
        channelBindings: 'absent',
        userName: 'alice',
        domainName: 'EXAMPLE',
        workstation: null,
        ...over,
      },
    }) as TokenObservation;
  const ctxOf = (
    obs: TokenObservation,
    ch: ReturnType<typeof challenge> | null,
    time?: number,
  ): CheckContext => {
    const before = initialObserverState();
    const step = observeToken(before, 'initiator', obs);
    return {
      index: 2,
      from: 'initiator',
      obs,
      before,
      after: step.state,
      facts: step.facts,
      order: null,
      challenge: ch,
      time,
      contradiction: null,
    };
  };
  const byId = (checks: Check[], id: string) => checks.find((c) => c.id === id)!;

  it('MsvAvFlags 0x2 with the MIC passes; without it fails; a MIC not announced fails', () => {
    expect(byId(stepChecks(ctxOf(authenticate({}), challenge(null))), 'ntlm-mic-present').ok).toBe(
      true,
    );
    expect(
      byId(stepChecks(ctxOf(authenticate({ mic: false }), challenge(null))), 'ntlm-mic-present').ok,
    ).toBe(false);
    expect(
      byId(stepChecks(ctxOf(authenticate({ avFlags: 0 }), challenge(null))), 'ntlm-mic-present').ok,
    ).toBe(false);
  });

  it('no MIC after a CHALLENGE with MsvAvTimestamp fails; without it, legacy passes', () => {
    const noMic = authenticate({ mic: false, avFlags: null });
    expect(
      byId(stepChecks(ctxOf(noMic, challenge(134401552420655700n))), 'ntlm-mic-present').ok,
    ).toBe(false);
    expect(byId(stepChecks(ctxOf(noMic, challenge(null))), 'ntlm-mic-present').ok).toBe(true);
  });

  it('the blob timestamp against the CHALLENGE’s: within and beyond five minutes', () => {
    const base = 134401552420655700n;
    const tick = 10_000_000n;
    expect(
      byId(
        stepChecks(ctxOf(authenticate({ timestamp: base + 299n * tick }), challenge(base))),
        'clock-skew',
      ).ok,
    ).toBe(true);
    const far = byId(
      stepChecks(ctxOf(authenticate({ timestamp: base + 301n * tick }), challenge(base))),
      'clock-skew',
    );
    expect(far.ok).toBe(false);
    expect(far.text).toMatch(/5 min limit/);
  });

  it('the blob timestamp against the capture time when the CHALLENGE is missing', () => {
    // 134401552420655700 (FILETIME) is 2026-11-26T08:27:22Z.
    const t = Date.parse('2026-11-26T08:27:22Z') / 1000;
    expect(byId(stepChecks(ctxOf(authenticate({}), null, t + 10)), 'clock-skew').ok).toBe(true);
    expect(byId(stepChecks(ctxOf(authenticate({}), null, t + 3600)), 'clock-skew').ok).toBe(false);
  });

  it('channel bindings: present, zero, absent are told apart', () => {
    for (const [cb, re] of [
      ['present', /bound/],
      ['zero', /all zeros/],
      ['absent', /no MsvAvChannelBindings/],
    ] as const)
      expect(
        byId(
          stepChecks(ctxOf(authenticate({ channelBindings: cb }), challenge(null))),
          'channel-bindings',
        ).text,
      ).toMatch(re);
  });

  it('a real AUTHENTICATE with channel bindings says so', () => {
    const t = realTokens('spnego-ntlm-05-channel-bindings').filter((x) => !x.perMessage);
    const ex = run(t.map((x) => [null, x.bytes]));
    expect(check(ex.steps[2], 'channel-bindings').text).toMatch(/bound/);
  });
});

describe('clocks and the MIC validity check', () => {
  it('authenticatorTimeCheck compares ctime with the capture time', () => {
    const t = Date.parse('2026-11-26T08:27:23Z') / 1000;
    expect(authenticatorTimeCheck('2026-11-26T08:27:23Z', t + CLOCK_SKEW_SECONDS)?.ok).toBe(true);
    expect(authenticatorTimeCheck('2026-11-26T08:27:23Z', t + CLOCK_SKEW_SECONDS + 1)?.ok).toBe(
      false,
    );
    expect(authenticatorTimeCheck('not a time', t)).toBeNull();
  });

  it('micValidityCheck builds mechlistmic-valid from a secret result', () => {
    const ex = run(
      realTokens('spnego-ntlm-01-ntlmv2')
        .filter((x) => !x.perMessage)
        .map((x) => [null, x.bytes]),
    );
    const ok = micValidityCheck(ex.steps[2], {
      what: 'mechListMIC',
      ok: true,
      text: 'verified with the client signing key',
    });
    const bad = micValidityCheck(ex.steps[3], {
      what: 'mechListMIC',
      ok: false,
      text: 'checksum differs',
    });
    expect(ok).toMatchObject({ id: 'mechlistmic-valid', ok: true, spec: 'RFC 4178 §5' });
    expect(ok.text).toMatch(/client's mechListMIC verifies/);
    expect(bad).toMatchObject({ id: 'mechlistmic-valid', ok: false });
    expect(bad.text).toMatch(/acceptor's mechListMIC does not verify/);
  });
});

describe('other real-world flows', () => {
  it('Windows Server 2025: no mechListMIC with the NTLM MIC, the server answers accept-incomplete + MIC, the client then sends its MIC', () => {
    const ex = run([
      [null, ntlmInit],
      [
        null,
        encodeNegTokenResp({
          negState: 'accept-incomplete',
          supportedMech: OID.ntlmssp,
          responseToken: CHALLENGE,
        }),
      ],
      [null, encodeNegTokenResp({ negState: 'accept-incomplete', responseToken: AUTHENTICATE })],
      [null, encodeNegTokenResp({ negState: 'accept-incomplete', mechListMIC: MIC16 })],
      [null, encodeNegTokenResp({ negState: 'accept-completed', mechListMIC: MIC16 })],
    ]);
    expect(ex.steps.map((s) => s.from)).toEqual([
      'initiator',
      'acceptor',
      'initiator',
      'acceptor',
      'initiator',
    ]);
    expect(check(ex.steps[2], 'mechlistmic-required').ok).toBe(false);
    expect(ex.steps[3].acceptorState).toBe('WAIT_PEER_MIC');
    expect(ex.steps[4]).toMatchObject({ initiatorState: 'DONE', acceptorState: 'DONE' });
    expect(ex.outcome.result).toBe('established');
  });

  it('Kerberos as second choice with mutual authentication (RFC 4178 §5 b): the acceptor’s MIC, then the client’s', () => {
    const ex = run([
      [null, encodeNegTokenInit({ mechTypes: [OID.ntlmssp, OID.krb5], mechToken: NEGOTIATE })],
      [null, encodeNegTokenResp({ negState: 'request-mic', supportedMech: OID.krb5 })],
      [null, encodeNegTokenResp({ negState: 'accept-incomplete', responseToken: AP_REQ })],
      [
        null,
        encodeNegTokenResp({
          negState: 'accept-incomplete',
          responseToken: AP_REP,
          mechListMIC: MIC16,
        }),
      ],
      [null, encodeNegTokenResp({ negState: 'accept-completed', mechListMIC: MIC16 })],
    ]);
    expect(ex.steps.map((s) => s.from)).toEqual([
      'initiator',
      'acceptor',
      'initiator',
      'acceptor',
      'initiator',
    ]);
    expect(check(ex.steps[3], 'mechlistmic-required').ok).toBe(true);
    expect(check(ex.steps[4], 'mechlistmic-required').ok).toBe(true);
    expect(ex.outcome).toMatchObject({ result: 'established', mech: 'kerberos' });
  });

  it('a Java-style first reply with only the AP-REP: negState missing is flagged, the exchange still completes', () => {
    const ex = run([
      [null, encodeNegTokenInit({ mechTypes: [OID.krb5], mechToken: AP_REQ })],
      [null, encodeNegTokenResp({ responseToken: AP_REP })],
    ]);
    expect(ex.steps[1].from).toBe('acceptor');
    expect(check(ex.steps[1], 'negstate-sequence').ok).toBe(false);
    expect(ex.outcome).toMatchObject({ result: 'established', mech: 'kerberos' });
  });

  it('the MS Kerberos OID listed first but answered with the standard one is told', () => {
    const ex = run([
      [
        null,
        encodeNegTokenInit({ mechTypes: [OID.msKrb5, OID.krb5, OID.ntlmssp], mechToken: AP_REQ }),
      ],
      [
        null,
        encodeNegTokenResp({
          negState: 'accept-completed',
          supportedMech: OID.krb5,
          responseToken: AP_REP,
        }),
      ],
    ]);
    expect(ex.steps[1].explanation.some((e) => /Windows clients fail/.test(e.text))).toBe(true);
    expect(ex.steps[0].checks.find((c) => c.id === 'kerberos-framing-oid')?.ok).toBe(true);
  });

  it('the client rejecting the acceptor’s MIC: failed', () => {
    const ex = run([
      [null, encodeNegTokenInit({ mechTypes: [OID.ntlmssp, OID.krb5], mechToken: NEGOTIATE })],
      [null, encodeNegTokenResp({ negState: 'request-mic', supportedMech: OID.krb5 })],
      [null, encodeNegTokenResp({ negState: 'accept-incomplete', responseToken: AP_REQ })],
      [
        null,
        encodeNegTokenResp({
          negState: 'accept-incomplete',
          responseToken: AP_REP,
          mechListMIC: MIC16,
        }),
      ],
      ['initiator', encodeNegTokenResp({ negState: 'reject' })],
    ]);
    expect(ex.outcome.result).toBe('failed');
    expect(ex.outcome.reason).toMatch(/mechListMIC did not verify/);
  });
});
