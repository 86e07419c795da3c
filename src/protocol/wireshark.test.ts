import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromBase64 } from '../codec/bytes';
import { negotiatePcap } from '../testing/pcap';
import { listScenarios, simulate } from '.';

/**
 * Wireshark (tshark, Debian package; .ci/run installs it) must dissect every simulated token
 * without complaint: each scenario goes into a pcap of HTTP Negotiate headers written here, and
 * tshark's SPNEGO/NTLM/Kerberos fields must equal ours.
 */
function hasTshark(): boolean {
  try {
    execFileSync('tshark', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const FIELDS = [
  'frame.number',
  'spnego.negResult',
  'spnego.supportedMech',
  'ntlmssp.messagetype',
  'kerberos.msg_type',
  'kerberos.error_code',
  '_ws.malformed',
  '_ws.expert.severity',
  '_ws.expert.message',
];

interface Dissection {
  negResult: string;
  supportedMech: string;
  ntlmType: string;
  krbMsgType: string;
  krbError: string;
  malformed: string;
  expert: { severity: string; message: string }[];
}

function dissect(pcap: Uint8Array): Dissection[] {
  const dir = mkdtempSync(join(tmpdir(), 'spnego-tshark-'));
  const file = join(dir, 'run.pcap');
  writeFileSync(file, pcap);
  const out = execFileSync(
    'tshark',
    [
      '-r',
      file,
      '-T',
      'fields',
      '-E',
      'separator=|',
      '-E',
      'aggregator=;',
      ...FIELDS.flatMap((f) => ['-e', f]),
    ],
    {
      encoding: 'utf8',
    },
  );
  return out
    .trim()
    .split('\n')
    .map((line) => {
      const [
        ,
        negResult,
        supportedMech,
        ntlmType,
        krbMsgType,
        krbError,
        malformed,
        severity,
        message,
      ] = line.split('|');
      const severities = severity ? severity.split(';') : [];
      const messages = message ? message.split(';') : [];
      return {
        negResult,
        supportedMech,
        ntlmType,
        krbMsgType,
        krbError,
        malformed,
        expert: severities.map((s, i) => ({ severity: s, message: messages[i] ?? '' })),
      };
    });
}

const inCi = !!process.env.CI;

describe.runIf(hasTshark() || inCi)('tshark dissects every simulated token without error', () => {
  it('tshark is installed (CI installs it through .ci/run)', () => {
    expect(hasTshark()).toBe(true);
  });

  for (const { id } of listScenarios()) {
    it(id, () => {
      const sim = simulate(id);
      const tokens = sim.steps.map((s) => ({ from: s.from, token: fromBase64(s.token) }));
      const frames = dissect(negotiatePcap(tokens));
      expect(frames).toHaveLength(sim.steps.length);
      sim.steps.forEach((step, i) => {
        const f = frames[i];
        expect(f.malformed, `step ${i} malformed`).toBe('');
        // Severity 8388608 is PI_ERROR in Wireshark's expert levels: none allowed.
        expect(
          f.expert.filter((e) => /error/i.test(e.severity) || e.severity === '8388608'),
          `step ${i}`,
        ).toEqual([]);
        expect(f.negResult, `step ${i} negState`).toBe(
          step.negState === null
            ? ''
            : String(
                ['accept-completed', 'accept-incomplete', 'reject', 'request-mic'].indexOf(
                  step.negState,
                ),
              ),
        );
        expect(f.supportedMech, `step ${i} supportedMech`).toBe(step.supportedMech ?? '');
        if (step.mech === 'ntlm') expect(f.ntlmType).toMatch(/^0x0000000[123]$/);
        if (step.mech === 'kerberos') expect(f.krbMsgType).toMatch(/^(14|15|30)$/);
      });
    });
  }
});
