import { application, sequence, type SchemaValue } from '../asn1/schema';
import { integer, octetString } from '../asn1/primitives';
import { printable } from '../der/values';
import {
  AuthorizationData,
  EncryptedData,
  EncryptionKey,
  fieldsOf,
  HostAddresses,
  KerberosTime,
  PrincipalName,
  Pvno,
  Realm,
  TicketFlags,
} from './types';
import { child, refined } from './refine';

const S53 = 'RFC 4120 §5.3';
const t = fieldsOf(S53);

/** Ticket [APPLICATION 1]; labelled `sname@realm` so a ticket is recognisable at a glance. */
export const Ticket = refined(
  application(
    1,
    sequence(
      'Ticket',
      [
        t.req(0, 'tkt-vno', Pvno(S53)),
        t.req(1, 'realm', Realm),
        t.req(2, 'sname', PrincipalName),
        t.req(3, 'enc-part', EncryptedData),
      ],
      S53,
    ),
  ),
  (_ctx, node) => {
    const sname = child(node, 'sname');
    const realm = child(node, 'realm');
    if (sname?.label !== undefined && realm)
      node.label = `${sname.label}@${printable(String(realm.value))}`;
  },
);

export const TransitedEncoding = sequence(
  'TransitedEncoding',
  [
    t.req(0, 'tr-type', integer('Int32', { 1: 'DOMAIN-X500-COMPRESS' }, S53)),
    t.req(1, 'contents', octetString('OCTET STRING', undefined, S53)),
  ],
  S53,
);

/** EncTicketPart [APPLICATION 3]: the decrypted side of Ticket.enc-part (key usage 2). */
export const EncTicketPart = application(
  3,
  sequence(
    'EncTicketPart',
    [
      t.req(0, 'flags', TicketFlags),
      t.req(1, 'key', EncryptionKey),
      t.req(2, 'crealm', Realm),
      t.req(3, 'cname', PrincipalName),
      t.req(4, 'transited', TransitedEncoding),
      t.req(5, 'authtime', KerberosTime),
      t.opt(6, 'starttime', KerberosTime),
      t.req(7, 'endtime', KerberosTime),
      t.opt(8, 'renew-till', KerberosTime),
      t.opt(9, 'caddr', HostAddresses),
      t.opt(10, 'authorization-data', AuthorizationData),
    ],
    S53,
  ),
);

export type Ticket = SchemaValue<typeof Ticket>;
export type EncTicketPart = SchemaValue<typeof EncTicketPart>;
