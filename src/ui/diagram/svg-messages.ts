import {
  groupMessageParts,
  MESSAGE_PART_CLASS,
  MESSAGE_PARTS_SELECTOR,
  messagePart,
} from './mermaid-adapter';
import type { Side, StatusTone } from './sequence-source';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** The SVG elements mermaid drew for one message: its text lines, its arrow, its number. */
export interface MessageElements {
  elements: SVGGraphicsElement[];
  line: SVGGraphicsElement;
}

/**
 * Finds each message's elements in a rendered sequence diagram (mermaid-adapter.ts), tags them
 * with their step, side and part (`message-text`, `message-line`, `message-number`), and lays a
 * transparent hit area over each message so the whole row is clickable.
 */
export function indexMessages(
  svg: SVGSVGElement,
  sides: Side[],
  arrows: readonly number[] = [],
): MessageElements[] {
  const found = [...svg.querySelectorAll<SVGGraphicsElement>(MESSAGE_PARTS_SELECTOR)];
  const groups = mergeArrows(
    groupMessageParts(found, (el) => messagePart(el.classList)),
    arrows,
  );
  groups.forEach((group, step) => {
    const side = sides[step] ?? 'initiator';
    for (const el of group.elements) {
      el.dataset.step = String(step);
      const part = messagePart(el.classList);
      el.classList.add('message', `from-${side}`, ...(part ? [MESSAGE_PART_CLASS[part]] : []));
    }
    for (const el of group.elements.filter((e) => messagePart(e.classList) === 'line'))
      el.style.setProperty('--length', `${Math.ceil(el.getBBox().width) + 1}`);
    // The band covers the arrow and its text, with room for the text turning bold when current.
    const boxes = group.elements.map((e) => e.getBBox());
    const left = Math.min(...boxes.map((b) => b.x)) - 12;
    const right = Math.max(...boxes.map((b) => b.x + b.width)) + 12;
    const top = Math.min(...boxes.map((b) => b.y)) - 4;
    const bottom = Math.max(...boxes.map((b) => b.y + b.height)) + 4;
    const hit = document.createElementNS(SVG_NS, 'rect');
    hit.setAttribute('x', String(left));
    hit.setAttribute('y', String(top));
    hit.setAttribute('width', String(right - left));
    hit.setAttribute('height', String(bottom - top));
    hit.setAttribute('rx', '4');
    hit.setAttribute('class', 'message-hit');
    hit.dataset.step = String(step);
    group.elements[0].before(hit);
    group.elements.unshift(hit);
  });
  return groups;
}

/**
 * One group per message: a message drawn with several arrows (a man in the middle's relay,
 * sequence-source.ts) gathers them; its `line` is the first arrow, where the step starts.
 */
export function mergeArrows<T>(
  groups: { elements: T[]; line: T }[],
  arrows: readonly number[],
): { elements: T[]; line: T }[] {
  const merged: { elements: T[]; line: T }[] = [];
  let at = 0;
  for (let step = 0; at < groups.length; step++) {
    const count = Math.max(1, arrows[step] ?? 1);
    const parts = groups.slice(at, at + count);
    merged.push({ elements: parts.flatMap((g) => g.elements), line: parts[0].line });
    at += count;
  }
  return merged;
}

/** Marks the current message and those before and after it; nothing is redrawn. */
export function highlight(groups: MessageElements[], current: number): void {
  groups.forEach((group, step) => {
    const state = step === current ? 'current' : step < current ? 'past' : 'future';
    for (const el of group.elements) {
      el.classList.toggle('current', state === 'current');
      el.classList.toggle('past', state === 'past');
      el.classList.toggle('future', state === 'future');
    }
  });
}

/**
 * Tags the last text line of each message that has a transport status (the line
 * sequenceSource adds for it) so the status reads apart from the label: `message-status` and
 * `status-ok`, `status-continue` or `status-error`.
 */
export function markStatuses(
  groups: MessageElements[],
  tones: readonly (StatusTone | '' | undefined)[],
  statusTexts: readonly (string | undefined)[] = [],
): void {
  groups.forEach((group, step) => {
    const tone = tones[step];
    if (!tone) return;
    const texts = group.elements.filter((el) => el.classList.contains(MESSAGE_PART_CLASS.text));
    // A relayed message's status line ends its first arrow's text, not the relay's: found by text.
    const text = statusTexts[step];
    const line = text ? texts.filter((el) => el.textContent?.trim() === text).at(-1) : texts.at(-1);
    line?.classList.add('message-status', `status-${tone}`);
  });
}

/**
 * Joins each note mermaid drew (its `<g>`, in document order) to the message it belongs to, so it
 * is greyed or hidden with it: `noteSteps` lists each note's step, in the order the source wrote
 * them (sequence-source.ts: a message's notes follow it, the outcome comes last).
 */
export function attachNotes(
  svg: SVGSVGElement,
  groups: MessageElements[],
  noteSteps: readonly number[],
): void {
  const notes = [...svg.querySelectorAll<SVGGraphicsElement>('rect.note')];
  notes.forEach((rect, i) => {
    const step = noteSteps[i];
    const note = rect.parentNode instanceof SVGGElement ? rect.parentNode : rect;
    if (step === undefined || !groups[step]) return;
    note.classList.add('diagram-note');
    groups[step].elements.push(note);
  });
}
