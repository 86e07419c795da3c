/**
 * Helpers for the Kerberos tests: the GSS/SPNEGO layer is decoded elsewhere, so these find and
 * unwrap just enough of it to reach the Kerberos bytes, and check the tree invariants. Pure
 * TypeScript over bytes; the tests read the fixture files.
 */
import { contain, createContext, DecodeError, type DecodeContext } from '../codec/context';
import { readTlv } from '../codec/der/reader';
import { readOid } from '../codec/der/values';
import { KERBEROS_FAMILY_OIDS } from '../data/oids';
import { checkTreeInvariants } from './invariants';
import { walk, type Node } from '../codec/tree';
import { decodeKerberosFramedBody } from '../codec/kerberos/framing';
import { decodeKerberosMessage, isKerberosMessageTag } from '../codec/kerberos/messages';
import { decodePerMessageToken, isPerMessageToken } from '../codec/kerberos/per-message';

const MECHS = new Set(KERBEROS_FAMILY_OIDS);

export interface Embedded {
  kind: 'framed' | 'message' | 'per-message';
  start: number;
  end: number;
  /** Framed only: thisMech and where the TOK_ID starts. */
  mech?: string;
  body?: number;
}

/** A `60` InitialContextToken for a Kerberos mechanism at `start`, or undefined. */
function framed(bytes: Uint8Array, start: number, end: number): Embedded | undefined {
  try {
    const token = readTlv(bytes, start, end);
    const oid = readTlv(bytes, token.contentOffset, token.end);
    if (token.tag !== 0x60 || oid.tag !== 0x06) return undefined;
    const mech = readOid(bytes, oid.contentOffset, oid.end);
    if (!MECHS.has(mech)) return undefined;
    return { kind: 'framed', start, end: token.end, mech, body: oid.end };
  } catch (e) {
    if (e instanceof DecodeError) return undefined;
    throw e;
  }
}

/** Whether one DER element fills `[start, end)` exactly (an OCTET STRING holding a message). */
function fills(bytes: Uint8Array, start: number, end: number): boolean {
  try {
    return readTlv(bytes, start, end).end === end;
  } catch (e) {
    if (e instanceof DecodeError) return false;
    throw e;
  }
}

function classify(bytes: Uint8Array, start: number, end: number): Embedded | undefined {
  if (start >= end) return undefined;
  if (bytes[start] === 0x60) return framed(bytes, start, end);
  if (isKerberosMessageTag(bytes[start]) && fills(bytes, start, end)) {
    return { kind: 'message', start, end };
  }
  if (isPerMessageToken(bytes, start, end)) return { kind: 'per-message', start, end };
  return undefined;
}

/**
 * Every Kerberos token inside `bytes`: the whole thing, or mechTokens / responseTokens /
 * mechListMICs inside SPNEGO (OCTET STRINGs walked iteratively, so hostile nesting cannot recurse).
 */
export function findKerberos(bytes: Uint8Array): Embedded[] {
  const whole = classify(bytes, 0, bytes.length);
  if (whole) return [whole];
  const found: Embedded[] = [];
  const stack: [number, number][] = [[0, bytes.length]];
  while (stack.length > 0) {
    const [start, end] = stack.pop()!;
    let pos = start;
    while (pos < end) {
      try {
        const tlv = readTlv(bytes, pos, end);
        if (tlv.tag === 0x04) {
          const inner = classify(bytes, tlv.contentOffset, tlv.end);
          if (inner) found.push(inner);
        } else if (tlv.tag === 0x60) {
          // Non-Kerberos framing (SPNEGO): its contents follow the OID.
          stack.push([readTlv(bytes, tlv.contentOffset, tlv.end).end, tlv.end]);
        } else if (tlv.constructed) {
          stack.push([tlv.contentOffset, tlv.end]);
        }
        pos = tlv.end;
      } catch (e) {
        if (e instanceof DecodeError) break;
        throw e;
      }
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

export interface Decoded {
  ctx: DecodeContext;
  root: Node;
}

/** Decodes the Kerberos parts of a token into a root covering the whole token. */
export function decodeKerberosParts(bytes: Uint8Array, parts = findKerberos(bytes)): Decoded {
  const ctx = createContext(bytes);
  const root: Node = { name: 'token', offset: 0, length: bytes.length, children: [] };
  for (const part of parts) {
    if (part.kind === 'framed') {
      const gss: Node = {
        name: 'InitialContextToken',
        offset: part.start,
        length: part.end - part.start,
        children: [],
      };
      root.children!.push(gss);
      contain(ctx, gss, () => decodeKerberosFramedBody(ctx, gss, part.body!, part.end, part.mech!));
    } else {
      const holder: Node = { name: 'embedded', offset: part.start, length: part.end - part.start };
      root.children!.push(holder);
      contain(ctx, holder, () => {
        if (part.kind === 'message') decodeKerberosMessage(ctx, holder, part.start, part.end);
        else decodePerMessageToken(ctx, holder, part.start, part.end);
      });
    }
  }
  return { ctx, root };
}

/**
 * Tree invariants: the project's (inside the token, children inside the parent, in order, not
 * overlapping) plus one more: children start after their parent's headers.
 */
export function treeViolations(root: Node, tokenLength: number): string[] {
  const problems = checkTreeInvariants(root, tokenLength);
  walk(root, (node, _depth, parent) => {
    if (parent && node.offset < parent.offset + (parent.headerLength ?? 0)) {
      problems.push(`${node.name}@${node.offset} starts inside the headers of ${parent.name}`);
    }
  });
  return problems;
}

/** Nodes below `root` without a `spec` (generic ASN.1 of unknown meaning excepted). */
export function nodesWithoutSpec(root: Node): string[] {
  const missing: string[] = [];
  walk(root, (node, depth) => {
    if (depth === 0 || node.spec || node.name === 'end-of-contents') return;
    if (['InitialContextToken', 'embedded'].includes(node.name)) return;
    missing.push(`${node.name}@${node.offset}`);
  });
  return missing;
}
