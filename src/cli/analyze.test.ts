import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toBase64 } from '../bytes';
import { FIXTURES, realTokens } from '../testing/fixtures';

/** `cli analyze` as a user runs it: through tsx, from the source tree. */
function cli(args: string[], input?: string) {
  const r = spawnSync('npx', ['--no-install', 'tsx', 'src/cli/main.ts', 'analyze', ...args], {
    input,
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const real = (...p: string[]) => join(FIXTURES, 'real', ...p);
const fallback = realTokens('fallback-01-krb5-to-ntlm-no-keytab')
  .filter((t) => !t.perMessage)
  .map((t) => toBase64(t.bytes))
  .join('\n');

describe('cli analyze', () => {
  it('prints the JSON the issue names for a pasted exchange, verified with a password', () => {
    const r = cli(['--json', '--password', 'alice=Alice-Pa55w0rd', '-'], fallback);
    expect(r.code).toBe(0);
    const { exchanges } = JSON.parse(r.stdout);
    expect(exchanges).toHaveLength(1);
    const [e] = exchanges;
    expect(Object.keys(e)).toEqual(
      expect.arrayContaining([
        'source',
        'transport',
        'client',
        'server',
        'steps',
        'outcome',
        'fingerprint',
        'findings',
      ]),
    );
    expect(e.outcome).toMatchObject({ result: 'established', mech: 'ntlm' });
    expect(e.outcome.reason).toMatch(/Kerberos/);
    expect(e.fingerprint.initiator).toMatch(/MIT/);
    expect(e.steps.map((s: { from: string }) => s.from)).toEqual([
      'initiator',
      'acceptor',
      'initiator',
      'acceptor',
      'initiator',
      'acceptor',
    ]);
    const step = e.steps[4];
    expect(Object.keys(step)).toEqual(
      expect.arrayContaining([
        'index',
        'from',
        'token',
        'message',
        'negState',
        'supportedMech',
        'mech',
        'root',
        'explanation',
        'checks',
        'secrets',
      ]),
    );
    expect(step.token).toBe(fallback.split('\n')[4]);
    expect(step.secrets).toContainEqual(
      expect.objectContaining({ what: 'NTLMv2 response', ok: true }),
    );
    expect(step.checks).toContainEqual(
      expect.objectContaining({ id: 'mechlistmic-valid', ok: true, spec: 'RFC 4178 §5' }),
    );
    expect(step.explanation).toContainEqual({
      text: expect.any(String),
      spec: expect.stringMatching(/MS-NLMP/),
    });
  });

  it('opens a capture with a keytab: the decrypted ticket in the tree, named as RFC 4120 names it', () => {
    const r = cli([
      '--json',
      '--keytab',
      real('secrets', 'all-keys.keytab'),
      real('spnego-krb5-01-std-flags', 'capture.pcapng'),
    ]);
    expect(r.code).toBe(0);
    const [e] = JSON.parse(r.stdout).exchanges;
    expect(e.transport).toBe('http');
    expect(e.client).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(e.steps.map((s: { status: number }) => s.status)).toEqual([200, 200]);
    const ticket = e.steps[0].secrets.find((s: { what: string }) => s.what === 'EncTicketPart');
    expect(ticket.ok).toBe(true);
    const text = JSON.stringify(ticket.root);
    for (const name of ['"key"', '"keytype"', '"keyvalue"', '"cname"', '"authtime"'])
      expect(text).toContain(`"name":${name}`);
    expect(JSON.stringify(e.steps[0].root)).toContain('"decrypted"');
  });

  it('tells the story in words without --json', () => {
    const r = cli(['-'], fallback);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Outcome: established \(ntlm\) — /m);
    expect(r.stdout).toMatch(/✓ negState request-mic/);
    expect(r.stdout).toMatch(/Initiator looks like: MIT krb5/);
  });

  it('exits 1 when something could not be read, 2 on usage errors', () => {
    expect(cli(['-'], 'the login fails with access denied').code).toBe(1);
    const dir = mkdtempSync(join(tmpdir(), 'analyze-'));
    const truncated = join(dir, 'cut.pcapng');
    const capture = readFileSync(real('spnego-ntlm-01-ntlmv2', 'capture.pcapng'));
    writeFileSync(truncated, capture.subarray(0, capture.length - 100));
    const cut = cli(['--json', truncated]);
    expect(cut.code).toBe(1);
    expect(JSON.parse(cut.stdout).capture.complete).toBe(false);
    expect(cli(['--nt-hash', 'abc', '-'], fallback)).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/32 hex digits/),
    });
    expect(cli(['--key', '18:00', '-'], fallback)).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/32 bytes/),
    });
    expect(cli(['--keytab', join(dir, 'missing.keytab'), '-'], fallback).code).toBe(2);
    expect(cli(['--bogus']).code).toBe(2);
  });
});
