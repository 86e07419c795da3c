import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  KEPT_MERMAID_MODULES,
  mermaidModuleName,
  mermaidSequenceOnly,
} from '../../../build/mermaid-sequence-only';
import {
  groupMessageParts,
  MERMAID_MESSAGE_CLASSES,
  MESSAGE_PARTS_SELECTOR,
  messagePart,
  SEQUENCE_CHUNK_FILES,
  type MessagePart,
} from './mermaid-adapter';

// Checked against the installed mermaid: an upgrade that moves or renames what the adapter
// relies on fails here, not in a browser.
const MERMAID = join(process.cwd(), 'node_modules/mermaid/dist');
const sequenceSource = () => readFileSync(join(process.cwd(), SEQUENCE_CHUNK_FILES[0]), 'utf8');

describe("the sequence chunk's glob", () => {
  it('matches exactly one file, the one mermaid loads for a sequence diagram', () => {
    expect(SEQUENCE_CHUNK_FILES).toHaveLength(1);
    const file = basename(SEQUENCE_CHUNK_FILES[0]);
    expect(file).toMatch(/^sequenceDiagram-\w+\.mjs$/);
    // The app's preload and mermaid's own import() are one module: the bundle holds it once.
    const core = readFileSync(join(MERMAID, 'mermaid.core.mjs'), 'utf8');
    expect(core).toContain(`import("./chunks/mermaid.core/${file}")`);
  });

  it('names a module the build keeps', () => {
    expect(KEPT_MERMAID_MODULES).toContain(mermaidModuleName(SEQUENCE_CHUNK_FILES[0]));
  });
});

describe("the build's mermaid (build/mermaid-sequence-only.ts)", () => {
  it("keeps the sequence diagram's import and turns every other into a clear error", () => {
    const id = join(MERMAID, 'mermaid.core.mjs');
    const transform = mermaidSequenceOnly().transform as (
      code: string,
      id: string,
    ) => { code: string } | null;
    const out = transform(readFileSync(id, 'utf8'), id)!.code;
    const kept = [...out.matchAll(/\bimport\("([^"]+)"\)/g)].map((m) => basename(m[1]));
    expect(kept).toEqual([basename(SEQUENCE_CHUNK_FILES[0])]);
    expect(out).toMatch(
      /Promise\.reject\(new Error\("mermaid's \\"ganttDiagram\\" is not part of this build/,
    );
  });
});

describe("mermaid's message class names", () => {
  it('are the classes its sequence renderer assigns', () => {
    const source = sequenceSource();
    for (const name of Object.values(MERMAID_MESSAGE_CLASSES).flat()) {
      expect(source, name).toMatch(new RegExp(`(\\.attr\\("class", |\\.class = )"${name}"`));
    }
  });

  it('are drawn in the order the grouping expects: texts, then the arrow, then the number', () => {
    const source = sequenceSource();
    const at = (name: string) =>
      source.search(new RegExp(`(\\.attr\\("class", |\\.class = )"${name}"`));
    const text = at('messageText');
    for (const line of MERMAID_MESSAGE_CLASSES.line) expect(at(line)).toBeGreaterThan(text);
    expect(at('sequenceNumber')).toBeGreaterThan(Math.max(...MERMAID_MESSAGE_CLASSES.line.map(at)));
  });

  it('make one selector', () => {
    expect(MESSAGE_PARTS_SELECTOR).toBe(
      '.messageText, .messageLine0, .messageLine1, .sequenceNumber',
    );
  });
});

describe('grouping the parts of a rendered diagram', () => {
  const el = (...classes: string[]) => ({
    classes,
    classList: { contains: (name: string) => classes.includes(name) },
  });
  type El = ReturnType<typeof el>;
  const partOf = (e: El): MessagePart | null => messagePart(e.classList);

  it('reads each class as its part', () => {
    expect(partOf(el('messageText'))).toBe('text');
    expect(partOf(el('messageLine0'))).toBe('line');
    expect(partOf(el('messageLine1', 'message'))).toBe('line');
    expect(partOf(el('sequenceNumber'))).toBe('number');
    expect(partOf(el('actor'))).toBeNull();
  });

  it('gives each arrow the text lines before it and the number after it', () => {
    const a1 = el('messageText');
    const a2 = el('messageText');
    const aLine = el('messageLine0');
    const aNumber = el('sequenceNumber');
    const bText = el('messageText');
    const bLine = el('messageLine1');
    const bNumber = el('sequenceNumber');
    const groups = groupMessageParts([a1, a2, aLine, aNumber, bText, bLine, bNumber], partOf);
    expect(groups).toEqual([
      { elements: [a1, a2, aLine, aNumber], line: aLine },
      { elements: [bText, bLine, bNumber], line: bLine },
    ]);
  });
});
