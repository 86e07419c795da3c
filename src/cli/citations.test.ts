import { describe, expect, it } from 'vitest';
import { listScenarios, simulate, type ConfigPatch, type Simulation } from '../protocol';
import { PROFILES } from '../protocol/profiles';
import type { Rule } from '../protocol/types';
import { decodeToken, walk } from '../codec';
import { fromBase64 } from '../bytes';
import { transcript } from './simulate';
import { allFixtureTokens } from '../testing/fixtures';

/**
 * Everything a user reads cites public sources only: RFC and MS-* sections, or a real project's
 * file and function. Never a document this repository does not ship: our design notes (`*.md`,
 * quirk ids like `Q-KRB-04`), fixture paths, or the spec digest they were written from.
 */
const UNSHIPPED = /\.md\b|Q-[A-Z]+-\d+|\bfixtures\b|shared\/|digest/i;

/**
 * `RFC 4178 §5`, `MS-SPNG §3.2.5.2`, `draft-ietf-…`, or a project's file and function:
 * `MIT krb5 src/lib/gssapi/spnego/spnego_mech.c, negotiate_mech()`.
 */
const CITATION =
  /^(?:(?:RFC \d+|MS-[A-Z0-9]+)(?: |$)|draft-|(?:MIT krb5|Heimdal|Samba|gss-ntlmssp|pyspnego|Wireshark) (?:[\w.-]+\/)+[\w.-]+\.\w+, \w+(?:\(\)|\[\])?(?:, \w+\(\))*$)/;

/** Profiles × transports, and the options and faults that take other paths through the rules. */
const VARIANTS: ConfigPatch[] = [
  ...(['rfc4178', 'windows', 'mit'] as const).flatMap((profile) =>
    (['http', 'smb'] as const).map((transport) => ({ profile, transport })),
  ),
  { initiator: { optimistic: false } },
  { initiator: { mutual: false, delegation: true } },
  { faults: { clockSkewSeconds: 301 } },
  { faults: { stripMech: 'kerberos' } },
  { faults: { stripMech: 'ntlm' } },
  { acceptor: { mechs: ['ntlm'] } },
  { acceptor: { kerberosKey: false } },
  { initiator: { kerberosTicket: false, ntlmPassword: null } },
  { acceptor: { ntlmPassword: null } },
];

/** `where` → text, for a message that says where an offending citation was found. */
type Texts = [where: string, text: string][];

function ruleTexts(where: string, rules: Rule[], out: Texts): void {
  rules.forEach((r, i) => {
    out.push([`${where} rule ${i} by`, r.by], [`${where} rule ${i} text`, r.text]);
    if (r.spec) out.push([`${where} rule ${i} spec`, r.spec]);
  });
}

function treeTexts(where: string, bytes: Uint8Array, out: Texts): void {
  const decoded = decodeToken(bytes);
  walk(decoded.root, (node) => {
    const at = `${where} ${node.name}@${node.offset}`;
    if (node.label) out.push([`${at} label`, node.label]);
    if (node.spec) out.push([`${at} spec`, node.spec]);
    if (node.error) out.push([`${at} error`, node.error]);
    for (const w of node.warnings ?? []) out.push([`${at} warning`, w]);
  });
  for (const issue of [...decoded.errors, ...decoded.warnings])
    out.push([`${where} issue`, issue.message]);
}

/** Every scenario, as named and under every variant; run once for all the tests below. */
let runs: [where: string, sim: Simulation][] | undefined;
function allRuns(): [string, Simulation][] {
  runs ??= listScenarios().flatMap(({ id }) => [
    [id, simulate(id)] as [string, Simulation],
    ...VARIANTS.map(
      (patch, i) => [`${id} / variant ${i}`, simulate(id, patch)] as [string, Simulation],
    ),
  ]);
  return runs;
}

function simulationTexts(where: string, sim: Simulation, out: Texts, decoded: Set<string>): void {
  for (const step of sim.steps) {
    const at = `${where} step ${step.index + 1}`;
    out.push([`${at} summary`, step.summary], [`${at} explanation`, step.explanation]);
    ruleTexts(at, step.rules, out);
    // The same bytes decode to the same tree: each distinct token once.
    for (const [what, token] of [
      ['token', step.token],
      ['delivered token', step.delivered],
    ])
      if (token && !decoded.has(token)) {
        decoded.add(token);
        treeTexts(`${at} ${what}`, fromBase64(token), out);
      }
  }
  ruleTexts(`${where} closing`, sim.closingRules, out);
  out.push([`${where} outcome`, sim.outcome.reason], [`${where} transcript`, transcript(sim)]);
}

/** Each offending line once, with the first place it was seen. */
function offending(texts: Texts): string[] {
  const found = new Map<string, string>();
  for (const [where, text] of texts)
    for (const line of text.split('\n'))
      if (UNSHIPPED.test(line) && !found.has(line)) found.set(line, where);
  return [...found].map(([line, where]) => `${where}: ${line}`);
}

describe('user-visible text cites only public sources', () => {
  it('profiles and scenarios', () => {
    const texts: Texts = [];
    for (const p of Object.values(PROFILES)) {
      out(texts, `profile ${p.name}`, p.title, p.description);
      for (const [key, source] of Object.entries({ ...p.sources, ...p.ntlm.sources }))
        texts.push([`profile ${p.name} source ${key}`, source]);
    }
    for (const s of listScenarios()) out(texts, `scenario ${s.id}`, s.title, s.description);
    expect(offending(texts)).toEqual([]);
  });

  it('every rule, token tree and transcript of every scenario under every variant', () => {
    const texts: Texts = [];
    const decoded = new Set<string>();
    for (const [where, sim] of allRuns()) simulationTexts(where, sim, texts, decoded);
    expect(texts.length).toBeGreaterThan(1000);
    expect(offending(texts)).toEqual([]);
  });

  it('every fixture token, decoded', () => {
    const texts: Texts = [];
    for (const { id, bytes } of allFixtureTokens()) treeTexts(id, bytes, texts);
    expect(offending(texts)).toEqual([]);
  });

  it('rule and profile citations have one shape: a spec section or a project file and function', () => {
    const specs = new Set<string>(
      Object.values(PROFILES).flatMap((p) => [
        ...Object.values(p.sources),
        ...Object.values(p.ntlm.sources),
      ]),
    );
    const collect = (rules: Rule[]) => rules.forEach((r) => r.spec && specs.add(r.spec));
    for (const [, sim] of allRuns()) {
      sim.steps.forEach((step) => collect(step.rules));
      collect(sim.closingRules);
    }
    const odd = [...specs]
      .flatMap((spec) => spec.split(';').map((part) => part.trim()))
      .filter((part) => !CITATION.test(part));
    expect([...new Set(odd)]).toEqual([]);
  });

  it('the pattern catches what it is meant to', () => {
    for (const bad of [
      'quirks.md Q-KRB-04',
      'spnego.md §4 A1.5',
      'fixtures/vectors/real/x',
      'fixtures reject-04',
      'the spec digest',
    ])
      expect(UNSHIPPED.test(bad), bad).toBe(true);
    for (const good of [
      'RFC 4178 §5',
      'MS-NLMP §2.2.1.3',
      'MIT krb5 src/lib/gssapi/spnego/spnego_mech.c, negotiate_mech()',
    ])
      expect(UNSHIPPED.test(good), good).toBe(false);
    expect(CITATION.test('MIT krb5 src/lib/gssapi/spnego/spnego_mech.c, negotiate_mech()')).toBe(
      true,
    );
    expect(CITATION.test('MS-SPNG App. A <5>, <10>')).toBe(true);
    for (const loose of [
      'krb5 negotiate_mech',
      'krb5 spnego_mech.c init_ctx_cont',
      'Samba spnego.c',
    ])
      expect(CITATION.test(loose), loose).toBe(false);
  });
});

function out(texts: Texts, where: string, title: string, description: string): void {
  texts.push([`${where} title`, title], [`${where} description`, description]);
}
