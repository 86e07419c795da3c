import type { SimConfig } from '../config';
import type { MechName } from '../types';
import type { Mechanism } from './mechanism';
import { kerberos } from './kerberos';
import { negoex } from './negoex';
import { ntlm } from './ntlm';

export const MECHANISMS: Record<MechName, Mechanism> = { kerberos, ntlm, negoex };

export function getMechanism(name: MechName): Mechanism {
  return MECHANISMS[name];
}

/** The initiator offers only mechanisms it holds credentials for, in its order (RFC 4178 §3.1). */
export function offeredMechs(config: SimConfig): MechName[] {
  return config.initiator.mechs.filter((m) => MECHANISMS[m].hasCredentials(config, 'initiator'));
}

/**
 * The acceptor accepts the mechanisms it is configured for and holds credentials for, in its
 * order; `acceptor.negoex` puts NEGOEX first, as the NegTokenInit2 of MS-SPNG §4 lists it.
 */
export function acceptableMechs(config: SimConfig): MechName[] {
  const mechs: MechName[] =
    config.acceptor.negoex === true && !config.acceptor.mechs.includes('negoex')
      ? ['negoex', ...config.acceptor.mechs]
      : config.acceptor.mechs;
  return mechs.filter((m) => MECHANISMS[m].hasCredentials(config, 'acceptor'));
}
