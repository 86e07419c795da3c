/**
 * The PAC's typed value (MS-PAC §2.3–§2.15). Field names are MS-PAC's; SIDs are in their string
 * form (S-1-5-21-…), FILETIMEs ISO-8601 or `never`.
 */

/** PAC_INFO_BUFFER (MS-PAC §2.4) and what it points at. */
export interface PacInfoBuffer {
  ulType: number;
  cbBufferSize: number;
  /** ULONG64 on the wire; a value past 2^53 cannot point inside any PAC and is an error. */
  Offset: number;
  /** MS-PAC's name of the buffer type, e.g. `Logon information`. */
  typeName: string;
  /** The buffer's bytes when its Offset and size lie inside the PAC. */
  data?: Uint8Array;
}

/** RPC_UNICODE_STRING (MS-DTYP §2.3.10) with the text its Buffer pointed at (null: null pointer). */
export interface RpcUnicodeString {
  Length: number;
  MaximumLength: number;
  text: string | null;
}

/** GROUP_MEMBERSHIP (MS-PAC §2.2.2). */
export interface GroupMembership {
  RelativeId: number;
  Attributes: number;
}

/** KERB_SID_AND_ATTRIBUTES (MS-PAC §2.2.1). */
export interface KerbSidAndAttributes {
  Sid: string | null;
  Attributes: number;
}

/** KERB_VALIDATION_INFO (MS-PAC §2.5), its pointers resolved. */
export interface KerbValidationInfo {
  LogonTime: string;
  LogoffTime: string;
  KickOffTime: string;
  PasswordLastSet: string;
  PasswordCanChange: string;
  PasswordMustChange: string;
  EffectiveName: RpcUnicodeString;
  FullName: RpcUnicodeString;
  LogonScript: RpcUnicodeString;
  ProfilePath: RpcUnicodeString;
  HomeDirectory: RpcUnicodeString;
  HomeDirectoryDrive: RpcUnicodeString;
  LogonCount: number;
  BadPasswordCount: number;
  UserId: number;
  PrimaryGroupId: number;
  GroupCount: number;
  GroupIds: GroupMembership[];
  UserFlags: number;
  /** Hex. */
  UserSessionKey: string;
  LogonServer: RpcUnicodeString;
  LogonDomainName: RpcUnicodeString;
  LogonDomainId: string | null;
  UserAccountControl: number;
  SubAuthStatus: number;
  LastSuccessfulILogon: string;
  LastFailedILogon: string;
  FailedILogonCount: number;
  SidCount: number;
  ExtraSids: KerbSidAndAttributes[];
  ResourceGroupDomainSid: string | null;
  ResourceGroupCount: number;
  ResourceGroupIds: GroupMembership[];
}

/** PAC_CLIENT_INFO (MS-PAC §2.7). */
export interface PacClientInfo {
  ClientId: string;
  NameLength: number;
  Name: string;
}

/** UPN_DNS_INFO (MS-PAC §2.10), with the extension flag S adds. */
export interface UpnDnsInfo {
  UpnLength: number;
  UpnOffset: number;
  DnsDomainNameLength: number;
  DnsDomainNameOffset: number;
  Flags: number;
  SamNameLength?: number;
  SamNameOffset?: number;
  SidLength?: number;
  SidOffset?: number;
  Upn?: string;
  DnsDomainName?: string;
  SamName?: string;
  Sid?: string;
}

/** Which signature a PAC_SIGNATURE_DATA is, by its buffer's ulType (MS-PAC §2.8.2–§2.8.5). */
export type PacSignatureRole = 'server' | 'kdc' | 'ticket' | 'full';

/** PAC_SIGNATURE_DATA (MS-PAC §2.8) and where its Signature lies in the PAC. */
export interface PacSignature {
  role: PacSignatureRole;
  ulType: number;
  /** A checksum type (RFC 3961 §8 / MS-PAC §2.8), signed: -138 is HMAC-MD5. */
  SignatureType: number;
  Signature: Uint8Array;
  RODCIdentifier?: number;
  /** Offset of the Signature in the PAC: the bytes zeroed when computing the PAC's checksums. */
  signatureOffset: number;
}

/** S4U_DELEGATION_INFO (MS-PAC §2.9): the S4U2proxy target and the services the ticket passed. */
export interface S4uDelegationInfo {
  S4U2proxyTarget: RpcUnicodeString;
  TransitedListSize: number;
  S4UTransitedServices: RpcUnicodeString[];
}

/** PAC_CREDENTIAL_INFO (MS-PAC §2.6.1): the credentials, encrypted with the AS reply key. */
export interface PacCredentialInfo {
  Version: number;
  EncryptionType: number;
  SerializedData: Uint8Array;
}

/** PAC_ATTRIBUTES_INFO (MS-PAC §2.14). */
export interface PacAttributesInfo {
  FlagsLength: number;
  Flags: number[];
}

/** PACTYPE (MS-PAC §2.3) with its buffers read. */
export interface Pac {
  cBuffers: number;
  Version: number;
  Buffers: PacInfoBuffer[];
  logonInfo?: KerbValidationInfo;
  clientInfo?: PacClientInfo;
  upnDnsInfo?: UpnDnsInfo;
  credentialInfo?: PacCredentialInfo;
  delegationInfo?: S4uDelegationInfo;
  attributesInfo?: PacAttributesInfo;
  /** PAC_REQUESTOR's SID (MS-PAC §2.15). */
  requestorSid?: string;
  signatures: PacSignature[];
}
