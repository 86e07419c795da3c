// MD4 [RFC 1320]. Obsolete as a hash, but NTOWFv1 is defined as MD4(UNICODE(password))
// [MS-NLMP §3.3.1], and @noble/hashes deliberately omits it.

const ROUND2_ORDER = [0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15];
const ROUND3_ORDER = [0, 8, 4, 12, 2, 10, 6, 14, 1, 9, 5, 13, 3, 11, 7, 15];
const ROUND1_SHIFTS = [3, 7, 11, 19];
const ROUND2_SHIFTS = [3, 5, 9, 13];
const ROUND3_SHIFTS = [3, 9, 11, 15];

function rotl(x: number, s: number): number {
  return (x << s) | (x >>> (32 - s));
}

/** Pads per RFC 1320 §3.1–3.2: 0x80, zeros to 56 mod 64, then the bit length as u64 LE. */
function pad(data: Uint8Array): Uint8Array {
  const total = (((data.length + 8) >>> 6) + 1) << 6;
  const out = new Uint8Array(total);
  out.set(data);
  out[data.length] = 0x80;
  const bits = data.length * 8;
  const view = new DataView(out.buffer);
  view.setUint32(total - 8, bits >>> 0, true);
  view.setUint32(total - 4, Math.floor(bits / 0x100000000), true);
  return out;
}

export function md4(data: Uint8Array): Uint8Array {
  const msg = pad(data);
  const view = new DataView(msg.buffer);
  // Initial state, RFC 1320 §3.3.
  let a = 0x67452301;
  let b = 0xefcdab89;
  let c = 0x98badcfe;
  let d = 0x10325476;
  const x = new Array<number>(16);

  for (let block = 0; block < msg.length; block += 64) {
    for (let i = 0; i < 16; i++) x[i] = view.getUint32(block + 4 * i, true);
    const [aa, bb, cc, dd] = [a, b, c, d];

    // Each round applies its step to (a,b,c,d), then (d,a,b,c), (c,d,a,b), (b,c,d,a).
    for (let i = 0; i < 16; i++) {
      const f = (b & c) | (~b & d);
      const t = rotl((a + f + x[i]) | 0, ROUND1_SHIFTS[i % 4]);
      [a, b, c, d] = [d, t, b, c];
    }
    for (let i = 0; i < 16; i++) {
      const g = (b & c) | (b & d) | (c & d);
      const t = rotl((a + g + x[ROUND2_ORDER[i]] + 0x5a827999) | 0, ROUND2_SHIFTS[i % 4]);
      [a, b, c, d] = [d, t, b, c];
    }
    for (let i = 0; i < 16; i++) {
      const h = b ^ c ^ d;
      const t = rotl((a + h + x[ROUND3_ORDER[i]] + 0x6ed9eba1) | 0, ROUND3_SHIFTS[i % 4]);
      [a, b, c, d] = [d, t, b, c];
    }

    a = (a + aa) | 0;
    b = (b + bb) | 0;
    c = (c + cc) | 0;
    d = (d + dd) | 0;
  }

  const out = new Uint8Array(16);
  const outView = new DataView(out.buffer);
  outView.setUint32(0, a >>> 0, true);
  outView.setUint32(4, b >>> 0, true);
  outView.setUint32(8, c >>> 0, true);
  outView.setUint32(12, d >>> 0, true);
  return out;
}
