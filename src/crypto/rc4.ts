// RC4 stream cipher. NTLM keeps one RC4 handle per direction alive across messages, so the
// keystream must continue from call to call [MS-NLMP §3.4.3, §3.4.4].

export interface Rc4Cipher {
  /** XORs `data` with the next `data.length` keystream bytes; advances the state. */
  process(data: Uint8Array): Uint8Array;
  /** An independent copy at the current keystream position (used to rewind a handle). */
  clone(): Rc4Cipher;
}

class Rc4 implements Rc4Cipher {
  constructor(
    private readonly s: Uint8Array,
    private i: number,
    private j: number,
  ) {}

  process(data: Uint8Array): Uint8Array {
    const { s } = this;
    const out = new Uint8Array(data.length);
    let { i, j } = this;
    for (let n = 0; n < data.length; n++) {
      i = (i + 1) & 0xff;
      j = (j + s[i]) & 0xff;
      const t = s[i];
      s[i] = s[j];
      s[j] = t;
      out[n] = data[n] ^ s[(s[i] + s[j]) & 0xff];
    }
    this.i = i;
    this.j = j;
    return out;
  }

  clone(): Rc4Cipher {
    return new Rc4(this.s.slice(), this.i, this.j);
  }
}

/** RC4Init(key): key scheduling; keys of 1 to 256 bytes. */
export function createRc4(key: Uint8Array): Rc4Cipher {
  if (key.length < 1 || key.length > 256) {
    throw new RangeError(`RC4 key must be 1..256 bytes, got ${key.length}`);
  }
  const s = new Uint8Array(256);
  for (let i = 0; i < 256; i++) s[i] = i;
  let j = 0;
  for (let i = 0; i < 256; i++) {
    j = (j + s[i] + key[i % key.length]) & 0xff;
    const t = s[i];
    s[i] = s[j];
    s[j] = t;
  }
  return new Rc4(s, 0, 0);
}

/** One-shot RC4 from a fresh key schedule: MS-NLMP's RC4K(K, D) [§6]. */
export function rc4(key: Uint8Array, data: Uint8Array): Uint8Array {
  return createRc4(key).process(data);
}
