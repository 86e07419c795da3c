import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findAll, type Node } from '../codec/tree';
import { FIXTURES } from '../testing/fixtures';
import { analyseInput, NO_SECRETS, type Secrets } from '.';

/** Secrets opened inside the analysed exchange: the decrypted parts sit in each token's tree. */
const real = (...path: string[]) => new Uint8Array(readFileSync(join(FIXTURES, 'real', ...path)));
const withKeytab: Secrets = { ...NO_SECRETS, keytabs: [real('secrets', 'all-keys.keytab')] };

function decrypted(root: Node): Node[] {
  const out: Node[] = [];
  const stack = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.decrypted) out.push(n);
    stack.push(...(n.children ?? []));
  }
  return out;
}

describe('a keytab opens a real capture, the parts grafted under their ciphertext', () => {
  const [exchange] = analyseInput(
    real('spnego-krb5-05-delegation', 'capture.pcapng'),
    withKeytab,
  ).exchanges;
  const [apReq, apRep] = exchange.steps;

  it('names the ticket, authenticator, PAC and AP-REP fields as RFC 4120 and MS-PAC do', () => {
    const names = new Set(decrypted(apReq.root).map((n) => n.name));
    for (const name of [
      'EncTicketPart',
      'key',
      'keytype',
      'keyvalue',
      'cname',
      'authtime',
      'Authenticator',
      'subkey',
      'seq-number',
    ])
      expect(names, name).toContain(name);
    expect(decrypted(apRep.root).map((n) => n.name)).toContain('EncAPRepPart');
  });

  it('keeps each decrypted node on the ciphertext bytes of the wire token', () => {
    for (const step of [apReq, apRep])
      for (const node of decrypted(step.root)) {
        expect(node.offset + node.length).toBeLessThanOrEqual(step.token.length);
        expect(node.decrypted!.offset).toBeGreaterThanOrEqual(0);
      }
  });

  it('reports every part opened, and the client by name', () => {
    expect(apReq.secrets.map((s) => [s.what, s.ok])).toContainEqual(['EncTicketPart', true]);
    expect(apReq.secrets.map((s) => [s.what, s.ok])).toContainEqual(['Authenticator', true]);
    expect(apRep.secrets.map((s) => [s.what, s.ok])).toContainEqual(['EncAPRepPart', true]);
    const cname = findAll(apReq.root, 'cname').find((n) => n.decrypted);
    expect(JSON.stringify(cname)).toContain('alice');
  });
});

describe('no secrets, or the wrong ones', () => {
  it('leaves the trees as decoded and says nothing was opened', () => {
    const [plain] = analyseInput(
      real('spnego-krb5-01-std-flags', 'capture.pcapng'),
      NO_SECRETS,
    ).exchanges;
    expect(plain.steps.flatMap((s) => decrypted(s.root))).toEqual([]);
    expect(plain.steps.flatMap((s) => s.secrets)).toEqual([]);
    const [wrong] = analyseInput(real('spnego-krb5-01-std-flags', 'capture.pcapng'), {
      ...NO_SECRETS,
      keytabs: [real('secrets', 'badkey.keytab')],
    }).exchanges;
    expect(wrong.steps.flatMap((s) => decrypted(s.root))).toEqual([]);
    expect(wrong.findings.map((f) => f.text).join(' ')).toMatch(/opened nothing/);
  });
});

describe('NTLM with a password: mechListMIC validity becomes a check', () => {
  it('verifies with the right password and fails with a wrong one', () => {
    const capture = real('spnego-ntlm-01-ntlmv2', 'capture.pcapng');
    const right = analyseInput(capture, {
      ...NO_SECRETS,
      passwords: [{ password: 'Alice-Pa55w0rd' }],
    });
    const wrong = analyseInput(capture, {
      ...NO_SECRETS,
      passwords: [{ user: 'alice', password: 'nope' }],
    });
    const micChecks = (e: typeof right) =>
      e.exchanges[0].steps.flatMap((s) =>
        s.checks.filter((c) => c.id === 'mechlistmic-valid').map((c) => c.ok),
      );
    expect(micChecks(right)).toEqual([true, true]);
    // A wrong password leaves the session keys unknown: the MICs are unchecked, not failed.
    expect(micChecks(wrong)).toEqual([]);
    expect(
      wrong.exchanges[0].steps.flatMap((s) =>
        s.secrets.filter((r) => r.what === 'mechListMIC').map((r) => r.unchecked),
      ),
    ).toEqual([true, true]);
  });
});
