import { md5 } from '../crypto';

/**
 * Deterministic "random" bytes: MD5 in counter mode over the run's seed and a label, so a run is
 * reproducible from its configuration and every consumer gets its own stream (a nonce, a client
 * challenge, a confounder) without threading generator state through pure step functions.
 */
export function deterministicBytes(seed: number, label: string, length: number): Uint8Array {
  const out = new Uint8Array(length);
  const encoder = new TextEncoder();
  for (let block = 0, o = 0; o < length; block++) {
    const digest = md5(encoder.encode(`${seed}/${label}/${block}`));
    const take = Math.min(digest.length, length - o);
    out.set(digest.subarray(0, take), o);
    o += take;
  }
  return out;
}

/** A deterministic 32-bit unsigned integer (nonces, sequence numbers). */
export function deterministicUint32(seed: number, label: string): number {
  const b = deterministicBytes(seed, label, 4);
  return (((b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3]) >>> 0) & 0x7fffffff;
}
