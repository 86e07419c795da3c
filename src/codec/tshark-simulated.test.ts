import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeToken } from './token';
import { findNode } from './tree';
import { negotiatePcap } from '../testing/pcap';
import { listScenarios, simulate } from '../protocol';
import { fromBase64, startsWith } from '../bytes';
import { openNtlm } from '../analysis/secrets/ntlm';
import { NO_SECRETS } from '../analysis/types';
import { FIXTURES } from '../testing/fixtures';
import { hasTshark } from '../testing/tshark';

/**
 * Wireshark (tshark, Debian package; .ci/run installs it) must dissect every simulated token
 * without complaint: each scenario goes into a pcap of HTTP Negotiate headers written here, and
 * tshark's SPNEGO, NTLM and Kerberos fields must equal ours.
 */

const FIELDS = [
  'spnego.negResult',
  'spnego.supportedMech',
  'ntlmssp.messagetype',
  'ntlmssp.negotiateflags',
  'ntlmssp.auth.username',
  'ntlmssp.auth.domain',
  'kerberos.msg_type',
  'kerberos.error_code',
  'kerberos.realm',
  '_ws.malformed',
  '_ws.expert.severity',
] as const;

type Frame = Record<(typeof FIELDS)[number], string>;

/** Wireshark's expert severity for errors (PI_ERROR); chat, note and warning are allowed. */
const PI_ERROR = 0x00800000;

function dissect(pcap: Uint8Array): Frame[] {
  const file = join(mkdtempSync(join(tmpdir(), 'spnego-tshark-')), 'run.pcap');
  writeFileSync(file, pcap);
  const args = ['-r', file, '-T', 'fields', '-E', 'separator=|', '-E', 'aggregator=;'];
  const out = execFileSync('tshark', [...args, ...FIELDS.flatMap((f) => ['-e', f])], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return out
    .trimEnd()
    .split('\n')
    .map((line) => {
      const values = line.split('|');
      return Object.fromEntries(FIELDS.map((f, i) => [f, values[i] ?? ''])) as Frame;
    });
}

const NEG_STATE_NUMBERS: Record<string, string> = {
  'accept-completed': '0',
  'accept-incomplete': '1',
  reject: '2',
  'request-mic': '3',
};

describe.runIf(hasTshark() || !!process.env.CI)('tshark dissects every simulated token', () => {
  it('tshark is installed (CI installs it through .ci/run)', () => {
    expect(hasTshark()).toBe(true);
  });

  // Every scenario, and each implementation on each side and each transport besides.
  const runs: [string, () => ReturnType<typeof simulate>][] = [
    ...listScenarios().map(({ id }): [string, () => ReturnType<typeof simulate>] => [
      id,
      () => simulate(id),
    ]),
    ...(['heimdal', 'samba', 'windows', 'rfc4178'] as const).flatMap(
      (impl): [string, () => ReturnType<typeof simulate>][] => [
        [
          `${impl} NTLM fallback`,
          () => simulate({ profile: impl, acceptor: { kerberosKey: false } }),
        ],
        [
          `${impl} over SMB, NTLM`,
          () => simulate({ profile: impl, transport: 'smb', initiator: { kerberosTicket: false } }),
        ],
      ],
    ),
    ['bare NTLM', () => simulate({ transport: 'bare', initiator: { kerberosTicket: false } })],
    [
      'bare Kerberos skew',
      () => simulate({ transport: 'bare', faults: { clockSkewSeconds: 900 } }),
    ],
    ['HTTP NTLM, Samba client', () => simulate('ntlm-scheme', { profile: 'samba' })],
  ];
  for (const [id, run] of runs) {
    it(`${id}: no malformed packet, no expert error, same fields as ours`, () => {
      const sim = run();
      // An SMB2 failure's empty blob puts no token on the wire.
      const steps = sim.steps.filter((s) => s.message !== 'empty');
      const scheme = sim.config.transport === 'http-ntlm' ? 'NTLM' : 'Negotiate';
      const tokens = steps.map((s) => ({ from: s.from, token: fromBase64(s.token), scheme }));
      const frames = dissect(negotiatePcap(tokens));
      let oddOffsets = 0;
      expect(frames).toHaveLength(steps.length);
      steps.forEach((step, i) => {
        const f = frames[i];
        const where = `${id} step ${i}`;
        if (oddUtf16String(fromBase64(step.token))) {
          // gss-ntlmssp writes its payload with no alignment (src/ntlm.c, ntlm_encode_auth_msg()):
          // after an anonymous one-byte LmChallengeResponse its UTF-16 Workstation starts at an odd
          // offset, which Wireshark's NTLMSSP dissector cannot read. The wire is as the real stack
          // writes it; Wireshark's complaint is the one expected.
          expect(f['_ws.malformed'], where).toBe('[Malformed Packet: NTLMSSP];_ws.malformed');
          oddOffsets++;
          return;
        }
        expect(f['_ws.malformed'], where).toBe('');
        const severities = f['_ws.expert.severity'].split(';').filter(Boolean).map(Number);
        expect(
          severities.filter((s) => s >= PI_ERROR),
          where,
        ).toEqual([]);
        expect(f['spnego.negResult'], where).toBe(
          step.negState ? NEG_STATE_NUMBERS[step.negState] : '',
        );
        expect(f['spnego.supportedMech'], where).toBe(step.supportedMech ?? '');
        const root = decodeToken(fromBase64(step.token)).root;
        if (step.mech === 'ntlm') {
          const flags = findNode(root, 'NegotiateFlags')!.value as number;
          expect(f['ntlmssp.negotiateflags'], where).toBe(
            `0x${flags.toString(16).padStart(8, '0')}`,
          );
          const user = findNode(root, 'UserName');
          if (user) {
            // Wireshark prints an empty NTLM string as NULL (packet-ntlmssp.c, dissect_ntlmssp_string()).
            const shown = (v: unknown) => (v === '' ? 'NULL' : v);
            expect(f['ntlmssp.auth.username'], where).toBe(shown(user.value));
            expect(f['ntlmssp.auth.domain'], where).toBe(
              shown(findNode(root, 'DomainName')!.value),
            );
          }
        }
        if (step.mech === 'kerberos') {
          expect(f['kerberos.msg_type'], where).toBe(String(findNode(root, 'msg-type')!.value));
          const realm = findNode(root, 'realm');
          expect(f['kerberos.realm'].split(';')[0], where).toBe(realm ? realm.value : '');
          const code = findNode(root, 'error-code');
          expect(f['kerberos.error_code'], where).toBe(code ? String(code.value) : '');
        }
      });
      // Only an anonymous AUTHENTICATE from gss-ntlmssp has that layout.
      expect(oddOffsets).toBe(id === 'ntlm-anonymous' ? 1 : 0);
    });
  }
});

/**
 * Given the configured password, tshark must authenticate the simulated NTLM responses of every
 * version (its "NTLMv1/NTLMv2 authenticated using <Global NT Password>" expert info) and derive
 * the same session key as the analysis (openNtlm) from the same tokens.
 */
describe.runIf(hasTshark() || !!process.env.CI)('tshark authenticates simulated NTLM', () => {
  // Wireshark 4.0 authenticates no LM_KEY exchange: it prints nothing for the real
  // spnego-ntlm-04-lm-compat-0 either (its tshark-decrypted.txt), so level 0 expects silence.
  const cases: [string, Parameters<typeof simulate>[0], 'NTLMv1' | 'NTLMv2' | null][] = [
    ['NTLMv2', { initiator: { kerberosTicket: false } }, 'NTLMv2'],
    [
      'NTLMv2 with channel bindings',
      {
        initiator: { kerberosTicket: false },
        kerberos: { channelBindings: 'tls-server-end-point' },
        ntlm: { channelBindings: true },
      },
      'NTLMv2',
    ],
    [
      'NTLMv1 with ESS (level 2)',
      { initiator: { kerberosTicket: false }, ntlm: { lmCompatibilityLevel: 2 } },
      'NTLMv1',
    ],
    [
      'LM and NTLMv1 (level 0)',
      { initiator: { kerberosTicket: false }, ntlm: { lmCompatibilityLevel: 0 } },
      null,
    ],
    [
      'NTLMv1 after a switch, mechListMICs',
      { acceptor: { kerberosKey: false }, ntlm: { lmCompatibilityLevel: 1 } },
      'NTLMv1',
    ],
  ];
  for (const [name, patch, version] of cases) {
    it(name, () => {
      const sim = simulate(patch);
      const password = sim.config.initiator.ntlmPassword!;
      const tokens = sim.steps.map((s) => ({
        from: s.from,
        token: fromBase64(s.token),
        scheme: 'Negotiate',
      }));
      const file = join(mkdtempSync(join(tmpdir(), 'spnego-tshark-')), 'run.pcap');
      writeFileSync(file, negotiatePcap(tokens));
      const text = execFileSync(
        'tshark',
        ['-r', file, '-V', '-o', `ntlmssp.nt_password:${password}`],
        {
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'ignore'],
        },
      );
      if (version === null) {
        expect(text).not.toContain('authenticated using');
        const real = readFileSync(
          join(FIXTURES, 'real/spnego-ntlm-04-lm-compat-0/wireshark/tshark-decrypted.txt'),
          'utf8',
        );
        expect(real).not.toContain('authenticated using');
        return;
      }
      expect(text).toContain(`${version} authenticated using <Global NT Password>`);
      const key = /\[NTLMSSP SessionKey \(([0-9a-f]{32})\)\]/.exec(text)?.[1];
      const opened = openNtlm(
        tokens.map(({ from, token }) => ({ from, token })),
        { ...NO_SECRETS, passwords: [{ password }] },
      ).flat();
      const ours = opened
        .flatMap((r) => r.derived ?? [])
        .find((d) => d.name === 'ExportedSessionKey')?.value;
      expect(key).toBeDefined();
      expect(key).toBe(ours);
    });
  }
});

/** An NTLM AUTHENTICATE_MESSAGE whose UTF-16 DomainName, UserName or Workstation starts at an odd offset (MS-NLMP §2.2.1.3). */
function oddUtf16String(token: Uint8Array): boolean {
  const at = token.findIndex((_, i) => startsWith(token, i, NTLMSSP));
  if (at < 0 || token.length < at + 64) return false;
  const view = new DataView(token.buffer, token.byteOffset + at);
  if (view.getUint32(8, true) !== 3 || (view.getUint32(60, true) & 1) === 0) return false;
  return [28, 36, 44].some(
    (field) => view.getUint16(field, true) > 0 && view.getUint32(field + 4, true) % 2 === 1,
  );
}

const NTLMSSP = [...'NTLMSSP\0'].map((c) => c.charCodeAt(0));
