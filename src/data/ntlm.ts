/**
 * NTLM tables: NegotiateFlags, message types, AV_PAIR ids, MsvAvFlags, VERSION values.
 * Sources: MS-NLMP §2.2.1, §2.2.2.1, §2.2.2.5, §2.2.2.10 and App. B <33>;
 * historical names of reserved bits from samba librpc/idl/ntlmssp.idl and Wireshark's
 * epan/dissectors/packet-ntlmssp.c.
 */

/** NTLMSSP\0 [MS-NLMP §2.2.1.1]. */
export const NTLMSSP_SIGNATURE = [0x4e, 0x54, 0x4c, 0x4d, 0x53, 0x53, 0x50, 0x00] as const;

export const NTLM_NEGOTIATE_MESSAGE_TYPE = 1;
export const NTLM_CHALLENGE_MESSAGE_TYPE = 2;
export const NTLM_AUTHENTICATE_MESSAGE_TYPE = 3;

/** MessageType values [MS-NLMP §2.2.1.1–§2.2.1.3]: the spec's own names. */
export const NTLM_MESSAGE_TYPES: Record<number, { name: string; structure: string; spec: string }> =
  {
    1: { name: 'NtLmNegotiate', structure: 'NEGOTIATE_MESSAGE', spec: 'MS-NLMP §2.2.1.1' },
    2: { name: 'NtLmChallenge', structure: 'CHALLENGE_MESSAGE', spec: 'MS-NLMP §2.2.1.2' },
    3: { name: 'NtLmAuthenticate', structure: 'AUTHENTICATE_MESSAGE', spec: 'MS-NLMP §2.2.1.3' },
  };

// NegotiateFlags [MS-NLMP §2.2.2.5]; letters as in the spec's bit diagram.
export const NTLMSSP_NEGOTIATE_UNICODE = 0x00000001;
export const NTLM_NEGOTIATE_OEM = 0x00000002;
/** Samba's and Linux's name for NTLM_NEGOTIATE_OEM. */
export const NTLMSSP_NEGOTIATE_OEM = NTLM_NEGOTIATE_OEM;
export const NTLMSSP_REQUEST_TARGET = 0x00000004;
export const NTLMSSP_NEGOTIATE_SIGN = 0x00000010;
export const NTLMSSP_NEGOTIATE_SEAL = 0x00000020;
export const NTLMSSP_NEGOTIATE_DATAGRAM = 0x00000040;
export const NTLMSSP_NEGOTIATE_LM_KEY = 0x00000080;
export const NTLMSSP_NEGOTIATE_NTLM = 0x00000200;
/** Bit J has no symbol in MS-NLMP; Samba calls it NTLMSSP_ANONYMOUS. */
export const NTLMSSP_NEGOTIATE_ANONYMOUS = 0x00000800;
export const NTLMSSP_NEGOTIATE_OEM_DOMAIN_SUPPLIED = 0x00001000;
export const NTLMSSP_NEGOTIATE_OEM_WORKSTATION_SUPPLIED = 0x00002000;
export const NTLMSSP_NEGOTIATE_ALWAYS_SIGN = 0x00008000;
export const NTLMSSP_TARGET_TYPE_DOMAIN = 0x00010000;
export const NTLMSSP_TARGET_TYPE_SERVER = 0x00020000;
export const NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY = 0x00080000;
export const NTLMSSP_NEGOTIATE_IDENTIFY = 0x00100000;
export const NTLMSSP_REQUEST_NON_NT_SESSION_KEY = 0x00400000;
export const NTLMSSP_NEGOTIATE_TARGET_INFO = 0x00800000;
export const NTLMSSP_NEGOTIATE_VERSION = 0x02000000;
export const NTLMSSP_NEGOTIATE_128 = 0x20000000;
export const NTLMSSP_NEGOTIATE_KEY_EXCH = 0x40000000;
export const NTLMSSP_NEGOTIATE_56 = 0x80000000;

export interface NtlmFlagInfo {
  value: number;
  /** Letter in the MS-NLMP §2.2.2.5 diagram (`A`…`W`), or `r1`…`r10` for reserved bits. */
  letter: string;
  name: string;
  meaning: string;
  reserved?: boolean;
}

/** Every bit, least significant first. Reserved bits carry their historical names. */
export const NTLM_FLAGS: readonly NtlmFlagInfo[] = [
  {
    value: 0x00000001,
    letter: 'A',
    name: 'NTLMSSP_NEGOTIATE_UNICODE',
    meaning: 'UTF-16LE strings',
  },
  { value: 0x00000002, letter: 'B', name: 'NTLM_NEGOTIATE_OEM', meaning: 'OEM code page strings' },
  {
    value: 0x00000004,
    letter: 'C',
    name: 'NTLMSSP_REQUEST_TARGET',
    meaning: 'TargetName requested',
  },
  {
    value: 0x00000008,
    letter: 'r10',
    name: 'NTLMSSP_RESERVED_10',
    meaning: 'reserved',
    reserved: true,
  },
  { value: 0x00000010, letter: 'D', name: 'NTLMSSP_NEGOTIATE_SIGN', meaning: 'integrity' },
  { value: 0x00000020, letter: 'E', name: 'NTLMSSP_NEGOTIATE_SEAL', meaning: 'confidentiality' },
  { value: 0x00000040, letter: 'F', name: 'NTLMSSP_NEGOTIATE_DATAGRAM', meaning: 'connectionless' },
  {
    value: 0x00000080,
    letter: 'G',
    name: 'NTLMSSP_NEGOTIATE_LM_KEY',
    meaning: 'LAN Manager session key',
  },
  {
    value: 0x00000100,
    letter: 'r9',
    name: 'NTLMSSP_NEGOTIATE_NETWARE',
    meaning: 'reserved (historical Samba/Wireshark name)',
    reserved: true,
  },
  {
    value: 0x00000200,
    letter: 'H',
    name: 'NTLMSSP_NEGOTIATE_NTLM',
    meaning: 'NTLM v1 session security',
  },
  {
    value: 0x00000400,
    letter: 'r8',
    name: 'NTLMSSP_NEGOTIATE_NT_ONLY',
    meaning: 'reserved (historical Samba name; Windows clients may set it, App. B <30>)',
    reserved: true,
  },
  {
    value: 0x00000800,
    letter: 'J',
    name: 'NTLMSSP_NEGOTIATE_ANONYMOUS',
    meaning: 'anonymous connection (no MS-NLMP symbol; Samba NTLMSSP_ANONYMOUS)',
  },
  {
    value: 0x00001000,
    letter: 'K',
    name: 'NTLMSSP_NEGOTIATE_OEM_DOMAIN_SUPPLIED',
    meaning: 'NEGOTIATE carries DomainName',
  },
  {
    value: 0x00002000,
    letter: 'L',
    name: 'NTLMSSP_NEGOTIATE_OEM_WORKSTATION_SUPPLIED',
    meaning: 'NEGOTIATE carries Workstation',
  },
  {
    value: 0x00004000,
    letter: 'r7',
    name: 'NTLMSSP_NEGOTIATE_LOCAL_CALL',
    meaning: 'reserved (historical NEGOTIATE_THIS_IS_LOCAL_CALL)',
    reserved: true,
  },
  {
    value: 0x00008000,
    letter: 'M',
    name: 'NTLMSSP_NEGOTIATE_ALWAYS_SIGN',
    meaning: 'session key regardless of SIGN/SEAL',
  },
  {
    value: 0x00010000,
    letter: 'N',
    name: 'NTLMSSP_TARGET_TYPE_DOMAIN',
    meaning: 'TargetName is a domain',
  },
  {
    value: 0x00020000,
    letter: 'O',
    name: 'NTLMSSP_TARGET_TYPE_SERVER',
    meaning: 'TargetName is a server',
  },
  {
    value: 0x00040000,
    letter: 'r6',
    name: 'NTLMSSP_TARGET_TYPE_SHARE',
    meaning: 'reserved (historical name)',
    reserved: true,
  },
  {
    value: 0x00080000,
    letter: 'P',
    name: 'NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY',
    meaning: 'extended session security (NTLM2)',
  },
  {
    value: 0x00100000,
    letter: 'Q',
    name: 'NTLMSSP_NEGOTIATE_IDENTIFY',
    meaning: 'identify-level token',
  },
  {
    value: 0x00200000,
    letter: 'r5',
    name: 'NTLMSSP_RESERVED_5',
    meaning: 'reserved',
    reserved: true,
  },
  {
    value: 0x00400000,
    letter: 'R',
    name: 'NTLMSSP_REQUEST_NON_NT_SESSION_KEY',
    meaning: 'LMOWF-based session key',
  },
  {
    value: 0x00800000,
    letter: 'S',
    name: 'NTLMSSP_NEGOTIATE_TARGET_INFO',
    meaning: 'TargetInfo present',
  },
  {
    value: 0x01000000,
    letter: 'r4',
    name: 'NTLMSSP_RESERVED_4',
    meaning: 'reserved',
    reserved: true,
  },
  {
    value: 0x02000000,
    letter: 'T',
    name: 'NTLMSSP_NEGOTIATE_VERSION',
    meaning: 'Version field valid',
  },
  {
    value: 0x04000000,
    letter: 'r3',
    name: 'NTLMSSP_RESERVED_3',
    meaning: 'reserved',
    reserved: true,
  },
  {
    value: 0x08000000,
    letter: 'r2',
    name: 'NTLMSSP_RESERVED_2',
    meaning: 'reserved',
    reserved: true,
  },
  {
    value: 0x10000000,
    letter: 'r1',
    name: 'NTLMSSP_RESERVED_1',
    meaning: 'reserved',
    reserved: true,
  },
  {
    value: 0x20000000,
    letter: 'U',
    name: 'NTLMSSP_NEGOTIATE_128',
    meaning: '128-bit session keys',
  },
  {
    value: 0x40000000,
    letter: 'V',
    name: 'NTLMSSP_NEGOTIATE_KEY_EXCH',
    meaning: 'explicit key exchange',
  },
  { value: 0x80000000, letter: 'W', name: 'NTLMSSP_NEGOTIATE_56', meaning: '56-bit session keys' },
];

/** Every bit of `flag` is set in `flags` (the flags are a u32, so compared unsigned). */
export function hasFlag(flags: number, flag: number): boolean {
  return (flags & flag) >>> 0 === flag >>> 0;
}

/** The set flags, least significant first. */
export function ntlmFlagsSet(flags: number): NtlmFlagInfo[] {
  return NTLM_FLAGS.filter((f) => (flags & f.value) >>> 0 !== 0);
}

/**
 * The fields of an NTLMSSP_MESSAGE_SIGNATURE [MS-NLMP §2.2.2.9]: what the crypto computes and
 * the codec writes and reads (its 16-byte layout is described once, in codec/ntlm/signature.ts).
 */
export type NtlmSignatureFields =
  | {
      /** With extended session security [§2.2.2.9.2]. */
      extendedSessionSecurity: true;
      /** 8 bytes: HMAC_MD5(SigningKey, SeqNum ‖ Message)[0..7], RC4-encrypted with KEY_EXCH. */
      checksum: Uint8Array;
      seqNum: number;
    }
  | {
      /** Without extended session security [§2.2.2.9.1]. */
      extendedSessionSecurity: false;
      /** 4 bytes; zero when omitted, as working implementations send it. */
      randomPad?: Uint8Array;
      /** 4 bytes: RC4-encrypted CRC32. */
      checksum: Uint8Array;
      /** The SeqNum field as sent: 4 bytes (RC4(0) XOR SeqNum), or a number written as is. */
      seqNum: Uint8Array | number;
    };

/** AvId values [MS-NLMP §2.2.2.1]; `kind` says how the value is encoded. */
export type AvValueKind = 'eol' | 'utf16' | 'flags' | 'filetime' | 'singleHost' | 'bytes';

export const MSV_AV_EOL = 0x0000;
export const MSV_AV_NB_COMPUTER_NAME = 0x0001;
export const MSV_AV_NB_DOMAIN_NAME = 0x0002;
export const MSV_AV_DNS_COMPUTER_NAME = 0x0003;
export const MSV_AV_DNS_DOMAIN_NAME = 0x0004;
export const MSV_AV_DNS_TREE_NAME = 0x0005;
export const MSV_AV_FLAGS = 0x0006;
export const MSV_AV_TIMESTAMP = 0x0007;
export const MSV_AV_SINGLE_HOST = 0x0008;
export const MSV_AV_TARGET_NAME = 0x0009;
export const MSV_CHANNEL_BINDINGS = 0x000a;

export const AV_IDS: Record<number, { name: string; kind: AvValueKind; meaning: string }> = {
  0x0000: { name: 'MsvAvEOL', kind: 'eol', meaning: 'end of the list' },
  0x0001: { name: 'MsvAvNbComputerName', kind: 'utf16', meaning: 'server NetBIOS name' },
  0x0002: { name: 'MsvAvNbDomainName', kind: 'utf16', meaning: 'NetBIOS domain name' },
  0x0003: { name: 'MsvAvDnsComputerName', kind: 'utf16', meaning: 'computer FQDN' },
  0x0004: { name: 'MsvAvDnsDomainName', kind: 'utf16', meaning: 'domain FQDN' },
  0x0005: { name: 'MsvAvDnsTreeName', kind: 'utf16', meaning: 'forest FQDN' },
  0x0006: { name: 'MsvAvFlags', kind: 'flags', meaning: 'configuration flags' },
  0x0007: { name: 'MsvAvTimestamp', kind: 'filetime', meaning: 'server time (FILETIME)' },
  0x0008: { name: 'MsvAvSingleHost', kind: 'singleHost', meaning: 'Single_Host_Data' },
  0x0009: { name: 'MsvAvTargetName', kind: 'utf16', meaning: 'SPN of the target' },
  0x000a: {
    name: 'MsvChannelBindings',
    kind: 'bytes',
    meaning: 'MD5 of gss_channel_bindings_struct',
  },
};

/** MsvAvFlags bits [MS-NLMP §2.2.2.1]. */
export const MSV_AV_FLAG_CONSTRAINED = 0x00000001;
export const MSV_AV_FLAG_MIC = 0x00000002;
export const MSV_AV_FLAG_UNTRUSTED_SPN = 0x00000004;

export const MSV_AV_FLAG_BITS: Record<number, string> = {
  0x00000001: 'account authentication constrained',
  0x00000002: 'MIC present in AUTHENTICATE',
  0x00000004: 'target SPN from an untrusted source',
};

/** NTLMRevisionCurrent [MS-NLMP §2.2.2.10]. */
export const NTLMSSP_REVISION_W2K3 = 0x0f;
export const NTLM_REVISIONS: Record<number, string> = {
  0x0a: 'NTLMSSP_REVISION_W2K3_RC1',
  [NTLMSSP_REVISION_W2K3]: 'NTLMSSP_REVISION_W2K3',
};

/** ProductMajorVersion.ProductMinorVersion → products [MS-NLMP App. B <33>]. */
export const WINDOWS_VERSIONS: Record<string, string> = {
  '5.0': 'Windows 2000',
  '5.1': 'Windows XP',
  '5.2': 'Windows Server 2003 / XP x64',
  '6.0': 'Windows Vista / Server 2008',
  '6.1': 'Windows 7 / Server 2008 R2',
  '6.2': 'Windows 8 / Server 2012',
  '6.3': 'Windows 8.1 / Server 2012 R2',
  '10.0': 'Windows 10 / Server 2016 or later',
};
