import { application, sequence, type SchemaValue } from '../asn1/schema';
import {
  APOptions,
  AuthorizationData,
  EncryptedData,
  EncryptionKey,
  fieldsOf,
  KerberosTime,
  messageHeader,
  Microseconds,
  PrincipalName,
  Pvno,
  Realm,
  UInt32,
} from './types';
import { Ticket } from './ticket';
import { AuthenticatorChecksum } from './gss-checksum';

/** The client/server exchange (RFC 4120 §5.5), which is what a GSS context token carries. */

const S551 = 'RFC 4120 §5.5.1';
const q = fieldsOf(S551);

export const AP_REQ = application(
  14,
  sequence(
    'AP-REQ',
    [
      ...messageHeader(S551),
      q.req(2, 'ap-options', APOptions),
      q.req(3, 'ticket', Ticket),
      q.req(4, 'authenticator', EncryptedData),
    ],
    S551,
  ),
);

/** Authenticator [APPLICATION 2]: AP-REQ authenticator decrypted (key usage 11). */
export const Authenticator = application(
  2,
  sequence(
    'Authenticator',
    [
      q.req(0, 'authenticator-vno', Pvno(S551)),
      q.req(1, 'crealm', Realm),
      q.req(2, 'cname', PrincipalName),
      q.opt(3, 'cksum', AuthenticatorChecksum),
      q.req(4, 'cusec', Microseconds(S551)),
      q.req(5, 'ctime', KerberosTime),
      q.opt(6, 'subkey', EncryptionKey),
      q.opt(7, 'seq-number', UInt32(S551)),
      q.opt(8, 'authorization-data', AuthorizationData),
    ],
    S551,
  ),
);

const S552 = 'RFC 4120 §5.5.2';
const r = fieldsOf(S552);

export const AP_REP = application(
  15,
  sequence('AP-REP', [...messageHeader(S552), r.req(2, 'enc-part', EncryptedData)], S552),
);

/** EncAPRepPart [APPLICATION 27]: AP-REP enc-part decrypted (key usage 12). */
export const EncAPRepPart = application(
  27,
  sequence(
    'EncAPRepPart',
    [
      r.req(0, 'ctime', KerberosTime),
      r.req(1, 'cusec', Microseconds(S552)),
      r.opt(2, 'subkey', EncryptionKey),
      r.opt(3, 'seq-number', UInt32(S552)),
    ],
    S552,
  ),
);

export type ApReq = SchemaValue<typeof AP_REQ>;
export type Authenticator = SchemaValue<typeof Authenticator>;
export type ApRep = SchemaValue<typeof AP_REP>;
export type EncApRepPart = SchemaValue<typeof EncAPRepPart>;
