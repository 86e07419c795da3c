import { application, sequence, type SchemaValue } from '../asn1/schema';
import { octetString } from '../asn1/primitives';
import { ERROR_CODES } from '../../data/kerberos';
import {
  fieldsOf,
  Int32,
  KerberosString,
  KerberosTime,
  messageHeader,
  Microseconds,
  PrincipalName,
  Realm,
} from './types';
import { decodeEData } from './padata';
import { child, refined } from './refine';

const S591 = 'RFC 4120 §5.9.1';
const e = fieldsOf(S591);

/** KRB-ERROR's SEQUENCE; e-data is opened where it parses. */
export const KRB_ERROR_BODY = sequence(
  'KRB-ERROR',
  [
    ...messageHeader(S591),
    e.opt(2, 'ctime', KerberosTime),
    e.opt(3, 'cusec', Microseconds(S591)),
    e.req(4, 'stime', KerberosTime),
    e.req(5, 'susec', Microseconds(S591)),
    e.req(6, 'error-code', Int32(ERROR_CODES, 'RFC 4120 §7.5.9')),
    e.opt(7, 'crealm', Realm),
    e.opt(8, 'cname', PrincipalName),
    e.req(9, 'realm', Realm),
    e.req(10, 'sname', PrincipalName),
    e.opt(11, 'e-text', KerberosString),
    e.opt(12, 'e-data', octetString('OCTET STRING', decodeEData, S591)),
  ],
  S591,
);

/** KRB-ERROR [APPLICATION 30], labelled with its error name. */
export const KRB_ERROR = refined(application(30, KRB_ERROR_BODY), (_ctx, node) => {
  node.label = child(node, 'error-code')?.label;
});

export type KrbError = SchemaValue<typeof KRB_ERROR>;
