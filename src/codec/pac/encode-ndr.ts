import { Writer } from '../binary';
import { encodeUtf16le, fromHex } from '../../bytes';
import { FILETIME_NEVER } from './common';
import type {
  GroupMembership,
  KerbSidAndAttributes,
  KerbValidationInfo,
  RpcUnicodeString,
} from './types';

/**
 * The writer matching `ndr.ts`'s reader: KERB_VALIDATION_INFO (MS-PAC §2.5) as a type
 * serialization version 1 stream (MS-RPCE §2.2.6): the common and private headers, the top-level
 * pointer, the structure's fixed part with a referent ID for each embedded pointer, then what the
 * pointers point at, in pointer order (deferred, C706 §14.3.12.3), each 4-byte aligned; a
 * conformant array's own embedded pointers are resolved right after the array. Referent IDs count
 * up from 0x00020000 by 4 in the order the pointers are written, as Windows and Samba number them,
 * so a PAC read by `readPac` and written back gives the same bytes.
 */

/** The first referent ID: the one of the top-level pointer. */
const FIRST_REFERENT = 0x00020000;

/** An RPC_UNICODE_STRING holding `text` (MS-DTYP §2.3.10): Length and MaximumLength in bytes. */
export function unicodeString(text: string): RpcUnicodeString {
  return { Length: text.length * 2, MaximumLength: text.length * 2, text };
}

/**
 * A FILETIME (100 ns since 1601, MS-DTYP §2.3.3) from the decoder's text form: ISO-8601 with up to
 * 7 fractional digits, `never` for 0x7FFFFFFFFFFFFFFF, or 0x and 16 hex digits.
 */
export function filetimeOf(text: string): bigint {
  if (text === 'never') return FILETIME_NEVER;
  if (text.startsWith('0x')) return BigInt(text);
  const m = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d{1,7}))?Z$/.exec(text);
  if (!m) throw new RangeError(`${text} is not an ISO-8601 UTC time`);
  const seconds = BigInt(Date.parse(`${m[1]}Z`) / 1000);
  const fraction = BigInt((m[2] ?? '').padEnd(7, '0'));
  return (seconds + 11644473600n) * 10000000n + fraction;
}

/** A stream being written: alignment counts from the stream's first byte, as the reader's does. */
class NdrWriter {
  readonly w = new Writer();
  private next = FIRST_REFERENT;
  private readonly deferred: (() => void)[] = [];

  align(n: number): void {
    const pad = (n - (this.w.length % n)) % n;
    this.w.zeros(pad);
  }

  u16(v: number): void {
    this.align(2);
    this.w.u16(v);
  }

  u32(v: number): void {
    this.align(4);
    this.w.u32(v >>> 0);
  }

  filetime(text: string): void {
    const v = filetimeOf(text);
    this.u32(Number(v & 0xffffffffn));
    this.u32(Number(v >> 32n));
  }

  /** An embedded pointer: a fresh referent ID, or 0 when there is nothing to point at. */
  pointer(present: boolean): void {
    if (!present) return this.u32(0);
    this.u32(this.next);
    this.next += 4;
  }

  /** A pointer whose referent is written later, after the structure (or the array) holding it. */
  defer(present: boolean, write: () => void, into = this.deferred): void {
    this.pointer(present);
    if (present)
      into.push(() => {
        this.align(4);
        write();
      });
  }

  flush(list = this.deferred): void {
    // Written in order; a referent may queue more (an array's SIDs) onto its own list.
    for (let i = 0; i < list.length; i++) list[i]();
    list.length = 0;
  }
}

/** RPC_SID (MS-DTYP §2.4.2.3): the conformance count, then the SID's binary form. */
function writeRpcSid(n: NdrWriter, sid: string): void {
  const [s, revision, authority, ...subs] = sid.split('-');
  if (s !== 'S' || authority === undefined) throw new RangeError(`${sid} is not a SID`);
  n.u32(subs.length);
  n.w.u8(Number(revision));
  n.w.u8(subs.length);
  const auth = BigInt(authority);
  for (let i = 5; i >= 0; i--) n.w.u8(Number((auth >> BigInt(8 * i)) & 0xffn));
  for (const sub of subs) n.u32(Number(sub));
}

/** RPC_UNICODE_STRING's fixed part; its Buffer (a conformant varying WCHAR array) is deferred. */
function writeUnicodeString(n: NdrWriter, s: RpcUnicodeString): void {
  n.u16(s.Length);
  n.u16(s.MaximumLength);
  const text = s.text;
  n.defer(text !== null, () => {
    n.u32(s.MaximumLength / 2);
    n.u32(0);
    n.u32(s.Length / 2);
    n.w.raw(encodeUtf16le(text ?? '').subarray(0, s.Length));
  });
}

function writeGroups(n: NdrWriter, groups: GroupMembership[]): void {
  n.u32(groups.length);
  for (const g of groups) {
    n.u32(g.RelativeId);
    n.u32(g.Attributes);
  }
}

function writeSids(n: NdrWriter, sids: KerbSidAndAttributes[]): void {
  const inner: (() => void)[] = [];
  n.u32(sids.length);
  for (const e of sids) {
    const sid = e.Sid;
    n.defer(sid !== null, () => writeRpcSid(n, sid!), inner);
    n.u32(e.Attributes);
  }
  n.flush(inner);
}

/**
 * PAC_LOGON_INFO's bytes (MS-PAC §2.5) for a KERB_VALIDATION_INFO. Counts (GroupCount, SidCount,
 * ResourceGroupCount) are written as given; an array pointer is null when its array is empty and
 * its count 0, as KDCs write them. The stream is padded to a multiple of 8 (MS-RPCE §2.2.6.2:
 * ObjectBufferLength counts the padding).
 */
export function encodeKerbValidationInfo(v: KerbValidationInfo): Uint8Array {
  const n = new NdrWriter();
  // MS-RPCE §2.2.6.1: version 1, little-endian, header length 8, filler 0xcccccccc.
  n.w.raw([0x01, 0x10, 0x08, 0x00, 0xcc, 0xcc, 0xcc, 0xcc]);
  n.w.zeros(8); // PrivateHeader: ObjectBufferLength, patched below, and a zero filler
  n.pointer(true);
  for (const t of [
    v.LogonTime,
    v.LogoffTime,
    v.KickOffTime,
    v.PasswordLastSet,
    v.PasswordCanChange,
    v.PasswordMustChange,
  ])
    n.filetime(t);
  for (const s of [
    v.EffectiveName,
    v.FullName,
    v.LogonScript,
    v.ProfilePath,
    v.HomeDirectory,
    v.HomeDirectoryDrive,
  ])
    writeUnicodeString(n, s);
  n.u16(v.LogonCount);
  n.u16(v.BadPasswordCount);
  n.u32(v.UserId);
  n.u32(v.PrimaryGroupId);
  n.u32(v.GroupCount);
  n.defer(v.GroupIds.length > 0 || v.GroupCount > 0, () => writeGroups(n, v.GroupIds));
  n.u32(v.UserFlags);
  n.w.raw(fromHex(v.UserSessionKey));
  writeUnicodeString(n, v.LogonServer);
  writeUnicodeString(n, v.LogonDomainName);
  const domain = v.LogonDomainId;
  n.defer(domain !== null, () => writeRpcSid(n, domain!));
  n.u32(0); // Reserved1[2]
  n.u32(0);
  n.u32(v.UserAccountControl);
  n.u32(v.SubAuthStatus);
  n.filetime(v.LastSuccessfulILogon);
  n.filetime(v.LastFailedILogon);
  n.u32(v.FailedILogonCount);
  n.u32(0); // Reserved3
  n.u32(v.SidCount);
  n.defer(v.ExtraSids.length > 0 || v.SidCount > 0, () => writeSids(n, v.ExtraSids));
  const resourceDomain = v.ResourceGroupDomainSid;
  n.defer(resourceDomain !== null, () => writeRpcSid(n, resourceDomain!));
  n.u32(v.ResourceGroupCount);
  n.defer(v.ResourceGroupIds.length > 0 || v.ResourceGroupCount > 0, () =>
    writeGroups(n, v.ResourceGroupIds),
  );
  n.flush();
  n.align(8);
  n.w.patchU32(8, n.w.length - 16);
  return n.w.bytes();
}
