import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toBase64 } from '../bytes';
import { FIXTURES, realTokens } from '../testing/fixtures';
import { negotiatePcap } from '../testing/pcap';

/** The CLI as a user runs it: through tsx, from the source tree. */
function cli(args: string[], input?: string) {
  const r = spawnSync('npx', ['--no-install', 'tsx', 'src/cli/main.ts', ...args], {
    input,
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const capture = (id: string) => join(FIXTURES, 'real', id, 'capture.pcapng');

describe('cli reproduce', () => {
  it('prints {config, run, differences}; simulate --config FILE gives the same run', () => {
    const r = cli(['reproduce', '--json', capture('fallback-03-keytab-lacks-service-key')]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(
      expect.arrayContaining(['config', 'run', 'differences', 'evidence']),
    );
    expect(out.config.kerberos.keytab).toBe('missing');
    expect(out.differences).toEqual([]);
    expect(out.run.steps.map((s: { message: string }) => s.message)).toHaveLength(3);
    const file = join(mkdtempSync(join(tmpdir(), 'reproduce-')), 'config.json');
    writeFileSync(file, JSON.stringify(out.config));
    const sim = cli(['simulate', '--config', file, '--json']);
    expect(sim.code).toBe(0);
    const again = JSON.parse(sim.stdout);
    expect(again.steps.map((s: { token: string }) => s.token)).toEqual(
      out.run.steps.map((s: { token: string }) => s.token),
    );
    expect(again.outcome).toEqual(out.run.outcome);
  });

  it('reads a pasted exchange from stdin and prints a readable account with what differs', () => {
    // The client's closing reject token was not captured: a Heimdal client, which sends none
    // after a KRB-ERROR, explains the two messages better than MIT; the account says so.
    const tokens = realTokens('fallback-03-keytab-lacks-service-key')
      .filter((t) => !t.perMessage)
      .map((t) => toBase64(t.bytes));
    const r = cli(['reproduce', '-'], tokens.slice(0, 2).join('\n'));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Inferred configuration');
    expect(r.stdout).toMatch(/initiator\.mechs: the client's NegTokenInit offers kerberos, ntlm/);
    expect(r.stdout).toMatch(/kerberos\.keytab: KRB_AP_ERR_NOT_US/);
    expect(r.stdout).toMatch(/initiator\.implementation: heimdal rather than mit/);
    expect(r.stdout).toContain('Differences: none');
    // The server's answer alone: no client message to explain it, and the account says what differs.
    const lone = cli(['reproduce', '-'], tokens[1]);
    expect(lone.code).toBe(0);
    expect(lone.stdout).toMatch(
      /Differences \(1\):\n {2}message 1 message: real acceptor NegTokenResp KRB-ERROR, simulated absent/,
    );
  });

  it('a capture of several exchanges gives {exchanges: [...]}, one reproduction each', () => {
    const tokens = ['spnego-krb5-01-std-flags', 'reject-01-no-common-mech'].flatMap((id) =>
      realTokens(id)
        .filter((t) => !t.perMessage)
        .map((t) => ({ from: t.direction, token: t.bytes })),
    );
    const file = join(mkdtempSync(join(tmpdir(), 'reproduce-')), 'two.pcap');
    writeFileSync(file, negotiatePcap(tokens, { perConnection: 2 }));
    const r = cli(['reproduce', '--json', file]);
    expect(r.code).toBe(0);
    const { exchanges } = JSON.parse(r.stdout);
    expect(exchanges).toHaveLength(2);
    expect(
      exchanges.map((e: { run: { outcome: { result: string } } }) => e.run.outcome.result),
    ).toEqual(['established', 'rejected']);
    for (const e of exchanges) {
      expect(e.source).toMatch(/capture/);
      expect(e.differences).toEqual([]);
    }
  });

  it('--keytab opens the Authenticator: delegation is read from its GSS checksum', () => {
    const keytab = join(FIXTURES, 'real', 'secrets', 'all-keys.keytab');
    const r = cli([
      'reproduce',
      '--json',
      '--keytab',
      keytab,
      capture('spnego-krb5-05-delegation'),
    ]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.config.initiator.delegation).toBe(true);
    expect(out.differences).toEqual([]);
  });

  it('exit 1 when nothing can be read, 2 on a usage error', () => {
    expect(cli(['reproduce', '-'], 'hello, not a token').code).toBe(1);
    expect(cli(['reproduce', '--frobnicate']).code).toBe(2);
    expect(cli(['reproduce', 'a', 'b']).code).toBe(2);
    expect(cli(['reproduce', '/nonexistent/file']).code).toBe(2);
  });
});
