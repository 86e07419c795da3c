import { decodeElement } from '../../../codec/asn1/decode';
import type { Schema } from '../../../codec/asn1/schema';
import { createContext, DecodeError } from '../../../codec/context';
import { decodeToken } from '../../../codec/token';
import type { Node } from '../../../codec/tree';
import type { PrincipalValue } from './principals';
import { fromHex } from '../../../bytes';

/**
 * Reading Kerberos messages back through the project's one decoder: the nodes it builds carry
 * numbers, strings, ISO times and hex, which these helpers turn into values. A missing or
 * mistyped field throws ReadError, which the mechanism reports as a defective token.
 */
export class ReadError extends Error {}

export function child(node: Node, name: string): Node | undefined {
  return node.children?.find((c) => c.name === name);
}

function need(node: Node, name: string): Node {
  const found = child(node, name);
  if (!found) throw new ReadError(`${node.name} has no ${name}`);
  return found;
}

export function num(node: Node, name: string): number {
  const v = need(node, name).value;
  if (typeof v !== 'number') throw new ReadError(`${node.name}.${name} is not a small integer`);
  return v;
}

export function optNum(node: Node, name: string): number | undefined {
  return child(node, name) ? num(node, name) : undefined;
}

export function str(node: Node, name: string): string {
  const v = need(node, name).value;
  if (typeof v !== 'string') throw new ReadError(`${node.name}.${name} is not a string`);
  return v;
}

/** An OCTET STRING's bytes (the decoder shows them as hex). */
export function octets(node: Node, name: string): Uint8Array {
  const field = need(node, name);
  if (typeof field.value !== 'string')
    throw new ReadError(`${node.name}.${name} is not plain bytes`);
  return fromHex(field.value);
}

/** The content octets of a decoded element, headers (tags folded in) excluded. */
export function rawContent(bytes: Uint8Array, node: Node): Uint8Array {
  return bytes.slice(node.offset + (node.headerLength ?? 0), node.offset + node.length);
}

export function sub(node: Node, name: string): Node {
  return need(node, name);
}

export function principal(node: Node, name: string): PrincipalValue {
  const p = need(node, name);
  return {
    'name-type': num(p, 'name-type'),
    'name-string': (need(p, 'name-string').children ?? []).map((c) => String(c.value)),
  };
}

/** KerberosFlags as a 32-bit number (the decoder gives the bits as hex). */
export function flags(node: Node, name: string): number {
  const hex = String(need(node, name).value ?? '');
  return Number.parseInt(hex.padEnd(8, '0').slice(0, 8), 16) >>> 0;
}

/** An EncryptionKey field's etype and key bytes. */
export function key(node: Node, name: string): { keytype: number; keyvalue: Uint8Array } {
  const k = need(node, name);
  return { keytype: num(k, 'keytype'), keyvalue: octets(k, 'keyvalue') };
}

/** Decrypted plaintext as exactly one `schema` element, or null when it is not one. */
export function decodeAs(schema: Schema, bytes: Uint8Array): Node | null {
  const ctx = createContext(bytes);
  try {
    const node = decodeElement(ctx, null, schema, 0, bytes.length);
    return ctx.errors.length === 0 && node.length === bytes.length ? node : null;
  } catch (e) {
    if (e instanceof DecodeError) return null;
    throw e;
  }
}

export type ContextToken =
  | { kind: 'token'; mechOid: string; tokId: string; message: Node }
  | { kind: 'defective'; reason: string };

/** A GSS-framed Kerberos context token (RFC 4121 §4.1): thisMech, TOK_ID and the message. */
export function readContextToken(token: Uint8Array): ContextToken {
  const { root, errors } = decodeToken(token);
  if (errors.length > 0) return { kind: 'defective', reason: errors[0].message };
  if (root.name !== 'InitialContextToken') {
    return { kind: 'defective', reason: `a ${root.name}, not a GSS-framed Kerberos token` };
  }
  const mech = child(root, 'thisMech');
  const tok = child(root, 'TOK_ID');
  const message = root.children?.[2];
  if (!mech || !tok || !message) return { kind: 'defective', reason: 'no Kerberos message inside' };
  return { kind: 'token', mechOid: String(mech.value), tokId: String(tok.value), message };
}
