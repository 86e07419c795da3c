import type { SimConfig } from '../../protocol/config';
import { PROFILES } from '../../protocol/profiles';
import { configPatch } from '../../store/config-diff';

/** One setting that departs from the scenario: its name as the Configure panel shows it. */
export interface ConfigChange {
  path: string;
  label: string;
  from: string;
  to: string;
}

/** The Configure panel's own words for each setting (config paths as in validateConfig). */
const LABELS: Record<string, string> = {
  profile: 'both sides behave as',
  transport: 'transport',
  seed: 'random seed',
  time: 'client clock',
  realm: 'realm',
  ntlmDomain: 'NTLM domain',
  'initiator.user': 'user',
  'initiator.host': 'client host',
  'initiator.mechs': 'client mechanisms',
  'initiator.kerberosTicket': 'client holds a Kerberos ticket',
  'initiator.ntlmPassword': 'client’s NTLM password',
  'initiator.optimistic': 'optimistic token',
  'initiator.mutual': 'mutual authentication',
  'initiator.delegation': 'delegate credentials',
  'initiator.implementation': 'client implementation',
  'initiator.negoex': 'NEGOEX package installed',
  'initiator.requestFlags': 'GSS request flags',
  'acceptor.host': 'server host',
  'acceptor.service': 'service class',
  'acceptor.mechs': 'server mechanisms',
  'acceptor.kerberosKey': 'server holds the service key',
  'acceptor.negoex': 'server runs NEGOEX',
  'acceptor.ntlmPassword': 'password the server holds for the user',
  'acceptor.implementation': 'server implementation',
  'kerberos.etype': 'ticket encryption type',
  'kerberos.sessionEtype': 'session key encryption type',
  'kerberos.kvno': 'service key version',
  'kerberos.keytab': 'server keytab holds',
  'kerberos.kdcKnowsService': 'the KDC knows the SPN',
  'kerberos.forwardableTgt': 'forwardable TGT',
  'kerberos.channelBindings': 'channel bindings',
  'kerberos.certificateHash': 'certificate hash',
  'kerberos.acceptorBindings': 'server’s channel bindings',
  'kerberos.dceStyle': 'DCE style',
  'faults.clockSkewSeconds': 'client clock skew (s)',
  'faults.stripMech': 'a man in the middle removes',
  'faults.replay': 'the AP-REQ is a replay',
  'faults.modifiedTicket': 'a ticket byte is changed on the way',
  'faults.modifiedPac': 'the PAC is changed after signing',
};

const MECHS: Record<string, string> = { kerberos: 'Kerberos', ntlm: 'NTLM', negoex: 'NEGOEX' };

function show(path: string, value: unknown): string {
  if (value === undefined) return 'default';
  if (value === null) return path.endsWith('Password') ? 'none' : 'nothing';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value))
    return value.length ? value.map((v) => MECHS[String(v)] ?? String(v)).join(', ') : 'none';
  if (path === 'profile' || path.endsWith('.implementation'))
    return PROFILES[value as keyof typeof PROFILES]?.title ?? String(value);
  if (path === 'faults.stripMech') return MECHS[String(value)] ?? String(value);
  return String(value);
}

/** Every setting where `config` departs from `base`, in the panel's order of fields. */
export function configChanges(base: SimConfig, config: SimConfig): ConfigChange[] {
  const patch = configPatch(base, config) as Record<string, unknown>;
  const changes: ConfigChange[] = [];
  const add = (path: string, from: unknown, to: unknown) =>
    changes.push({ path, label: LABELS[path] ?? path, from: show(path, from), to: show(path, to) });
  for (const [key, value] of Object.entries(patch)) {
    const inner = base[key as keyof SimConfig];
    if (
      inner &&
      typeof inner === 'object' &&
      !Array.isArray(inner) &&
      value &&
      typeof value === 'object'
    ) {
      for (const [k, v] of Object.entries(value as Record<string, unknown>))
        add(`${key}.${k}`, (inner as unknown as Record<string, unknown>)[k], v);
    } else add(key, inner, value);
  }
  const order = Object.keys(LABELS);
  const rank = (path: string) => (order.includes(path) ? order.indexOf(path) : order.length);
  return changes.sort((a, b) => rank(a.path) - rank(b.path));
}
