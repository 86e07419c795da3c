import { describe, expect, it } from 'vitest';
import { EXPLAINED_KERBEROS_ERRORS, kerberosErrorInfo } from '../data/kerberos-errors';
import { realScenarios, realTokens } from '../testing/fixtures';
import { observeExchange } from './observe';
import type { AnalysedExchange } from './types';

/**
 * What the analysis tells a user cites public sources only (as src/cli/citations.test.ts asks of
 * the simulator): a spec section, or a real project's file and function — never this project's
 * notes, fixtures or the spec digest.
 */
const UNSHIPPED = /\.md\b|Q-[A-Z]+-\d+|\bfixtures\b|shared\/|digest/i;
const CITATION =
  /^(?:(?:RFC \d+|MS-[A-Z0-9]+)(?: |$)|draft-|(?:MIT krb5|Heimdal|Samba|gss-ntlmssp|pyspnego|Wireshark|OpenJDK) (?:[\w.-]+\/)+[\w.-]+\.\w+, \w+(?:\(\)|\[\])?(?:, \w+\(\))*$)/;

function analysed(): AnalysedExchange[] {
  return realScenarios()
    .filter((id) => id !== 'secrets')
    .map((id) =>
      observeExchange({
        source: 'paste',
        transport: 'paste',
        client: null,
        server: null,
        kdc: [],
        gaps: 0,
        tokens: realTokens(id).map((t) => ({ bytes: t.bytes, from: null })),
      }),
    );
}

describe('analysis citations', () => {
  const exchanges = analysed();
  const specs = new Set<string>();
  const texts: string[] = [];
  for (const ex of exchanges) {
    texts.push(ex.outcome.reason, ...ex.fingerprint.evidence.map((e) => e.text));
    for (const f of ex.findings) {
      texts.push(f.text);
      if (f.spec) specs.add(f.spec);
    }
    for (const step of ex.steps) {
      for (const e of step.explanation) {
        texts.push(e.text);
        if (e.spec) specs.add(e.spec);
      }
      for (const c of step.checks) {
        texts.push(c.text);
        specs.add(c.spec);
      }
    }
  }
  for (const code of EXPLAINED_KERBEROS_ERRORS) {
    const info = kerberosErrorInfo(code)!;
    texts.push(info.meaning, info.causes, info.check);
    specs.add(info.spec);
  }

  it('has something to check', () => {
    expect(specs.size).toBeGreaterThan(30);
    expect(texts.length).toBeGreaterThan(500);
  });

  it('every spec is a spec section or a project file and function', () => {
    const odd = [...specs]
      .flatMap((s) => s.split(';').map((p) => p.trim()))
      .filter((p) => !CITATION.test(p));
    expect([...new Set(odd)]).toEqual([]);
  });

  it('no text cites what the project does not ship', () => {
    expect(texts.filter((t) => UNSHIPPED.test(t))).toEqual([]);
    expect([...specs].filter((t) => UNSHIPPED.test(t))).toEqual([]);
  });
});
