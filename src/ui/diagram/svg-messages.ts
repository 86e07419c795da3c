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
export function indexMessages(svg: SVGSVGElement, sides: Side[]): MessageElements[] {
  const found = [...svg.querySelectorAll<SVGGraphicsElement>(MESSAGE_PARTS_SELECTOR)];
  const groups: MessageElements[] = groupMessageParts(found, (el) => messagePart(el.classList));
  groups.forEach((group, step) => {
    const side = sides[step] ?? 'initiator';
    for (const el of group.elements) {
      el.dataset.step = String(step);
      const part = messagePart(el.classList);
      el.classList.add('message', `from-${side}`, ...(part ? [MESSAGE_PART_CLASS[part]] : []));
    }
    const line = group.line.getBBox();
    group.line.style.setProperty('--length', `${Math.ceil(line.width) + 1}`);
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
): void {
  groups.forEach((group, step) => {
    const tone = tones[step];
    if (!tone) return;
    const texts = group.elements.filter((el) => el.classList.contains(MESSAGE_PART_CLASS.text));
    texts.at(-1)?.classList.add('message-status', `status-${tone}`);
  });
}
