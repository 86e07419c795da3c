import { describe, expect, it } from 'vitest';
import { OID } from '../../data/oids';
import { initialObserverState, isEstablished, observeToken, type ObserverState } from './spnego';
import type { MechObservation, Side, TokenObservation } from './types';

/** The observing machines on typed observations alone: the flows of RFC 4178 §5 and MS-SPNG. */

const apReq = (mutual: boolean, framed = true): MechObservation => ({
  mech: 'kerberos',
  message: 'AP-REQ',
  framed,
  thisMech: framed ? OID.krb5 : null,
  mutualRequired: mutual,
  useSessionKey: false,
  sname: 'HTTP/web.example.test',
  snameType: 3,
  realm: 'EXAMPLE.TEST',
  ticketEtype: 18,
  ticketKvno: 2,
  authenticatorEtype: 18,
  authenticatorLength: 190,
});
const apRep = (framed = true): MechObservation => ({
  mech: 'kerberos',
  message: 'AP-REP',
  framed,
  etype: 18,
});
const ntlm = (message: 'NEGOTIATE' | 'CHALLENGE'): MechObservation =>
  message === 'NEGOTIATE'
    ? { mech: 'ntlm', message, flags: 0, version: null }
    : { mech: 'ntlm', message, flags: 0, version: null, avIds: [], avFlags: null, timestamp: null };
const authenticate = (mic: boolean): MechObservation => ({
  mech: 'ntlm',
  message: 'AUTHENTICATE',
  flags: 0,
  version: null,
  mic,
  variant: 'NTLMv2',
  lmResponseLength: 0,
  ntResponseLength: 120,
  avIds: [6, 7],
  avFlags: mic ? 2 : 0,
  timestamp: null,
  channelBindings: 'absent',
  userName: 'alice',
  domainName: 'EXAMPLE',
  workstation: null,
});
const init = (mechTypes: string[], inner: MechObservation | null): TokenObservation => ({
  kind: 'NegTokenInit',
  mechTypes,
  reqFlags: false,
  inner,
  mechListMIC: null,
});
const resp = (
  negState: 'accept-completed' | 'accept-incomplete' | 'reject' | 'request-mic' | null,
  extra: { supportedMech?: string; inner?: MechObservation; mic?: boolean } = {},
): TokenObservation => ({
  kind: 'NegTokenResp',
  negState,
  supportedMech: extra.supportedMech ?? null,
  inner: extra.inner ?? null,
  responseToken: extra.inner ? 100 : null,
  mechListMIC: extra.mic ? 16 : null,
  micDuplicatesToken: false,
  length: 9,
});

function play(tokens: [Side, TokenObservation][]): {
  states: [string, string][];
  final: ObserverState;
} {
  let state = initialObserverState();
  const states: [string, string][] = [];
  for (const [from, obs] of tokens) {
    state = observeToken(state, from, obs).state;
    states.push([state.initiator, state.acceptor]);
  }
  return { states, final: state };
}

describe('observing SPNEGO in the simulator’s state names', () => {
  it('F1: Kerberos optimistic with mutual authentication', () => {
    const { states, final } = play([
      ['initiator', init([OID.krb5], apReq(true))],
      ['acceptor', resp('accept-completed', { supportedMech: OID.krb5, inner: apRep() })],
    ]);
    expect(states).toEqual([
      ['WAIT_FIRST_REPLY', 'IDLE'],
      ['DONE', 'DONE'],
    ]);
    expect(isEstablished(final)).toBe(true);
    expect(final.micRequired).toBe(false);
  });

  it('F2: without mutual authentication the reply carries no token', () => {
    const { final } = play([
      ['initiator', init([OID.krb5], apReq(false))],
      ['acceptor', resp('accept-completed', { supportedMech: OID.krb5 })],
    ]);
    expect(isEstablished(final)).toBe(true);
  });

  it('F3: NTLM with its MIC makes the mechListMIC mandatory', () => {
    const { states, final } = play([
      ['initiator', init([OID.ntlmssp], ntlm('NEGOTIATE'))],
      [
        'acceptor',
        resp('accept-incomplete', { supportedMech: OID.ntlmssp, inner: ntlm('CHALLENGE') }),
      ],
      ['initiator', resp('accept-incomplete', { inner: authenticate(true), mic: true })],
      ['acceptor', resp('accept-completed', { mic: true })],
    ]);
    expect(states.at(-1)).toEqual(['DONE', 'DONE']);
    expect(final.micRequired).toBe(true);
    expect(final.micRequiredWhy?.text).toMatch(/MsvAvFlags/);
  });

  it('F4: the MIT fallback to NTLM discards the optimistic AP-REQ and starts NTLM afresh', () => {
    let state = initialObserverState();
    state = observeToken(state, 'initiator', init([OID.krb5, OID.ntlmssp], apReq(true))).state;
    const reply = observeToken(
      state,
      'acceptor',
      resp('request-mic', { supportedMech: OID.ntlmssp }),
    );
    expect(reply.facts).toMatchObject({
      firstReply: true,
      reselected: true,
      optimistic: 'discarded',
      micRequired: true,
    });
    expect(reply.state.mech.phase).toBe('START');
    expect(reply.state).toMatchObject({ initiator: 'WAIT_FIRST_REPLY', acceptor: 'MECH_LOOP' });
  });

  it('F5: Kerberos chosen second, the acceptor sends AP-REP and its MIC, the client answers', () => {
    const { states } = play([
      ['initiator', init([OID.ntlmssp, OID.krb5], ntlm('NEGOTIATE'))],
      ['acceptor', resp('request-mic', { supportedMech: OID.krb5 })],
      ['initiator', resp('accept-incomplete', { inner: apReq(true) })],
      ['acceptor', resp('accept-incomplete', { inner: apRep(), mic: true })],
      ['initiator', resp('accept-completed', { mic: true })],
    ]);
    expect(states).toEqual([
      ['WAIT_FIRST_REPLY', 'IDLE'],
      ['WAIT_FIRST_REPLY', 'MECH_LOOP'],
      ['MECH_LOOP', 'MECH_LOOP'],
      ['MECH_LOOP', 'WAIT_PEER_MIC'],
      ['DONE', 'DONE'],
    ]);
  });

  it('F7: a server-initiated NegTokenInit2 first', () => {
    const { states } = play([
      [
        'acceptor',
        {
          kind: 'NegTokenInit2',
          mechTypes: [OID.msKrb5, OID.krb5, OID.ntlmssp],
          hintName: null,
          inner: null,
          mechListMIC: null,
        },
      ],
      ['initiator', init([OID.msKrb5, OID.krb5], apReq(true))],
      ['acceptor', resp('accept-completed', { supportedMech: OID.msKrb5, inner: apRep() })],
    ]);
    expect(states).toEqual([
      ['START', 'WAIT_INIT'],
      ['WAIT_FIRST_REPLY', 'WAIT_INIT'],
      ['DONE', 'DONE'],
    ]);
  });

  it('F8: a reject ends both sides; the acceptor ended it', () => {
    const { final } = play([
      ['initiator', init([OID.ntlmssp], ntlm('NEGOTIATE'))],
      ['acceptor', resp('reject')],
    ]);
    expect(final).toMatchObject({
      initiator: 'FAILED',
      acceptor: 'FAILED',
      endedBy: 'acceptor',
      failure: 'no common mechanism',
    });
  });

  it('DCE style: three Kerberos legs', () => {
    const { states } = play([
      ['initiator', { kind: 'mech', inner: apReq(true, false) }],
      ['acceptor', { kind: 'mech', inner: apRep(false) }],
      ['initiator', { kind: 'mech', inner: apRep(false) }],
    ]);
    expect(states).toEqual([
      ['WAIT_FIRST_REPLY', 'MECH_LOOP'],
      ['MECH_LOOP', 'MECH_LOOP'],
      ['DONE', 'DONE'],
    ]);
  });

  it('a KRB-ERROR fails both sides with its code', () => {
    const { final } = play([
      ['initiator', { kind: 'mech', inner: apReq(true) }],
      [
        'acceptor',
        {
          kind: 'mech',
          inner: {
            mech: 'kerberos',
            message: 'KRB-ERROR',
            framed: true,
            errorCode: 44,
            stime: '2026-11-26T08:27:28Z',
            ctime: null,
            eText: null,
            eData: false,
            sname: 'HTTP/web.example.test',
            realm: 'EXAMPLE.TEST',
          },
        },
      ],
    ]);
    expect(final).toMatchObject({ initiator: 'FAILED', acceptor: 'FAILED', endedBy: 'acceptor' });
    expect(final.mech.errorCode).toBe(44);
  });

  it('per-message tokens leave the state alone', () => {
    const { final } = play([
      ['initiator', init([OID.krb5], apReq(true))],
      ['acceptor', resp('accept-completed', { supportedMech: OID.krb5, inner: apRep() })],
      [
        'initiator',
        { kind: 'per-message', mech: 'kerberos', what: 'GetMIC', sentByAcceptor: false },
      ],
    ]);
    expect(isEstablished(final)).toBe(true);
    expect(final.sent).toEqual({ initiator: 1, acceptor: 1 });
  });
});
