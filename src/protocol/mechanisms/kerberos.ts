import type { Mechanism } from './mechanism';
import { accept } from './kerberos/acceptor';
import { hasTicket, initiate } from './kerberos/initiator';
import { initiatorContinue } from './kerberos/initiator-reply';
import { getMic, verifyMic } from './kerberos/mic';
import { dataOf } from './kerberos/state';
import type { KrbData } from './kerberos/state';

/**
 * The Kerberos V5 GSS-API mechanism (RFC 4121 over RFC 4120) with real crypto for etypes 17, 18
 * (RFC 3962), 19, 20 (RFC 8009), 23 (RFC 4757) and 25, 26 (RFC 6803): the client sends a
 * GSS-framed AP-REQ, the server answers an AP-REP when mutual authentication was asked, or a
 * KRB-ERROR; MIC tokens follow RFC 4121 §4.2.6.1, or RFC 4757 §7.2 in an rc4-hmac context.
 */
export const kerberos: Mechanism<KrbData> = {
  name: 'kerberos',
  title: 'Kerberos',
  hasCredentials: (config, role) =>
    role === 'initiator' ? hasTicket(config) : config.acceptor.kerberosKey,
  initiate,
  initiatorContinue,
  accept,
  offersIntegrity: (state) => dataOf(state).established,
  // Only NTLM's MIC forces the mechListMIC (MS-SPNG App. A <8>); Kerberos never does.
  requiresMechListMic: () => false,
  getMic,
  verifyMic,
};
