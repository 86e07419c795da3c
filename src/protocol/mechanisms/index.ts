import type { SimConfig } from '../config';
import type { MechName } from '../types';
import type { Mechanism } from './mechanism';
import { kerberos } from './kerberos';
import { ntlm } from './ntlm';

export const MECHANISMS: Record<MechName, Mechanism> = { kerberos, ntlm };

export function getMechanism(name: MechName): Mechanism {
  return MECHANISMS[name];
}

/** The initiator offers only mechanisms it holds credentials for, in its order (RFC 4178 §3.1). */
export function offeredMechs(config: SimConfig): MechName[] {
  return config.initiator.mechs.filter((m) => MECHANISMS[m].hasCredentials(config, 'initiator'));
}

/** The acceptor accepts the mechanisms it is configured for and holds credentials for, in its order. */
export function acceptableMechs(config: SimConfig): MechName[] {
  return config.acceptor.mechs.filter((m) => MECHANISMS[m].hasCredentials(config, 'acceptor'));
}
