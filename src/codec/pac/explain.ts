import type { Explanations } from '../explain';

/**
 * The PAC's nodes (MS-PAC). Structures carry their spec on the node (PACTYPE, each buffer,
 * KERB_VALIDATION_INFO, the NDR headers, UPN_DNS_INFO's payload items); their fields' specs are
 * here. Generic names (`Flags`, `Version`, `Filler`, `Signature`, `Payload`) are keyed by parent.
 */
const PACTYPE = 'MS-PAC §2.3';
const INFO_BUFFER = 'MS-PAC §2.4';
const VALIDATION = 'MS-PAC §2.5';
const CREDENTIAL = 'MS-PAC §2.6.1';
const CLIENT = 'MS-PAC §2.7';
const SIGNATURE = 'MS-PAC §2.8';
const UPN = 'MS-PAC §2.10';
const DELEGATION = 'MS-PAC §2.9';
const ATTRIBUTES = 'MS-PAC §2.14';
const REQUESTOR = 'MS-PAC §2.15';
const SID_AND_ATTRIBUTES = 'MS-PAC §2.2.1';
const GROUP = 'MS-PAC §2.2.2';
const COMMON = 'MS-RPCE §2.2.6.1';
const PRIVATE = 'MS-RPCE §2.2.6.2';
const STRING = 'MS-DTYP §2.3.10';
const SID = 'MS-DTYP §2.4.2.2';
const RPC_SID = 'MS-DTYP §2.4.2.3';

/** The RPC_UNICODE_STRING fields of KERB_VALIDATION_INFO. */
const STRINGS = [
  'EffectiveName',
  'FullName',
  'LogonScript',
  'ProfilePath',
  'HomeDirectory',
  'HomeDirectoryDrive',
  'LogonServer',
  'LogonDomainName',
  'S4U2proxyTarget',
];

/** The same entries keyed `name@parent` for each parent: generic names stay local to the PAC. */
function perParent(parents: string[], entries: Explanations): Explanations {
  const out: Record<string, Explanations[string]> = {};
  for (const parent of parents)
    for (const [name, e] of Object.entries(entries)) out[`${name}@${parent}`] = e;
  return out;
}

/** RPC_UNICODE_STRING's fields and those of the WCHAR array its Buffer points at. */
const STRING_FIELDS: Explanations = {
  Length: { meaning: 'The string’s length in bytes, without a terminator.', spec: STRING },
  MaximumLength: { meaning: 'The buffer’s size in bytes.', spec: STRING },
  Buffer: { meaning: 'Pointer to the characters: they follow the structure.', spec: STRING },
  MaximumCount: { meaning: 'NDR: characters allocated (MaximumLength / 2).', spec: STRING },
  Offset: { meaning: 'NDR: the first character sent; 0.', spec: STRING },
  ActualCount: { meaning: 'NDR: characters sent (Length / 2).', spec: STRING },
  Characters: { meaning: 'The string, UTF-16LE.', spec: STRING },
};

const validation = (meaning: string, note?: string) => ({ meaning, note, spec: VALIDATION });

export const PAC_EXPLANATIONS: Explanations = {
  PACTYPE: {
    meaning: 'The PAC: what the KDC says about the user (groups, SIDs, names), signed by the KDC.',
    note: 'It rides in the ticket’s authorization-data as AD-WIN2K-PAC inside AD-IF-RELEVANT; services read it to build the user’s access token.',
  },
  cBuffers: { meaning: 'How many PAC_INFO_BUFFER entries follow.', spec: PACTYPE },
  'Version@PACTYPE': { meaning: 'The PAC version: 0.', spec: PACTYPE },
  Buffers: { meaning: 'The buffer descriptors: a type, a size and an offset each.' },
  PAC_INFO_BUFFER: {
    meaning: 'One buffer descriptor: what the buffer holds and where it lies.',
    spec: INFO_BUFFER,
  },
  ulType: {
    meaning: 'The buffer’s type, e.g. 1 logon information, 6 server checksum.',
    spec: INFO_BUFFER,
  },
  cbBufferSize: { meaning: 'The buffer’s size in bytes.', spec: INFO_BUFFER },
  'Offset@PAC_INFO_BUFFER': {
    meaning: 'Where the buffer starts, from the PAC’s first byte; a multiple of 8.',
    spec: INFO_BUFFER,
  },
  PAC_BUFFER: { meaning: 'A buffer of a type this reader does not know, shown as its bytes.' },

  PAC_LOGON_INFO: {
    meaning:
      'Logon information: KERB_VALIDATION_INFO, written as an NDR type serialization stream.',
    note: 'The user’s names, RID, primary group, group RIDs, extra SIDs and logon domain SID: what Windows builds the access token from.',
  },
  CommonHeader: { meaning: 'The NDR stream’s common header: version 1, little-endian, 8 bytes.' },
  'Version@CommonHeader': { meaning: 'Type serialization version: 1.', spec: COMMON },
  Endianness: { meaning: 'Byte order of the stream: 0x10 little-endian.', spec: COMMON },
  CommonHeaderLength: { meaning: 'Length of the common header: 8.', spec: COMMON },
  'Filler@CommonHeader': { meaning: 'Filler, 0xCCCCCCCC.', spec: COMMON },
  PrivateHeader: { meaning: 'The private header of the top-level structure: its length.' },
  ObjectBufferLength: {
    meaning: 'Length of the serialized structure after the headers, padded to 8.',
    spec: PRIVATE,
  },
  'Filler@PrivateHeader': { meaning: 'Filler, zero.', spec: PRIVATE },
  ReferentID: {
    meaning: 'The top-level pointer: a non-zero referent ID; the structure follows it.',
    spec: PRIVATE,
  },
  KERB_VALIDATION_INFO: {
    meaning: 'The user’s logon information, as NETLOGON’s NETLOGON_VALIDATION_SAM_INFO4 gives it.',
    note: 'Pointers in it are referent IDs; the strings, arrays and SIDs they point at follow the structure, in the order of the pointers.',
  },
  LogonTime: validation('When the user logged on (the AS exchange).'),
  LogoffTime: validation('When the logon expires; never for most accounts.'),
  KickOffTime: validation('When the server should end the user’s session; never for most.'),
  PasswordLastSet: validation('When the password was last changed.'),
  PasswordCanChange: validation('From when the user may change the password.'),
  PasswordMustChange: validation('When the password expires; never when it does not.'),
  EffectiveName: validation('The account name (sAMAccountName) the user logged on with.'),
  FullName: validation('The user’s full (display) name.'),
  LogonScript: validation('The user’s logon script path.'),
  ProfilePath: validation('The user’s roaming profile path.'),
  HomeDirectory: validation('The user’s home directory.'),
  HomeDirectoryDrive: validation('The drive letter the home directory is mapped to.'),
  LogonCount: validation('How many times the user has logged on successfully.'),
  BadPasswordCount: validation('Failed password attempts since the last success.'),
  UserId: validation('The user’s RID: the last sub-authority of the user’s SID.'),
  PrimaryGroupId: validation('The RID of the user’s primary group (513 Domain Users).'),
  GroupCount: validation('How many entries GroupIds has.'),
  GroupIds: validation(
    'The domain groups the user belongs to: RIDs in the logon domain, with attributes.',
  ),
  UserFlags: validation('Flags about the logon: extra SIDs present, resource groups present…'),
  UserSessionKey: validation('A session key; zero in a PAC (it is for NTLM logons).'),
  LogonServer: validation('The NetBIOS name of the domain controller that authenticated the user.'),
  LogonDomainName: validation('The NetBIOS name of the user’s domain.'),
  LogonDomainId: validation('The SID of the user’s domain; with UserId it makes the user’s SID.'),
  'Reserved1@KERB_VALIDATION_INFO': validation('Reserved, zero.'),
  UserAccountControl: validation('The account’s flags (normal account, password never expires…).'),
  SubAuthStatus: validation('The status a subauthentication package returned; zero.'),
  LastSuccessfulILogon: validation('When the user last logged on interactively; 0 when unknown.'),
  LastFailedILogon: validation('When an interactive logon last failed; 0 when unknown.'),
  FailedILogonCount: validation('Failed interactive logons since the last success.'),
  'Reserved3@KERB_VALIDATION_INFO': validation('Reserved, zero.'),
  SidCount: validation('How many entries ExtraSids has.'),
  ExtraSids: validation(
    'SIDs outside the logon domain: universal groups of other domains, asserted-identity SIDs.',
  ),
  ResourceGroupDomainSid: validation('The domain SID of the resource groups, when there are any.'),
  ResourceGroupCount: validation('How many entries ResourceGroupIds has.'),
  ResourceGroupIds: validation('Domain-local groups of the resource domain the user belongs to.'),
  ...perParent(['GroupIds', 'ResourceGroupIds', 'ExtraSids'], {
    MaxCount: validation('NDR conformance: how many elements the array that follows has.'),
  }),
  ...perParent(STRINGS, STRING_FIELDS),
  GROUP_MEMBERSHIP: { meaning: 'One group: its RID and attributes.', spec: GROUP },
  RelativeId: { meaning: 'The group’s RID in the domain.', spec: GROUP },
  ...perParent(['GROUP_MEMBERSHIP', 'KERB_SID_AND_ATTRIBUTES'], {
    Attributes: {
      meaning: 'SE_GROUP_* attributes: mandatory, enabled by default, enabled, resource…',
      spec: SID_AND_ATTRIBUTES,
    },
  }),
  KERB_SID_AND_ATTRIBUTES: {
    meaning: 'One extra SID and its attributes.',
    spec: SID_AND_ATTRIBUTES,
  },
  'Sid@KERB_SID_AND_ATTRIBUTES': {
    meaning: 'Pointer to the SID: its data follows the array.',
    spec: SID_AND_ATTRIBUTES,
  },
  'Sid@ExtraSids': { meaning: 'An extra SID, as RPC_SID.', spec: RPC_SID },
  ...perParent(['LogonDomainId', 'ResourceGroupDomainSid', 'Sid'], {
    MaxCount: { meaning: 'NDR conformance: the sub-authority count.', spec: RPC_SID },
  }),
  Revision: { meaning: 'SID revision: 1.', spec: SID },
  SubAuthorityCount: { meaning: 'How many sub-authorities the SID has (at most 15).', spec: SID },
  IdentifierAuthority: {
    meaning: 'The SID’s 48-bit authority, big-endian: 5 is NT Authority.',
    spec: SID,
  },
  SubAuthority: {
    meaning: 'One sub-authority: 21 and three numbers for a domain, then a RID.',
    spec: SID,
  },

  PAC_CREDENTIAL_INFO: {
    meaning: 'Credentials for PKINIT users (NTLM hashes), encrypted with the AS reply key.',
  },
  'Version@PAC_CREDENTIAL_INFO': { meaning: 'Version: 0.', spec: CREDENTIAL },
  EncryptionType: { meaning: 'The etype SerializedData is encrypted with.', spec: CREDENTIAL },
  SerializedData: {
    meaning: 'PAC_CREDENTIAL_DATA, encrypted; only the client can decrypt it.',
    spec: CREDENTIAL,
  },

  PAC_CLIENT_INFO: {
    meaning: 'The client’s name and the ticket’s authtime, to bind PAC and ticket.',
  },
  ClientId: { meaning: 'The ticket’s authtime: it must match the ticket.', spec: CLIENT },
  NameLength: { meaning: 'Length of Name in bytes.', spec: CLIENT },
  'Name@PAC_CLIENT_INFO': {
    meaning: 'The client’s name, UTF-16LE, without realm: it must match the ticket’s cname.',
    spec: CLIENT,
  },

  PAC_SIGNATURE_DATA: {
    meaning: 'A signature: a keyed checksum protecting the PAC (or the ticket) from changes.',
    note: 'The server signature uses the service’s key, so the service can check it; the KDC, ticket and extended KDC signatures use the krbtgt key.',
  },
  SignatureType: {
    meaning: 'The checksum type, e.g. 16 hmac-sha1-96-aes256, -138 hmac-md5.',
    spec: SIGNATURE,
  },
  'Signature@PAC_SIGNATURE_DATA': { meaning: 'The checksum, with key usage 17.', spec: SIGNATURE },
  RODCIdentifier: {
    meaning: 'The key version of a read-only domain controller’s krbtgt key, when one signed.',
    spec: SIGNATURE,
  },

  PAC_CONSTRAINED_DELEGATION: {
    meaning: 'Constrained delegation information: S4U_DELEGATION_INFO, as an NDR stream.',
  },
  S4U_DELEGATION_INFO: {
    meaning:
      'Constrained delegation (S4U2proxy): the target service and the services passed through.',
  },
  S4U2proxyTarget: {
    meaning: 'The service the S4U2proxy ticket was requested for.',
    spec: DELEGATION,
  },
  TransitedListSize: { meaning: 'How many services S4UTransitedServices lists.', spec: DELEGATION },
  S4UTransitedServices: {
    meaning: 'The services that requested tickets on the user’s behalf, in order.',
    spec: DELEGATION,
  },
  'RPC_UNICODE_STRING@S4UTransitedServices': {
    meaning: 'One service principal name, as RPC_UNICODE_STRING.',
    spec: STRING,
  },
  'MaxCount@S4UTransitedServices': {
    meaning: 'NDR conformance: how many elements the array has.',
    spec: DELEGATION,
  },
  'Buffer@S4UTransitedServices': { meaning: 'One service name’s characters.', spec: STRING },
  ...perParent(['RPC_UNICODE_STRING', 'Buffer'], STRING_FIELDS),

  UPN_DNS_INFO: {
    meaning: 'The user’s UPN and DNS domain name, and with flag S the SAM name and SID.',
  },
  UpnLength: { meaning: 'Length of the UPN in bytes.', spec: UPN },
  UpnOffset: { meaning: 'Where the UPN is, from UPN_DNS_INFO’s start.', spec: UPN },
  DnsDomainNameLength: { meaning: 'Length of the DNS domain name in bytes.', spec: UPN },
  DnsDomainNameOffset: { meaning: 'Where the DNS domain name is.', spec: UPN },
  'Flags@UPN_DNS_INFO': {
    meaning: 'U: the user has no UPN (it was built); S: SamName and Sid follow.',
    spec: UPN,
  },
  SamNameLength: { meaning: 'Length of the SAM name in bytes.', spec: UPN },
  SamNameOffset: { meaning: 'Where the SAM name is.', spec: UPN },
  SidLength: { meaning: 'Length of the SID in bytes.', spec: UPN },
  SidOffset: { meaning: 'Where the SID is.', spec: UPN },
  'Payload@UPN_DNS_INFO': { meaning: 'The strings and SID the offsets point at.', spec: UPN },
  Upn: { meaning: 'The user principal name, UTF-16LE.' },
  DnsDomainName: { meaning: 'The DNS name of the user’s domain, UTF-16LE.' },
  SamName: { meaning: 'The sAMAccountName, UTF-16LE.' },
  'Sid@Payload': { meaning: 'The user’s SID, in binary form.' },

  PAC_CLIENT_CLAIMS_INFO: {
    meaning: 'The user’s claims (Dynamic Access Control), shown as bytes.',
  },
  PAC_DEVICE_INFO: { meaning: 'The device’s groups and SIDs (compound identity), shown as bytes.' },
  PAC_DEVICE_CLAIMS_INFO: { meaning: 'The device’s claims, shown as bytes.' },

  PAC_ATTRIBUTES_INFO: {
    meaning: 'How the PAC came to be: requested by the client or given implicitly.',
  },
  FlagsLength: { meaning: 'How many flag bits follow.', spec: ATTRIBUTES },
  'Flags@PAC_ATTRIBUTES_INFO': {
    meaning: 'PAC_WAS_REQUESTED, PAC_WAS_GIVEN_IMPLICITLY.',
    spec: ATTRIBUTES,
  },

  PAC_REQUESTOR: { meaning: 'The SID of the client that requested the ticket.' },
  'Sid@PAC_REQUESTOR': { meaning: 'The requestor’s SID, in binary form.', spec: REQUESTOR },
};
