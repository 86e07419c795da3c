import type { PrincipalName } from '../../../codec/kerberos';
import { NAME_TYPE } from '../../../data/kerberos';
import type { SimConfig } from '../../config';
import { sideProfile } from '../../profiles';

/** The user: NT-PRINCIPAL with one component. */
export function clientName(config: SimConfig): PrincipalName {
  return { 'name-type': NAME_TYPE.principal, 'name-string': [config.initiator.user] };
}

/**
 * The service: [service, host]. Windows names it NT-SRV-INST (2), MIT NT-SRV-HST (3); both compare
 * names by their components only (RFC 4120 §6.2; MIT `krb5_principal_compare_flags`).
 */
export function serviceName(config: SimConfig): PrincipalName {
  return {
    'name-type': sideProfile(config, 'initiator').snameNameType,
    'name-string': [config.acceptor.service, config.acceptor.host],
  };
}

/** The ticket-granting service, krbtgt/REALM (RFC 4120 §7.3), for a forwarded TGT. */
export function tgsName(config: SimConfig): PrincipalName {
  return { 'name-type': NAME_TYPE.srvInst, 'name-string': ['krbtgt', config.realm] };
}

/** `HTTP/server.example.test@EXAMPLE.TEST`. */
export function display(name: PrincipalName, realm: string): string {
  return `${name['name-string'].join('/')}@${realm}`;
}

export function sameComponents(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((c, i) => c === b[i]);
}
