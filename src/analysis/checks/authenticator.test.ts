import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, realTokens } from '../../testing/fixtures';
import { openKerberos } from '../secrets/kerberos';
import { observeExchange } from '../observe';
import { NO_SECRETS, type AnalysedStep, type SecretResult } from '../types';
import { authenticatorChecks } from './index';

/**
 * Checks on the decrypted Authenticator: ctime against the capture time, and the GSS checksum's
 * channel bindings (RFC 4121 §4.1.1.2), on real MIT exchanges opened with the lab realm's keytab.
 */
const keytab = new Uint8Array(readFileSync(join(FIXTURES, 'real/secrets/all-keys.keytab')));

function opened(id: string, time?: number): { step: AnalysedStep; result: SecretResult } {
  const tokens = realTokens(id).filter((t) => !t.perMessage);
  const ex = observeExchange({
    source: 'paste',
    transport: 'paste',
    client: null,
    server: null,
    kdc: [],
    gaps: 0,
    tokens: tokens.map((t, i) => ({
      bytes: t.bytes,
      from: null,
      ...(i === 0 && time !== undefined ? { time } : {}),
    })),
  });
  const results = openKerberos(
    ex.steps.map((s) => ({ from: s.from, token: s.token })),
    { ...NO_SECRETS, keytabs: [keytab] },
  );
  const result = results[0].find((r) => r.what === 'Authenticator');
  if (!result) throw new Error(`no Authenticator opened in ${id}`);
  return { step: ex.steps[0], result };
}

describe('authenticatorChecks', () => {
  it('channel bindings: an MD5 in spnego-krb5-08, zeros in spnego-krb5-01', () => {
    const bound = opened('spnego-krb5-08-channel-bindings');
    const cb = authenticatorChecks(bound.step, bound.result).find(
      (c) => c.id === 'channel-bindings',
    );
    expect(cb?.text).toMatch(/MD5 of the channel bindings \([0-9a-f]{32}\)/);
    const plain = opened('spnego-krb5-01-std-flags');
    expect(
      authenticatorChecks(plain.step, plain.result).find((c) => c.id === 'channel-bindings')?.text,
    ).toMatch(/all zeros/);
  });

  it('ctime against the capture time, within and beyond five minutes', () => {
    const { result } = opened('spnego-krb5-01-std-flags');
    const ctime = (function find(n: NonNullable<SecretResult['root']>): string | undefined {
      if (n.name === 'ctime' && typeof n.value === 'string') return n.value;
      for (const c of n.children ?? []) {
        const v = find(c);
        if (v) return v;
      }
      return undefined;
    })(result.root!);
    expect(ctime).toBeDefined();
    const t = Date.parse(ctime!) / 1000;
    const near = opened('spnego-krb5-01-std-flags', t + 2);
    expect(authenticatorChecks(near.step, near.result).find((c) => c.id === 'clock-skew')?.ok).toBe(
      true,
    );
    const far = opened('spnego-krb5-01-std-flags', t + 600);
    const skew = authenticatorChecks(far.step, far.result).find((c) => c.id === 'clock-skew');
    expect(skew?.ok).toBe(false);
    expect(skew?.text).toMatch(/10 min/);
  });

  it('nothing without an opened Authenticator', () => {
    const { step, result } = opened('spnego-krb5-01-std-flags');
    expect(authenticatorChecks(step, { ...result, ok: false })).toEqual([]);
    expect(authenticatorChecks(step, { what: 'EncTicketPart', ok: true, text: '' })).toEqual([]);
  });
});
