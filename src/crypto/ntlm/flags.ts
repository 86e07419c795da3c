// The NegotiateFlags bits that change the cryptography [MS-NLMP §2.2.2.5]. The full flag table
// lives with the NTLM message codec; only these matter here.
export const NtlmCryptoFlags = {
  SIGN: 0x00000010,
  SEAL: 0x00000020,
  DATAGRAM: 0x00000040,
  LM_KEY: 0x00000080,
  ALWAYS_SIGN: 0x00008000,
  EXTENDED_SESSIONSECURITY: 0x00080000,
  REQUEST_NON_NT_SESSION_KEY: 0x00400000,
  NEGOTIATE_128: 0x20000000,
  KEY_EXCH: 0x40000000,
  NEGOTIATE_56: 0x80000000,
} as const;

export function hasFlag(flags: number, flag: number): boolean {
  return (flags & flag) >>> 0 === flag >>> 0;
}
