import type { Explanations } from '../explain';

/**
 * NTLM (MS-NLMP §2.2). The messages and most of their fields carry their spec from the decoder;
 * the small fixed-layout parts it leaves without one (descriptor fields, AV pair headers,
 * Version's bytes, the NTLMv2 blob's fields, the signature's fields) get theirs here.
 */
export const NTLM_EXPLANATIONS: Explanations = {
  // --- Messages ---
  NTLMSSP: {
    meaning: 'An NTLM message whose type could not be read.',
    spec: 'MS-NLMP §2.2.1',
  },
  NEGOTIATE_MESSAGE: {
    meaning: 'NTLM leg 1, client to server: the features (NegotiateFlags) the client supports.',
    note: 'Optionally also its domain and workstation.',
  },
  CHALLENGE_MESSAGE: {
    meaning:
      'NTLM leg 2, server to client: the flags it accepts, a random ServerChallenge, and TargetInfo.',
    note: 'TargetInfo describes the server (names, time, flags).',
  },
  AUTHENTICATE_MESSAGE: {
    meaning:
      'NTLM leg 3, client to server: the user’s name and domain and the responses the server checks.',
    note: 'The responses are computed from the password hash and the server challenge.',
  },
  Signature: { meaning: 'The eight bytes “NTLMSSP\\0” that start every NTLM message.' },
  MessageType: {
    meaning:
      'Which NTLM message this is: 1 NEGOTIATE, 2 CHALLENGE, 3 AUTHENTICATE (32-bit little-endian).',
  },
  NegotiateFlags: {
    meaning: 'A 32-bit set of NTLMSSP_NEGOTIATE_* options.',
    note: 'Unicode strings, signing and sealing, extended session security, 128-bit keys, key exchange, whether Version and TargetInfo are present …',
  },

  // --- Payload descriptors (MS-NLMP §2.2.1.x: Len, MaxLen, BufferOffset) ---
  DomainNameFields: { meaning: 'Length, maximum length and offset of DomainName in the payload.' },
  WorkstationFields: {
    meaning: 'Length, maximum length and offset of Workstation in the payload.',
  },
  TargetNameFields: { meaning: 'Length, maximum length and offset of TargetName in the payload.' },
  TargetInfoFields: { meaning: 'Length, maximum length and offset of TargetInfo in the payload.' },
  LmChallengeResponseFields: {
    meaning: 'Length, maximum length and offset of LmChallengeResponse in the payload.',
  },
  NtChallengeResponseFields: {
    meaning: 'Length, maximum length and offset of NtChallengeResponse in the payload.',
  },
  UserNameFields: { meaning: 'Length, maximum length and offset of UserName in the payload.' },
  EncryptedRandomSessionKeyFields: {
    meaning: 'Length, maximum length and offset of EncryptedRandomSessionKey in the payload.',
  },
  Len: { meaning: 'Length in bytes of the payload item.', spec: 'MS-NLMP §2.2.1.1' },
  MaxLen: { meaning: 'Should equal Len; receivers ignore it.', spec: 'MS-NLMP §2.2.1.1' },
  BufferOffset: {
    meaning: 'Where the payload item starts, counted from the first byte of the NTLM message.',
    spec: 'MS-NLMP §2.2.1.1',
  },
  Payload: {
    meaning: 'The variable-length items, located by the *Fields descriptors above.',
    spec: 'MS-NLMP §2.2.1',
  },

  // --- CHALLENGE ---
  ServerChallenge: {
    meaning: 'An 8-byte random nonce from the server.',
    note: 'The client’s response is computed over it, so an old response cannot be replayed.',
  },
  'Reserved@CHALLENGE_MESSAGE': { meaning: 'Eight reserved bytes; must be zero.' },
  TargetName: {
    meaning: 'The server’s domain name (or computer name), in the negotiated character set.',
  },
  TargetInfo: {
    meaning: 'A list of AV_PAIRs describing the server: NetBIOS and DNS names, a timestamp, flags.',
    note: 'The client copies it into its NTLMv2 response, so it is covered by the proof.',
  },
  'Padding@TargetInfo': {
    meaning: 'Bytes after MsvAvEOL inside TargetInfo (there should be none).',
    spec: 'MS-NLMP §2.2.2.1',
  },

  // --- VERSION (MS-NLMP §2.2.2.10) ---
  Version: {
    meaning:
      'The sender’s Windows version and NTLM revision, present when NTLMSSP_NEGOTIATE_VERSION is set.',
    note: 'Informational only: receivers ignore it.',
  },
  ProductMajorVersion: { meaning: 'Windows major version (5, 6, 10).', spec: 'MS-NLMP §2.2.2.10' },
  ProductMinorVersion: { meaning: 'Windows minor version.', spec: 'MS-NLMP §2.2.2.10' },
  ProductBuild: { meaning: 'Windows build number.', spec: 'MS-NLMP §2.2.2.10' },
  'Reserved@Version': { meaning: 'Three reserved bytes; zero.', spec: 'MS-NLMP §2.2.2.10' },
  NTLMRevisionCurrent: {
    meaning: 'NTLM revision: 0x0F = NTLMSSP_REVISION_W2K3.',
    spec: 'MS-NLMP §2.2.2.10',
  },

  // --- AUTHENTICATE ---
  MIC: {
    meaning:
      'Message integrity code over NEGOTIATE ‖ CHALLENGE ‖ AUTHENTICATE (this field zeroed).',
    note: 'HMAC-MD5 with the exported session key: it stops anyone from changing any of the three messages.',
  },
  DomainName: {
    meaning: 'The user’s domain (in NEGOTIATE, the client’s domain in the OEM character set).',
  },
  UserName: { meaning: 'The user’s account name.' },
  Workstation: { meaning: 'The client machine’s name.' },
  LmChallengeResponse: {
    meaning: 'The LM (or LMv2) response.',
    note: 'Empty, or zeros, when NTLMv2 with a timestamp is used.',
  },
  NtChallengeResponse: {
    meaning: 'The NT response: 24 bytes for NTLMv1, or NTProofStr and the client blob for NTLMv2.',
  },
  EncryptedRandomSessionKey: {
    meaning:
      'With key exchange, a fresh random session key, RC4-encrypted under the key derived from the password.',
    note: 'Both sides then sign and seal with keys derived from it (NTLMSSP_NEGOTIATE_KEY_EXCH).',
  },
  ExportedSessionKey: {
    meaning: 'The session key both sides derive their signing and sealing keys from.',
    note: 'Decrypted from EncryptedRandomSessionKey with the KeyExchangeKey, which the user’s password or NT hash gives; the MIC and the mechListMICs are checked with it.',
    spec: 'MS-NLMP §3.2.5.1.2',
  },
  Response: {
    meaning: 'The 16-byte HMAC-MD5 proof of an LMv2 response.',
    spec: 'MS-NLMP §2.2.2.4',
  },
  'ChallengeFromClient@LmChallengeResponse': {
    meaning: 'The client’s 8-byte nonce in an LMv2 response.',
    spec: 'MS-NLMP §2.2.2.4',
  },
  ClientChallenge: {
    meaning:
      'The client’s 8-byte nonce, in the LM response’s place with extended session security.',
    spec: 'MS-NLMP §3.3.1',
  },
  'Padding@LmChallengeResponse': {
    meaning: 'Sixteen zero bytes after the client’s nonce.',
    spec: 'MS-NLMP §3.3.1',
  },
  NTProofStr: {
    meaning:
      'HMAC-MD5, keyed with the NTLMv2 hash of the password, over the server challenge and the client blob.',
    note: 'The server recomputes it: a match proves the client knows the password.',
    spec: 'MS-NLMP §2.2.2.8',
  },
  NTLMv2_CLIENT_CHALLENGE: {
    meaning: 'The client’s blob: a timestamp, an 8-byte client challenge and the AV pairs.',
    note: 'All of it is covered by NTProofStr.',
  },
  RespType: { meaning: 'Response version: 1.', spec: 'MS-NLMP §2.2.2.7' },
  HiRespType: { meaning: 'Highest response version understood: 1.', spec: 'MS-NLMP §2.2.2.7' },
  Reserved1: { meaning: 'Reserved; zero.', spec: 'MS-NLMP §2.2.2.7' },
  Reserved2: { meaning: 'Reserved; zero.', spec: 'MS-NLMP §2.2.2.7' },
  Reserved3: { meaning: 'Reserved; zero.', spec: 'MS-NLMP §2.2.2.7' },
  TimeStamp: {
    meaning: 'The client’s time (FILETIME, 100 ns since 1601) when the response was computed.',
    spec: 'MS-NLMP §2.2.2.7',
  },
  ChallengeFromClient: {
    meaning: 'An 8-byte random nonce from the client.',
    note: 'The response differs even for a repeated server challenge.',
    spec: 'MS-NLMP §2.2.2.7',
  },
  AvPairs: {
    meaning: 'The AV_PAIR list inside the client’s NTLMv2 response.',
    note: 'The server’s TargetInfo plus the client’s own additions (MsvAvFlags, MsvAvTargetName, channel bindings).',
  },
  'Padding@NTLMv2_CLIENT_CHALLENGE': {
    meaning: 'Bytes after the AV pairs: normally four zero bytes.',
    spec: 'MS-NLMP §3.3.2',
  },

  // --- AV_PAIR (MS-NLMP §2.2.2.1) ---
  AV_PAIR: { meaning: 'An attribute of an unknown AvId.' },
  MsvAvEOL: { meaning: 'AvId 0: marks the end of the AV_PAIR list.' },
  MsvAvNbComputerName: { meaning: 'AvId 1: the server’s NetBIOS computer name (UTF-16LE).' },
  MsvAvNbDomainName: { meaning: 'AvId 2: the server’s NetBIOS domain name (UTF-16LE).' },
  MsvAvDnsComputerName: { meaning: 'AvId 3: the server’s fully qualified DNS name.' },
  MsvAvDnsDomainName: { meaning: 'AvId 4: the DNS name of the server’s domain.' },
  MsvAvDnsTreeName: { meaning: 'AvId 5: the DNS name of the forest.' },
  MsvAvFlags: {
    meaning: 'AvId 6: a 32-bit flag set.',
    note: '0x1 account authentication is constrained, 0x2 the AUTHENTICATE message carries a MIC, 0x4 the target SPN came from an untrusted source.',
  },
  MsvAvTimestamp: {
    meaning: 'AvId 7: the server’s time (FILETIME).',
    note: 'When present the client must add a MIC to AUTHENTICATE.',
  },
  MsvAvSingleHost: { meaning: 'AvId 8: Single_Host_Data identifying the client machine.' },
  MsvAvTargetName: {
    meaning:
      'AvId 9: the SPN of the service the client means to reach (e.g. HTTP/server.example.test).',
    note: 'It lets the server detect relaying.',
  },
  MsvChannelBindings: {
    meaning:
      'AvId 10: MD5 of the channel bindings (e.g. the TLS certificate hash); all zero when there are none.',
    note: 'It ties the authentication to the outer TLS channel.',
  },
  AvId: { meaning: 'Which attribute this AV_PAIR holds.', spec: 'MS-NLMP §2.2.2.1' },
  AvLen: { meaning: 'Length of the value in bytes.', spec: 'MS-NLMP §2.2.2.1' },
  Value: { meaning: 'The attribute’s value.', spec: 'MS-NLMP §2.2.2.1' },
  'Value@MsvAvSingleHost': { meaning: 'The Single_Host_Data structure.' },
  Size: { meaning: 'Length of the Single_Host_Data structure.', spec: 'MS-NLMP §2.2.2.2' },
  Z4: { meaning: 'Four zero bytes.', spec: 'MS-NLMP §2.2.2.2' },
  CustomData: {
    meaning: 'Platform-specific data (integrity level on Windows).',
    spec: 'MS-NLMP §2.2.2.2',
  },
  MachineID: {
    meaning:
      'A 256-bit random number created when the machine boots, identifying the client machine.',
    spec: 'MS-NLMP §2.2.2.2',
  },
  'Reserved@Value': {
    meaning: 'Bytes after MachineID, which receivers ignore.',
    spec: 'MS-NLMP §2.2.2.2',
  },

  // --- NTLMSSP_MESSAGE_SIGNATURE (MS-NLMP §2.2.2.9) ---
  NTLMSSP_MESSAGE_SIGNATURE: {
    meaning: 'A 16-byte NTLM signature: version 1, an 8-byte checksum and a sequence number.',
    note: 'As a SPNEGO mechListMIC it signs DER(MechTypeList).',
  },
  'Version@NTLMSSP_MESSAGE_SIGNATURE': {
    meaning: 'Signature version: always 1.',
    spec: 'MS-NLMP §2.2.2.9',
  },
  'Checksum@NTLMSSP_MESSAGE_SIGNATURE': {
    meaning: 'The message’s keyed checksum.',
    note: 'With extended session security, the first 8 bytes of HMAC-MD5(SigningKey, SeqNum ‖ message), RC4-encrypted when key exchange was negotiated; without it, an RC4-encrypted CRC32.',
    spec: 'MS-NLMP §3.4.4',
  },
  SeqNum: {
    meaning:
      'The sender’s message sequence number; the mechListMIC is the first signed message, so 0.',
    spec: 'MS-NLMP §2.2.2.9',
  },
  RandomPad: {
    meaning:
      'Four bytes of RC4 keystream (random pad) in a signature without extended session security.',
    spec: 'MS-NLMP §2.2.2.9.1',
  },
};
