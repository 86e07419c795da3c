import { stringToKeyAsync } from '../crypto/kerberos/string-to-key';
import type { SimConfig } from '../protocol';
import {
  serviceEtype,
  servicePassword,
  serviceSalt,
  staleServicePassword,
} from '../protocol/mechanisms/kerberos/keys';

/**
 * Derives, with the host's WebCrypto, the string-to-key keys a run of `config` will ask for, so
 * the synchronous engine finds them in string-to-key's cache instead of running 4096 rounds of
 * pure-JS PBKDF2 (hundreds of milliseconds, on the way to the first diagram): the service's
 * long-term key (protocol/mechanisms/kerberos/keys.ts, `serviceKey`), and the keytab's stale one
 * when the keytab is out of step. A key missed here is only slower, never different: the engine
 * derives it itself. Never fails: a problem with the configuration is the engine's to report.
 */
export async function prederiveKeys(config: SimConfig): Promise<void> {
  try {
    const mechs = [...config.initiator.mechs, ...config.acceptor.mechs];
    if (!mechs.includes('kerberos')) return;
    const etype = serviceEtype(config);
    await stringToKeyAsync(etype, servicePassword(config), serviceSalt(config));
    // A keytab out of step with the KDC holds a key of an older password (keys.ts, keytabOf).
    if (config.kerberos.keytab === 'old-kvno' || config.kerberos.keytab === 'wrong-key')
      await stringToKeyAsync(etype, staleServicePassword(config), serviceSalt(config));
  } catch {
    // computeRun validates the configuration and says what is wrong.
  }
}
