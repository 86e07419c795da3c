// Test helpers: render bytes exactly as each hex-dump tool prints them, so the dump parser can be
// checked against any data. Each mimic follows the tool's own source / output (xxd 2022-01-14,
// util-linux hexdump -C, tcpdump print-ascii.c, Wireshark ui/qt/utils/data_printer.cpp, tshark
// -x); dump-layouts.test.ts compares them with real outputs.

function hex2(byte: number): string {
  return byte.toString(16).padStart(2, '0');
}

/** printf("%0Nx") */
function hexOffset(offset: number, width: number): string {
  return offset.toString(16).padStart(width, '0');
}

/** isprint(): space and visible ASCII shown as themselves, everything else as '.'. */
function asciiColumn(bytes: Uint8Array, firstShown = 0x20): string {
  return Array.from(bytes, (b) =>
    b >= firstShown && b <= 0x7e ? String.fromCharCode(b) : '.',
  ).join('');
}

function rows(bytes: Uint8Array, columns: number): { offset: number; row: Uint8Array }[] {
  const result: { offset: number; row: Uint8Array }[] = [];
  for (let offset = 0; offset < bytes.length; offset += columns) {
    result.push({ offset, row: bytes.subarray(offset, offset + columns) });
  }
  return result;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

/** `xxd` (`-c columns`, `-g groupSize`, `-a` squeezes repeated lines into `*`). */
export function xxd(
  bytes: Uint8Array,
  options: { columns?: number; groupSize?: number; autoskip?: boolean } = {},
): string {
  const columns = options.columns ?? 16;
  const groupSize = options.groupSize ?? 2;
  const hexWidth = columns * 2 + Math.ceil(columns / groupSize) - 1;
  const lines: string[] = [];
  let previous: Uint8Array | null = null;
  let squeezing = false;
  for (const { offset, row } of rows(bytes, columns)) {
    const isRepeat = options.autoskip === true && previous !== null && sameBytes(row, previous);
    previous = row;
    if (isRepeat && offset + columns < bytes.length) {
      if (!squeezing) lines.push('*');
      squeezing = true;
      continue;
    }
    squeezing = false;
    const groups: string[] = [];
    for (let g = 0; g < row.length; g += groupSize) {
      groups.push(Array.from(row.subarray(g, g + groupSize), hex2).join(''));
    }
    lines.push(
      `${hexOffset(offset, 8)}: ${groups.join(' ').padEnd(hexWidth)}  ${asciiColumn(row)}`,
    );
  }
  return lines.join('\n') + '\n';
}

/** `hexdump -C`: repeated lines become `*` (as without -v); the last line is the length. */
export function hexdumpC(bytes: Uint8Array): string {
  const lines: string[] = [];
  let previous: Uint8Array | null = null;
  let squeezing = false;
  for (const { offset, row } of rows(bytes, 16)) {
    if (previous !== null && sameBytes(row, previous)) {
      if (!squeezing) lines.push('*');
      squeezing = true;
      continue;
    }
    squeezing = false;
    previous = row;
    let hexArea = '';
    for (let i = 0; i < 16; i++) {
      hexArea += i < row.length ? `${hex2(row[i])} ` : '   ';
      if (i === 7) hexArea += ' ';
    }
    lines.push(`${hexOffset(offset, 8)}  ${hexArea} |${asciiColumn(row)}|`);
  }
  lines.push(hexOffset(bytes.length, 8));
  return lines.join('\n') + '\n';
}

/** `tcpdump -X` hex+ASCII lines of one packet, with the summary line tcpdump prints first. */
export function tcpdumpX(bytes: Uint8Array, summary: string | null = null): string {
  const lines: string[] = summary === null ? [] : [summary];
  for (const { offset, row } of rows(bytes, 16)) {
    let hexStuff = '';
    for (let i = 0; i < row.length; i += 2) {
      hexStuff += i + 1 < row.length ? ` ${hex2(row[i])}${hex2(row[i + 1])}` : ` ${hex2(row[i])}`;
    }
    // printf("%s0x%04x: %-*s  %s", "\n\t", offset, 40, hexstuff, ascii); ASCII is isgraph().
    lines.push(`\t0x${hexOffset(offset, 4)}: ${hexStuff.padEnd(40)}  ${asciiColumn(row, 0x21)}`);
  }
  return lines.join('\n') + '\n';
}

/** Wireshark's "Copy → …as Hex + ASCII Dump" (or "…as Hex Dump" without the ASCII column). */
export function wiresharkCopy(bytes: Uint8Array, withAscii = true): string {
  const all = rows(bytes, 16);
  return all
    .map(({ offset, row }, index) => {
      const hexArea = Array.from(row, (b) => ` ${hex2(b)}`).join('');
      let line = `${hexOffset(offset, 4)}  ${hexArea}`;
      if (withAscii) {
        const padding = index === all.length - 1 ? '   '.repeat(16 - row.length) : '';
        line += `   ${padding}${asciiColumn(row)}`;
      }
      return line + '\n';
    })
    .join('');
}

/** `tshark -x` (also Wireshark's File → Export Packet Dissections as plain text, bytes only). */
export function tsharkX(bytes: Uint8Array): string {
  return rows(bytes, 16)
    .map(({ offset, row }) => {
      const hexArea = Array.from(row, hex2).join(' ').padEnd(47);
      return `${hexOffset(offset, 4)}  ${hexArea}   ${asciiColumn(row)}\n`;
    })
    .join('');
}
