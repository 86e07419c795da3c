import { toDer } from '../../../codec/asn1/encode';
import {
  EncKrbCredPart,
  EncTicketPart,
  flagMask,
  KRB_CRED,
  type Ticket,
} from '../../../codec/kerberos';
import { KEY_USAGE, TICKET_FLAG } from '../../../data/kerberos';
import type { SimConfig } from '../../config';
import {
  sealed,
  KRBTGT_KVNO,
  krbtgtKey,
  serviceKey,
  serviceKvno,
  sessionKey,
  tgtSessionKey,
  type TypedKey,
} from './keys';
import { kdcIssuesPac, kdcPacKind, withPac } from './pac';
import { clientName, serviceName, tgsName } from './principals';
import {
  kerberosTime,
  RENEW_LIFETIME_SECONDS,
  serverSeconds,
  TICKET_LIFETIME_SECONDS,
} from './time';

/**
 * What the KDC handed the client before the simulation starts (the AS and TGS exchanges are not
 * simulated): a service ticket whose EncTicketPart is encrypted in the service key (key usage 2,
 * RFC 4120 §5.3) and, for delegation, a forwarded TGT.
 */

/** TicketFlags as an MIT krb5 1.20 KDC issues them (observed): forwardable, renewable,
 * transited-policy-checked, enc-pa-rep (RFC 4120 §5.3; bit 15 from RFC 6806). */
const SERVICE_TICKET_FLAGS = flagMask([
  TICKET_FLAG.forwardable,
  TICKET_FLAG.renewable,
  TICKET_FLAG.transitedPolicyChecked,
  TICKET_FLAG.encPaRep,
]);
/** A TGT as the client holds it: forwardable unless its kinit said otherwise (RFC 4120 §2.6). */
const tgtFlags = (config: SimConfig) =>
  config.kerberos.forwardableTgt
    ? SERVICE_TICKET_FLAGS
    : (SERVICE_TICKET_FLAGS & ~flagMask([TICKET_FLAG.forwardable])) >>> 0;
/** A forwarded TGT also has `forwarded` (RFC 4120 §2.6). */
const FORWARDED_TGT_FLAGS = (SERVICE_TICKET_FLAGS | flagMask([TICKET_FLAG.forwarded])) >>> 0;

function times(config: SimConfig) {
  const authtime = serverSeconds(config);
  return {
    authtime: kerberosTime(authtime),
    starttime: kerberosTime(authtime),
    endtime: kerberosTime(authtime + TICKET_LIFETIME_SECONDS),
    'renew-till': kerberosTime(authtime + RENEW_LIFETIME_SECONDS),
  };
}

function encTicketPart(
  config: SimConfig,
  key: TypedKey,
  flags: number,
  pacKey?: TypedKey,
  tgt = false,
) {
  const part: EncTicketPart = {
    flags,
    key: { keytype: key.etype, keyvalue: key.key },
    crealm: config.realm,
    cname: clientName(config),
    transited: { 'tr-type': 1, contents: new Uint8Array(0) },
    ...times(config),
  };
  // An AD-style KDC adds the PAC, signed with the service key (MS-PAC §2.8.4).
  return toDer(EncTicketPart, pacKey ? withPac(config, part, pacKey, tgt) : part);
}

/**
 * The service ticket: its flags follow the TGT's forwardable flag (RFC 4120 §2.6); a Windows or
 * Samba KDC puts a PAC in it (MS-KILE §3.3.5.7.2).
 */
export function serviceTicket(config: SimConfig): Ticket {
  const pacKey = kdcIssuesPac(config) ? serviceKey(config) : undefined;
  const plain = encTicketPart(config, sessionKey(config), tgtFlags(config), pacKey);
  return {
    'tkt-vno': 5,
    realm: config.realm,
    sname: serviceName(config),
    'enc-part': sealed(
      config,
      serviceKey(config),
      KEY_USAGE.ticket,
      plain,
      'ticket',
      serviceKvno(config),
    ),
  };
}

/**
 * GSS delegation (RFC 4121 §4.1.1): a KRB-CRED carrying a forwarded TGT and, in its enc-part
 * (session key, key usage 14, RFC 4120 §5.8), the TGT's session key, as MIT sends it.
 */
export function delegationCred(config: SimConfig): Uint8Array {
  const tgtKey = tgtSessionKey(config);
  const tgt: Ticket = {
    'tkt-vno': 5,
    realm: config.realm,
    sname: tgsName(config),
    'enc-part': sealed(
      config,
      krbtgtKey(config),
      KEY_USAGE.ticket,
      // An MIT KDC's forwarded TGT carries its PAC too, signed with the krbtgt key as server key
      // (as the real spnego-krb5-05 KRB-CRED's TGT: client information, server, KDC signatures).
      encTicketPart(
        config,
        tgtKey,
        FORWARDED_TGT_FLAGS,
        kdcPacKind(config) === 'mit' ? krbtgtKey(config) : undefined,
        true,
      ),
      'tgt',
      KRBTGT_KVNO,
    ),
  };
  const credPart = toDer(EncKrbCredPart, {
    'ticket-info': [
      {
        key: { keytype: tgtKey.etype, keyvalue: tgtKey.key },
        prealm: config.realm,
        pname: clientName(config),
        flags: FORWARDED_TGT_FLAGS,
        ...times(config),
        srealm: config.realm,
        sname: tgsName(config),
      },
    ],
  });
  return toDer(KRB_CRED, {
    pvno: 5,
    'msg-type': 22,
    tickets: [tgt],
    'enc-part': sealed(config, sessionKey(config), KEY_USAGE.krbCred, credPart, 'krb-cred'),
  });
}
