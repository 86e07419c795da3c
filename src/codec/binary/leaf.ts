import { fail } from '../context';
import { addChild, type Node, type NodeValue } from '../tree';
import { toHex } from '../../bytes';

/** Little-endian readers for the binary (non-ASN.1) formats: NTLM, NEGOEX, the GSS checksum. */

export function need(
  bytes: Uint8Array,
  offset: number,
  count: number,
  limit: number,
  what: string,
): void {
  if (offset + count > limit) {
    fail(
      offset,
      `expected ${count} bytes for ${what} but only ${Math.max(0, limit - offset)} remain`,
    );
  }
}

export interface LeafOptions {
  type?: string;
  value?: NodeValue;
  label?: string;
  spec?: string;
}

/** Appends a node for `[offset, offset + length)`; value defaults to the bytes in hex. */
export function leaf(
  bytes: Uint8Array,
  parent: Node,
  name: string,
  offset: number,
  length: number,
  options: LeafOptions = {},
): Node {
  return addChild(parent, {
    name,
    offset,
    length,
    type: options.type,
    value: options.value !== undefined ? options.value : toHex(bytes, offset, offset + length),
    label: options.label,
    spec: options.spec,
  });
}

/** FILETIME (100 ns since 1601-01-01, LE) as ISO-8601, or null when out of Date's range. */
export function filetimeToIso(value: bigint): string | null {
  const ms = Number(value / 10000n) - 11644473600000;
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return null;
  const d = new Date(ms);
  const frac = Number(value % 10000000n)
    .toString()
    .padStart(7, '0');
  return d.toISOString().replace(/\.\d{3}Z$/, `.${frac}Z`);
}
