import type { Check } from '../types';

/**
 * Clock-skew limit: five minutes, the default of MIT krb5's `clockskew` (krb5.conf(5)) and Windows'
 * MaxClockSkew, checked by the service on the authenticator (RFC 4120 §3.2.3), and the window NTLM
 * servers allow the NTLMv2 blob's timestamp (MS-NLMP §3.2.5.1.2).
 */
export const CLOCK_SKEW_SECONDS = 300;

function fmt(seconds: number): string {
  const s = Math.abs(Math.round(seconds));
  if (s < 120) return `${s} s`;
  if (s < 7200) return `${Math.round(s / 60)} min`;
  if (s < 2 * 86400) return `${(s / 3600).toFixed(1)} h`;
  return `${Math.round(s / 86400)} days`;
}

/** Two clocks compared against the limit. */
export function clockCheck(
  id: string,
  what: string,
  a: { label: string; seconds: number },
  b: { label: string; seconds: number },
  spec: string,
  limit = CLOCK_SKEW_SECONDS,
): Check {
  const diff = a.seconds - b.seconds;
  const ok = Math.abs(diff) <= limit;
  return {
    id,
    ok,
    text: `${what}: ${a.label} is ${diff === 0 ? 'equal to' : `${fmt(diff)} ${diff > 0 ? 'after' : 'before'}`} ${b.label}, ${ok ? 'within' : 'beyond'} the ${fmt(limit)} limit`,
    spec,
  };
}

/**
 * The decrypted Authenticator's ctime against the capture time of its AP-REQ (RFC 4120 §3.2.3:
 * the service rejects with KRB_AP_ERR_SKEW beyond the limit); for the integrator, once the
 * secrets opened the authenticator. `ctime` is a KerberosTime string.
 */
export function authenticatorTimeCheck(ctime: string, captureTime: number): Check | null {
  const t = Date.parse(ctime);
  if (Number.isNaN(t)) return null;
  return clockCheck(
    'clock-skew',
    'Authenticator time',
    { label: 'the client’s ctime', seconds: t / 1000 },
    { label: 'the capture time', seconds: captureTime },
    'RFC 4120 §3.2.3',
  );
}
