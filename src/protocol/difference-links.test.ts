import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { listScenarios, simulate, type ConfigPatch } from './index';
import { DIFFERENCES, findDifference, type Difference } from './differences';
import { PROFILES } from './profiles';
import type { Rule } from './types';

/** Profiles and the options that take other paths through the rules (as src/cli/citations.test.ts). */
const VARIANTS: ConfigPatch[] = [
  {},
  ...(['rfc4178', 'windows', 'mit', 'heimdal', 'samba'] as const).flatMap((profile) =>
    (['http', 'smb'] as const).map((transport) => ({ profile, transport })),
  ),
  { initiator: { optimistic: false } },
  { faults: { stripMech: 'kerberos' } },
  { acceptor: { mechs: ['ntlm'] } },
  { acceptor: { kerberosKey: false } },
  { transport: 'bare' },
  { transport: 'http-ntlm' },
  { initiator: { mutual: false }, faults: { clockSkewSeconds: 600 } },
  { kerberos: { etype: 23 } },
  { kerberos: { dceStyle: true } },
  ...(['windows', 'mit', 'heimdal', 'samba'] as const).map((profile) => ({
    profile,
    faults: { modifiedPac: true },
  })),
  { profile: 'heimdal', initiator: { mechs: ['ntlm'] } },
];

const parts = (spec: string) => spec.split(';').map((s) => s.trim());

/**
 * Every part of a profile's sources that names an implementation's habit: a project's file and
 * function, or a Windows behaviour note (MS-* App. A/B). Spec sections alone state the standard.
 */
const PROFILE_PARTS = new Set(
  Object.values(PROFILES)
    .flatMap((p) => [...Object.values(p.sources), ...Object.values(p.ntlm.sources)])
    .flatMap(parts)
    .filter((part) => !/^(RFC|MS-[A-Z0-9]+) /.test(part) || /App\. [AB]\b/.test(part)),
);

/** The entries that cite a part. */
function citing(part: string): Difference[] {
  return DIFFERENCES.filter((d) => Object.values(d.sources).flatMap(parts).includes(part));
}

function allRules(): Rule[] {
  const rules: Rule[] = [];
  for (const { id } of listScenarios())
    for (const patch of VARIANTS) {
      const sim = simulate(id, patch);
      for (const step of sim.steps) rules.push(...step.rules);
      rules.push(...sim.closingRules);
    }
  return rules;
}

describe('rules link to the implementation differences', () => {
  it('a rule citing a profile source names an existing entry that cites it', () => {
    const unlinked = new Map<string, string>();
    const wrong = new Set<string>();
    let linked = 0;
    for (const rule of allRules()) {
      const cited = parts(rule.spec ?? '').filter((p) => PROFILE_PARTS.has(p));
      if (rule.difference) {
        linked++;
        const entry = findDifference(rule.difference);
        const entryParts = entry ? Object.values(entry.sources).flatMap(parts) : [];
        // The entry exists, and cites the implementation's source the rule cites, if any.
        if (!entry || (cited.length && !cited.some((p) => entryParts.includes(p))))
          wrong.add(`${rule.difference}: ${rule.text} — ${rule.spec}`);
      } else if (cited.length) {
        const ids = cited.flatMap(citing).map((d) => d.id);
        unlinked.set(rule.text, `${rule.spec} [${ids.join(', ')}]`);
      }
    }
    expect([...wrong]).toEqual([]);
    expect([...unlinked].map(([text, spec]) => `${text} — ${spec}`)).toEqual([]);
    expect(linked).toBeGreaterThan(10);
  });
});

describe('every difference a rule names exists', () => {
  it('in the files that set them, the analyser’s rules included', () => {
    const files = [
      './spnego/initiator.ts',
      './spnego/acceptor.ts',
      './spnego/mic.ts',
      './run.ts',
      './observe/spnego.ts',
    ];
    const ids = files.flatMap((f) =>
      [...readFileSync(new URL(f, import.meta.url), 'utf8').matchAll(/difference: '([^']+)'/g)].map(
        (m) => m[1],
      ),
    );
    expect(ids.length).toBeGreaterThan(25);
    expect(ids.filter((id) => !findDifference(id))).toEqual([]);
  });
});
