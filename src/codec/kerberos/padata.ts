import { boolean, integer, octetString } from '../asn1/primitives';
import { sequence, sequenceOf, type Schema, type SchemaValue } from '../asn1/schema';
import { leaf } from '../binary';
import { printable, readInteger } from '../der/values';
import {
  ETYPES,
  KERB_ERROR_DATA_TYPE,
  KERB_ERROR_DATA_TYPES,
  NTSTATUS,
  PAC_OPTIONS,
  PADATA_TYPES,
} from '../../data/kerberos';
import { DecodeError, type DecodeContext } from '../context';
import { readTlv } from '../der/reader';
import type { Node } from '../tree';
import { AP_REQ } from './ap';
import { child, childValue, contentRange, decodeWhole, kerberosFlags, refined } from './refine';
import {
  Checksum,
  EncryptedData,
  fieldsOf,
  Int32,
  KerberosString,
  PrincipalName,
  Realm,
} from './types';
import { decodeLatin1, readU32LE, toHex } from '../../bytes';

/** Pre-authentication data and the structures KDCs put in it (RFC 4120 §5.2.7, MS-KILE, MS-SFU). */

const S5274 = 'RFC 4120 §5.2.7.4';
const ei = fieldsOf(S5274);
export const ETYPE_INFO_ENTRY = sequence(
  'ETYPE-INFO-ENTRY',
  [
    ei.req(0, 'etype', Int32(ETYPES, S5274)),
    ei.opt(1, 'salt', octetString('OCTET STRING', undefined, S5274)),
  ],
  S5274,
);
export const ETYPE_INFO = sequenceOf('ETYPE-INFO', ETYPE_INFO_ENTRY, S5274);

const S5275 = 'RFC 4120 §5.2.7.5';
const ei2 = fieldsOf(S5275);
export const ETYPE_INFO2_ENTRY = sequence(
  'ETYPE-INFO2-ENTRY',
  [
    ei2.req(0, 'etype', Int32(ETYPES, S5275)),
    ei2.opt(1, 'salt', KerberosString),
    ei2.opt(2, 's2kparams', octetString('OCTET STRING', undefined, S5275)),
  ],
  S5275,
);
export const ETYPE_INFO2 = sequenceOf('ETYPE-INFO2', ETYPE_INFO2_ENTRY, S5275);

const KILE223 = 'MS-KILE §2.2.3';
export const KERB_PA_PAC_REQUEST = sequence(
  'KERB-PA-PAC-REQUEST',
  [fieldsOf(KILE223).req(0, 'include-pac', boolean('BOOLEAN', KILE223))],
  KILE223,
);

const KILE2210 = 'MS-KILE §2.2.10';
export const PA_PAC_OPTIONS = sequence(
  'PA-PAC-OPTIONS',
  [fieldsOf(KILE2210).req(0, 'options', kerberosFlags('PAC-OPTIONS-FLAGS', PAC_OPTIONS, KILE2210))],
  KILE2210,
);

const SFU = 'MS-SFU §2.2.1';
const fu = fieldsOf(SFU);
export const PA_FOR_USER = sequence(
  'PA-FOR-USER-ENC',
  [
    fu.req(0, 'userName', PrincipalName),
    fu.req(1, 'userRealm', Realm),
    fu.req(2, 'cksum', Checksum),
    fu.req(3, 'auth-package', KerberosString),
  ],
  SFU,
);

/** padata-value structures by padata-type, with the name their value node gets. */
const PADATA_VALUES: Record<number, { schema: () => Schema; name: string }> = {
  1: { schema: () => AP_REQ, name: 'AP-REQ' },
  2: { schema: () => EncryptedData, name: 'PA-ENC-TIMESTAMP' },
  11: { schema: () => ETYPE_INFO, name: 'ETYPE-INFO' },
  19: { schema: () => ETYPE_INFO2, name: 'ETYPE-INFO2' },
  128: { schema: () => KERB_PA_PAC_REQUEST, name: 'KERB-PA-PAC-REQUEST' },
  129: { schema: () => PA_FOR_USER, name: 'PA-FOR-USER-ENC' },
  138: { schema: () => EncryptedData, name: 'PA-ENCRYPTED-CHALLENGE' },
  167: { schema: () => PA_PAC_OPTIONS, name: 'PA-PAC-OPTIONS' },
};

const PA_SALT = 3;

/** Decodes a padata-value whose padata-type we know; anything else stays hex. */
function decodePadataValue(ctx: DecodeContext, node: Node): void {
  const type = childValue(node, 'padata-type');
  const value = child(node, 'padata-value');
  if (typeof type !== 'number' || !value) return;
  const [start, end] = contentRange(value);
  if (type === PA_SALT) {
    // PA-PW-SALT is the salt string itself, no ASN.1 (RFC 4120 §5.2.7.3).
    value.label = printable(decodeLatin1(ctx.bytes, start, end));
    return;
  }
  const known = PADATA_VALUES[type];
  if (known && end > start) decodeWhole(ctx, value, known.schema(), start, end, known.name);
}

const S527 = 'RFC 4120 §5.2.7';
const pa = fieldsOf(S527);
/** PA-DATA; note the first tag is [1] (RFC 4120 §5.2.7). */
export const PA_DATA = refined(
  sequence(
    'PA-DATA',
    [
      pa.req(1, 'padata-type', Int32(PADATA_TYPES, S527)),
      pa.req(2, 'padata-value', octetString('OCTET STRING', undefined, S527)),
    ],
    S527,
  ),
  decodePadataValue,
);
export const METHOD_DATA = sequenceOf('METHOD-DATA', PA_DATA, 'RFC 4120 §5.9.1');

const S591 = 'RFC 4120 §5.9.1';
const td = fieldsOf(S591);
export const TYPED_DATA = sequenceOf(
  'TYPED-DATA',
  sequence(
    'TypedData',
    [
      td.req(0, 'data-type', Int32(PADATA_TYPES, S591)),
      td.opt(1, 'data-value', octetString('OCTET STRING', undefined, S591)),
    ],
    S591,
  ),
  S591,
);

const KILE221 = 'MS-KILE §2.2.1';

/** KERB-EXT-ERROR (MS-KILE §2.2.2): three little-endian u32s, the first an NTSTATUS. */
function decodeExtError(ctx: DecodeContext, node: Node): void {
  const value = child(node, 'data-value');
  if (childValue(node, 'data-type') !== KERB_ERROR_DATA_TYPE.extended || !value) return;
  const [start, end] = contentRange(value);
  if (end - start !== 12) return;
  const b = ctx.bytes;
  const spec = 'MS-KILE §2.2.2';
  const status = readU32LE(b, start);
  delete value.value;
  value.label = 'KERB-EXT-ERROR';
  leaf(b, value, 'status', start, 4, {
    type: 'uint32le',
    value: status,
    label: NTSTATUS[status] ?? `NTSTATUS 0x${status.toString(16).padStart(8, '0')}`,
    spec,
  });
  leaf(b, value, 'reserved', start + 4, 4, {
    type: 'uint32le',
    value: readU32LE(b, start + 4),
    spec,
  });
  leaf(b, value, 'flags', start + 8, 4, { type: 'uint32le', value: readU32LE(b, start + 8), spec });
}

export const KERB_ERROR_DATA = refined(
  sequence(
    'KERB-ERROR-DATA',
    [
      fieldsOf(KILE221).req(1, 'data-type', integer('INTEGER', KERB_ERROR_DATA_TYPES, KILE221)),
      fieldsOf(KILE221).opt(2, 'data-value', octetString('OCTET STRING', undefined, KILE221)),
    ],
    KILE221,
  ),
  decodeExtError,
);

/**
 * KRB-ERROR e-data (RFC 4120 §5.9.1): METHOD-DATA (PREAUTH errors), TYPED-DATA, or Windows'
 * KERB-ERROR-DATA (MS-KILE §2.2.1), whose shape is a lone PA-DATA's; data-types 2 and 3 decide
 * for KERB-ERROR-DATA. Whatever parses as none of them stays hex: e-data is never a failure.
 */
export function decodeEData(ctx: DecodeContext, node: Node, start: number, end: number): void {
  if (decodeWhole(ctx, node, METHOD_DATA, start, end)) return;
  if (decodeWhole(ctx, node, TYPED_DATA, start, end)) return;
  const type = leadingType(ctx.bytes, start, end);
  const single =
    type === KERB_ERROR_DATA_TYPE.skewRecovery || type === KERB_ERROR_DATA_TYPE.extended
      ? KERB_ERROR_DATA
      : PA_DATA;
  if (decodeWhole(ctx, node, single, start, end)) return;
  node.value = toHex(ctx.bytes, start, end);
  node.label = 'not METHOD-DATA, TYPED-DATA or KERB-ERROR-DATA';
}

/** The INTEGER in `SEQUENCE { [1] INTEGER, ... }` at `start`, if that is what is there. */
function leadingType(bytes: Uint8Array, start: number, end: number): number | string | undefined {
  try {
    const seq = readTlv(bytes, start, end);
    const tag = readTlv(bytes, seq.contentOffset, seq.end);
    const int = readTlv(bytes, tag.contentOffset, tag.end);
    if (seq.tag !== 0x30 || tag.tag !== 0xa1 || int.tag !== 0x02) return undefined;
    return readInteger(bytes, int.contentOffset, int.end);
  } catch (e) {
    if (e instanceof DecodeError) return undefined;
    throw e;
  }
}

export type PaData = SchemaValue<typeof PA_DATA>;
export type MethodData = SchemaValue<typeof METHOD_DATA>;
export type EtypeInfo2 = SchemaValue<typeof ETYPE_INFO2>;
export type KerbErrorData = SchemaValue<typeof KERB_ERROR_DATA>;
