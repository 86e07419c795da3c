import { sequence } from '../asn1/schema';
import { fieldsOf, messageHeader, PrincipalName, Realm } from './types';
import { Ticket } from './ticket';

/**
 * User-to-user TGT exchange (msg-types 16/17, draft-ietf-cat-user2user-03). Plain
 * SEQUENCEs without an APPLICATION tag, as picky-rs and a Windows capture (zeek dce_rpc_ntlm) show.
 */
const U2U = 'draft-ietf-cat-user2user-03';
const f = fieldsOf(U2U);

export const TGT_REQ = sequence(
  'KERB-TGT-REQUEST',
  [...messageHeader(U2U), f.opt(2, 'server-name', PrincipalName), f.opt(3, 'realm', Realm)],
  U2U,
);

export const TGT_REP = sequence(
  'KERB-TGT-REPLY',
  [...messageHeader(U2U), f.req(2, 'ticket', Ticket)],
  U2U,
);
