import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { AcceptorStateName as SimAcceptor } from '../spnego/acceptor';
import type { InitiatorStateName as SimInitiator } from '../spnego/initiator';
import type { AcceptorStateName, InitiatorStateName } from './spnego';

/**
 * The observing machines take typed values only: nothing they import, directly or through other
 * modules, reaches the codec or its trees. Their state names are the simulator's.
 */
const HERE = dirname(fileURLToPath(import.meta.url));
const SRC = resolve(HERE, '../..');

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/(?:import|export)[^'"]*?from\s+'([^']+)'/g)) out.push(m[1]);
  return out.filter((s) => s.startsWith('.')).map((s) => resolve(dirname(file), `${s}.ts`));
}

function reachable(start: string[]): Set<string> {
  const seen = new Set<string>();
  const stack = [...start];
  while (stack.length) {
    const file = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    try {
      stack.push(...importsOf(file));
    } catch {
      // An index.ts re-export path (`./x` meaning `./x/index.ts`).
      const index = file.replace(/\.ts$/, '/index.ts');
      if (!seen.has(index)) stack.push(index);
    }
  }
  return seen;
}

describe('src/protocol/observe purity', () => {
  const files = readdirSync(HERE)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => join(HERE, f));

  it('imports nothing from the codec, directly or not', () => {
    expect(files.length).toBeGreaterThan(2);
    const all = [...reachable(files)].map((f) => f.slice(SRC.length + 1));
    expect(all.filter((f) => f.startsWith('codec/'))).toEqual([]);
    expect(all.some((f) => f.startsWith('data/'))).toBe(true);
  });

  it('uses the simulator’s state names', () => {
    expectTypeOf<InitiatorStateName>().toEqualTypeOf<SimInitiator>();
    expectTypeOf<AcceptorStateName>().toEqualTypeOf<SimAcceptor>();
  });
});
