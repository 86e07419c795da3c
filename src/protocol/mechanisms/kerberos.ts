import type { Mechanism } from './mechanism';
import { accept } from './kerberos/acceptor';
import { initiate } from './kerberos/initiator';
import { initiatorContinue } from './kerberos/initiator-reply';
import { getMic, verifyMic } from './kerberos/mic';
import { dataOf } from './kerberos/state';
import type { KrbData } from './kerberos/state';

/**
 * The Kerberos V5 GSS-API mechanism (RFC 4121 over RFC 4120) with real aes256-cts-hmac-sha1-96
 * crypto (RFC 3962): the client sends a GSS-framed AP-REQ, the server answers an AP-REP when
 * mutual authentication was asked, or a KRB-ERROR; MIC tokens follow RFC 4121 §4.2.6.1.
 */
export const kerberos: Mechanism<KrbData> = {
  name: 'kerberos',
  title: 'Kerberos',
  hasCredentials: (config, role) =>
    role === 'initiator' ? config.initiator.kerberosTicket : config.acceptor.kerberosKey,
  initiate,
  initiatorContinue,
  accept,
  offersIntegrity: (state) => dataOf(state).established,
  // Only NTLM's MIC forces the mechListMIC (MS-SPNG App. A <8>); Kerberos never does.
  requiresMechListMic: () => false,
  getMic,
  verifyMic,
};
