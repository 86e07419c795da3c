import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyseInput, NO_SECRETS, type AnalysedExchange } from '..';
import { simulate } from '../../protocol';
import { toBase64 } from '../../bytes';
import { FIXTURES, realScenarios, realTokens } from '../../testing/fixtures';
import { compareRuns, inferConfig, reproduce, SEQUENCE_FIELDS, type Difference } from '.';

/**
 * `reproduce` over every exchange of the real vectors (MIT krb5 1.20 + gss-ntlmssp 1.2, Heimdal
 * 7.8, Samba 4.17, curl 7.88), each read from its capture as `cli reproduce` reads it.
 */
function exchangesOf(id: string): AnalysedExchange[] {
  const bytes = new Uint8Array(readFileSync(join(FIXTURES, 'real', id, 'capture.pcapng')));
  return analyseInput(bytes, NO_SECRETS).exchanges;
}

function only(id: string): AnalysedExchange {
  const exchanges = exchangesOf(id);
  expect(exchanges).toHaveLength(1);
  return exchanges[0];
}

const sequenceDifferences = (d: Difference[]) =>
  d.filter((x) => x.field === 'message' || (SEQUENCE_FIELDS as string[]).includes(x.field));

/**
 * Exchanges whose message sequence the simulator cannot produce yet, and why. Everything else
 * must reproduce its sequence.
 */
const CANNOT_MODEL: Record<string, string> = {
  'spnego-ntlm-03-ntlmv1':
    'NTLMv1: the simulator sends NTLMv2 only, so it keeps the mechListMIC that MIT leaves out after an NTLMv1 exchange (gss-ntlmssp, no MIC without NTLMv2)',
  'spnego-ntlm-04-lm-compat-0':
    'LM compatibility level 0 (LM and NTLMv1 responses): not modelled, so the mechListMIC and NTLM flags differ as for NTLMv1',
};

describe('reproduce: every real exchange', () => {
  const report: string[] = [];
  for (const id of realScenarios()) {
    it(id, () => {
      for (const exchange of exchangesOf(id)) {
        const r = reproduce(exchange)!;
        expect(r).not.toBeNull();
        report.push(
          `${id}: ${r.differences.length ? r.differences.map((d) => `#${d.step} ${d.field} real ${String(d.real)} sim ${String(d.simulated)}`).join('; ') : 'no difference'}`,
        );
        const sequence = sequenceDifferences(r.differences);
        if (CANNOT_MODEL[id]) expect(sequence.length, CANNOT_MODEL[id]).toBeGreaterThan(0);
        else expect(sequence).toEqual([]);
        // The config is plain data of a few hundred bytes, with no token bytes in it.
        const text = JSON.stringify(r.config);
        expect(text.length).toBeLessThan(1000);
        for (const step of exchange.steps)
          expect(text).not.toContain(toBase64(step.token).slice(0, 16));
        // The same config, run again (as `simulate --config` does), gives the same run.
        expect(simulate(JSON.parse(text)).steps.map((s) => s.token)).toEqual(
          r.run.steps.map((s) => s.token),
        );
      }
    });
  }
  it('prints what still differs per exchange', () => {
    console.log(`reproduce over fixtures/vectors/real:\n${report.join('\n')}`);
    expect(report.length).toBeGreaterThanOrEqual(realScenarios().length);
  });
});

describe('inferConfig reads each choice from the wire', () => {
  it('a keytab without the service key from KRB_AP_ERR_NOT_US', () => {
    const { config, evidence } = inferConfig(only('fallback-03-keytab-lacks-service-key'));
    expect(config.kerberos?.keytab).toBe('missing');
    expect(config.acceptor?.kerberosKey).toBeUndefined();
    expect(evidence.find((e) => e.field === 'kerberos.keytab')?.why).toMatch(/NOT_US/);
  });
  it('an acceptor without Kerberos credentials when it picks NTLM over the preferred Kerberos', () => {
    const { config } = inferConfig(only('fallback-01-krb5-to-ntlm-no-keytab'));
    expect(config.acceptor?.kerberosKey).toBe(false);
    expect(config.initiator?.mechs).toEqual(['kerberos', 'ntlm']);
  });
  it('an acceptor without NTLM when it switches to the second mechanism (Heimdal)', () => {
    const { config } = inferConfig(only('heimdal-09-acceptor-selects-second-mech-krb5'));
    expect(config.acceptor).toMatchObject({ implementation: 'heimdal', mechs: ['kerberos'] });
    expect(config.initiator).toMatchObject({ implementation: 'mit', mechs: ['ntlm', 'kerberos'] });
  });
  it('clock skew, old kvno and rc4 from the Kerberos messages', () => {
    expect(
      Math.abs(inferConfig(only('reject-04-krb5-clock-skew')).config.faults?.clockSkewSeconds ?? 0),
    ).toBeGreaterThan(300);
    expect(inferConfig(only('raw-krb5-03-krb-error-kvno')).config.kerberos?.keytab).toBe(
      'old-kvno',
    );
    expect(inferConfig(only('raw-krb5-06-rc4-hmac')).config.kerberos?.etype).toBe(23);
    expect(inferConfig(only('spnego-krb5-11-enctype-aes128-sha1')).config.kerberos?.etype).toBe(17);
  });
  it('mutual from ap-options, DCE style from the client AP-REP, the bare transport', () => {
    expect(inferConfig(only('raw-krb5-02-no-mutual')).config).toMatchObject({
      transport: 'bare',
      initiator: { mutual: false },
    });
    expect(inferConfig(only('spnego-krb5-07-dce-style')).config.kerberos?.dceStyle).toBe(true);
  });
  it('curl asks neither conf nor integ: read from its NTLM NEGOTIATE flags (no SIGN, no SEAL)', () => {
    const { config, evidence } = inferConfig(only('http-curl-03-ntlm-over-spnego'));
    // gss-ntlmssp's flags tell conf and integ only; replay and sequence leave no trace in NTLM.
    expect(config.initiator?.requestFlags).toEqual([]);
    expect(evidence.find((e) => e.field === 'initiator.requestFlags')?.why).toMatch(
      /0xe2088217.*\breplay\b.*would give the same flags/,
    );
    // The default application (all four flags) needs no list.
    expect(
      inferConfig(only('spnego-ntlm-01-ntlmv2')).config.initiator?.requestFlags,
    ).toBeUndefined();
  });
  it('SMB2 with Samba on both sides; raw NTLM in the HTTP NTLM scheme', () => {
    expect(inferConfig(only('smb-02-kerberos-password')).config).toMatchObject({
      transport: 'smb',
      initiator: { implementation: 'samba' },
      acceptor: { implementation: 'samba', service: 'cifs' },
    });
    expect(inferConfig(only('raw-ntlm-01-ntlmv2')).config.transport).toBe('http-ntlm');
  });
  it('NTLMv1 is said as a limit, not silently simulated as NTLMv2', () => {
    expect(inferConfig(only('spnego-ntlm-03-ntlmv1')).limits.join(' ')).toMatch(/NTLMv1/);
  });
  it('a paste of the tokens gives the configuration the capture gives (but for the time)', () => {
    const id = 'fallback-01-krb5-to-ntlm-no-keytab';
    const paste = realTokens(id)
      .filter((t) => !t.perMessage)
      .map((t) => toBase64(t.bytes))
      .join('\n');
    const fromPaste = analyseInput(new TextEncoder().encode(paste), NO_SECRETS).exchanges[0];
    const { time: _time, ...fromCapture } = inferConfig(only(id)).config;
    expect(inferConfig(fromPaste).config).toEqual(fromCapture);
  });
});

describe('compareRuns', () => {
  it('names each field that differs, and messages one side lacks', () => {
    const real = only('fallback-01-krb5-to-ntlm-no-keytab');
    // The acceptor with its key: Kerberos succeeds in two messages instead of NTLM's six.
    const d = compareRuns(real, simulate({}));
    expect(d).toContainEqual({
      step: 2,
      field: 'negState',
      real: 'request-mic',
      simulated: 'accept-completed',
    });
    expect(d).toContainEqual({
      step: 2,
      field: 'supportedMech',
      real: 'NTLM',
      simulated: 'Kerberos',
    });
    expect(d.filter((x) => x.simulated === 'absent').map((x) => x.step)).toEqual([3, 4, 5, 6]);
  });
  it('finds nothing between a run and itself', () => {
    const r = reproduce(only('spnego-ntlm-01-ntlmv2'))!;
    expect(r.differences).toEqual([]);
    expect(compareRuns(only('spnego-ntlm-01-ntlmv2'), r.run)).toEqual([]);
  });
});
