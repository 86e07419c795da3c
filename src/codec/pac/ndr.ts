import { fail, warn, within, type DecodeContext } from '../context';
import { addChild, type Node } from '../tree';
import { decodeUtf16le, readU16LE, readU32LE, toHex } from '../../bytes';
import { filetimeLabel, filetimeText, ridName, sidName, sidString } from './common';
import type {
  GroupMembership,
  KerbSidAndAttributes,
  KerbValidationInfo,
  RpcUnicodeString,
  S4uDelegationInfo,
} from './types';

/**
 * The NDR the PAC's logon information is written in: a type serialization version 1 stream
 * (MS-RPCE §2.2.6: common header, private header, then the top-level pointer and structure), in
 * which an embedded pointer is a 4-byte referent ID and what it points at follows the structure,
 * in the order the pointers appear (deferred); an array's embedded pointers are resolved right
 * after the array. Only little-endian streams (Endianness 0x10) are read, as every KDC writes.
 *
 * This is a reader for the structures MS-PAC uses, not a general IDL engine: nesting is fixed by
 * the structures, so there is no recursion on input, and every count is checked against the
 * bytes left before anything is allocated for it.
 */

const VALIDATION_SPEC = 'MS-PAC §2.5';
const DELEGATION_SPEC = 'MS-PAC §2.9';
/*
 * Only the structures carry their spec on the node; their fields' specs are in explain.ts (the
 * same field name appears both in the fixed part and where its pointer's data is).
 */
const COMMON_HEADER_SPEC = 'MS-RPCE §2.2.6.1';
const PRIVATE_HEADER_SPEC = 'MS-RPCE §2.2.6.2';

/** SE_GROUP_* attributes of a group or extra SID (MS-PAC §2.2.1). */
const GROUP_ATTRIBUTES: [number, string][] = [
  [0x1, 'SE_GROUP_MANDATORY'],
  [0x2, 'SE_GROUP_ENABLED_BY_DEFAULT'],
  [0x4, 'SE_GROUP_ENABLED'],
  [0x8, 'SE_GROUP_OWNER'],
  [0x10, 'SE_GROUP_USE_FOR_DENY_ONLY'],
  [0x20, 'SE_GROUP_INTEGRITY'],
  [0x40, 'SE_GROUP_INTEGRITY_ENABLED'],
  [0x20000000, 'SE_GROUP_RESOURCE'],
  [0xc0000000, 'SE_GROUP_LOGON_ID'],
];

/** UserFlags bits (MS-PAC §2.5). */
const USER_FLAGS: [number, string][] = [
  [0x1, 'LOGON_GUEST'],
  [0x2, 'LOGON_NOENCRYPTION'],
  [0x4, 'LOGON_CACHED_ACCOUNT'],
  [0x8, 'LOGON_USED_LM_PASSWORD'],
  [0x20, 'LOGON_EXTRA_SIDS'],
  [0x40, 'LOGON_SUBAUTH_SESSION_KEY'],
  [0x80, 'LOGON_SERVER_TRUST_ACCOUNT'],
  [0x200, 'LOGON_RESOURCE_GROUPS'],
  [0x400, 'LOGON_PROFILE_PATH_RETURNED'],
  [0x800, 'LOGON_NTLMV2_ENABLED'],
];

/** UserAccountControl bits (MS-SAMR §2.2.1.12, as MS-PAC §2.5 refers to them). */
const USER_ACCOUNT_CONTROL: [number, string][] = [
  [0x1, 'USER_ACCOUNT_DISABLED'],
  [0x2, 'USER_HOME_DIRECTORY_REQUIRED'],
  [0x4, 'USER_PASSWORD_NOT_REQUIRED'],
  [0x8, 'USER_TEMP_DUPLICATE_ACCOUNT'],
  [0x10, 'USER_NORMAL_ACCOUNT'],
  [0x20, 'USER_MNS_LOGON_ACCOUNT'],
  [0x40, 'USER_INTERDOMAIN_TRUST_ACCOUNT'],
  [0x80, 'USER_WORKSTATION_TRUST_ACCOUNT'],
  [0x100, 'USER_SERVER_TRUST_ACCOUNT'],
  [0x200, 'USER_DONT_EXPIRE_PASSWORD'],
  [0x400, 'USER_ACCOUNT_AUTO_LOCKED'],
  [0x800, 'USER_ENCRYPTED_TEXT_PASSWORD_ALLOWED'],
  [0x1000, 'USER_SMARTCARD_REQUIRED'],
  [0x2000, 'USER_TRUSTED_FOR_DELEGATION'],
  [0x4000, 'USER_NOT_DELEGATED'],
  [0x8000, 'USER_USE_DES_KEY_ONLY'],
  [0x10000, 'USER_DONT_REQUIRE_PREAUTH'],
  [0x20000, 'USER_PASSWORD_EXPIRED'],
  [0x40000, 'USER_TRUSTED_TO_AUTHENTICATE_FOR_DELEGATION'],
  [0x80000, 'USER_NO_AUTH_DATA_REQUIRED'],
  [0x100000, 'USER_PARTIAL_SECRETS_ACCOUNT'],
  [0x200000, 'USER_USE_AES_KEYS'],
];

export function flagNames(value: number, names: [number, string][]): string {
  const set = names.filter(([bit]) => (value & bit) === bit).map(([, name]) => name);
  return set.length > 0 ? set.join(', ') : 'none';
}

/** A cursor over one NDR stream; alignment counts from the stream's first byte (`origin`). */
class NdrReader {
  pos: number;
  constructor(
    readonly ctx: DecodeContext,
    readonly origin: number,
    readonly end: number,
  ) {
    this.pos = origin;
  }

  need(count: number, what: string): void {
    if (count > this.end - this.pos)
      fail(
        this.pos,
        `expected ${count} bytes for ${what} but only ${Math.max(0, this.end - this.pos)} remain`,
      );
  }

  /** NDR aligns each primitive on its own size (C706 §14.2.2); the padding has no node. */
  align(n: number): void {
    const pad = (n - ((this.pos - this.origin) % n)) % n;
    if (pad > 0) {
      this.need(pad, 'alignment padding');
      this.pos += pad;
    }
  }

  leaf(parent: Node, name: string, length: number, type: string, value: Node['value']): Node {
    this.need(length, name);
    const node = addChild(parent, { name, offset: this.pos, length, type, value });
    this.pos += length;
    return node;
  }

  u8(parent: Node, name: string): number {
    this.need(1, name);
    const v = this.ctx.bytes[this.pos];
    this.leaf(parent, name, 1, 'uint8', v);
    return v;
  }

  u16(parent: Node, name: string): number {
    this.align(2);
    this.need(2, name);
    const v = readU16LE(this.ctx.bytes, this.pos);
    this.leaf(parent, name, 2, 'uint16le', v);
    return v;
  }

  u32(parent: Node, name: string): number {
    this.align(4);
    this.need(4, name);
    const v = readU32LE(this.ctx.bytes, this.pos);
    this.leaf(parent, name, 4, 'uint32le', v);
    return v;
  }

  flags(parent: Node, name: string, names: [number, string][]): number {
    const v = this.u32(parent, name);
    const node = parent.children![parent.children!.length - 1];
    node.label = flagNames(v, names);
    return v;
  }

  /** An embedded pointer: its referent ID (0 = null). */
  pointer(parent: Node, name: string, type: string): number {
    const v = this.u32(parent, name);
    const node = parent.children![parent.children!.length - 1];
    node.type = type;
    const id = `0x${v.toString(16).padStart(8, '0')}`;
    // The value becomes what it points at once that is read; the referent ID stays in the label.
    node.value = id;
    node.label = v === 0 ? 'null pointer' : `referent ID ${id}; the data follows the structure`;
    return v;
  }

  /** FILETIME as NDR writes it: dwLowDateTime, dwHighDateTime (MS-DTYP §2.3.3), 4-byte aligned. */
  filetime(parent: Node, name: string): string {
    this.align(4);
    this.need(8, name);
    const b = this.ctx.bytes;
    const v = (BigInt(readU32LE(b, this.pos + 4)) << 32n) | BigInt(readU32LE(b, this.pos));
    const node = this.leaf(parent, name, 8, 'FILETIME', filetimeText(v));
    node.label = filetimeLabel(v);
    return filetimeText(v);
  }

  /** A node whose children `body` reads; its length is what `body` consumed. */
  group<T>(
    parent: Node,
    name: string,
    type: string,
    spec: string | undefined,
    body: (n: Node) => T,
  ): T {
    const node = addChild(parent, {
      name,
      offset: this.pos,
      length: this.end - this.pos,
      type,
      spec,
    });
    try {
      return within(this.ctx, node, () => body(node));
    } finally {
      node.length = this.pos - node.offset;
    }
  }

  /** A conformance count (array size) checked against the bytes left for `size`-byte elements. */
  count(parent: Node, name: string, size: number, what: string): number {
    const at = this.pos;
    const n = this.u32(parent, name);
    if (n * size > this.end - this.pos)
      fail(
        at,
        `${what} of ${n} elements needs ${n * size} bytes but only ${this.end - this.pos} remain`,
      );
    return n;
  }
}

/** RPC_SID (MS-DTYP §2.4.2.3) as NDR writes it: the conformance count first. */
function readRpcSid(r: NdrReader, parent: Node, name: string): string {
  return r.group(parent, name, 'RPC_SID', undefined, (node) => {
    const max = r.count(node, 'MaxCount', 4, 'SubAuthority');
    const revision = r.u8(node, 'Revision');
    const countAt = r.pos;
    const count = r.u8(node, 'SubAuthorityCount');
    if (count !== max)
      fail(countAt, `SubAuthorityCount ${count} differs from the array's size ${max}`);
    // MS-DTYP §2.4.2.2: at most 15 sub-authorities.
    if (count > 15) warn(r.ctx, node, countAt, `SubAuthorityCount ${count}; a SID has at most 15`);
    r.need(6, 'IdentifierAuthority');
    const authority = r.ctx.bytes.subarray(r.pos, r.pos + 6);
    const auth = r.leaf(
      node,
      'IdentifierAuthority',
      6,
      'SID_IDENTIFIER_AUTHORITY',
      toHex(authority),
    );
    auth.label = sidString(1, authority, []).slice(4);
    const subs: number[] = [];
    for (let i = 0; i < count; i++) subs.push(r.u32(node, 'SubAuthority'));
    const sid = sidString(revision, authority, subs);
    node.value = sid;
    const known = sidName(sid);
    if (known) node.label = known;
    return sid;
  });
}

/** The Buffer of an RPC_UNICODE_STRING: a conformant varying array of WCHAR. */
function readWcharArray(r: NdrReader, parent: Node, name: string, s: RpcUnicodeString): string {
  return r.group(parent, name, 'WCHAR[]', undefined, (node) => {
    const max = r.u32(node, 'MaximumCount');
    const offsetAt = r.pos;
    const offset = r.u32(node, 'Offset');
    const actualAt = r.pos;
    const actual = r.count(node, 'ActualCount', 2, 'the string');
    if (actual > max) fail(actualAt, `ActualCount ${actual} exceeds MaximumCount ${max}`);
    if (offset !== 0) warn(r.ctx, node, offsetAt, `array Offset ${offset}; the PAC writes 0`);
    if (s.Length !== actual * 2)
      warn(r.ctx, node, actualAt, `ActualCount ${actual} characters but Length ${s.Length} bytes`);
    const text = decodeUtf16le(r.ctx.bytes, r.pos, r.pos + actual * 2);
    if (actual > 0) r.leaf(node, 'Characters', actual * 2, 'UTF-16LE', text);
    node.value = text;
    return text;
  });
}

function groupLabel(g: GroupMembership): string {
  const name = ridName(g.RelativeId);
  return `${name ? `${name}, ` : ''}${flagNames(g.Attributes, GROUP_ATTRIBUTES)}`;
}

/** A conformant array of GROUP_MEMBERSHIP (MS-PAC §2.2.2). */
function readGroupArray(
  r: NdrReader,
  parent: Node,
  name: string,
  expected: number,
): GroupMembership[] {
  return r.group(parent, name, 'GROUP_MEMBERSHIP[]', undefined, (node) => {
    const at = r.pos;
    const n = r.count(node, 'MaxCount', 8, name);
    if (n !== expected) warn(r.ctx, node, at, `${n} elements but the count field says ${expected}`);
    const groups: GroupMembership[] = [];
    for (let i = 0; i < n; i++)
      groups.push(
        r.group(node, 'GROUP_MEMBERSHIP', 'GROUP_MEMBERSHIP', undefined, (g) => {
          const RelativeId = r.u32(g, 'RelativeId');
          const Attributes = r.flags(g, 'Attributes', GROUP_ATTRIBUTES);
          const value = { RelativeId, Attributes };
          g.value = RelativeId;
          g.label = groupLabel(value);
          return value;
        }),
      );
    node.value = groups.map((g) => g.RelativeId).join(', ');
    return groups;
  });
}

/** A conformant array of KERB_SID_AND_ATTRIBUTES (MS-PAC §2.2.1), then the SIDs it points at. */
function readSidArray(
  r: NdrReader,
  parent: Node,
  name: string,
  expected: number,
): KerbSidAndAttributes[] {
  return r.group(parent, name, 'KERB_SID_AND_ATTRIBUTES[]', undefined, (node) => {
    const at = r.pos;
    const n = r.count(node, 'MaxCount', 8, name);
    if (n !== expected) warn(r.ctx, node, at, `${n} elements but SidCount says ${expected}`);
    const items: { node: Node; ref: number; value: KerbSidAndAttributes }[] = [];
    for (let i = 0; i < n; i++)
      items.push(
        r.group(node, 'KERB_SID_AND_ATTRIBUTES', 'KERB_SID_AND_ATTRIBUTES', undefined, (e) => {
          const ref = r.pointer(e, 'Sid', 'PISID');
          const Attributes = r.flags(e, 'Attributes', GROUP_ATTRIBUTES);
          return { node: e, ref, value: { Sid: null, Attributes } };
        }),
      );
    // The array's embedded pointers are resolved right after it, in order.
    for (const item of items) {
      if (item.ref === 0) continue;
      r.align(4);
      const sid = readRpcSid(r, node, 'Sid');
      item.value.Sid = sid;
      item.node.value = sid;
      item.node.label = `${sidName(sid) ?? sid}; ${flagNames(item.value.Attributes, GROUP_ATTRIBUTES)}`;
    }
    node.value = items.map((i) => i.value.Sid ?? 'null').join(', ');
    return items.map((i) => i.value);
  });
}

type Deferred = () => void;

/** RPC_UNICODE_STRING's fixed part; its Buffer is read later, in pointer order. */
function readUnicodeString(
  r: NdrReader,
  parent: Node,
  name: string,
  deferred: Deferred[],
  referents: Node,
  referentName = name,
): RpcUnicodeString {
  return r.group(parent, name, 'RPC_UNICODE_STRING', undefined, (node) => {
    const Length = r.u16(node, 'Length');
    const MaximumLength = r.u16(node, 'MaximumLength');
    const ref = r.pointer(node, 'Buffer', 'PWSTR');
    const s: RpcUnicodeString = { Length, MaximumLength, text: null };
    if (Length > MaximumLength)
      warn(r.ctx, node, node.offset, `Length ${Length} exceeds MaximumLength ${MaximumLength}`);
    if (ref !== 0)
      deferred.push(() => {
        r.align(4);
        s.text = readWcharArray(r, referents, referentName, s);
        node.value = s.text;
      });
    else node.label = 'null';
    return s;
  });
}

/** The stream's two headers (MS-RPCE §2.2.6.1, §2.2.6.2). */
function readHeaders(r: NdrReader, parent: Node): void {
  r.group(parent, 'CommonHeader', 'COMMON_TYPE_HEADER', COMMON_HEADER_SPEC, (node) => {
    const versionAt = r.pos;
    const version = r.u8(node, 'Version');
    if (version !== 1) fail(versionAt, `type serialization version ${version}; the PAC uses 1`);
    const endianAt = r.pos;
    const endianness = r.u8(node, 'Endianness');
    if (endianness !== 0x10)
      fail(
        endianAt,
        `Endianness 0x${endianness.toString(16)}: only little-endian (0x10) streams are read`,
      );
    node.children![1].label = 'little-endian';
    const lengthAt = r.pos;
    const length = r.u16(node, 'CommonHeaderLength');
    if (length !== 8) fail(lengthAt, `CommonHeaderLength ${length}; it is 8`);
    r.leaf(node, 'Filler', 4, 'bytes', toHex(r.ctx.bytes, r.pos, r.pos + 4));
  });
  r.group(parent, 'PrivateHeader', 'PRIVATE_HEADER', PRIVATE_HEADER_SPEC, (node) => {
    const at = r.pos;
    const length = r.u32(node, 'ObjectBufferLength');
    if (length > r.end - (at + 8))
      warn(
        r.ctx,
        node,
        at,
        `ObjectBufferLength ${length} but ${r.end - (at + 8)} bytes follow the header`,
      );
    r.leaf(node, 'Filler', 4, 'bytes', toHex(r.ctx.bytes, r.pos, r.pos + 4));
  });
}

/**
 * Reads PAC_LOGON_INFO's bytes [node.offset, node.offset + node.length): the NDR headers, the
 * top-level pointer, KERB_VALIDATION_INFO's fixed part, then what its pointers point at.
 */
export function readKerbValidationInfo(ctx: DecodeContext, buffer: Node): KerbValidationInfo {
  const r = new NdrReader(ctx, buffer.offset, buffer.offset + buffer.length);
  readHeaders(r, buffer);
  const top = r.pointer(buffer, 'ReferentID', 'PKERB_VALIDATION_INFO');
  if (top === 0) fail(r.pos - 4, 'the logon information pointer is null');
  const deferred: Deferred[] = [];
  const v = r.group(
    buffer,
    'KERB_VALIDATION_INFO',
    'KERB_VALIDATION_INFO',
    VALIDATION_SPEC,
    (node) => {
      const info: Partial<KerbValidationInfo> = {};
      info.LogonTime = r.filetime(node, 'LogonTime');
      info.LogoffTime = r.filetime(node, 'LogoffTime');
      info.KickOffTime = r.filetime(node, 'KickOffTime');
      info.PasswordLastSet = r.filetime(node, 'PasswordLastSet');
      info.PasswordCanChange = r.filetime(node, 'PasswordCanChange');
      info.PasswordMustChange = r.filetime(node, 'PasswordMustChange');
      info.EffectiveName = readUnicodeString(r, node, 'EffectiveName', deferred, buffer);
      info.FullName = readUnicodeString(r, node, 'FullName', deferred, buffer);
      info.LogonScript = readUnicodeString(r, node, 'LogonScript', deferred, buffer);
      info.ProfilePath = readUnicodeString(r, node, 'ProfilePath', deferred, buffer);
      info.HomeDirectory = readUnicodeString(r, node, 'HomeDirectory', deferred, buffer);
      info.HomeDirectoryDrive = readUnicodeString(r, node, 'HomeDirectoryDrive', deferred, buffer);
      info.LogonCount = r.u16(node, 'LogonCount');
      info.BadPasswordCount = r.u16(node, 'BadPasswordCount');
      info.UserId = r.u32(node, 'UserId');
      info.PrimaryGroupId = r.u32(node, 'PrimaryGroupId');
      const primary = ridName(info.PrimaryGroupId);
      if (primary) node.children![node.children!.length - 1].label = primary;
      info.GroupCount = r.u32(node, 'GroupCount');
      info.GroupIds = [];
      const groupsRef = r.pointer(node, 'GroupIds', 'PGROUP_MEMBERSHIP');
      const groupsNode = node.children![node.children!.length - 1];
      if (groupsRef !== 0)
        deferred.push(() => {
          r.align(4);
          info.GroupIds = readGroupArray(r, buffer, 'GroupIds', info.GroupCount!);
          groupsNode.value = info.GroupIds.map((g) => g.RelativeId).join(', ');
        });
      info.UserFlags = r.flags(node, 'UserFlags', USER_FLAGS);
      r.need(16, 'UserSessionKey');
      info.UserSessionKey = toHex(ctx.bytes, r.pos, r.pos + 16);
      r.leaf(node, 'UserSessionKey', 16, 'USER_SESSION_KEY', info.UserSessionKey);
      info.LogonServer = readUnicodeString(r, node, 'LogonServer', deferred, buffer);
      info.LogonDomainName = readUnicodeString(r, node, 'LogonDomainName', deferred, buffer);
      info.LogonDomainId = null;
      const domainRef = r.pointer(node, 'LogonDomainId', 'PISID');
      const domainNode = node.children![node.children!.length - 1];
      if (domainRef !== 0)
        deferred.push(() => {
          r.align(4);
          info.LogonDomainId = readRpcSid(r, buffer, 'LogonDomainId');
          domainNode.value = info.LogonDomainId;
        });
      r.u32(node, 'Reserved1');
      r.u32(node, 'Reserved1');
      info.UserAccountControl = r.flags(node, 'UserAccountControl', USER_ACCOUNT_CONTROL);
      info.SubAuthStatus = r.u32(node, 'SubAuthStatus');
      info.LastSuccessfulILogon = r.filetime(node, 'LastSuccessfulILogon');
      info.LastFailedILogon = r.filetime(node, 'LastFailedILogon');
      info.FailedILogonCount = r.u32(node, 'FailedILogonCount');
      r.u32(node, 'Reserved3');
      info.SidCount = r.u32(node, 'SidCount');
      info.ExtraSids = [];
      const sidsRef = r.pointer(node, 'ExtraSids', 'PKERB_SID_AND_ATTRIBUTES');
      const sidsNode = node.children![node.children!.length - 1];
      if (sidsRef !== 0)
        deferred.push(() => {
          r.align(4);
          info.ExtraSids = readSidArray(r, buffer, 'ExtraSids', info.SidCount!);
          sidsNode.value = info.ExtraSids.map((s) => s.Sid ?? 'null').join(', ');
        });
      info.ResourceGroupDomainSid = null;
      const resourceDomainRef = r.pointer(node, 'ResourceGroupDomainSid', 'PISID');
      const resourceDomainNode = node.children![node.children!.length - 1];
      if (resourceDomainRef !== 0)
        deferred.push(() => {
          r.align(4);
          info.ResourceGroupDomainSid = readRpcSid(r, buffer, 'ResourceGroupDomainSid');
          resourceDomainNode.value = info.ResourceGroupDomainSid;
        });
      info.ResourceGroupCount = r.u32(node, 'ResourceGroupCount');
      info.ResourceGroupIds = [];
      const resourceRef = r.pointer(node, 'ResourceGroupIds', 'PGROUP_MEMBERSHIP');
      const resourceNode = node.children![node.children!.length - 1];
      if (resourceRef !== 0)
        deferred.push(() => {
          r.align(4);
          info.ResourceGroupIds = readGroupArray(
            r,
            buffer,
            'ResourceGroupIds',
            info.ResourceGroupCount!,
          );
          resourceNode.value = info.ResourceGroupIds.map((g) => g.RelativeId).join(', ');
        });
      return info as KerbValidationInfo;
    },
  );
  for (const read of deferred) read();
  const name = v.EffectiveName.text ?? '';
  const domain = v.LogonDomainName.text ?? '';
  const groups = v.GroupIds.length;
  buffer.label = `${domain ? `${domain}\\` : ''}${name}, RID ${v.UserId}, ${groups} group${groups === 1 ? '' : 's'}`;
  return v;
}

/**
 * Reads S4U_DELEGATION_INFO's bytes (MS-PAC §2.9): the NDR headers, the top-level pointer, the
 * structure, then S4U2proxyTarget's characters and the S4UTransitedServices array (each element
 * an RPC_UNICODE_STRING whose characters follow the array, in order).
 */
export function readS4uDelegationInfo(ctx: DecodeContext, buffer: Node): S4uDelegationInfo {
  const r = new NdrReader(ctx, buffer.offset, buffer.offset + buffer.length);
  readHeaders(r, buffer);
  const top = r.pointer(buffer, 'ReferentID', 'PS4U_DELEGATION_INFO');
  if (top === 0) fail(r.pos - 4, 'the delegation information pointer is null');
  const deferred: Deferred[] = [];
  let listRef = 0;
  let listNode: Node | undefined;
  const v = r.group(
    buffer,
    'S4U_DELEGATION_INFO',
    'S4U_DELEGATION_INFO',
    DELEGATION_SPEC,
    (node) => {
      const S4U2proxyTarget = readUnicodeString(r, node, 'S4U2proxyTarget', deferred, buffer);
      const TransitedListSize = r.u32(node, 'TransitedListSize');
      listRef = r.pointer(node, 'S4UTransitedServices', 'PRPC_UNICODE_STRING');
      listNode = node.children![node.children!.length - 1];
      return { S4U2proxyTarget, TransitedListSize, S4UTransitedServices: [] as RpcUnicodeString[] };
    },
  );
  for (const read of deferred) read();
  if (listRef !== 0) {
    r.align(4);
    v.S4UTransitedServices = r.group(
      buffer,
      'S4UTransitedServices',
      'RPC_UNICODE_STRING[]',
      undefined,
      (node) => {
        const at = r.pos;
        const n = r.count(node, 'MaxCount', 8, 'S4UTransitedServices');
        if (n !== v.TransitedListSize)
          warn(r.ctx, node, at, `${n} elements but TransitedListSize says ${v.TransitedListSize}`);
        const inner: Deferred[] = [];
        const services: RpcUnicodeString[] = [];
        for (let i = 0; i < n; i++)
          services.push(readUnicodeString(r, node, 'RPC_UNICODE_STRING', inner, node, 'Buffer'));
        // The array's embedded pointers are resolved right after it, in order.
        for (const read of inner) read();
        node.value = services.map((s) => s.text ?? 'null').join(', ');
        if (listNode) listNode.value = node.value;
        return services;
      },
    );
  }
  buffer.label = v.S4U2proxyTarget.text ?? '';
  return v;
}
