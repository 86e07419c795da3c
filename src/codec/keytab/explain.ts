import type { Explanations } from '../explain';

/**
 * MIT keytab files. Every node carries its spec from the reader (MIT krb5's keytab format
 * description and kt_file.c), so these entries carry meaning only. Keys are `name@parent` where
 * the name is generic (`length`, `data`, `size`).
 */
export const KEYTAB_EXPLANATIONS: Explanations = {
  keytab: {
    meaning:
      'An MIT keytab file: a service’s long-term keys, one entry per principal, kvno and etype.',
    note: 'Anyone holding a keytab can decrypt the tickets issued to its principals and act as them: treat it like a password file.',
  },
  'file_format_version@keytab': {
    meaning:
      'Byte 0x05, then the format version: 2 (big-endian) or 1 (the writing host’s byte order).',
  },
  'record@keytab': {
    meaning: 'One record: a signed 32-bit length, then a key entry of at most that many bytes.',
  },
  'hole@keytab': {
    meaning: 'A deleted entry: a negative length, then that many zero bytes readers skip.',
    note: 'ktutil and kadmin ktremove zero an entry in place; a later entry may reuse the hole.',
  },
  'end@keytab': { meaning: 'A zero record length: readers stop here, whatever follows.' },
  'size@record': {
    meaning: 'The record’s length in bytes; the entry may be shorter when it filled a larger hole.',
  },
  'size@hole': { meaning: 'Minus the hole’s length in bytes.' },
  'size@end': { meaning: 'Zero: the end of the key table.' },
  'unused@end': { meaning: 'Bytes after the end marker, ignored by readers (MIT zeroes them).' },
  'deleted@hole': { meaning: 'The deleted entry’s bytes, zero-filled.' },
  'keytab_entry@record': {
    meaning: 'A key entry: principal, timestamp, key version and the key itself.',
  },
  'principal@keytab_entry': {
    meaning: 'The principal whose key this is: realm, components, name type.',
  },
  'num_components@principal': {
    meaning: 'How many name components follow the realm (version 1 counts the realm too).',
  },
  'realm@principal': { meaning: 'The principal’s realm, e.g. EXAMPLE.TEST.' },
  'component@principal': {
    meaning: 'One component of the principal’s name: HTTP and the host for HTTP/host.',
  },
  'length@realm': { meaning: 'The realm’s length in bytes (16 bits).' },
  'data@realm': { meaning: 'The realm’s bytes.' },
  'length@component': { meaning: 'The component’s length in bytes (16 bits).' },
  'data@component': { meaning: 'The component’s bytes.' },
  'name_type@principal': {
    meaning: 'The principal’s name type (1 NT-PRINCIPAL, 2 NT-SRV-INST, 3 NT-SRV-HST…).',
    note: 'Absent from version 1 files. Acceptors match a ticket’s server name by components, not by name type.',
  },
  'timestamp@keytab_entry': {
    meaning: 'When the entry was written, in seconds since 1970 (not when the key was made).',
  },
  'vno8@keytab_entry': {
    meaning: 'The key version number’s low 8 bits; the 32-bit vno after the key overrides it.',
  },
  'keyblock@keytab_entry': { meaning: 'The key: its encryption type, length and bytes.' },
  'enctype@keyblock': {
    meaning:
      'The key’s encryption type (17, 18 AES-SHA1; 19, 20 AES-SHA2; 23 RC4; 25, 26 Camellia).',
  },
  'length@keyblock': { meaning: 'The key’s length in bytes (16 bits).' },
  'contents@keyblock': {
    meaning: 'The secret key itself: it decrypts tickets for this principal, kvno and etype.',
  },
  'vno@keytab_entry': {
    meaning: 'The 32-bit key version number, written by MIT krb5 1.14 and later; 0 means absent.',
    note: 'Read only when at least 4 bytes remain in the record. A kvno that differs from the KDC’s gives KRB_AP_ERR_BADKEYVER.',
  },
  'padding@keytab_entry': {
    meaning: 'Bytes left in the record after the entry (it filled a larger hole); zero.',
  },
};
