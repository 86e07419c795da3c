import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeToken, fromBase64 } from '../codec';
import { formatTree } from './format-tree';

/** The CLI as a user runs it: through tsx, from the source tree, no build step. */
function cli(args: string[], input?: string) {
  const r = spawnSync('npx', ['--no-install', 'tsx', 'src/cli/main.ts', ...args], {
    input,
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const REQUEST_MIC = 'oRUwE6ADCgEDoQwGCisGAQQBgjcCAgo=';

describe('cli decode', () => {
  it('prints the JSON tree of a token from stdin and exits 0', () => {
    const r = cli(['decode', '--json', '-'], REQUEST_MIC);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.tokens).toHaveLength(1);
    expect(out.tokens[0]).toMatchObject({
      format: 'base64',
      direction: null,
      length: 23,
      errors: [],
    });
    expect(out.tokens[0].root.name).toBe('NegTokenResp');
    expect(out.tokens[0].root.children[0]).toMatchObject({
      name: 'negState',
      value: 3,
      label: 'request-mic',
    });
  });

  it('decodes an HTTP exchange from a file into tokens with directions', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-'));
    const file = join(dir, 'exchange.txt');
    writeFileSync(
      file,
      `HTTP/1.1 401 Unauthorized\nWWW-Authenticate: Negotiate ${REQUEST_MIC}\n\nGET / HTTP/1.1\nAuthorization: Negotiate oQcwBaADCgEC\n`,
    );
    const r = cli(['decode', '--json', file]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.tokens.map((t: { direction: string }) => t.direction)).toEqual([
      'acceptor',
      'initiator',
    ]);
    // The response's status where the input gives it; each token's offset in the input.
    expect(out.tokens.map((t: { status?: number }) => t.status)).toEqual([401, undefined]);
    expect(out.tokens.map((t: { offset: number }) => t.offset)).toEqual([54, 128]);
  });

  it('names a non-token in one sentence, in the JSON too', () => {
    const r = cli(['decode', '--json', '-'], 'the login fails with access denied');
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.recognised.kind).toBe('text');
    expect(out.errors).toEqual([{ offset: 0, message: out.recognised.message }]);
  });

  it('prints a readable tree with offsets without --json', () => {
    const r = cli(['decode', '--format', 'hex', '-'], 'a1073005a0030a0102');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/@00004 \+5\s+negState = 2\s+\(reject\)/);
  });

  it('prints each field’s one-line meaning and its one spec reference in the readable tree', () => {
    const r = cli(['decode', '-'], REQUEST_MIC);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /negState = 3 {2}\(request-mic\) {2}— The sender’s negotiation state\. {2}\[RFC 4178 §4\.2\.2\]/,
    );
    expect(r.stdout).toMatch(
      /supportedMech = 1\.3\.6\.1\.4\.1\.311\.2\.2\.10 .* — The mechanism the acceptor chose/,
    );
    // Piped output carries no escapes; every field line has a meaning and exactly one reference.
    expect(r.stdout).not.toContain('\u001b');
    const fields = r.stdout.split('\n').filter((l) => l.startsWith('@'));
    expect(fields.length).toBeGreaterThan(1);
    for (const line of fields) expect(line).toMatch(/ — [^[]+ {2}\[[^\]]+\]$/);
  });

  it('dims the meanings for a terminal', () => {
    const tree = formatTree(decodeToken(fromBase64(REQUEST_MIC)).root, { color: true });
    expect(tree).toContain(
      '\u001b[2m— The sender’s negotiation state.\u001b[22m  [RFC 4178 §4.2.2]',
    );
  });

  it('keeps the meanings out of --json', () => {
    const out = JSON.parse(cli(['decode', '--json', '-'], REQUEST_MIC).stdout);
    expect(Object.keys(out.tokens[0].root.children[0]).sort()).toEqual(
      ['headerLength', 'label', 'length', 'name', 'offset', 'spec', 'type', 'value'].sort(),
    );
  });

  it('exits 1 when the token has an error, naming the offset', () => {
    const r = cli(['decode', '--format', 'hex', '-'], 'a1153013a0030a0103a10c060a2b0601');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/error: .*offset \d+/);
  });

  it('exits 2 on a usage error', () => {
    expect(cli(['decode', '--format', 'nonsense', '-'], '').code).toBe(2);
    expect(cli(['frobnicate']).code).toBe(2);
  });
});

describe('cli simulate', () => {
  it('lists the scenarios as JSON {id, title}', () => {
    const r = cli(['simulate', '--list']);
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout);
    expect(list.map((s: { id: string }) => s.id)).toEqual(
      expect.arrayContaining([
        'kerberos',
        'kerberos-to-ntlm-fallback',
        'ntlm',
        'reject',
        'server-initiated',
        'kerberos-error',
        'downgrade-attack',
      ]),
    );
    expect(Object.keys(list[0]).sort()).toEqual(['id', 'title']);
  });

  it('prints a run as JSON with a config patch from a file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-'));
    const file = join(dir, 'config.json');
    writeFileSync(file, JSON.stringify({ profile: 'windows' }));
    const r = cli(['simulate', '--scenario', 'kerberos', '--config', file, '--json']);
    expect(r.code).toBe(0);
    const run = JSON.parse(r.stdout);
    expect(run).toMatchObject({
      scenario: 'kerberos',
      config: { profile: 'windows' },
      outcome: { result: 'established', mech: 'kerberos' },
    });
    expect(run.steps[0]).toMatchObject({
      index: 0,
      from: 'initiator',
      message: 'NegTokenInit',
      initiatorState: 'WAIT_FIRST_REPLY',
    });
    expect(run.steps[1]).toMatchObject({
      from: 'acceptor',
      negState: 'accept-completed',
      supportedMech: '1.2.840.48018.1.2.2',
    });
    expect(run.steps[1].header).toBe(`WWW-Authenticate: Negotiate ${run.steps[1].token}`);
  });

  it('prints a readable transcript and rejects unknown scenarios with exit 2', () => {
    const r = cli(['simulate', '--scenario', 'downgrade-attack']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Outcome: rejected/);
    expect(cli(['simulate', '--scenario', 'nope']).code).toBe(2);
  });
});
