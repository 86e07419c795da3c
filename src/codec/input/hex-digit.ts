import type { ByteBuilder } from './byte-builder';

/** Value of an ASCII hex digit's char code, or -1. */
export function hexDigitValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  const lower = code | 0x20;
  if (lower >= 0x61 && lower <= 0x66) return lower - 0x61 + 10;
  return -1;
}

export function isHexDigit(code: number): boolean {
  return hexDigitValue(code) !== -1;
}

/** Decodes the even-length run of hex digits text[start, end) onto `out`. */
export function writeHexRun(text: string, start: number, end: number, out: ByteBuilder): void {
  for (let i = start; i + 1 < end; i += 2) {
    out.push((hexDigitValue(text.charCodeAt(i)) << 4) | hexDigitValue(text.charCodeAt(i + 1)));
  }
}
