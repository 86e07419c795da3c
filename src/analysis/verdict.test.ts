import { describe, expect, it } from 'vitest';
import type { KdcMessage } from '../codec/capture';
import { encodeNegTokenInit, encodeNegTokenResp, readSpnegoToken } from '../codec/spnego/token';
import { encodeInitialContextToken } from '../codec/gss';
import { OID } from '../data/oids';
import { EXPLAINED_KERBEROS_ERRORS, kerberosErrorInfo } from '../data/kerberos-errors';
import { realTokens } from '../testing/fixtures';
import { observeExchange } from './observe';
import type { AnalysedExchange, ObservedToken, Transport } from './types';

/** Outcomes and their one-sentence causes, above all why NTLM was used instead of Kerberos. */

function inner(scenario: string, index: number): Uint8Array {
  const t = realTokens(scenario).filter((x) => !x.perMessage)[index];
  const s = readSpnegoToken(t.bytes);
  if (!s.ok) return t.bytes;
  const v = s.value;
  return (v.kind === 'NegTokenResp' ? v.responseToken : v.mechToken) ?? t.bytes;
}
const NEGOTIATE = inner('spnego-ntlm-01-ntlmv2', 0);
const CHALLENGE = inner('spnego-ntlm-01-ntlmv2', 1);
const AUTHENTICATE = inner('spnego-ntlm-01-ntlmv2', 2);
const MIC = new Uint8Array(16).fill(1);

const endpoint = (address: string, port: number) => ({ address, port });
function kdc(
  frame: number,
  from: 'client' | 'kdc',
  msgType: number,
  extra: Partial<KdcMessage> = {},
): KdcMessage {
  const names: Record<number, string> = {
    10: 'AS-REQ',
    11: 'AS-REP',
    12: 'TGS-REQ',
    13: 'TGS-REP',
    30: 'KRB-ERROR',
  };
  return {
    transport: 'tcp',
    client: endpoint('10.0.0.5', 51000),
    server: endpoint('10.0.0.1', 88),
    from,
    frame,
    time: 1795681600 + frame,
    msgType,
    name: names[msgType],
    realm: 'EXAMPLE.TEST',
    bytes: new Uint8Array(0),
    ...extra,
  };
}

function run(
  tokens: (Uint8Array | ObservedToken)[],
  opts: { kdc?: KdcMessage[]; transport?: Transport; gaps?: number } = {},
): AnalysedExchange {
  return observeExchange({
    source: 'capture frame 1',
    transport: opts.transport ?? 'http',
    client: '10.0.0.5:51234',
    server: '10.0.0.1:80',
    kdc: opts.kdc ?? [],
    gaps: opts.gaps ?? 0,
    tokens: tokens.map((t) => (t instanceof Uint8Array ? { bytes: t, from: null } : t)),
  });
}

const ntlmOverSpnego = (mechTypes: string[]) => [
  encodeNegTokenInit({ mechTypes, mechToken: NEGOTIATE }),
  encodeNegTokenResp({
    negState: 'accept-incomplete',
    supportedMech: OID.ntlmssp,
    responseToken: CHALLENGE,
  }),
  encodeNegTokenResp({
    negState: 'accept-incomplete',
    responseToken: AUTHENTICATE,
    mechListMIC: MIC,
  }),
  encodeNegTokenResp({ negState: 'accept-completed', mechListMIC: MIC }),
];

describe('why NTLM instead of Kerberos', () => {
  it('the client offered no Kerberos, and the KDC said why: no such SPN', () => {
    const ex = run(ntlmOverSpnego([OID.ntlmssp]), {
      kdc: [
        kdc(10, 'client', 12, { sname: 'HTTP/web.example.test', cname: 'alice' }),
        kdc(12, 'kdc', 30, { errorCode: 7, sname: 'HTTP/web.example.test' }),
      ],
    });
    expect(ex.outcome).toMatchObject({ result: 'established', mech: 'ntlm' });
    expect(ex.outcome.reason).toMatch(/offered no Kerberos/);
    expect(ex.outcome.reason).toMatch(/TGS-REQ for HTTP\/web\.example\.test/);
    expect(ex.outcome.reason).toMatch(/KDC_ERR_S_PRINCIPAL_UNKNOWN \(7\) in frame 12/);
    expect(ex.outcome.reason).toMatch(/had no Kerberos ticket for the service/);
    expect(run(ntlmOverSpnego([OID.ntlmssp])).outcome.reason).toMatch(/no KDC answer in the input/);
    expect(ex.findings).toContainEqual(
      expect.objectContaining({
        text: expect.stringMatching(
          /^TGS-REQ for HTTP\/web\.example\.test answered KDC_ERR_S_PRINCIPAL_UNKNOWN \(7\) in frame 12/,
        ),
      }),
    );
    expect(ex.kdc).toHaveLength(2);
  });

  it('the client offered no Kerberos although the KDC issued a ticket', () => {
    const ex = run(ntlmOverSpnego([OID.ntlmssp]), {
      kdc: [
        kdc(3, 'client', 12, { sname: 'HTTP/web.example.test' }),
        kdc(4, 'kdc', 13, { sname: 'HTTP/web.example.test' }),
      ],
    });
    expect(ex.outcome.reason).toMatch(/TGS-REP in frame 4/);
    expect(
      ex.findings.some((f) => f.severity === 'info' && /TGS-REP in frame 4/.test(f.text)),
    ).toBe(true);
  });

  it('the client preferred NTLM', () => {
    const ex = run(ntlmOverSpnego([OID.ntlmssp, OID.krb5]));
    expect(ex.outcome.reason).toMatch(/client preferred NTLM/);
  });

  it('the acceptor has no Kerberos key: the real MIT fallback', () => {
    const tokens = realTokens('fallback-01-krb5-to-ntlm-no-keytab').map((t) => t.bytes);
    const ex = run(tokens);
    expect(ex.outcome).toMatchObject({ result: 'established', mech: 'ntlm' });
    expect(ex.outcome.reason).toMatch(/acceptor has no Kerberos key/);
  });

  it('the acceptor preferred NTLM although Kerberos was listed first without a token', () => {
    const ex = run([
      encodeNegTokenInit({ mechTypes: [OID.krb5, OID.ntlmssp] }),
      encodeNegTokenResp({ negState: 'request-mic', supportedMech: OID.ntlmssp }),
      encodeNegTokenResp({ negState: 'accept-incomplete', responseToken: NEGOTIATE }),
      encodeNegTokenResp({ negState: 'accept-incomplete', responseToken: CHALLENGE }),
      encodeNegTokenResp({
        negState: 'accept-incomplete',
        responseToken: AUTHENTICATE,
        mechListMIC: MIC,
      }),
      encodeNegTokenResp({ negState: 'accept-completed', mechListMIC: MIC }),
    ]);
    expect(ex.outcome.reason).toMatch(/acceptor preferred NTLM/);
  });

  it('bare NTLM (the HTTP NTLM scheme) never offered Kerberos', () => {
    const ex = run([NEGOTIATE, CHALLENGE, AUTHENTICATE]);
    expect(ex.outcome).toMatchObject({ result: 'established', mech: 'ntlm' });
    expect(ex.outcome.reason).toMatch(/bare NTLM/);
  });

  it('Kerberos failed and the exchange was rejected: the KRB-ERROR explained', () => {
    const ex = run(realTokens('raw-krb5-03-krb-error-kvno').map((t) => t.bytes));
    expect(ex.outcome).toMatchObject({ result: 'rejected', mech: 'kerberos' });
    expect(ex.outcome.reason).toMatch(/KRB_AP_ERR_BADKEYVER/);
    expect(ex.outcome.reason).toMatch(/kvno/);
  });
});

describe('the transport’s answer and incomplete exchanges', () => {
  it('HTTP 401 to the final AUTHENTICATE: rejected', () => {
    const ex = run([
      { bytes: NEGOTIATE, from: 'initiator', status: 401 },
      { bytes: CHALLENGE, from: 'acceptor', status: 401 },
      { bytes: AUTHENTICATE, from: 'initiator', status: 401, statusText: 'Unauthorized' },
    ]);
    expect(ex.outcome).toMatchObject({ result: 'rejected', mech: 'ntlm' });
    expect(ex.steps[2].status).toBe(401);
    expect(ex.steps[2].acceptorState).toBe('FAILED');
  });

  it('HTTP 200 to the final AUTHENTICATE: established', () => {
    const ex = run([
      { bytes: NEGOTIATE, from: null, status: 401 },
      { bytes: CHALLENGE, from: null, status: 401 },
      { bytes: AUTHENTICATE, from: null, status: 200 },
    ]);
    expect(ex.outcome.result).toBe('established');
  });

  it('SMB2 STATUS_LOGON_FAILURE on the last leg: rejected', () => {
    const ex = run(
      [
        { bytes: NEGOTIATE, from: null },
        { bytes: CHALLENGE, from: null, status: 0xc0000016 },
        { bytes: AUTHENTICATE, from: null, status: 0xc000006d },
      ],
      { transport: 'smb2' },
    );
    expect(ex.outcome.result).toBe('rejected');
  });

  it('only the first token: incomplete, and the last status is told', () => {
    const first = realTokens('spnego-krb5-01-std-flags')[0].bytes;
    const ex = run([{ bytes: first, from: null, status: 502, statusText: 'Bad Gateway' }]);
    expect(ex.outcome.result).toBe('incomplete');
    expect(ex.outcome.mech).toBe('kerberos');
    expect(ex.outcome.reason).toMatch(/502 Bad Gateway/);
    expect(run([first]).outcome.result).toBe('incomplete');
    expect(ex.findings.some((f) => /incomplete/.test(f.text))).toBe(true);
  });

  it('a capture gap is a warning', () => {
    const ex = run(ntlmOverSpnego([OID.ntlmssp]), { gaps: 120 });
    expect(ex.findings).toContainEqual(
      expect.objectContaining({
        severity: 'warning',
        text: expect.stringMatching(/missed 120 bytes/),
      }),
    );
  });

  it('per-message tokens after establishment are told as such, not as errors', () => {
    const tokens = realTokens('spnego-ntlm-01-ntlmv2');
    const ex = run(tokens.map((t) => t.bytes));
    const pm = ex.steps.filter((s) => s.message.startsWith('NTLM '));
    expect(pm).toHaveLength(3);
    for (const s of pm)
      expect(s.explanation.some((e) => /per-message token/.test(e.text))).toBe(true);
    expect(ex.outcome.result).toBe('established');
    expect(ex.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const krb = run(realTokens('raw-krb5-01-mutual').map((t) => t.bytes));
    expect(krb.steps.map((s) => s.from)).toEqual(
      realTokens('raw-krb5-01-mutual').map((t) => t.direction),
    );
    expect(krb.steps.slice(2).map((s) => s.message)).toEqual([
      'Kerberos GetMIC',
      'Kerberos Wrap',
      'Kerberos Wrap',
    ]);
  });
});

describe('kerberos-errors table', () => {
  it('explains every common code with meaning, causes and what to check', () => {
    for (const code of [
      6, 7, 9, 12, 14, 23, 24, 25, 29, 31, 32, 34, 35, 36, 37, 41, 44, 47, 60, 68,
    ]) {
      const info = kerberosErrorInfo(code);
      expect(info, `code ${code}`).not.toBeNull();
      expect(EXPLAINED_KERBEROS_ERRORS).toContain(code);
      expect(info!.meaning.length).toBeGreaterThan(10);
      expect(info!.causes.length).toBeGreaterThan(10);
      expect(info!.check.length).toBeGreaterThan(10);
      expect(info!.spec).toMatch(/RFC/);
    }
    expect(kerberosErrorInfo(44)!.causes).toMatch(/kvno/);
    expect(kerberosErrorInfo(41)!.causes).toMatch(/duplicate SPN/);
    expect(kerberosErrorInfo(7)!.meaning).toMatch(/NTLM/);
    expect(kerberosErrorInfo(1000)).toBeNull();
  });
});

describe('a failure status with no token back', () => {
  it('HTTP 401 to the NegTokenInit with nothing after it: rejected', () => {
    const first = realTokens('spnego-krb5-01-std-flags')[0].bytes;
    const ex = run([{ bytes: first, from: null, status: 401 }]);
    expect(ex.outcome.result).toBe('rejected');
    expect(ex.outcome.reason).toMatch(/no token of its own/);
  });

  it('HTTP 401 to a bare NTLM NEGOTIATE with nothing after it: rejected', () => {
    const ex = run([{ bytes: NEGOTIATE, from: null, status: 401 }]);
    expect(ex.outcome).toMatchObject({ result: 'rejected', mech: 'ntlm' });
  });

  it('a continuation status says nothing: SMB2 MORE_PROCESSING_REQUIRED leaves it incomplete', () => {
    const ex = run([{ bytes: NEGOTIATE, from: null, status: 0xc0000016 }], { transport: 'smb2' });
    expect(ex.outcome.result).toBe('incomplete');
  });
});

describe('which KDC answer explains the missing Kerberos', () => {
  it('the TGS error, not the AS exchange’s normal PREAUTH_REQUIRED round', () => {
    const ex = run(ntlmOverSpnego([OID.ntlmssp]), {
      kdc: [
        kdc(2, 'client', 10, { sname: 'krbtgt/EXAMPLE.TEST', cname: 'alice' }),
        kdc(3, 'kdc', 30, { errorCode: 25, sname: 'krbtgt/EXAMPLE.TEST' }),
        kdc(4, 'client', 10, { sname: 'krbtgt/EXAMPLE.TEST', cname: 'alice' }),
        kdc(5, 'kdc', 11, { cname: 'alice' }),
        kdc(6, 'client', 12, { sname: 'HTTP/web.example.test' }),
        kdc(7, 'kdc', 30, { errorCode: 7, sname: 'HTTP/web.example.test' }),
      ],
    });
    expect(ex.outcome.reason).toMatch(
      /TGS-REQ for HTTP\/web\.example\.test with KDC_ERR_S_PRINCIPAL_UNKNOWN \(7\) in frame 7/,
    );
    expect(ex.outcome.reason).not.toMatch(/PREAUTH_REQUIRED/);
    expect(ex.findings.find((f) => /PREAUTH_REQUIRED/.test(f.text))?.severity).toBe('info');
  });

  it('a failed AS exchange: the client could not even get a TGT', () => {
    const ex = run(ntlmOverSpnego([OID.ntlmssp]), {
      kdc: [
        kdc(2, 'client', 10, { sname: 'krbtgt/EXAMPLE.TEST', cname: 'alice' }),
        kdc(3, 'kdc', 30, { errorCode: 24, sname: 'krbtgt/EXAMPLE.TEST' }),
      ],
    });
    expect(ex.outcome.reason).toMatch(
      /AS-REQ for krbtgt\/EXAMPLE\.TEST with KDC_ERR_PREAUTH_FAILED \(24\)/,
    );
    expect(ex.outcome.reason).toMatch(/could not get a ticket-granting ticket/);
  });
});

describe('legacy per-message tokens', () => {
  it('an RFC 1964 MIC token (RC4 contexts) after the exchange is a per-message token', () => {
    const inner = Uint8Array.from([
      0x01,
      0x01,
      0x11,
      0x00,
      0xff,
      0xff,
      0xff,
      0xff,
      ...new Array<number>(16).fill(0x5a),
    ]);
    const legacy = encodeInitialContextToken(OID.krb5, inner);
    const tokens = realTokens('raw-krb5-06-rc4-hmac').filter((t) => !t.perMessage);
    const ex = run([...tokens.map((t) => t.bytes), legacy]);
    expect(ex.steps[2].message).toBe('Kerberos GetMIC');
    expect(ex.steps[2].explanation.some((e) => /per-message token/.test(e.text))).toBe(true);
    expect(ex.outcome.result).toBe('established');
  });
});
