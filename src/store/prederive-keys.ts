import { stringToKeyAsync } from '../crypto/kerberos/string-to-key';
import type { SimConfig } from '../protocol';
import { ETYPE, servicePassword, serviceSalt } from '../protocol/mechanisms/kerberos/keys';

/**
 * Derives, with the host's WebCrypto, the string-to-key keys a run of `config` will ask for, so
 * the synchronous engine finds them in string-to-key's cache instead of running 4096 rounds of
 * pure-JS PBKDF2 (hundreds of milliseconds, on the way to the first diagram). Today one key: the
 * service's long-term key (protocol/mechanisms/kerberos/keys.ts, `serviceKey`). A key missed here
 * is only slower, never different: the engine derives it itself. Never fails: a problem with the
 * configuration is the engine's to report.
 */
export async function prederiveKeys(config: SimConfig): Promise<void> {
  try {
    const mechs = [...config.initiator.mechs, ...config.acceptor.mechs];
    if (!mechs.includes('kerberos')) return;
    await stringToKeyAsync(ETYPE, servicePassword(config), serviceSalt(config));
  } catch {
    // computeRun validates the configuration and says what is wrong.
  }
}
