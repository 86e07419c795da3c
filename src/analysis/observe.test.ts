import { describe, expect, it } from 'vitest';
import { realScenario, realScenarios, realTokens, type RealToken } from '../testing/fixtures';
import { OID } from '../data/oids';
import { HEIMDAL, MIT, SAMBA } from './fingerprint';
import { observeExchange } from './observe';
import type { ObservedExchange, OutcomeResult, Side } from './types';

/**
 * Every real exchange (generated with MIT krb5 1.20.1 / gss-ntlmssp 1.2.0, Heimdal 7.8, Samba
 * 4.17.12 and curl 7.88 in a lab realm), pasted token by token without directions: the senders,
 * outcome, mechanism and fingerprint must be what scenario.json records of the real run.
 */

interface Summary {
  kind?: string;
  supportedMech?: string;
  mech?: string;
  krb_msg?: string;
  responseToken?: Summary;
  mechToken?: Summary;
}
interface Scenario {
  established?: boolean;
  implementations?: { initiator: string; acceptor: string };
  tokens: { from: Side; what: string; decoded_summary?: Summary }[];
  gss_calls?: { side: Side; ok: boolean; error?: { maj: number } | null }[];
}

const scenarios = realScenarios().filter((id) => id !== 'secrets');

function scenario(id: string): Scenario {
  return realScenario(id) as unknown as Scenario;
}

function exchangeOf(tokens: RealToken[], withFrom: boolean): ObservedExchange {
  return {
    source: 'paste',
    transport: 'paste',
    client: null,
    server: null,
    kdc: [],
    gaps: 0,
    tokens: tokens.map((t) => ({ bytes: t.bytes, from: withFrom ? t.direction : null })),
  };
}

/** What the real run's GSS calls say: established, or who failed first (the acceptor refusing = rejected). */
function expectedResult(s: Scenario): OutcomeResult {
  if (s.established) return 'established';
  const firstFailure = (s.gss_calls ?? []).find((c) => !c.ok);
  if (firstFailure) return firstFailure.side === 'acceptor' ? 'rejected' : 'failed';
  return 'incomplete';
}

function family(oid: string): string | null {
  if (oid === OID.krb5 || oid === OID.msKrb5) return 'kerberos';
  if (oid === OID.ntlmssp) return 'ntlm';
  return null;
}

function mechOfSummary(d: Summary | undefined): string | null {
  if (!d) return null;
  if (d.kind === 'NTLMSSP') return 'ntlm';
  if (d.kind === 'krb' || (d.kind === 'gss-mech' && d.mech === 'krb5')) return 'kerberos';
  return null;
}

/** The acceptor's supportedMech names the choice; else the mechanism of a bare or error token; else none. */
function expectedMech(s: Scenario): string | null {
  const chosen = s.tokens.map((t) => t.decoded_summary?.supportedMech).filter(Boolean);
  if (chosen.length) return family(chosen.at(-1)!);
  for (const t of s.tokens) {
    const d = t.decoded_summary;
    const bare = mechOfSummary(d);
    if (bare) return bare;
    if (d?.kind === 'negTokenResp' && t.from === 'acceptor') {
      const inner = mechOfSummary(d.responseToken);
      if (inner) return inner;
    }
  }
  return null;
}

/** The implementation names scenario.json records, as the fingerprint names them. */
function expectedImplementation(text: string): string {
  if (/smbclient|Samba/.test(text)) return SAMBA;
  if (/Heimdal/.test(text)) return HEIMDAL;
  // curl calls the system's GSS-API library: MIT krb5 on the lab's Debian.
  if (/MIT krb5|^curl/.test(text)) return MIT;
  return 'unknown';
}

/** Sides whose tokens carry an implementation habit: every client; servers that spoke NTLM, NegTokenInit2 or switched mechanism. */
function acceptorHasEvidence(s: Scenario): boolean {
  return s.tokens.some(
    (t) =>
      t.from === 'acceptor' &&
      (t.decoded_summary?.kind === 'negTokenInit2' ||
        t.decoded_summary?.responseToken?.kind === 'NTLMSSP' ||
        t.decoded_summary?.kind === 'NTLMSSP' ||
        /accept-incomplete-sup_krb5$/.test(t.what)),
  );
}

describe('observeExchange on every real exchange', () => {
  it('covers every scenario directory', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(38);
  });

  for (const id of scenarios) {
    describe(id, () => {
      const s = scenario(id);
      const tokens = realTokens(id).filter((t) => !t.perMessage);

      it('infers the directions of the file names (i2a / a2i)', () => {
        const analysed = observeExchange(exchangeOf(tokens, false));
        expect(analysed.steps.map((st) => st.from)).toEqual(tokens.map((t) => t.direction));
        expect(analysed.steps.every((st) => st.inferred)).toBe(true);
      });

      it(`outcome: ${expectedResult(s)} with ${expectedMech(s)}`, () => {
        const analysed = observeExchange(exchangeOf(tokens, false));
        expect(analysed.outcome.result).toBe(expectedResult(s));
        expect(analysed.outcome.mech).toBe(expectedMech(s));
        expect(analysed.outcome.reason.length).toBeGreaterThan(20);
      });

      it('with the directions given: same story, nothing contradicted', () => {
        const inferred = observeExchange(exchangeOf(tokens, false));
        const given = observeExchange(exchangeOf(tokens, true));
        expect(given.steps.every((st) => !st.inferred)).toBe(true);
        expect(given.outcome).toEqual(inferred.outcome);
        expect(given.steps.map((st) => [st.initiatorState, st.acceptorState])).toEqual(
          inferred.steps.map((st) => [st.initiatorState, st.acceptorState]),
        );
        expect(given.findings.filter((f) => f.text.includes('given as sent by'))).toEqual([]);
      });

      it('fingerprint names the implementation where the tokens show it', () => {
        const { fingerprint } = observeExchange(exchangeOf(tokens, false));
        const impl = s.implementations!;
        expect(fingerprint.initiator).toBe(expectedImplementation(impl.initiator));
        if (acceptorHasEvidence(s))
          expect(fingerprint.acceptor).toBe(expectedImplementation(impl.acceptor));
        else
          expect([expectedImplementation(impl.acceptor), 'unknown']).toContain(
            fingerprint.acceptor,
          );
        expect(fingerprint.evidence.length).toBeGreaterThan(0);
      });

      it('reports a protocol violation exactly where a real GSS call said GSS_S_DEFECTIVE_TOKEN', () => {
        const analysed = observeExchange(exchangeOf(tokens, false));
        // GSS_S_DEFECTIVE_TOKEN is routine error 9 (RFC 2744 §3.9.1): 9 << 16.
        const defective = (s.gss_calls ?? []).some((c) => c.error?.maj === 9 << 16);
        expect(analysed.findings.some((f) => f.severity === 'error')).toBe(defective);
      });

      it('with its per-message tokens too: directions inferred, marked per-message, outcome unchanged', () => {
        const all = realTokens(id);
        const analysed = observeExchange(exchangeOf(all, false));
        expect(analysed.steps.map((st) => st.from)).toEqual(all.map((t) => t.direction));
        all.forEach((t, i) => {
          if (t.perMessage)
            expect(analysed.steps[i].explanation.map((e) => e.text).join(' ')).toMatch(
              /per-message token .* on the established context/,
            );
        });
        expect(analysed.outcome.result).toBe(expectedResult(s));
      });

      it('every step has a summary, an explanation and both states in the simulator’s names', () => {
        const analysed = observeExchange(exchangeOf(tokens, false));
        for (const st of analysed.steps) {
          expect(st.summary).not.toBe('');
          expect(st.explanation.length).toBeGreaterThan(0);
          expect(['START', 'WAIT_FIRST_REPLY', 'MECH_LOOP', 'DONE', 'FAILED']).toContain(
            st.initiatorState,
          );
          expect(['IDLE', 'WAIT_INIT', 'MECH_LOOP', 'WAIT_PEER_MIC', 'DONE', 'FAILED']).toContain(
            st.acceptorState,
          );
          expect(st.secrets).toEqual([]);
          expect(st.root.length).toBe(st.token.length);
        }
      });
    });
  }
});
