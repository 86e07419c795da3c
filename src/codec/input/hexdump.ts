import { ByteBuilder } from './byte-builder';
import type { ErrorSink } from './errors';
import { isHexDigit, writeHexRun } from './hex-digit';
import { iterateLines, isSpaceOrTab, skipSpaces, trimEnd, type Line } from './lines';

type DumpTool = 'xxd' | 'hexdump -C' | 'tcpdump -X' | 'Wireshark' | '16-bit words';

interface DumpLine {
  /** data: offset + bytes; end: offset alone (hexdump -C's last line); repeat: '*'. */
  kind: 'data' | 'end' | 'repeat';
  line: Line;
  /** Meaningful for data lines only. */
  tool: DumpTool;
  offset: number;
  /** Where the byte columns begin: just after the offset (and its colon). */
  bodyStart: number;
  /** Where the byte columns must end: hexdump -C's '|', otherwise the end of the line. */
  bodyLimit: number;
}

interface Group {
  start: number;
  end: number;
  /** Width of the whitespace before this group; a tab counts as wide. */
  gapBefore: number;
}

export interface DumpBlock {
  bytes: Uint8Array;
  tool: DumpTool;
  line: number;
  /** Character offset of the block's first line in the text. */
  textOffset: number;
}

const WIDE_GAP = 2;

// A '*' line stands for any number of repeats; a mistyped offset after it must not make us
// allocate gigabytes.
const MAX_DUMP_BYTES = 64 * 1024 * 1024;

// Offset column: `0x0000:` (tcpdump), `00000000:` (xxd), `00000000` (hexdump -C), `0000`
// (Wireshark), followed by whitespace or the end of the line.
const OFFSET_RE = /[ \t]*(0[xX])?([0-9A-Fa-f]{4,16})(:?)(?=[ \t\r\n]|$)/y;
const REPEAT_RE = /[ \t]*\*[ \t]*(?=[\r\n]|$)/y;

/** Whitespace-separated runs of hex digits in [from, limit), up to the first other token. */
function readGroups(text: string, from: number, limit: number): Group[] {
  const groups: Group[] = [];
  let i = from;
  while (i < limit) {
    const gapStart = i;
    let sawTab = false;
    while (i < limit && isSpaceOrTab(text.charCodeAt(i))) {
      if (text.charCodeAt(i) === 0x09) sawTab = true;
      i++;
    }
    if (i >= limit) break;
    const start = i;
    while (i < limit && isHexDigit(text.charCodeAt(i))) i++;
    if (i === start || (i < limit && !isSpaceOrTab(text.charCodeAt(i)))) break;
    groups.push({ start, end: i, gapBefore: sawTab ? WIDE_GAP : start - gapStart });
  }
  return groups;
}

/** `hexdump` without -C and `od -x` print 16-bit words in host byte order: not recoverable. */
function isWordDump(text: string, line: Line, offsetEnd: number): boolean {
  if (offsetEnd - line.start !== 7 || text.charCodeAt(offsetEnd) !== 0x20) return false;
  const groups = readGroups(text, offsetEnd, line.end);
  return groups.length > 0 && groups.every((g) => g.end - g.start === 4 && g.gapBefore === 1);
}

function classifyLine(text: string, line: Line): DumpLine | null {
  REPEAT_RE.lastIndex = line.start;
  const repeat = REPEAT_RE.exec(text);
  if (repeat !== null && REPEAT_RE.lastIndex <= line.end) {
    return {
      kind: 'repeat',
      line,
      tool: 'xxd',
      offset: 0,
      bodyStart: line.end,
      bodyLimit: line.end,
    };
  }
  OFFSET_RE.lastIndex = line.start;
  const match = OFFSET_RE.exec(text);
  if (match === null || OFFSET_RE.lastIndex > line.end) return null;
  const bodyStart = OFFSET_RE.lastIndex;
  const offset = parseInt(match[2], 16);
  const hasPrefix = match[1] !== undefined;
  const hasColon = match[3] === ':';
  const contentEnd = trimEnd(text, bodyStart, line.end);
  if (skipSpaces(text, bodyStart, contentEnd) === contentEnd) {
    return { kind: 'end', line, tool: 'hexdump -C', offset, bodyStart, bodyLimit: bodyStart };
  }
  const data = (tool: DumpTool, bodyLimit = line.end): DumpLine => ({
    kind: 'data',
    line,
    tool,
    offset,
    bodyStart,
    bodyLimit,
  });
  if (hasPrefix) {
    // Old tcpdump wrote `0x0000\t`; anything else with a bare 0x is a C-style hex list.
    return hasColon || text.charCodeAt(bodyStart) === 0x09 ? data('tcpdump -X') : null;
  }
  if (hasColon) return data('xxd');
  // Checking the line's last character first keeps the search for the opening '|' on this line.
  if (text.charCodeAt(contentEnd - 1) === 0x7c) {
    const pipe = text.indexOf('|', bodyStart);
    if (pipe < contentEnd - 1) return data('hexdump -C', pipe);
  }
  if (isWordDump(text, line, bodyStart)) return data('16-bit words');
  // Wireshark / tshark -x: two or three spaces, then single-byte groups.
  const groups = readGroups(text, bodyStart, line.end);
  if (groups.length === 0 || groups[0].end - groups[0].start !== 2) return null;
  return groups[0].gapBefore >= WIDE_GAP ? data('Wireshark') : null;
}

function collectDumpLines(text: string): DumpLine[] {
  const lines: DumpLine[] = [];
  for (const line of iterateLines(text)) {
    const dumpLine = classifyLine(text, line);
    if (dumpLine !== null) lines.push(dumpLine);
  }
  return lines;
}

/**
 * True when the text is laid out as a hex dump: its first data line has a tool's unmistakable
 * offset column (`0x0000:`, `00000000:`, `00000000  ...|...|`), or is Wireshark's `0000  xx ...`
 * whose offset is proven by position: 0, or the next line's offset advancing by exactly the
 * bytes on this line (a bare `0010` could otherwise be the first bytes of plain hex).
 */
export function looksLikeHexDump(text: string): boolean {
  let candidate: { dumpLine: DumpLine; bytes: number } | null = null;
  for (const line of iterateLines(text)) {
    const dumpLine = classifyLine(text, line);
    if (dumpLine === null || dumpLine.kind === 'repeat') continue;
    if (candidate !== null) {
      return dumpLine.offset - candidate.dumpLine.offset === candidate.bytes;
    }
    if (dumpLine.kind !== 'data') continue;
    if (dumpLine.tool !== 'Wireshark' || dumpLine.offset === 0) return true;
    const groups = readGroups(text, dumpLine.bodyStart, dumpLine.bodyLimit);
    candidate = { dumpLine, bytes: bytesIn(groupsWithoutKnownCount(dumpLine, groups, -1)) };
  }
  return false;
}

/** Splits dump lines into blocks; a data line at offset 0 after data starts a new one. */
function splitBlocks(lines: DumpLine[]): DumpLine[][] {
  const blocks: DumpLine[][] = [];
  let current: DumpLine[] = [];
  let hasData = false;
  let ended = false;
  for (const dumpLine of lines) {
    const restart = dumpLine.kind === 'data' && dumpLine.offset === 0 && hasData;
    if (restart || (ended && dumpLine.kind !== 'end')) {
      blocks.push(current);
      current = [];
      hasData = false;
      ended = false;
    }
    current.push(dumpLine);
    if (dumpLine.kind === 'data') hasData = true;
    if (dumpLine.kind === 'end') ended = true;
  }
  if (current.length > 0) blocks.push(current);
  return blocks.filter((block) => block.some((l) => l.kind === 'data'));
}

function hex(n: number): string {
  return `0x${n.toString(16)}`;
}

/** Chooses which groups on a line are bytes when the next offset does not say how many. */
function groupsWithoutKnownCount(dumpLine: DumpLine, groups: Group[], hexAreaEnd: number): Group[] {
  if (dumpLine.tool === 'hexdump -C') return groups;
  if (hexAreaEnd >= 0) {
    // The byte columns of earlier full lines end here; the ASCII column is always further right.
    return groups.filter((g) => g.start - dumpLine.bodyStart < hexAreaEnd);
  }
  // A single line: bytes are single-spaced; the ASCII column follows a wider gap.
  const taken: Group[] = [];
  for (const group of groups) {
    if (taken.length > 0 && group.gapBefore >= WIDE_GAP) break;
    taken.push(group);
  }
  return taken;
}

function bytesIn(groups: Group[]): number {
  return groups.reduce((sum, g) => sum + (g.end - g.start) / 2, 0);
}

/** Decodes one block; reports problems and returns null if the block is inconsistent. */
function decodeBlock(text: string, block: DumpLine[], errors: ErrorSink): DumpBlock | null {
  const firstData = block.find((l) => l.kind === 'data') as DumpLine;
  if (firstData.tool === '16-bit words') {
    errors.add(
      firstData.line.start,
      `line ${firstData.line.number} looks like 'hexdump' or 'od -x' output: 16-bit words in ` +
        'machine byte order, so the byte order is unknown; use hexdump -C or xxd instead',
    );
    return null;
  }
  const out = new ByteBuilder();
  let expected = -1;
  let hexAreaEnd = -1;
  let previous = { start: 0, length: 0 };
  let repeatPending: DumpLine | null = null;
  const fail = (at: number, message: string): null => {
    errors.add(at, message);
    return null;
  };

  for (let index = 0; index < block.length; index++) {
    const dumpLine = block[index];
    const at = dumpLine.line.start;
    const lineNo = dumpLine.line.number;
    if (dumpLine.kind === 'repeat') {
      if (previous.length === 0) return fail(at, `'*' on line ${lineNo} has no line to repeat`);
      repeatPending = dumpLine;
      continue;
    }
    if (repeatPending !== null) {
      const gap = dumpLine.offset - expected;
      if (gap < 0 || gap % previous.length !== 0) {
        return fail(at, `offset ${hex(dumpLine.offset)} on line ${lineNo} does not follow '*'`);
      }
      if (out.size + gap > MAX_DUMP_BYTES) {
        return fail(at, `'*' before line ${lineNo} stands for ${gap} bytes: too many to expand`);
      }
      out.repeatRange(previous.start, previous.start + previous.length, gap / previous.length);
      repeatPending = null;
    } else if (expected !== -1 && dumpLine.offset !== expected) {
      return fail(
        at,
        `offset ${hex(dumpLine.offset)} on line ${lineNo} should be ${hex(expected)}: a line ` +
          'is missing or holds the wrong number of bytes',
      );
    }
    if (dumpLine.kind === 'end') break;

    const groups = readGroups(text, dumpLine.bodyStart, dumpLine.bodyLimit);
    const next = block[index + 1];
    const knownCount =
      next !== undefined && next.kind !== 'repeat' ? next.offset - dumpLine.offset : -1;
    let taken: Group[];
    if (knownCount >= 0) {
      taken = [];
      let count = 0;
      for (const group of groups) {
        if (count >= knownCount) break;
        taken.push(group);
        count += (group.end - group.start) / 2;
      }
      // Past the bytes comes the ASCII column, always after a wider gap (hexdump -C: after '|').
      const following = groups[taken.length];
      const leftover =
        following !== undefined &&
        (dumpLine.tool === 'hexdump -C' || following.gapBefore < WIDE_GAP);
      if (count !== knownCount || leftover) {
        const held = bytesIn(leftover ? groups : taken);
        return fail(
          at,
          `line ${lineNo} holds ${held} bytes but the next offset (${hex(next.offset)}) says ` +
            `${knownCount}`,
        );
      }
    } else {
      taken = groupsWithoutKnownCount(dumpLine, groups, hexAreaEnd);
    }
    const odd = taken.find((g) => (g.end - g.start) % 2 === 1);
    if (odd !== undefined) {
      return fail(odd.start, `odd number of hex digits on line ${lineNo} at offset ${odd.start}`);
    }
    if (taken.length === 0) return fail(at, `no bytes on line ${lineNo}`);
    previous = { start: out.size, length: bytesIn(taken) };
    for (const group of taken) writeHexRun(text, group.start, group.end, out);
    if (knownCount >= 0) {
      hexAreaEnd = Math.max(hexAreaEnd, taken[taken.length - 1].end - dumpLine.bodyStart);
    }
    expected = dumpLine.offset + previous.length;
  }
  if (repeatPending !== null) {
    return fail(
      repeatPending.line.start,
      `'*' on line ${repeatPending.line.number} is not followed by an offset, so the number of ` +
        'repeated lines is unknown',
    );
  }
  return {
    bytes: out.toBytes(),
    tool: firstData.tool,
    line: firstData.line.number,
    textOffset: firstData.line.start,
  };
}

/**
 * Decodes every dump block in the text (several packets from tcpdump or tshark each restart at
 * offset 0). Offset and ASCII columns are ignored; the next line's offset says how many bytes a
 * line holds, so hex-looking characters in the ASCII column are never taken for bytes.
 */
export function decodeHexDump(text: string, errors: ErrorSink): DumpBlock[] {
  const blocks = splitBlocks(collectDumpLines(text));
  if (blocks.length === 0) {
    errors.add(0, "no hex dump lines found (expected lines like '00000000: 6082 0595 ...')");
    return [];
  }
  const decoded: DumpBlock[] = [];
  for (const block of blocks) {
    const result = decodeBlock(text, block, errors);
    if (result !== null) decoded.push(result);
  }
  return decoded;
}
