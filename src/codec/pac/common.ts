import type { DecodeContext } from '../context';
import type { Node } from '../tree';
import { filetimeToIso } from '../binary/leaf';
import type { Codec } from '../binary/schema';
import { decodeUtf16le, encodeUtf16le, readU32BE, readU16BE, readU32LE, toHex } from '../../bytes';

/** What the PAC's readers share: SIDs, FILETIMEs and UTF-16LE text as MS-DTYP defines them. */

/** FILETIME 0x7FFFFFFFFFFFFFFF: the time never comes (MS-PAC §2.5, LogoffTime, KickOffTime). */
export const FILETIME_NEVER = 0x7fffffffffffffffn;

/** A FILETIME as ISO-8601, `never` for 0x7FFFFFFFFFFFFFFF, hex when outside Date's range. */
export function filetimeText(value: bigint): string {
  if (value === FILETIME_NEVER) return 'never';
  return filetimeToIso(value) ?? `0x${value.toString(16).padStart(16, '0')}`;
}

/** The node's label for a FILETIME: what 0 and the maximum mean where MS-PAC gives them a meaning. */
export function filetimeLabel(value: bigint): string {
  if (value === FILETIME_NEVER) return 'never (0x7fffffffffffffff)';
  if (value === 0n) return 'not set (0)';
  return filetimeToIso(value) ?? 'out of range';
}

/**
 * A SID's string form S-1-IdentifierAuthority-SubAuthority… (MS-DTYP §2.4.2.1): the 48-bit
 * big-endian authority in decimal below 2^32, else as 0x and 12 hex digits.
 */
export function sidString(
  revision: number,
  authority: Uint8Array,
  subAuthorities: number[],
): string {
  const high = readU16BE(authority, 0);
  const low = readU32BE(authority, 2);
  const auth = high === 0 ? String(low) : `0x${toHex(authority).toUpperCase()}`;
  return [`S-${revision}-${auth}`, ...subAuthorities.map(String)].join('-');
}

/**
 * A SID in its binary form (MS-DTYP §2.4.2.2): Revision, SubAuthorityCount, the 6-byte
 * IdentifierAuthority, then SubAuthorityCount little-endian 32-bit values. Returns the string
 * form, or an error message when the bytes do not hold one.
 */
export function readBinarySid(
  bytes: Uint8Array,
  start: number,
  end: number,
): { sid: string; length: number } | { error: string; offset: number } {
  if (end - start < 8)
    return { error: `a SID needs 8 bytes but only ${end - start} remain`, offset: start };
  const count = bytes[start + 1];
  const length = 8 + 4 * count;
  if (start + length > end)
    return {
      error: `a SID of ${count} sub-authorities needs ${length} bytes but only ${end - start} remain`,
      offset: start + 1,
    };
  const subs: number[] = [];
  for (let i = 0; i < count; i++) subs.push(readU32LE(bytes, start + 8 + 4 * i));
  return { sid: sidString(bytes[start], bytes.subarray(start + 2, start + 8), subs), length };
}

/** The binary SID's children: Revision, SubAuthorityCount, IdentifierAuthority, SubAuthority. */
export function sidChildren(bytes: Uint8Array, node: Node, at: number, count: number): void {
  const children: Node[] = [
    { name: 'Revision', offset: at, length: 1, type: 'uint8', value: bytes[at] },
    { name: 'SubAuthorityCount', offset: at + 1, length: 1, type: 'uint8', value: count },
    {
      name: 'IdentifierAuthority',
      offset: at + 2,
      length: 6,
      type: 'SID_IDENTIFIER_AUTHORITY',
      value: toHex(bytes, at + 2, at + 8),
      label: sidString(1, bytes.subarray(at + 2, at + 8), []).slice(4),
    },
  ];
  for (let i = 0; i < count; i++)
    children.push({
      name: 'SubAuthority',
      offset: at + 8 + 4 * i,
      length: 4,
      type: 'uint32le',
      value: readU32LE(bytes, at + 8 + 4 * i),
    });
  (node.children ??= []).push(...children);
}

/** The well-known RIDs a reader meets in a PAC (MS-DTYP §2.4.2.4). */
const WELL_KNOWN_RIDS: Record<number, string> = {
  500: 'Administrator',
  501: 'Guest',
  502: 'krbtgt',
  512: 'Domain Admins',
  513: 'Domain Users',
  514: 'Domain Guests',
  515: 'Domain Computers',
  516: 'Domain Controllers',
  517: 'Cert Publishers',
  518: 'Schema Admins',
  519: 'Enterprise Admins',
  520: 'Group Policy Creator Owners',
  521: 'Read-only Domain Controllers',
  572: 'Denied RODC Password Replication Group',
};

export function ridName(rid: number): string | undefined {
  return WELL_KNOWN_RIDS[rid];
}

/** Well-known SIDs that appear as extra SIDs (MS-DTYP §2.4.2.4, MS-PAC §2.2.1). */
const WELL_KNOWN_SIDS: Record<string, string> = {
  'S-1-18-1': 'Authentication authority asserted identity',
  'S-1-18-2': 'Service asserted identity',
  'S-1-5-11': 'Authenticated Users',
  'S-1-1-0': 'Everyone',
};

export function sidName(sid: string): string | undefined {
  return WELL_KNOWN_SIDS[sid];
}

/** UTF-16LE text filling the node: MS-PAC's WCHAR strings. */
export const utf16: Codec<string> = {
  type: 'UTF-16LE',
  read(ctx: DecodeContext, node: Node) {
    const text = decodeUtf16le(ctx.bytes, node.offset, node.offset + node.length);
    node.value = text;
    return text;
  },
  write(w, v) {
    w.raw(encodeUtf16le(v));
  },
};
