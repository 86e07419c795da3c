import { application, sequence, sequenceOf, type SchemaValue } from '../asn1/schema';
import { octetString } from '../asn1/primitives';
import {
  Checksum,
  EncryptedData,
  EncryptionKey,
  fieldsOf,
  HostAddress,
  HostAddresses,
  KerberosTime,
  messageHeader,
  Microseconds,
  PrincipalName,
  Realm,
  TicketFlags,
  UInt32,
} from './types';
import { Ticket } from './ticket';

/** KRB-SAFE, KRB-PRIV and KRB-CRED (RFC 4120 §5.6–§5.8); KRB-CRED carries GSS delegation. */

const S581 = 'RFC 4120 §5.8.1';
const c = fieldsOf(S581);

export const KRB_CRED = application(
  22,
  sequence(
    'KRB-CRED',
    [
      ...messageHeader(S581),
      c.req(2, 'tickets', sequenceOf('SEQUENCE OF Ticket', Ticket, S581)),
      c.req(3, 'enc-part', EncryptedData),
    ],
    S581,
  ),
);

export const KrbCredInfo = sequence(
  'KrbCredInfo',
  [
    c.req(0, 'key', EncryptionKey),
    c.opt(1, 'prealm', Realm),
    c.opt(2, 'pname', PrincipalName),
    c.opt(3, 'flags', TicketFlags),
    c.opt(4, 'authtime', KerberosTime),
    c.opt(5, 'starttime', KerberosTime),
    c.opt(6, 'endtime', KerberosTime),
    c.opt(7, 'renew-till', KerberosTime),
    c.opt(8, 'srealm', Realm),
    c.opt(9, 'sname', PrincipalName),
    c.opt(10, 'caddr', HostAddresses),
  ],
  S581,
);

/** EncKrbCredPart [APPLICATION 29]: KRB-CRED enc-part decrypted (key usage 14). */
export const EncKrbCredPart = application(
  29,
  sequence(
    'EncKrbCredPart',
    [
      c.req(0, 'ticket-info', sequenceOf('SEQUENCE OF KrbCredInfo', KrbCredInfo, S581)),
      c.opt(1, 'nonce', UInt32(S581)),
      c.opt(2, 'timestamp', KerberosTime),
      c.opt(3, 'usec', Microseconds(S581)),
      c.opt(4, 's-address', HostAddress),
      c.opt(5, 'r-address', HostAddress),
    ],
    S581,
  ),
);

const S561 = 'RFC 4120 §5.6.1';
const s = fieldsOf(S561);

/** The protected user data and its replay and address fields, alike in KRB-SAFE and KRB-PRIV. */
function userDataFields(spec: string) {
  const f = fieldsOf(spec);
  return [
    f.req(0, 'user-data', octetString('OCTET STRING', undefined, spec)),
    f.opt(1, 'timestamp', KerberosTime),
    f.opt(2, 'usec', Microseconds(spec)),
    f.opt(3, 'seq-number', UInt32(spec)),
    f.req(4, 's-address', HostAddress),
    f.opt(5, 'r-address', HostAddress),
  ] as const;
}

export const KRB_SAFE_BODY = sequence('KRB-SAFE-BODY', userDataFields(S561), S561);

export const KRB_SAFE = application(
  20,
  sequence(
    'KRB-SAFE',
    [...messageHeader(S561), s.req(2, 'safe-body', KRB_SAFE_BODY), s.req(3, 'cksum', Checksum)],
    S561,
  ),
);

const S571 = 'RFC 4120 §5.7.1';
const p = fieldsOf(S571);

export const KRB_PRIV = application(
  21,
  sequence('KRB-PRIV', [...messageHeader(S571), p.req(3, 'enc-part', EncryptedData)], S571),
);

/** EncKrbPrivPart [APPLICATION 28]: KRB-PRIV enc-part decrypted (key usage 13). */
export const EncKrbPrivPart = application(
  28,
  sequence('EncKrbPrivPart', userDataFields(S571), S571),
);

export type KrbCred = SchemaValue<typeof KRB_CRED>;
export type KrbCredInfo = SchemaValue<typeof KrbCredInfo>;
export type EncKrbCredPart = SchemaValue<typeof EncKrbCredPart>;
export type KrbSafe = SchemaValue<typeof KRB_SAFE>;
export type KrbPriv = SchemaValue<typeof KRB_PRIV>;
export type EncKrbPrivPart = SchemaValue<typeof EncKrbPrivPart>;
