import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { negotiatePcap, type HttpToken } from './pcap';

/** Whether Wireshark's tshark is installed (the suites that compare with it skip without it, except in CI). */
export function hasTshark(): boolean {
  try {
    execFileSync('tshark', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * tshark's full dissection (`-V`) of a simulated run's tokens in an HTTP capture, decrypting
 * Kerberos with the keytab given (its bytes).
 */
export function dissectWithKeytab(tokens: HttpToken[], keytab: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), 'spnego-tshark-'));
  const keytabPath = join(dir, 'run.keytab');
  const pcap = join(dir, 'run.pcap');
  writeFileSync(keytabPath, keytab);
  writeFileSync(pcap, negotiatePcap(tokens));
  return execFileSync(
    'tshark',
    ['-r', pcap, '-o', 'kerberos.decrypt:TRUE', '-o', `kerberos.file:${keytabPath}`, '-V'],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
  );
}
