import { readDer } from '../../../codec/asn1/read';
import { Authenticator, type EncryptedData } from '../../../codec/kerberos';
import { decrypt } from '../../../crypto/kerberos/encrypt';
import { CKSUMTYPE_GSSAPI, KEY_USAGE } from '../../../data/kerberos';
import type { SimConfig } from '../../config';
import { integrityError, type TicketContents } from './check-ticket';
import { acceptorRule as rule, type Defective, type Progress, type Refusal } from './checks';
import { readDelegation } from './delegation';
import { flagText, parseGssChecksum } from './gss-checksum';
import { display, sameComponents } from './principals';
import { keyPreview } from './state';
import { MAX_SKEW_SECONDS, secondsOf, serverSeconds } from './time';

export interface AuthenticatorContents {
  ctime: string;
  cusec: number;
  subkey: Uint8Array | null;
  seq: number;
  gssFlags: number;
}

/**
 * RFC 4120 §3.2.3, second half, and RFC 4121 §4.1.1: the Authenticator must decrypt with the
 * ticket's session key (key usage 11), name the ticket's client, carry a time within the allowed
 * skew of the server's clock, and hold the GSS checksum (type 0x8003).
 */
export function checkAuthenticator(
  sealed: EncryptedData,
  ticket: TicketContents,
  config: SimConfig,
  p: Progress,
): AuthenticatorContents | Refusal | Defective {
  const spec = 'RFC 4120 §3.2.3';
  const opened = decrypt(ticket.sessionKey, KEY_USAGE.apReqAuthenticator, sealed.cipher);
  if (!opened.ok) {
    const why = `the Authenticator does not decrypt with the ticket's session key (${opened.message})`;
    return { refuse: integrityError(config), why, spec };
  }
  const read = readDer(Authenticator, opened.plaintext);
  if (!read.ok) return { defective: `Authenticator does not decode: ${read.error.message}` };
  const auth = read.value;
  const { cname, crealm, ctime } = auth;
  if (
    crealm !== ticket.crealm ||
    !sameComponents(cname['name-string'], ticket.cname['name-string'])
  ) {
    const why = `the Authenticator names ${display(cname, crealm)}, the ticket ${display(ticket.cname, ticket.crealm)}`;
    return { refuse: 'KRB_AP_ERR_BADMATCH', why, spec };
  }
  const offset = secondsOf(ctime) - serverSeconds(config);
  const distance = `${Math.abs(offset)} s from the server clock`;
  if (Math.abs(offset) > MAX_SKEW_SECONDS) {
    p.holdings = { ...p.holdings, 'authenticator time': `${offset} s off: too far` };
    const why = `decrypts the Authenticator with the session key (key usage 11); its ctime ${ctime} is ${distance}, beyond the ${MAX_SKEW_SECONDS} s allowed`;
    return { refuse: 'KRB_AP_ERR_SKEW', why, spec: 'RFC 4120 §3.2.3, §5.9.1' };
  }
  p.holdings = { ...p.holdings, 'authenticator time': `ok (${offset} s from the server clock)` };
  p.rules.push(
    rule(
      `decrypts the Authenticator with the session key (key usage 11): same client as the ticket, ctime ${ctime} is ${distance} (≤ ${MAX_SKEW_SECONDS} s allowed); a real server would also check its replay cache`,
      spec,
    ),
  );

  if (auth.cksum?.cksumtype !== CKSUMTYPE_GSSAPI) {
    const why = 'the Authenticator lacks the GSS checksum of type 0x8003';
    return { refuse: 'KRB_AP_ERR_INAPP_CKSUM', why, spec: 'RFC 4121 §4.1.1' };
  }
  const gss = parseGssChecksum(auth.cksum.checksum);
  if (!gss) {
    const why = 'the 0x8003 checksum is malformed';
    return { refuse: 'KRB_AP_ERR_INAPP_CKSUM', why, spec: 'RFC 4121 §4.1.1' };
  }
  const bindings = gss.channelBindings
    ? 'channel bindings present, but this server has none to compare them with'
    : 'no channel bindings';
  p.rules.push(
    rule(`reads the GSS checksum: flags ${flagText(gss.flags)}, ${bindings}`, 'RFC 4121 §4.1.1'),
  );
  if (gss.krbCred) {
    const delegated = readDelegation(gss.krbCred, ticket.sessionKey, p);
    if (delegated) p.holdings = { ...p.holdings, 'delegated credentials': delegated };
  }

  const subkey = auth.subkey?.keyvalue ?? null;
  const seq = auth['seq-number'] ?? 0;
  p.holdings = {
    ...p.holdings,
    'initiator subkey': subkey ? keyPreview(subkey) : 'none',
    'recv seq': seq,
  };
  return { ctime, cusec: auth.cusec, subkey, seq, gssFlags: gss.flags };
}
