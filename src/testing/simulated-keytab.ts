import { encodeKeytab } from '../codec/keytab/keytab';
import type { SimConfig } from '../protocol';
import { krbtgtKey, serviceKey } from '../protocol/mechanisms/kerberos/keys';

/** An MIT keytab holding a run's service key (its configured kvno) and the simulated krbtgt key (kvno 1). */
export function simulatedKeytab(config: SimConfig): Uint8Array {
  const entry = (components: string[], key: { etype: number; key: Uint8Array }, kvno: number) => ({
    principal: { realm: config.realm, components, nameType: 1 },
    timestamp: 0,
    kvno,
    enctype: key.etype,
    key: key.key,
  });
  return encodeKeytab({
    version: 2,
    entries: [
      entry(
        [config.acceptor.service, config.acceptor.host],
        serviceKey(config),
        config.kerberos.kvno,
      ),
      entry(['krbtgt', config.realm], krbtgtKey(config), 1),
    ],
  });
}
