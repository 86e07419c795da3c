/**
 * The Camellia block cipher (RFC 3713): 128-bit blocks, 128-, 192- or 256-bit keys, here for the
 * Kerberos camellia*-cts-cmac encryption types (RFC 6803). Written from RFC 3713 §2: the key
 * schedule (§2.2), the data randomizing part (§2.3 encryption, §2.3.3 decryption with the
 * subkeys reversed), F (§2.4.1), FL / FL⁻¹ (§2.4.2, §2.4.3) and the S-boxes (§2.4.4). No npm
 * package fits (the package named "camellia" is unrelated, and @noble/ciphers has no Camellia),
 * so this small implementation: the key schedule in BigInt, once per key, the rounds on 32-bit
 * numbers. Pure and synchronous.
 */
const SBOX1 = Uint8Array.from(
  '70822cecb327c0e5e4855735ea0cae4123ef6b934519a521ed0e4f4e1d6592bd86b8af8f7ceb1fce3e30dc5f5ec50b1aa6e139cad5475d3dd9015ad651566c4d8b0d9a66fbccb02d74122b20f0b18499df4ccbc2347e76056db7a931d11704d714583a61de1b111c320f9c165318f222fe44cfb2c3b57a912408e8a860fc6950aad0a07da1896297545b1e95e0ff64d210c40048a3f775db8a03e6da093fdd94875c8302cd4a90337367f6f39d7fbfe2529bd826c837c63b81966f4b13be632ee979a78c9f6ebc8e29f5f9b62ffdb4597898066ae74671bad425ab4288a28dfa7207b955f8eeac0a36492a683c38f1a44028d37bbbc943c115e3adf477c7809e'
    .match(/../g)!
    .map((h) => parseInt(h, 16)),
);
const rotl8 = (x: number, n: number): number => ((x << n) | (x >>> (8 - n))) & 0xff;
const SBOX2 = SBOX1.map((x) => rotl8(x, 1));
const SBOX3 = SBOX1.map((x) => rotl8(x, 7));
const SBOX4 = Uint8Array.from({ length: 256 }, (_, x) => SBOX1[rotl8(x, 1)]);

const M32 = 0xffffffffn;
const M64 = 0xffffffffffffffffn;
const M128 = (1n << 128n) - 1n;
const SIGMA = [
  0xa09e667f3bcc908bn,
  0xb67ae8584caa73b2n,
  0xc6ef372fe94f82ben,
  0x54ff53a5f1d36f1cn,
  0x10e527fade682d1dn,
  0xb05688c2b3e6c1fdn,
];

function rotl128(x: bigint, n: number): bigint {
  const s = BigInt(n % 128);
  return s === 0n ? x : ((x << s) | (x >> (128n - s))) & M128;
}

/** F (RFC 3713 §2.4.1): S-boxes, then the P-function's byte mixing. */
function f(input: bigint, key: bigint): bigint {
  const x = input ^ key;
  const t1 = SBOX1[Number((x >> 56n) & 0xffn)];
  const t2 = SBOX2[Number((x >> 48n) & 0xffn)];
  const t3 = SBOX3[Number((x >> 40n) & 0xffn)];
  const t4 = SBOX4[Number((x >> 32n) & 0xffn)];
  const t5 = SBOX2[Number((x >> 24n) & 0xffn)];
  const t6 = SBOX3[Number((x >> 16n) & 0xffn)];
  const t7 = SBOX4[Number((x >> 8n) & 0xffn)];
  const t8 = SBOX1[Number(x & 0xffn)];
  const y = [
    t1 ^ t3 ^ t4 ^ t6 ^ t7 ^ t8,
    t1 ^ t2 ^ t4 ^ t5 ^ t7 ^ t8,
    t1 ^ t2 ^ t3 ^ t5 ^ t6 ^ t8,
    t2 ^ t3 ^ t4 ^ t5 ^ t6 ^ t7,
    t1 ^ t2 ^ t6 ^ t7 ^ t8,
    t2 ^ t3 ^ t5 ^ t7 ^ t8,
    t3 ^ t4 ^ t5 ^ t6 ^ t8,
    t1 ^ t4 ^ t5 ^ t6 ^ t7,
  ];
  let out = 0n;
  for (const b of y) out = (out << 8n) | BigInt(b);
  return out;
}

interface Schedule {
  kw: bigint[]; // kw1..kw4
  k: bigint[]; // k1..k18 or k1..k24
  ke: bigint[]; // ke1..ke4 or ke1..ke6
}

const hi = (x: bigint): bigint => x >> 64n;
const lo = (x: bigint): bigint => x & M64;

/** The key schedule (RFC 3713 §2.2). */
function schedule(key: Uint8Array): Schedule {
  if (key.length !== 16 && key.length !== 24 && key.length !== 32) {
    throw new RangeError(`a Camellia key is 16, 24 or 32 bytes, got ${key.length}`);
  }
  let k = 0n;
  for (const b of key) k = (k << 8n) | BigInt(b);
  let kl: bigint;
  let kr: bigint;
  if (key.length === 16) {
    kl = k;
    kr = 0n;
  } else if (key.length === 24) {
    kl = k >> 64n;
    const r = k & M64;
    kr = (r << 64n) | (~r & M64);
  } else {
    kl = k >> 128n;
    kr = k & M128;
  }
  let d1 = hi(kl ^ kr);
  let d2 = lo(kl ^ kr);
  d2 ^= f(d1, SIGMA[0]);
  d1 ^= f(d2, SIGMA[1]);
  d1 ^= hi(kl);
  d2 ^= lo(kl);
  d2 ^= f(d1, SIGMA[2]);
  d1 ^= f(d2, SIGMA[3]);
  const ka = (d1 << 64n) | d2;
  const pair = (x: bigint, n: number): [bigint, bigint] => {
    const r = rotl128(x, n);
    return [hi(r), lo(r)];
  };
  if (key.length === 16) {
    const [kw1, kw2] = pair(kl, 0);
    const [kw3, kw4] = pair(ka, 111);
    const ks = [
      ...pair(ka, 0),
      ...pair(kl, 15),
      ...pair(ka, 15),
      ...pair(kl, 45),
      hi(rotl128(ka, 45)),
      lo(rotl128(kl, 60)),
      ...pair(ka, 60),
      ...pair(kl, 94),
      ...pair(ka, 94),
      ...pair(kl, 111),
    ];
    return { kw: [kw1, kw2, kw3, kw4], k: ks, ke: [...pair(ka, 30), ...pair(kl, 77)] };
  }
  d1 = hi(ka ^ kr);
  d2 = lo(ka ^ kr);
  d2 ^= f(d1, SIGMA[4]);
  d1 ^= f(d2, SIGMA[5]);
  const kb = (d1 << 64n) | d2;
  const ks = [
    ...pair(kb, 0),
    ...pair(kr, 15),
    ...pair(ka, 15),
    ...pair(kb, 30),
    ...pair(kl, 45),
    ...pair(ka, 45),
    ...pair(kr, 60),
    ...pair(kb, 60),
    ...pair(kl, 77),
    ...pair(kr, 94),
    ...pair(ka, 94),
    ...pair(kl, 111),
  ];
  return {
    kw: [...pair(kl, 0), ...pair(kb, 111)],
    k: ks,
    ke: [...pair(kr, 30), ...pair(kl, 60), ...pair(ka, 77)],
  };
}

/*
 * The data path works on 32-bit numbers (a 64-bit half as [high, low]); the key schedule above
 * stays in BigInt, run once per key.
 */
type Half = [number, number];
const split = (x: bigint): Half => [Number(x >> 32n), Number(x & M32)];
const rotl1 = (v: number): number => ((v << 1) | (v >>> 31)) >>> 0;

/** F on 32-bit halves, into `out`. */
function f32(xh: number, xl: number, k: Half, out: Half): void {
  const a = xh ^ k[0];
  const b = xl ^ k[1];
  const t1 = SBOX1[a >>> 24];
  const t2 = SBOX2[(a >>> 16) & 0xff];
  const t3 = SBOX3[(a >>> 8) & 0xff];
  const t4 = SBOX4[a & 0xff];
  const t5 = SBOX2[b >>> 24];
  const t6 = SBOX3[(b >>> 16) & 0xff];
  const t7 = SBOX4[(b >>> 8) & 0xff];
  const t8 = SBOX1[b & 0xff];
  out[0] =
    (((t1 ^ t3 ^ t4 ^ t6 ^ t7 ^ t8) << 24) |
      ((t1 ^ t2 ^ t4 ^ t5 ^ t7 ^ t8) << 16) |
      ((t1 ^ t2 ^ t3 ^ t5 ^ t6 ^ t8) << 8) |
      (t2 ^ t3 ^ t4 ^ t5 ^ t6 ^ t7)) >>>
    0;
  out[1] =
    (((t1 ^ t2 ^ t6 ^ t7 ^ t8) << 24) |
      ((t2 ^ t3 ^ t5 ^ t7 ^ t8) << 16) |
      ((t3 ^ t4 ^ t5 ^ t6 ^ t8) << 8) |
      (t1 ^ t4 ^ t5 ^ t6 ^ t7)) >>>
    0;
}

/** The data randomizing part (RFC 3713 §2.3.2) with subkeys in the given order. */
function crypt(block: Uint8Array, kw: Half[], k: Half[], ke: Half[]): Uint8Array {
  if (block.length !== 16) {
    throw new RangeError(`a Camellia block is 16 bytes, got ${block.length}`);
  }
  const v = new DataView(block.buffer, block.byteOffset, 16);
  let d1h = (v.getUint32(0) ^ kw[0][0]) >>> 0;
  let d1l = (v.getUint32(4) ^ kw[0][1]) >>> 0;
  let d2h = (v.getUint32(8) ^ kw[1][0]) >>> 0;
  let d2l = (v.getUint32(12) ^ kw[1][1]) >>> 0;
  const t: Half = [0, 0];
  for (let r = 0; r < k.length; r += 2) {
    if (r > 0 && r % 6 === 0) {
      const i = (r / 6 - 1) * 2;
      // FL on D1 (§2.4.2), FL⁻¹ on D2 (§2.4.3).
      d1l = (d1l ^ rotl1(d1h & ke[i][0])) >>> 0;
      d1h = (d1h ^ (d1l | ke[i][1])) >>> 0;
      d2h = (d2h ^ (d2l | ke[i + 1][1])) >>> 0;
      d2l = (d2l ^ rotl1(d2h & ke[i + 1][0])) >>> 0;
    }
    f32(d1h, d1l, k[r], t);
    d2h = (d2h ^ t[0]) >>> 0;
    d2l = (d2l ^ t[1]) >>> 0;
    f32(d2h, d2l, k[r + 1], t);
    d1h = (d1h ^ t[0]) >>> 0;
    d1l = (d1l ^ t[1]) >>> 0;
  }
  const out = new Uint8Array(16);
  const o = new DataView(out.buffer);
  o.setUint32(0, d2h ^ kw[2][0]);
  o.setUint32(4, d2l ^ kw[2][1]);
  o.setUint32(8, d1h ^ kw[3][0]);
  o.setUint32(12, d1l ^ kw[3][1]);
  return out;
}

export interface CamelliaCipher {
  encryptBlock(block: Uint8Array): Uint8Array;
  decryptBlock(block: Uint8Array): Uint8Array;
}

/** A Camellia cipher for one key: the schedule is computed once. */
export function camellia(key: Uint8Array): CamelliaCipher {
  const s = schedule(key);
  const kw = s.kw.map(split);
  const k = s.k.map(split);
  const ke = s.ke.map(split);
  // Decryption (RFC 3713 §2.3.3): the same network with kw, k and ke taken in reverse.
  const kwDec = [kw[2], kw[3], kw[0], kw[1]];
  const kDec = k.slice().reverse();
  const keDec = ke.slice().reverse();
  return {
    encryptBlock: (block) => crypt(block, kw, k, ke),
    decryptBlock: (block) => crypt(block, kwDec, kDec, keDec),
  };
}
