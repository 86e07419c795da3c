import { application, sequence, sequenceOf, type SchemaValue } from '../asn1/schema';
import { integer } from '../asn1/primitives';
import { ETYPES } from '../../data/kerberos';
import {
  EncryptedData,
  EncryptionKey,
  fieldsOf,
  HostAddresses,
  Int32,
  KDCOptions,
  KerberosTime,
  messageHeader,
  PrincipalName,
  Realm,
  TicketFlags,
  UInt32,
} from './types';
import { Ticket } from './ticket';
import { METHOD_DATA } from './padata';

/** The KDC exchanges (RFC 4120 §5.4), which IAKERB tunnels through the acceptor. */

const S541 = 'RFC 4120 §5.4.1';
const q = fieldsOf(S541);

export const KDC_REQ_BODY = sequence(
  'KDC-REQ-BODY',
  [
    q.req(0, 'kdc-options', KDCOptions),
    q.opt(1, 'cname', PrincipalName),
    q.req(2, 'realm', Realm),
    q.opt(3, 'sname', PrincipalName),
    q.opt(4, 'from', KerberosTime),
    q.req(5, 'till', KerberosTime),
    q.opt(6, 'rtime', KerberosTime),
    q.req(7, 'nonce', UInt32(S541)),
    q.req(8, 'etype', sequenceOf('SEQUENCE OF Int32', Int32(ETYPES, S541), S541)),
    q.opt(9, 'addresses', HostAddresses),
    q.opt(10, 'enc-authorization-data', EncryptedData),
    q.opt(11, 'additional-tickets', sequenceOf('SEQUENCE OF Ticket', Ticket, S541)),
  ],
  S541,
);

/** KDC-REQ; its tags start at [1] (RFC 4120 §5.4.1). */
export const KDC_REQ = sequence(
  'KDC-REQ',
  [...messageHeader(S541, 1), q.opt(3, 'padata', METHOD_DATA), q.req(4, 'req-body', KDC_REQ_BODY)],
  S541,
);

const S542 = 'RFC 4120 §5.4.2';
const r = fieldsOf(S542);

export const KDC_REP = sequence(
  'KDC-REP',
  [
    ...messageHeader(S542),
    r.opt(2, 'padata', METHOD_DATA),
    r.req(3, 'crealm', Realm),
    r.req(4, 'cname', PrincipalName),
    r.req(5, 'ticket', Ticket),
    r.req(6, 'enc-part', EncryptedData),
  ],
  S542,
);

export const AS_REQ = application(10, KDC_REQ, 'AS-REQ', S541);
export const TGS_REQ = application(12, KDC_REQ, 'TGS-REQ', S541);
export const AS_REP = application(11, KDC_REP, 'AS-REP', S542);
export const TGS_REP = application(13, KDC_REP, 'TGS-REP', S542);

export const LastReq = sequenceOf(
  'LastReq',
  sequence(
    'LastReqEntry',
    [r.req(0, 'lr-type', integer('Int32', undefined, S542)), r.req(1, 'lr-value', KerberosTime)],
    S542,
  ),
  S542,
);

/** EncKDCRepPart; encrypted-pa-data [12] comes from RFC 6806 §11. */
export const EncKDCRepPart = sequence(
  'EncKDCRepPart',
  [
    r.req(0, 'key', EncryptionKey),
    r.req(1, 'last-req', LastReq),
    r.req(2, 'nonce', UInt32(S542)),
    r.opt(3, 'key-expiration', KerberosTime),
    r.req(4, 'flags', TicketFlags),
    r.req(5, 'authtime', KerberosTime),
    r.opt(6, 'starttime', KerberosTime),
    r.req(7, 'endtime', KerberosTime),
    r.opt(8, 'renew-till', KerberosTime),
    r.req(9, 'srealm', Realm),
    r.req(10, 'sname', PrincipalName),
    r.opt(11, 'caddr', HostAddresses),
    r.opt(12, 'encrypted-pa-data', METHOD_DATA),
  ],
  S542,
);

/** AS-REP / TGS-REP enc-part decrypted (key usage 3 / 8 or 9). */
export const EncASRepPart = application(25, EncKDCRepPart, 'EncASRepPart', S542);
export const EncTGSRepPart = application(26, EncKDCRepPart, 'EncTGSRepPart', S542);

export type KdcReq = SchemaValue<typeof KDC_REQ>;
export type KdcRep = SchemaValue<typeof KDC_REP>;
export type EncKdcRepPart = SchemaValue<typeof EncKDCRepPart>;
