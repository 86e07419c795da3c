/**
 * n-fold (RFC 3961 §5.1): stretches or shrinks a byte string to `outputBytes` so that every input
 * bit influences the result. The input is repeated, each copy rotated 13 bits further right than
 * the last, until the total length is a common multiple of the input and output lengths; the
 * pieces of output size are then added with one's-complement (end-around carry) addition.
 */
export function nfold(input: Uint8Array, outputBytes: number): Uint8Array {
  if (input.length === 0 || outputBytes <= 0) throw new RangeError('n-fold needs input and output');
  const inBits = input.length * 8;
  const total = lcm(input.length, outputBytes);
  const inputValue = toBigInt(input);
  const inMask = (1n << BigInt(inBits)) - 1n;

  // Concatenate the rotated copies into one big number, most significant copy first.
  let stream = 0n;
  for (let copy = 0; copy < total / input.length; copy++) {
    const r = BigInt((13 * copy) % inBits);
    const rotated =
      r === 0n ? inputValue : ((inputValue >> r) | (inputValue << (BigInt(inBits) - r))) & inMask;
    stream = (stream << BigInt(inBits)) | rotated;
  }

  const outBits = BigInt(outputBytes * 8);
  const outMask = (1n << outBits) - 1n;
  let sum = 0n;
  for (let piece = 0; piece < total / outputBytes; piece++) {
    sum += (stream >> (outBits * BigInt(piece))) & outMask;
  }
  // One's-complement addition: fold every carry back into the low end.
  while (sum > outMask) sum = (sum & outMask) + (sum >> outBits);
  return fromBigInt(sum, outputBytes);
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

function lcm(a: number, b: number): number {
  return (a / gcd(a, b)) * b;
}

function toBigInt(bytes: Uint8Array): bigint {
  let v = 0n;
  for (const b of bytes) v = (v << 8n) | BigInt(b);
  return v;
}

function fromBigInt(value: bigint, length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = length - 1; i >= 0; i--) {
    out[i] = Number(value & 0xffn);
    value >>= 8n;
  }
  return out;
}
