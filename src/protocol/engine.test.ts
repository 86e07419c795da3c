import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { getMechanism } from './mechanisms';
import { acceptorStep, initialAcceptorState } from './spnego/acceptor';
import {
  encodeNegTokenInit,
  encodeNegTokenInit2,
  encodeNegTokenResp,
  readSpnegoToken,
  type SpnegoToken,
} from '../codec/spnego/token';
import { DEFAULT_CONFIG, listScenarios, runExchange, simulate, withPatch, type SimConfig } from '.';
import type { MechName } from './types';
import { fromBase64, toHex } from '../bytes';
import { readNegoex } from '../codec/negoex';
import { decodeToken } from '../codec/token';
import {
  EXTENDED_PROTECTION,
  GSS_REQUEST_FLAGS,
  IMPLEMENTATIONS,
  KRB_ETYPES,
  LM_COMPATIBILITY_LEVELS,
  TRANSPORTS,
  type ImplementationName,
  type KerberosConfig,
} from './config';
import { mechOfOid } from './profiles';

describe('every scenario', () => {
  for (const { id } of listScenarios()) {
    it(`${id}: tokens read as typed values and round-trip, every step explained`, () => {
      const sim = simulate(id);
      expect(sim.steps.length).toBeGreaterThan(0);
      for (const step of sim.steps) {
        const bytes = fromBase64(step.token);
        if (step.message === 'empty') expect(bytes).toHaveLength(0);
        // A bare mechanism token is not SPNEGO: it must decode without errors instead.
        else if (step.message === 'mechanism') expect(decodeToken(bytes).errors).toEqual([]);
        else expect(reencode(bytes)).toEqual(bytes);
        expect(step.explanation.length).toBeGreaterThan(0);
        expect(step.rules.every((r) => r.text.length > 0)).toBe(true);
      }
    });
  }

  it('the named outcomes are what the scenarios teach', () => {
    const outcome = (id: string) => simulate(id).outcome;
    expect(outcome('kerberos')).toMatchObject({ result: 'established', mech: 'kerberos' });
    expect(outcome('kerberos-to-ntlm-fallback')).toMatchObject({
      result: 'established',
      mech: 'ntlm',
    });
    expect(outcome('ntlm')).toMatchObject({ result: 'established', mech: 'ntlm' });
    expect(outcome('reject').result).toBe('rejected');
    expect(outcome('server-initiated')).toMatchObject({ result: 'established', mech: 'kerberos' });
    expect(outcome('kerberos-error').result).toBe('rejected');
    expect(outcome('ntlm-wrong-password').result).toBe('rejected');
    expect(outcome('downgrade-attack').result).toBe('rejected');
  });

  it('the fallback shows request-mic, the NTLM legs and mechListMIC both ways', () => {
    const steps = simulate('kerberos-to-ntlm-fallback').steps;
    expect(steps.map((s) => [s.from, s.negState, s.mech, s.mechListMIC])).toEqual([
      ['initiator', null, 'kerberos', false],
      ['acceptor', 'request-mic', null, false],
      ['initiator', 'accept-incomplete', 'ntlm', false],
      ['acceptor', 'accept-incomplete', 'ntlm', false],
      ['initiator', 'accept-incomplete', 'ntlm', true],
      ['acceptor', 'accept-completed', null, true],
    ]);
    expect(steps[1].supportedMech).toBe('1.3.6.1.4.1.311.2.2.10');
    expect(steps[1].explanation).toMatch(/discarded/);
  });

  it('server-initiated starts with NegTokenInit2 and echoes the MS Kerberos OID', () => {
    const steps = simulate('server-initiated').steps;
    expect(steps[0]).toMatchObject({ from: 'acceptor', message: 'NegTokenInit2' });
    expect(steps[2].supportedMech).toBe('1.2.840.48018.1.2.2');
  });

  it('HTTP transport carries each token in the right header', () => {
    const steps = simulate('ntlm').steps;
    expect(steps[0].header).toBe(`Authorization: Negotiate ${steps[0].token}`);
    expect(steps[1].header).toBe(`WWW-Authenticate: Negotiate ${steps[1].token}`);
  });

  it('is deterministic: the same configuration gives the same bytes', () => {
    expect(simulate('kerberos-to-ntlm-fallback')).toEqual(simulate('kerberos-to-ntlm-fallback'));
    const other = simulate('kerberos-to-ntlm-fallback', { seed: 7 });
    expect(other.steps[3].token).not.toEqual(simulate('kerberos-to-ntlm-fallback').steps[3].token);
  });
});

describe('mechListMIC protects mechTypes', () => {
  it("the downgrade attack is caught by the acceptor's MIC check", () => {
    const sim = simulate('downgrade-attack');
    const last = sim.steps.at(-1)!;
    expect(last).toMatchObject({ from: 'acceptor', negState: 'reject' });
    expect(last.explanation).toMatch(/mechListMIC/);
    expect(sim.steps[0].delivered).toBeDefined();
  });

  it('the MIC verifies over the exact mechTypes, and fails after any byte of them changes', () => {
    const run = runExchange(withPatch(DEFAULT_CONFIG, { initiator: { kerberosTicket: false } }));
    expect(run.outcome.result).toBe('established');
    const acceptor = run.final.acceptor;
    const der = acceptor.mechTypesDer!;
    const authenticate = fromBase64(
      simulate({ initiator: { kerberosTicket: false } }).steps[2].token,
    );
    const mic = read(authenticate).mechListMIC!;
    const ntlm = getMechanism('ntlm');
    // The acceptor's context has moved past the MIC; rebuild it as it stood before verifying.
    const pristine = contextBeforeMic();
    expect(ntlm.verifyMic(pristine, der, mic).ok).toBe(true);
    for (let i = 0; i < der.length; i++) {
      const changed = der.slice();
      changed[i] ^= 0x01;
      expect(ntlm.verifyMic(pristine, changed, mic).ok).toBe(false);
    }
  });

  it('tampering with mechTypes in flight makes the exchange fail', () => {
    const config = withPatch(DEFAULT_CONFIG, { initiator: { kerberosTicket: false } });
    const clean = runExchange(config).steps[0].token;
    const oidByte = toHex(clean).indexOf('060a2b06010401823702020a') / 2 + 11;
    // Rewrite NTLMSSP into another, unknown OID: the acceptor has nothing in common with it.
    const run = runExchange(config, (from, index, bytes) => {
      if (index !== 0) return bytes;
      const out = bytes.slice();
      out[oidByte] ^= 0x01;
      return out;
    });
    expect(run.outcome.result).not.toBe('established');
  });
});

/** The NTLM acceptor context right after AUTHENTICATE, before it checked the client's MIC. */
function contextBeforeMic() {
  const config = withPatch(DEFAULT_CONFIG, { initiator: { kerberosTicket: false } });
  const steps = runExchange(config).steps;
  let state = initialAcceptorState();
  for (const s of steps.filter((x) => x.from === 'initiator').slice(0, 1))
    state = acceptorStep(state, s.token, config).state;
  const ntlm = getMechanism('ntlm');
  const auth = read(steps[2].token);
  if (auth.kind !== 'NegTokenResp' || !auth.responseToken) throw new Error('expected AUTHENTICATE');
  return ntlm.accept(state.mech, auth.responseToken, config).state;
}

const mechList = fc
  .subarray<MechName>(['kerberos', 'ntlm', 'negoex'], { minLength: 0 })
  .chain((ms) => fc.shuffledSubarray(ms, { minLength: ms.length, maxLength: ms.length }));

const configArb: fc.Arbitrary<SimConfig> = fc
  .record({
    profile: fc.constantFrom(...IMPLEMENTATIONS),
    iImpl: fc.option(fc.constantFrom(...IMPLEMENTATIONS), { nil: undefined }),
    aImpl: fc.option(fc.constantFrom(...IMPLEMENTATIONS), { nil: undefined }),
    negoex: fc.boolean(),
    acceptorNegoex: fc.boolean(),
    requestFlags: fc.option(fc.subarray([...GSS_REQUEST_FLAGS]), { nil: undefined }),
    transport: fc.constantFrom(...TRANSPORTS),
    seed: fc.integer({ min: 0, max: 1 << 30 }),
    iMechs: mechList,
    aMechs: mechList,
    ticket: fc.boolean(),
    ntlm: fc.constantFrom<string | null>('Passw0rd!', 'other', null),
    optimistic: fc.boolean(),
    mutual: fc.boolean(),
    key: fc.boolean(),
    serverPassword: fc.constantFrom<string | null>('Passw0rd!', null),
    skew: fc.constantFrom(0, 120, 900),
    strip: fc.constantFrom<MechName | null>(null, 'kerberos', 'ntlm'),
    // config.ntlm (absent in most configurations, as in old links) and the TLS channel it may bind.
    ntlmConfig: fc.option(
      fc.record(
        {
          lmCompatibilityLevel: fc.constantFrom(...LM_COMPATIBILITY_LEVELS),
          acceptorLmCompatibilityLevel: fc.constantFrom(...LM_COMPATIBILITY_LEVELS),
          anonymous: fc.boolean(),
          acceptAnonymous: fc.boolean(),
          channelBindings: fc.boolean(),
          extendedProtection: fc.constantFrom(...EXTENDED_PROTECTION),
          targetName: fc.constantFrom('HTTP/server.example.test', 'cifs/other.example.test'),
        },
        { requiredKeys: [] },
      ),
      { nil: undefined },
    ),
    tls: fc.constantFrom('none', 'same', 'other-certificate'),
    // config.kerberos: encryption types, key versions and what the keytab and KDC hold.
    etype: fc.constantFrom(...KRB_ETYPES),
    sessionEtype: fc.option(fc.constantFrom(...KRB_ETYPES), { nil: null }),
    kvno: fc.constantFrom(1, 2, 7, 300),
    keytab: fc.constantFrom('current', 'missing', 'old-kvno', 'wrong-key'),
    kdcKnowsService: fc.boolean(),
    forwardableTgt: fc.boolean(),
    dceStyle: fc.boolean(),
    delegation: fc.boolean(),
    replay: fc.boolean(),
    modifiedTicket: fc.boolean(),
    modifiedPac: fc.boolean(),
  })
  .map((r) =>
    withPatch(DEFAULT_CONFIG, {
      profile: r.profile as SimConfig['profile'],
      transport: r.transport as SimConfig['transport'],
      seed: r.seed,
      initiator: {
        mechs: r.iMechs,
        kerberosTicket: r.ticket,
        ntlmPassword: r.ntlm,
        optimistic: r.optimistic,
        mutual: r.mutual,
        delegation: r.delegation,
        negoex: r.negoex,
        ...(r.requestFlags ? { requestFlags: r.requestFlags } : {}),
        ...(r.iImpl ? { implementation: r.iImpl as ImplementationName } : {}),
      },
      acceptor: {
        mechs: r.aMechs,
        kerberosKey: r.key,
        ntlmPassword: r.serverPassword,
        negoex: r.acceptorNegoex,
        ...(r.aImpl ? { implementation: r.aImpl as ImplementationName } : {}),
      },
      faults: {
        clockSkewSeconds: r.skew,
        stripMech: r.strip,
        replay: r.replay,
        modifiedTicket: r.modifiedTicket,
        modifiedPac: r.modifiedPac,
      },
      ...(r.ntlmConfig ? { ntlm: r.ntlmConfig } : {}),
      kerberos: {
        etype: r.etype,
        sessionEtype: r.sessionEtype,
        kvno: r.kvno,
        keytab: r.keytab as KerberosConfig['keytab'],
        kdcKnowsService: r.kdcKnowsService,
        forwardableTgt: r.forwardableTgt,
        dceStyle: r.dceStyle,
        ...(r.tls !== 'none'
          ? {
              channelBindings: 'tls-server-end-point' as const,
              acceptorBindings: r.tls as 'same' | 'other-certificate',
            }
          : {}),
      },
    }),
  );

describe('property: random valid configurations', () => {
  it("terminate, agree on the outcome, and keep the spec's rules", () => {
    fc.assert(
      fc.property(configArb, (config) => {
        const run = runExchange(config);
        expect(run.steps.length).toBeLessThan(16);
        const { initiator, acceptor, result } = run.outcome;
        // Both sides agree: established only when both are DONE; otherwise neither is left waiting as if it succeeded.
        if (result === 'established') expect([initiator, acceptor]).toEqual(['DONE', 'DONE']);
        else expect(initiator === 'DONE' && acceptor === 'DONE').toBe(false);
        if (config.transport === 'http-ntlm' || config.transport === 'bare') {
          // No SPNEGO: one mechanism's own tokens, no negState, no mechListMIC, no status-less leg.
          for (const s of run.steps) {
            expect(s).toMatchObject({ message: 'mechanism', negState: null, mechListMIC: false });
            expect(decodeToken(s.token).errors).toEqual([]);
            expect(s.transport?.message).toMatch(/^HTTP/);
          }
          if (config.transport === 'http-ntlm')
            expect(run.steps.every((s) => s.mech === 'ntlm')).toBe(true);
          return;
        }
        // SMB2: every SESSION_SETUP response has the status its acceptor state says (MS-SMB2 §3.3.5.5).
        if (config.transport === 'smb')
          run.steps.slice(1).forEach((s) => {
            if (s.from === 'initiator') return;
            const status = s.transport?.status?.text;
            if (s.acceptorState === 'DONE') expect(status).toBe('STATUS_SUCCESS');
            else if (s.acceptorState === 'FAILED') expect(status).toBe('STATUS_LOGON_FAILURE');
            else expect(status).toBe('STATUS_MORE_PROCESSING_REQUIRED');
          });
        // An empty blob is an SMB2 failure answer and nothing follows it.
        const emptyAt = run.steps.findIndex((s) => s.message === 'empty');
        if (emptyAt >= 0) {
          expect(config.transport).toBe('smb');
          expect(emptyAt).toBe(run.steps.length - 1);
          expect(result).toBe('rejected');
        }
        // A switch of mechanism (supportedMech not the client's first) that established
        // exchanged MICs both ways, whatever negState announced it (Heimdal: accept-incomplete).
        const init = run.steps.find((s) => s.message === 'NegTokenInit');
        const firstReply = run.steps.find(
          (s) => s.from === 'acceptor' && s.message === 'NegTokenResp',
        );
        if (result === 'established' && init && firstReply?.supportedMech) {
          const offered = read(init.token);
          const first = offered.kind === 'NegTokenInit' ? offered.mechTypes[0] : undefined;
          if (first && mechOfOid(first) !== mechOfOid(firstReply.supportedMech))
            expect(
              run.steps
                .filter((s) => s.mechListMIC)
                .map((s) => s.from)
                .sort(),
            ).toEqual(['acceptor', 'initiator']);
        }
        const resp = run.steps.filter((s) => s.message === 'NegTokenResp');
        const fromAcceptor = resp.filter((s) => s.from === 'acceptor');
        // negState is required in the acceptor's first reply (RFC 4178 §4.2.2).
        if (fromAcceptor.length) expect(fromAcceptor[0].negState).not.toBeNull();
        // request-mic only in the acceptor's first reply (RFC 4178 §4.2.2, quirks Q-SP-12).
        run.steps.forEach((s) => {
          if (s.negState === 'request-mic') expect(s).toBe(fromAcceptor[0]);
        });
        // Nothing follows a reject.
        const rejectAt = run.steps.findIndex((s) => s.negState === 'reject');
        if (rejectAt >= 0)
          expect(run.steps.slice(rejectAt + 1).every((s) => s.negState === 'reject')).toBe(true);
        // The first initiator message is a NegTokenInit; supportedMech only in the acceptor's first reply.
        expect(run.steps.find((s) => s.from === 'initiator')?.message ?? 'NegTokenInit').toBe(
          'NegTokenInit',
        );
        run.steps.forEach((s) => {
          if (s.supportedMech) expect(s).toBe(fromAcceptor[0]);
        });
        // When established with a mechanism other than the initiator's first, MICs went both ways.
        if (result === 'established' && run.steps.some((s) => s.negState === 'request-mic')) {
          expect(
            run.steps
              .filter((s) => s.mechListMIC)
              .map((s) => s.from)
              .sort(),
          ).toEqual(['acceptor', 'initiator']);
        }
        // Every token but an SMB2 empty blob reads back as a typed SPNEGO token.
        for (const s of run.steps)
          if (s.message !== 'empty') expect(readSpnegoToken(s.token).ok).toBe(true);
        // NEGOEX tokens read back and their SequenceNums run on across both directions (MS-NEGOEX §2.2.6.2).
        let nextSeq = 0;
        for (const s of run.steps) {
          if (s.mech !== 'negoex') continue;
          const t = read(s.token);
          const inner =
            t.kind === 'NegTokenInit'
              ? t.mechToken
              : t.kind === 'NegTokenResp'
                ? t.responseToken
                : undefined;
          const ms = readNegoex(inner!);
          expect(ms.ok).toBe(true);
          if (!ms.ok) continue;
          const seqs = ms.value.map((m) => m.message.header.sequenceNum);
          if (seqs[0] !== 0) expect(seqs[0]).toBe(nextSeq);
          nextSeq = seqs.at(-1)! + 1;
        }
        // NTLM established only with what the acceptor's policy lets through (config.ntlm).
        if (result === 'established' && run.outcome.mech === 'ntlm') {
          const response = [...run.steps].reverse().find((s) => s.acceptor['NTLM response'])
            ?.acceptor['NTLM response'];
          const n = config.ntlm ?? {};
          if (response === 'anonymous (empty responses)') expect(n.acceptAnonymous).toBe(true);
          else if ((n.acceptorLmCompatibilityLevel ?? 3) >= 5) expect(response).toBe('NTLMv2');
          if (response !== 'NTLMv2' && response !== undefined)
            expect(n.extendedProtection).not.toBe('require');
        }
        if (result === 'established' && run.outcome.mech === 'negoex')
          expect(run.steps.filter((s) => s.mech === 'negoex').length).toBeGreaterThanOrEqual(2);
      }),
      { numRuns: 300, seed: 4178 },
    );
  });
});

describe('RFC 4178 §5 c IV: the optimistic token completes the mechanism but the MIC is required', () => {
  it('the acceptor answers request-mic with its own MIC, the initiator answers with its MIC', () => {
    const sim = simulate({
      profile: 'rfc4178',
      initiator: { mutual: false },
      acceptor: { mechs: ['ntlm', 'kerberos'] },
    });
    expect(sim.steps.map((s) => [s.from, s.negState, s.mechListMIC])).toEqual([
      ['initiator', null, false],
      ['acceptor', 'request-mic', true],
      ['initiator', 'accept-completed', true],
    ]);
    expect(sim.outcome).toMatchObject({ result: 'established', mech: 'kerberos' });
  });
});

function read(bytes: Uint8Array): SpnegoToken {
  const result = readSpnegoToken(bytes);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

/** Reads a token as a typed value and builds it again from that value: the same bytes. */
function reencode(bytes: Uint8Array): Uint8Array {
  const token = read(bytes);
  if (token.kind === 'NegTokenResp') {
    const { kind: _kind, ...value } = token;
    return encodeNegTokenResp(value);
  }
  const { kind, mechTypesDer: _der, ...value } = token;
  return kind === 'NegTokenInit'
    ? encodeNegTokenInit(
        value as Omit<typeof token & { kind: 'NegTokenInit' }, 'kind' | 'mechTypesDer'>,
      )
    : encodeNegTokenInit2(value);
}

describe('configuration from outside', () => {
  it('is refused with the problems named, instead of failing inside the run', () => {
    expect(() => simulate('kerberos', { faults: { clockSkewSeconds: 'soon' as never } })).toThrow(
      /clockSkewSeconds/,
    );
    expect(() => simulate('kerberos', { initiator: { mutual: 'yes' as never } })).toThrow(
      /initiator.mutual/,
    );
    expect(() => simulate('kerberos', { realm: '' })).toThrow(/realm/);
    expect(() => simulate('kerberos', { profile: 'openjdk' as never })).toThrow(/profile/);
  });

  it("the state panel keeps SPNEGO's state name beside the mechanism's", () => {
    const step = runExchange(withPatch(DEFAULT_CONFIG, {})).steps[0];
    expect(step.initiator.state).toBe('WAIT_FIRST_REPLY');
  });
});
