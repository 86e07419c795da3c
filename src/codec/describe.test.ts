import { describe, expect, it } from 'vitest';
import { decodeToken } from './token';
import { realTokens } from '../testing/fixtures';
import { messageLabel } from './describe';

const labels = (scenario: string) =>
  realTokens(scenario)
    .filter((t) => !t.perMessage)
    .map((t) => messageLabel(decodeToken(t.bytes).root));

describe('messageLabel', () => {
  it('names the SPNEGO envelope and the mechanism message inside, for the fallback exchange', () => {
    expect(labels('fallback-01-krb5-to-ntlm-no-keytab')).toEqual([
      'NegTokenInit [Kerberos, NTLM] + Kerberos AP-REQ',
      'NegTokenResp request-mic, supportedMech NTLM',
      'NegTokenResp accept-incomplete + NTLM NEGOTIATE',
      'NegTokenResp accept-incomplete + NTLM CHALLENGE',
      'NegTokenResp accept-incomplete + NTLM AUTHENTICATE + mechListMIC',
      'NegTokenResp accept-completed + mechListMIC',
    ]);
  });

  it('names a Kerberos error with its code and a server-initiated NegTokenInit2', () => {
    expect(labels('reject-04-krb5-clock-skew')[1]).toBe(
      'NegTokenResp reject + Kerberos KRB-ERROR KRB_AP_ERR_SKEW',
    );
    expect(labels('smb-02-kerberos-password')).toEqual([
      'NegTokenInit2 [MS-Kerberos, Kerberos, NTLM] with hints',
      'NegTokenInit [MS-Kerberos, Kerberos] + Kerberos AP-REQ',
      'NegTokenResp accept-completed, supportedMech MS-Kerberos + Kerberos AP-REP',
    ]);
  });

  it('names a bare mechanism token by its message', () => {
    expect(labels('raw-ntlm-01-ntlmv2')).toEqual([
      'NTLM NEGOTIATE',
      'NTLM CHALLENGE',
      'NTLM AUTHENTICATE',
    ]);
  });
});
