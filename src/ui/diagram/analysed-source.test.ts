import { describe, expect, it } from 'vitest';
import type { AnalysedExchange, AnalysedStep, Side, Transport } from '../../analysis/types';
import { analysedMessages, analysedSequenceSource, statusLabel } from './analysed-source';

function step(from: Side, summary: string, status?: number, statusText?: string): AnalysedStep {
  return {
    index: 0,
    from,
    inferred: false,
    token: new Uint8Array(),
    message: summary.split(' ')[0],
    negState: null,
    supportedMech: null,
    mech: null,
    mechListMIC: false,
    ...(status === undefined ? {} : { status }),
    ...(statusText === undefined ? {} : { statusText }),
    root: { name: 'x', offset: 0, length: 0 },
    summary,
    initiatorState: '',
    acceptorState: '',
    explanation: [],
    checks: [],
    secrets: [],
  };
}

const exchange = (
  transport: Transport,
  steps: AnalysedStep[],
): Pick<AnalysedExchange, 'transport' | 'steps'> => ({ transport, steps });

/** The arrows of the mermaid text, without the header. */
const arrows = (source: string) => source.split('\n').filter((l) => /->>/.test(l));

describe('analysedSequenceSource', () => {
  it('puts the HTTP status on each answer, the summary split into envelope and inner token', () => {
    // As a capture gives it: each request carries the status of the answer it got.
    const source = analysedSequenceSource(
      exchange('http', [
        step('initiator', 'NegTokenInit [Kerberos, NTLM] + Kerberos AP-REQ', 401, 'Unauthorized'),
        step('acceptor', 'NegTokenResp request-mic, supportedMech NTLM', 401, 'Unauthorized'),
        step('initiator', 'NegTokenResp + NTLM AUTHENTICATE + mechListMIC', 200, 'OK'),
        step('acceptor', 'NegTokenResp accept-completed + mechListMIC', 200, 'OK'),
      ]),
      'Capture',
    );
    expect(arrows(source)).toEqual([
      '  C->>S: NegTokenInit [Kerberos, NTLM]<br/>+ Kerberos AP-REQ',
      '  S->>C: NegTokenResp request-mic, supportedMech NTLM<br/>HTTP 401 Unauthorized',
      '  C->>S: NegTokenResp<br/>+ NTLM AUTHENTICATE + mechListMIC',
      '  S->>C: NegTokenResp accept-completed<br/>+ mechListMIC<br/>HTTP 200 OK',
    ]);
  });

  it('names the HTTP reason when the input gave only the code (a pasted curl log)', () => {
    const messages = analysedMessages(
      exchange('http', [step('initiator', 'NegTokenInit'), step('acceptor', 'NegTokenResp', 401)]),
    );
    expect(messages.map((m) => m.status)).toEqual([
      undefined,
      { text: 'HTTP 401 Unauthorized', tone: 'error' },
    ]);
  });

  it('reads a 401 in the middle as asking for the next token, and as a refusal at the end', () => {
    expect(statusLabel('http', 401, undefined, false)).toEqual({
      text: 'HTTP 401 Unauthorized',
      tone: 'continue',
    });
    expect(statusLabel('http', 401, undefined, true).tone).toBe('error');
    expect(statusLabel('http', 200, 'OK', true).tone).toBe('ok');
    expect(statusLabel('http', 407, undefined, false).text).toBe(
      'HTTP 407 Proxy Authentication Required',
    );
  });

  it('names SMB2 NT statuses, and shows a final answer that carried no token on the request', () => {
    const messages = analysedMessages(
      exchange('smb2', [
        step('acceptor', 'NegTokenInit2 [NEGOEX, Kerberos, NTLM]'),
        step('initiator', 'NegTokenInit [NTLM] + NTLM NEGOTIATE', 0xc0000016),
        step('acceptor', 'NegTokenResp accept-incomplete + NTLM CHALLENGE', 0xc0000016),
        // STATUS_LOGON_FAILURE comes back without a security blob: no acceptor step follows.
        step('initiator', 'NegTokenResp + NTLM AUTHENTICATE', 0xc000006d),
      ]),
    );
    expect(messages.map((m) => m.status)).toEqual([
      undefined,
      undefined,
      { text: 'STATUS_MORE_PROCESSING_REQUIRED', tone: 'continue' },
      { text: 'answered STATUS_LOGON_FAILURE', tone: 'error' },
    ]);
    expect(statusLabel('smb2', 0, undefined, true)).toEqual({
      text: 'STATUS_SUCCESS',
      tone: 'ok',
    });
    // A status the table lacks reads as its hex value; a signed read of it too.
    expect(statusLabel('smb2', 0xc0000001, undefined, true).text).toBe('0xc0000001');
    expect(statusLabel('smb2', -1073741802, undefined, false)).toEqual({
      text: 'STATUS_MORE_PROCESSING_REQUIRED',
      tone: 'continue',
    });
  });

  it('names LDAP result codes', () => {
    expect(statusLabel('ldap', 14, undefined, false)).toEqual({
      text: 'LDAP saslBindInProgress',
      tone: 'continue',
    });
    expect(statusLabel('ldap', 49, 'invalidCredentials', true)).toEqual({
      text: 'LDAP invalidCredentials',
      tone: 'error',
    });
  });

  it('keeps mermaid syntax out of the status line and the labels', () => {
    const source = analysedSequenceSource(
      exchange('http', [step('acceptor', 'NegTokenResp;#x', 403, 'No <b>entry</b>; #1')]),
      't',
    );
    const [line] = arrows(source);
    const [label, status] = line.slice('  S->>C: '.length).split('<br/>');
    expect(label).toBe('NegTokenResp  x');
    expect(status).toBe('HTTP 403 No  b entry /b    1');
  });

  it('breaks the label for a phone and keeps the status on its own last line', () => {
    const source = analysedSequenceSource(
      exchange('smb2', [
        step(
          'acceptor',
          'NegTokenResp accept-incomplete, supportedMech NTLM + NTLM CHALLENGE',
          0xc0000016,
        ),
      ]),
      't',
      true,
    );
    expect(arrows(source)).toEqual([
      '  S->>C: NegTokenResp accept-incomplete,<br/>supportedMech NTLM<br/>+ NTLM CHALLENGE<br/>STATUS_MORE_PROCESSING_REQUIRED',
    ]);
  });
});
