import type { SimConfig } from '../../config';

/**
 * Clocks of the run. KerberosTime has whole seconds (RFC 4120 §5.2.3), so times are kept as
 * seconds since the epoch. The server's clock (and the KDC's) is config.time; the client's is off
 * by faults.clockSkewSeconds.
 */
export function serverSeconds(config: SimConfig): number {
  return Math.floor(Date.parse(config.time) / 1000);
}

export function clientSeconds(config: SimConfig): number {
  return serverSeconds(config) + config.faults.clockSkewSeconds;
}

/** ISO-8601 without fractions, the form the codec's KerberosTime encodes and decodes. */
export function kerberosTime(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
}

export function secondsOf(time: string): number {
  return Math.floor(Date.parse(time) / 1000);
}

/** MIT's default `clockskew` and RFC 4120 §1.6's "typically 5 minutes". */
export const MAX_SKEW_SECONDS = 300;

/** A service ticket lives 10 hours and is renewable for 7 days (MIT krb5 defaults, observed with 1.20). */
export const TICKET_LIFETIME_SECONDS = 10 * 3600;
export const RENEW_LIFETIME_SECONDS = 7 * 24 * 3600;
