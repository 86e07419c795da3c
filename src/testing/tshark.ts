import { execFileSync } from 'node:child_process';

/** Whether Wireshark's tshark is installed (the suites that compare with it skip without it, except in CI). */
export function hasTshark(): boolean {
  try {
    execFileSync('tshark', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
