import {
  generalString,
  generalizedTime,
  integer,
  octetString,
  type NameTable,
} from '../asn1/primitives';
import {
  field,
  optional,
  sequence,
  sequenceOf,
  type Schema,
  type SchemaValue,
} from '../asn1/schema';
import { printable } from '../der/values';
import {
  AD_TYPES,
  ADDRESS_TYPES,
  AP_OPTIONS,
  CKSUMTYPES,
  ETYPES,
  KDC_OPTIONS,
  MSG_TYPES,
  NAME_TYPES,
  TICKET_FLAGS,
} from '../../data/kerberos';
import { child, childValue, contentRange, decodeWhole, kerberosFlags, refined } from './refine';
import { decodeLatin1 } from '../../bytes';

/** The basic Kerberos types of RFC 4120 §5.2 (the whole module is RFC 4120 App. A). */

const S521 = 'RFC 4120 §5.2.1';

export const Int32 = (names?: NameTable, spec = 'RFC 4120 §5.2.4') => integer('Int32', names, spec);
export const UInt32 = (spec = 'RFC 4120 §5.2.4') => integer('UInt32', undefined, spec);
export const Microseconds = (spec = 'RFC 4120 §5.2.4') => integer('Microseconds', undefined, spec);
export const Pvno = (spec: string) => integer('INTEGER', undefined, spec);
export const MsgType = (spec: string) => integer('INTEGER', MSG_TYPES, spec);

export const KerberosString = generalString('KerberosString', S521);
export const Realm = generalString('Realm', 'RFC 4120 §5.2.2');
export const KerberosTime = generalizedTime('KerberosTime', 'RFC 4120 §5.2.3');

/** Builds fields that all cite the section of the structure they belong to. */
export function fieldsOf(spec: string) {
  return {
    req: <const N extends string, T>(tag: number, name: N, type: Schema<T>) =>
      field(tag, name, type, { spec }),
    opt: <const N extends string, T>(tag: number, name: N, type: Schema<T>) =>
      optional(tag, name, type, spec),
  };
}

/**
 * `pvno` and `msg-type`, the fields every Kerberos message starts with: at [0] and [1], or at [1]
 * and [2] in KDC-REQ (RFC 4120 §5.4.1).
 */
export function messageHeader(spec: string, first = 0) {
  const f = fieldsOf(spec);
  return [f.req(first, 'pvno', Pvno(spec)), f.req(first + 1, 'msg-type', MsgType(spec))] as const;
}

const pn = fieldsOf('RFC 4120 §5.2.2');
/** PrincipalName; the node's label is the name as usually written (`HTTP/host`). */
export const PrincipalName = refined(
  sequence(
    'PrincipalName',
    [
      pn.req(0, 'name-type', Int32(NAME_TYPES, 'RFC 4120 §5.2.2')),
      pn.req(1, 'name-string', sequenceOf('SEQUENCE OF KerberosString', KerberosString, S521)),
    ],
    'RFC 4120 §5.2.2',
  ),
  (_ctx, node) => {
    const parts = child(node, 'name-string')?.children?.map((c) => String(c.value)) ?? [];
    node.label = printable(parts.join('/'));
  },
);

const ha = fieldsOf('RFC 4120 §5.2.5');
/** HostAddress; IPv4/IPv6/NetBIOS addresses are shown in their usual text form as the label. */
export const HostAddress = refined(
  sequence(
    'HostAddress',
    [
      ha.req(0, 'addr-type', Int32(ADDRESS_TYPES, 'RFC 4120 §5.2.5')),
      ha.req(1, 'address', octetString('OCTET STRING', undefined, 'RFC 4120 §5.2.5')),
    ],
    'RFC 4120 §5.2.5',
  ),
  (ctx, node) => {
    const address = child(node, 'address');
    if (!address) return;
    const [start, end] = contentRange(address);
    const bytes = ctx.bytes.subarray(start, end);
    const type = childValue(node, 'addr-type');
    if (type === 2 && bytes.length === 4) address.label = Array.from(bytes).join('.');
    else if (type === 24 && bytes.length === 16) {
      const groups: string[] = [];
      for (let i = 0; i < 16; i += 2) groups.push(((bytes[i] << 8) | bytes[i + 1]).toString(16));
      address.label = groups.join(':');
    } else if (type === 20) {
      // NetBIOS names are 16 bytes, space padded (RFC 4120 §7.5.3 points to RFC 1001).
      address.label = printable(decodeLatin1(ctx.bytes, start, end).trimEnd());
    }
  },
);
export const HostAddresses = sequenceOf('HostAddresses', HostAddress, 'RFC 4120 §5.2.5');

/** ad-types whose ad-data is itself AuthorizationData (RFC 4120 §5.2.6.1, §5.2.6.4). */
const AD_CONTAINERS = new Set([1, 8]);

const ad = fieldsOf('RFC 4120 §5.2.6');
/** One authorization element; AD-IF-RELEVANT and AD-MANDATORY-FOR-KDC are opened. */
export const AuthorizationDataElement = refined(
  sequence(
    'AuthorizationDataElement',
    [
      ad.req(0, 'ad-type', Int32(AD_TYPES, 'RFC 4120 §5.2.6')),
      ad.req(1, 'ad-data', octetString('OCTET STRING', undefined, 'RFC 4120 §5.2.6')),
    ],
    'RFC 4120 §5.2.6',
  ),
  (ctx, node) => {
    const data = child(node, 'ad-data');
    const type = childValue(node, 'ad-type');
    if (!data || typeof type !== 'number' || !AD_CONTAINERS.has(type)) return;
    const [start, end] = contentRange(data);
    if (end > start) decodeWhole(ctx, data, AuthorizationData, start, end);
  },
);
export const AuthorizationData = sequenceOf(
  'AuthorizationData',
  AuthorizationDataElement,
  'RFC 4120 §5.2.6',
);

export const APOptions = kerberosFlags('APOptions', AP_OPTIONS, 'RFC 4120 §5.5.1');
export const TicketFlags = kerberosFlags('TicketFlags', TICKET_FLAGS, 'RFC 4120 §5.3');
export const KDCOptions = kerberosFlags('KDCOptions', KDC_OPTIONS, 'RFC 4120 §5.4.1');

const S529 = 'RFC 4120 §5.2.9';
const cr = fieldsOf(S529);
/** EncryptedData; we hold no keys, so the cipher stays hex and the label sums it up. */
export const EncryptedData = refined(
  sequence(
    'EncryptedData',
    [
      cr.req(0, 'etype', Int32(ETYPES, S529)),
      cr.opt(1, 'kvno', UInt32(S529)),
      cr.req(2, 'cipher', octetString('OCTET STRING', undefined, S529)),
    ],
    S529,
  ),
  (_ctx, node) => {
    const etype = child(node, 'etype');
    const kvno = child(node, 'kvno');
    const cipher = child(node, 'cipher');
    const size = cipher ? contentRange(cipher)[1] - contentRange(cipher)[0] : 0;
    node.label = [
      etype?.label ?? `etype ${etype?.value}`,
      kvno ? `kvno ${kvno.value}` : undefined,
      `${size}-byte cipher`,
    ]
      .filter(Boolean)
      .join(', ');
  },
);

export const EncryptionKey = sequence(
  'EncryptionKey',
  [
    cr.req(0, 'keytype', Int32(ETYPES, S529)),
    cr.req(1, 'keyvalue', octetString('OCTET STRING', undefined, S529)),
  ],
  S529,
);

export const Checksum = sequence(
  'Checksum',
  [
    cr.req(0, 'cksumtype', Int32(CKSUMTYPES, S529)),
    cr.req(1, 'checksum', octetString('OCTET STRING', undefined, S529)),
  ],
  S529,
);

/* The typed values (what readDer gives and toDer takes), named as RFC 4120 App. A names them. */
export type PrincipalName = SchemaValue<typeof PrincipalName>;
export type HostAddress = SchemaValue<typeof HostAddress>;
export type HostAddresses = SchemaValue<typeof HostAddresses>;
export type AuthorizationData = SchemaValue<typeof AuthorizationData>;
/** KerberosFlags (APOptions, TicketFlags, KDCOptions) as a 32-bit mask, bit 0 the top bit. */
export type KerberosFlags = SchemaValue<typeof TicketFlags>;
export type EncryptedData = SchemaValue<typeof EncryptedData>;
export type EncryptionKey = SchemaValue<typeof EncryptionKey>;
export type Checksum = SchemaValue<typeof Checksum>;
