import { readDer } from '../../../codec/asn1/read';
import { Authenticator, type EncryptedData } from '../../../codec/kerberos';
import { decrypt } from '../../../crypto/kerberos/encrypt';
import { CKSUMTYPE_GSSAPI, KEY_USAGE } from '../../../data/kerberos';
import type { SimConfig } from '../../config';
import { integrityError, type TicketContents } from './check-ticket';
import { acceptorRule as rule, type Defective, type Progress, type Refusal } from './checks';
import { readDelegation } from './delegation';
import { acceptorBindings, channelBindingsHash, flagText, parseGssChecksum } from './gss-checksum';
import { etypeName, PERMITTED_ETYPES, type TypedKey } from './keys';
import { readEtypeNegotiation } from './messages';
import { equalBytes, toHex } from '../../../bytes';
import { display, sameComponents } from './principals';
import { keyPreview } from './state';
import { MAX_SKEW_SECONDS, secondsOf, serverSeconds } from './time';

export interface AuthenticatorContents {
  ctime: string;
  cusec: number;
  subkey: TypedKey | null;
  seq: number;
  gssFlags: number;
  /** The etype the acceptor chose from the client's RFC 4537 list, if it sent one. */
  negotiatedEtype: number | null;
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
  const opened = decrypt(
    ticket.sessionKey.key,
    KEY_USAGE.apReqAuthenticator,
    sealed.cipher,
    ticket.sessionKey.etype,
  );
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
  if (config.faults.replay) {
    p.holdings = { ...p.holdings, 'replay cache': 'holds this authenticator already' };
    const why = `decrypts the Authenticator (ctime ${ctime}, cusec ${auth.cusec}); its replay cache already holds an authenticator from ${display(cname, crealm)} with this very time: someone sent this AP-REQ before`;
    return {
      refuse: 'KRB_AP_ERR_REPEAT',
      why,
      spec: 'RFC 4120 §3.2.3; MIT krb5 src/lib/krb5/krb/rd_req_dec.c, rd_req_decoded_opt()',
    };
  }
  p.rules.push(
    rule(
      `decrypts the Authenticator with the session key (key usage 11): same client as the ticket, ctime ${ctime} is ${distance} (≤ ${MAX_SKEW_SECONDS} s allowed), and its replay cache has not seen it`,
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
  const own = acceptorBindings(config);
  const expected = own ? channelBindingsHash(own) : null;
  const cbSpec =
    'RFC 4121 §4.1.1.2; MIT krb5 src/lib/gssapi/krb5/accept_sec_context.c, process_checksum()';
  let bindings: string;
  if (!expected) {
    bindings = gss.channelBindings
      ? 'channel bindings present, but this server passes none to compare them with, so they are ignored'
      : 'no channel bindings';
  } else if (!gss.channelBindings) {
    bindings =
      'no channel bindings from the client (Bnd all zero); the server has its own but accepts an unbound authenticator';
  } else if (!equalBytes(gss.bnd, expected)) {
    p.holdings = { ...p.holdings, 'channel bindings': 'mismatch' };
    // GSS_S_BAD_BINDINGS carries no Kerberos code: the error token says KRB_ERR_GENERIC.
    const why = `the GSS checksum's Bnd ${toHex(gss.bnd)} is not the MD5 of the server's own channel bindings (${toHex(expected)}): the authenticator was made for another TLS channel, GSS_S_BAD_BINDINGS`;
    return { refuse: 'KRB_ERR_GENERIC', why, spec: cbSpec };
  } else {
    p.holdings = { ...p.holdings, 'channel bindings': 'match' };
    bindings = `channel bindings match the server's own (Bnd ${toHex(expected)}): the context is bound to this TLS channel`;
  }
  p.rules.push(
    rule(
      `reads the GSS checksum: flags ${flagText(gss.flags)}, ${bindings}`,
      expected ? cbSpec : 'RFC 4121 §4.1.1',
    ),
  );
  if (gss.krbCred) {
    const delegated = readDelegation(gss.krbCred, ticket.sessionKey, p);
    if (delegated) p.holdings = { ...p.holdings, 'delegated credentials': delegated };
  }

  const subkey = auth.subkey ? { etype: auth.subkey.keytype, key: auth.subkey.keyvalue } : null;
  const seq = auth['seq-number'] ?? 0;
  const offered = readEtypeNegotiation(auth['authorization-data']);
  // The acceptor takes the first etype of the client's list it permits too (RFC 4537 §3).
  const negotiatedEtype = offered?.find((e) => (PERMITTED_ETYPES as number[]).includes(e)) ?? null;
  if (offered) {
    p.rules.push(
      rule(
        `reads AD-ETYPE-NEGOTIATION (${offered.join(', ')}): ${negotiatedEtype ? `will make its subkey ${etypeName(negotiatedEtype)}` : 'no etype it permits'}`,
        'RFC 4537 §3; MIT krb5 src/lib/krb5/krb/rd_req_dec.c, negotiate_etype()',
      ),
    );
  }
  p.holdings = {
    ...p.holdings,
    'initiator subkey': subkey ? keyPreview(subkey.key) : 'none',
    'recv seq': seq,
  };
  return { ctime, cusec: auth.cusec, subkey, seq, gssFlags: gss.flags, negotiatedEtype };
}
