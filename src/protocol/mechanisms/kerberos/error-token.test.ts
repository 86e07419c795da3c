import { describe, expect, it } from 'vitest';
import { readKrbContextToken } from '../../../codec/kerberos';
import { readSpnegoToken } from '../../../codec/spnego/token';
import { realTokens } from '../../../testing/fixtures';
import { DEFAULT_CONFIG, withPatch, type ConfigPatch } from '../../config';
import { runExchange } from '../../run';
import { accept } from './acceptor';
import { initiate } from './initiator';
import { MUTUAL_REQUIRED } from './messages';

/**
 * When a Kerberos acceptor answers a failed AP-REQ with a KRB-ERROR token. MIT only when the
 * client expects an answer — mutual-required in ap-options, or GSS_C_MUTUAL_FLAG once read
 * (MIT krb5 src/lib/gssapi/krb5/accept_sec_context.c, kg_accept_krb5(): "The client is expecting
 * a response, so we can send an error token back"). Every real MIT error exchange of the lab
 * asked for mutual authentication, and got its KRB-ERROR.
 */

const mech = (token: Uint8Array) => {
  const spnego = readSpnegoToken(token);
  if (!spnego.ok) return readKrbContextToken(token);
  const t = spnego.value;
  const inner = 'responseToken' in t ? t.responseToken : 'mechToken' in t ? t.mechToken : undefined;
  return inner ? readKrbContextToken(inner) : null;
};

describe('the KRB-ERROR token of a failed AP-REQ', () => {
  it.each([
    'raw-krb5-03-krb-error-kvno',
    'raw-krb5-04-krb-error-skew',
    'reject-04-krb5-clock-skew',
  ])('real %s: the AP-REQ had mutual-required, and a KRB-ERROR came back', (scenario) => {
    const tokens = realTokens(scenario).filter((t) => !t.perMessage);
    const apReq = mech(tokens[0].bytes);
    if (!apReq?.ok || apReq.value.message?.kind !== 'AP-REQ') throw new Error('no AP-REQ');
    expect(apReq.value.message.value['ap-options'] & MUTUAL_REQUIRED).not.toBe(0);
    const error = mech(tokens[1].bytes);
    expect(error?.ok && error.value.message?.kind).toBe('KRB-ERROR');
  });

  const skewed = (patch: ConfigPatch, mutual: boolean) =>
    withPatch(DEFAULT_CONFIG, {
      ...patch,
      initiator: { mutual },
      faults: { clockSkewSeconds: 400 },
    });

  it('MIT acceptor, mutual asked: KRB_AP_ERR_SKEW in a KRB-ERROR token', () => {
    const config = skewed({}, true);
    const step = accept(null, initiate(config).token!, config);
    expect(step.status).toBe('failed');
    const error = mech(step.token!);
    expect(
      error?.ok &&
        error.value.message?.kind === 'KRB-ERROR' &&
        error.value.message.value['error-code'],
    ).toBe(37);
  });

  it('MIT acceptor, no mutual asked: the context fails with no token; SPNEGO rejects without one', () => {
    const config = skewed({}, false);
    const step = accept(null, initiate(config).token!, config);
    expect([step.status, step.token]).toEqual(['failed', undefined]);
    const rule = step.rules.at(-1)!;
    expect(rule.text).toMatch(/expects no answer, so no KRB-ERROR token is sent/);
    expect(rule.spec).toMatch(
      /MIT krb5 src\/lib\/gssapi\/krb5\/accept_sec_context\.c, kg_accept_krb5\(\)$/,
    );
    const run = runExchange(config);
    expect(run.outcome.result).toBe('rejected');
    const reject = readSpnegoToken(run.steps[1].token);
    expect(reject.ok && reject.value.kind === 'NegTokenResp' && reject.value.responseToken).toBe(
      undefined,
    );
  });

  it.each(['windows', 'rfc4178'] as const)(
    '%s acceptor, no mutual asked: still a KRB-ERROR token',
    (implementation) => {
      const config = skewed({ acceptor: { implementation } }, false);
      const step = accept(null, initiate(config).token!, config);
      const error = mech(step.token!);
      expect(error?.ok && error.value.message?.kind).toBe('KRB-ERROR');
    },
  );
});
