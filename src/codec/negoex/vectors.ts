import { leaf } from '../binary';
import { addChild, type Node } from '../tree';
import { NEGOEX_AUTH_SCHEMES } from '../../data/negoex';
import type { PayloadField } from '../ntlm/payload';
import { guidToString } from './guid';
import { readU16LE, readU32LE } from '../../bytes';

/**
 * NEGOEX vectors [MS-NEGOEX §2.2.5.2]: BYTE_VECTOR (ULONG offset, ULONG length) and the
 * USHORT-count vectors (ULONG offset, USHORT count, 2 bytes of C struct padding). Offsets are
 * relative to the start of the NEGOEX message. Each reader returns the payload item its vector
 * points at, in the shape the shared payload placer takes.
 */

/** A GUID field, named by the known-scheme table when it is an AuthScheme. */
export function guidLeaf(
  bytes: Uint8Array,
  parent: Node,
  name: string,
  at: number,
  spec?: string,
): Node {
  const guid = guidToString(bytes, at);
  return leaf(bytes, parent, name, at, 16, {
    type: 'GUID',
    value: guid,
    label: name === 'AuthScheme' ? (NEGOEX_AUTH_SCHEMES[guid] ?? 'unknown auth scheme') : undefined,
    spec,
  });
}

export function readByteVector(
  bytes: Uint8Array,
  parent: Node,
  at: number,
  name: string,
  spec: string,
): PayloadField {
  const offset = readU32LE(bytes, at);
  const len = readU32LE(bytes, at + 4);
  const node = addChild(parent, {
    name,
    offset: at,
    length: 8,
    type: 'BYTE_VECTOR',
    spec: 'MS-NEGOEX §2.2.5.2',
    label: len === 0 ? 'empty' : `${len} bytes at offset ${offset}`,
  });
  leaf(bytes, node, 'ByteArrayOffset', at, 4, { type: 'uint32le', value: offset });
  leaf(bytes, node, 'ByteArrayLength', at + 4, 4, { type: 'uint32le', value: len });
  return {
    name: `${name}Bytes`,
    node,
    len,
    maxLen: len,
    offset,
    spec,
    lenAt: at + 4,
    offsetAt: at,
  };
}

export type CountVectorKind = 'AuthScheme' | 'Extension' | 'Alert';

const ELEMENT_SIZE: Record<CountVectorKind, number> = { AuthScheme: 16, Extension: 12, Alert: 12 };
const VECTOR_TYPE: Record<CountVectorKind, string> = {
  AuthScheme: 'AUTH_SCHEME_VECTOR',
  Extension: 'EXTENSION_VECTOR',
  Alert: 'ALERT_VECTOR',
};

export interface CountVector {
  field: PayloadField;
  count: number;
}

/**
 * A counted vector at `at`: 8 bytes in the Microsoft layout, 6 when `packed` (MIT and Heimdal
 * write NEGO_MESSAGE's two vectors back to back: MIT krb5 negoex_util.c, negoex_add_nego_message()).
 */
export function readCountVector(
  bytes: Uint8Array,
  parent: Node,
  at: number,
  name: string,
  kind: CountVectorKind,
  spec: string,
  packed = false,
): CountVector {
  const offset = readU32LE(bytes, at);
  const count = readU16LE(bytes, at + 4);
  const size = ELEMENT_SIZE[kind];
  const node = addChild(parent, {
    name,
    offset: at,
    length: packed ? 6 : 8,
    type: VECTOR_TYPE[kind],
    spec: 'MS-NEGOEX §2.2.5.2',
    label: count === 0 ? 'empty' : `${count} × ${size} bytes at offset ${offset}`,
  });
  leaf(bytes, node, `${kind}ArrayOffset`, at, 4, { type: 'uint32le', value: offset });
  leaf(bytes, node, `${kind}Count`, at + 4, 2, { type: 'uint16le', value: count });
  if (!packed) leaf(bytes, node, 'Padding', at + 6, 2, { type: 'bytes' });
  const len = count * size;
  return {
    count,
    field: {
      name: `${kind}Array`,
      node,
      len,
      maxLen: len,
      offset,
      spec,
      lenAt: at + 4,
      offsetAt: at,
    },
  };
}
