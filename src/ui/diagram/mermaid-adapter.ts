/**
 * Everything the app relies on in mermaid beyond its public API, in one place (checked against
 * the installed mermaid by mermaid-adapter.test.ts): where the sequence diagram's code sits in its
 * package, and the class names its sequence renderer gives a message's parts. The rest of the
 * diagram code uses the app's own names, which `tagMessagePart` adds.
 */
import type { Mermaid } from 'mermaid';

/**
 * Mermaid's sequence-diagram chunk. Mermaid fetches a diagram type's code only once it has parsed
 * a diagram of that type, a round trip after itself; the app fetches this chunk alongside mermaid
 * instead. A glob, because its file name carries mermaid's build hash; the same file as mermaid's
 * own `import()` of it, so the bundle holds it once (and build/mermaid-sequence-only.ts keeps it).
 */
const sequenceChunks = import.meta.glob(
  '/node_modules/mermaid/dist/chunks/mermaid.core/sequenceDiagram-*.mjs',
);

/** The files the glob matched (one, for a well-installed mermaid). */
export const SEQUENCE_CHUNK_FILES: readonly string[] = Object.keys(sequenceChunks);

// Built sites only: the dev server pre-bundles mermaid, and the chunk on its own would load a
// second, unbundled copy of mermaid's dependencies.
const preloads = import.meta.env.PROD ? Object.values(sequenceChunks) : [];

/** Fetches mermaid and, in a built site, its sequence-diagram code at the same time. */
export async function importMermaid(): Promise<Mermaid> {
  const [m] = await Promise.all([import('mermaid'), ...preloads.map((load) => load())]);
  // For the speed budget (bench:web): when mermaid is ready to draw, against the engine's run.
  performance.mark('mermaid-ready');
  return m.default;
}

/**
 * The classes mermaid's sequence renderer gives the parts of a message, which it draws in message
 * order: each line of its text, then its arrow (`messageLine0` solid, `messageLine1` dotted), then
 * its sequence number.
 */
export const MERMAID_MESSAGE_CLASSES = {
  text: ['messageText'],
  line: ['messageLine0', 'messageLine1'],
  number: ['sequenceNumber'],
} as const;

export type MessagePart = keyof typeof MERMAID_MESSAGE_CLASSES;

/** The app's own class for each part, added to mermaid's (styles.css and tests use these). */
export const MESSAGE_PART_CLASS: Record<MessagePart, string> = {
  text: 'message-text',
  line: 'message-line',
  number: 'message-number',
};

/** Selects every part of every message in a rendered sequence diagram, in document order. */
export const MESSAGE_PARTS_SELECTOR = Object.values(MERMAID_MESSAGE_CLASSES)
  .flat()
  .map((name) => `.${name}`)
  .join(', ');

/** Which part of a message an element matched by `MESSAGE_PARTS_SELECTOR` is. */
export function messagePart(classes: { contains(name: string): boolean }): MessagePart | null {
  for (const [part, names] of Object.entries(MERMAID_MESSAGE_CLASSES) as [
    MessagePart,
    readonly string[],
  ][]) {
    if (names.some((name) => classes.contains(name))) return part;
  }
  return null;
}

/**
 * Groups the parts of a diagram, in document order, into messages: the text lines before an
 * arrow, the arrow, and the number after it. A message's elements start with its texts.
 */
export function groupMessageParts<T>(
  parts: readonly T[],
  partOf: (el: T) => MessagePart | null,
): { elements: T[]; line: T }[] {
  const groups: { elements: T[]; line: T }[] = [];
  let texts: T[] = [];
  for (const el of parts) {
    const part = partOf(el);
    if (part === 'text') texts.push(el);
    else if (part === 'number') groups.at(-1)?.elements.push(el);
    else if (part === 'line') {
      groups.push({ elements: [...texts, el], line: el });
      texts = [];
    }
  }
  return groups;
}
