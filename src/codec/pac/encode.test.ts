import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDer } from '../asn1/read';
import { EncTicketPart, readKrbContextToken } from '../kerberos';
import { readKeytab } from '../keytab';
import { readSpnegoToken } from '../spnego/token';
import { findPacs } from '../../analysis/secrets/pac';
import { decrypt } from '../../crypto/kerberos';
import { toHex } from '../../bytes';
import { FIXTURES, realTokens } from '../../testing/fixtures';
import { readPac } from '.';
import {
  encodeClientInfo,
  encodeKerbValidationInfo,
  encodePacType,
  encodeSignatureData,
  encodeUpnDnsInfo,
  filetimeOf,
  unicodeString,
} from './encode';
import type { KerbValidationInfo } from './types';

/** The real Samba 4.17 PAC of smb-02's service ticket, decrypted with the lab's keytab. */
function sambaPac(): Uint8Array {
  const token = realTokens('smb-02-kerberos-password').find((t) => /AP-REQ/.test(t.name))!.bytes;
  const spnego = readSpnegoToken(token);
  if (!spnego.ok || spnego.value.kind === 'NegTokenResp') throw new Error('no NegTokenInit');
  const read = readKrbContextToken(spnego.value.mechToken!);
  if (!read.ok || read.value.message?.kind !== 'AP-REQ') throw new Error('no AP-REQ');
  const sealed = read.value.message.value.ticket['enc-part'];
  const keytab = readFileSync(join(FIXTURES, 'real', 'secrets', 'samba-all-keys.keytab'));
  for (const entry of readKeytab(keytab).value.entries.filter((k) => k.enctype === sealed.etype)) {
    const plain = decrypt(entry.key, 2, sealed.cipher, entry.enctype);
    if (!plain.ok) continue;
    const ticket = readDer(EncTicketPart, plain.plaintext);
    if (ticket.ok) return findPacs(ticket.value['authorization-data'])[0];
  }
  throw new Error('no key opens the ticket');
}

function bufferOf(pac: Uint8Array, ulType: number): Uint8Array {
  const read = readPac(pac);
  const b = read.value!.Buffers.find((x) => x.ulType === ulType)!;
  return pac.subarray(b.Offset, b.Offset + b.cbBufferSize);
}

describe('PAC encoder on a real Samba PAC', () => {
  const pac = sambaPac();
  const value = readPac(pac).value!;

  it('writes KERB_VALIDATION_INFO back to the same 432 bytes (referent IDs, deferral, padding)', () => {
    const written = encodeKerbValidationInfo(value.logonInfo!);
    expect(written.length).toBe(432);
    expect(toHex(written)).toBe(toHex(bufferOf(pac, 1)));
  });

  it('writes PAC_CLIENT_INFO and PAC_SIGNATURE_DATA back to the same bytes', () => {
    const client = value.clientInfo!;
    expect(toHex(encodeClientInfo(client))).toBe(toHex(bufferOf(pac, 10)));
    const server = value.signatures.find((s) => s.role === 'server')!;
    const written = encodeSignatureData(server.SignatureType);
    expect(toHex(written.subarray(0, 4))).toBe(toHex(bufferOf(pac, 6).subarray(0, 4)));
    expect(written.length).toBe(4 + 12);
  });

  it('writes UPN_DNS_INFO that reads back to the same names and SID', () => {
    const upn = value.upnDnsInfo!;
    const written = encodeUpnDnsInfo({
      Upn: upn.Upn!,
      DnsDomainName: upn.DnsDomainName!,
      Flags: upn.Flags,
      SamName: upn.SamName,
      Sid: upn.Sid,
    });
    const again = readPac(encodePacType([{ ulType: 12, data: written }]).bytes).value!.upnDnsInfo!;
    expect(again).toMatchObject({
      Upn: 'alice@samba.test',
      DnsDomainName: 'SAMBA.TEST',
      Flags: 2,
      SamName: 'alice',
      Sid: 'S-1-5-21-3759500917-1318776857-2076598807-1102',
    });
  });
});

describe('encodePacType', () => {
  const logon: KerbValidationInfo = {
    LogonTime: '2026-11-26T09:15:00.0000000Z',
    LogoffTime: 'never',
    KickOffTime: 'never',
    PasswordLastSet: '2026-11-25T09:15:00.1234567Z',
    PasswordCanChange: '2026-11-26T09:15:00.1234567Z',
    PasswordMustChange: 'never',
    EffectiveName: unicodeString('bob'),
    FullName: unicodeString('Bob Builder'),
    LogonScript: unicodeString(''),
    ProfilePath: unicodeString(''),
    HomeDirectory: unicodeString(''),
    HomeDirectoryDrive: unicodeString(''),
    LogonCount: 3,
    BadPasswordCount: 1,
    UserId: 1105,
    PrimaryGroupId: 513,
    GroupCount: 2,
    GroupIds: [
      { RelativeId: 513, Attributes: 7 },
      { RelativeId: 512, Attributes: 7 },
    ],
    UserFlags: 0x20,
    UserSessionKey: '00'.repeat(16),
    LogonServer: unicodeString('DC1'),
    LogonDomainName: unicodeString('EXAMPLE'),
    LogonDomainId: 'S-1-5-21-1-2-3',
    UserAccountControl: 0x210,
    SubAuthStatus: 0,
    LastSuccessfulILogon: '1601-01-01T00:00:00.0000000Z',
    LastFailedILogon: '1601-01-01T00:00:00.0000000Z',
    FailedILogonCount: 0,
    SidCount: 2,
    ExtraSids: [
      { Sid: 'S-1-18-1', Attributes: 7 },
      { Sid: 'S-1-5-21-1-2-3-1200', Attributes: 0x20000007 },
    ],
    ResourceGroupDomainSid: null,
    ResourceGroupCount: 0,
    ResourceGroupIds: [],
  };

  it('lays buffers out on multiples of 8 and readPac reads every field back without errors', () => {
    const pac = encodePacType([
      { ulType: 1, data: encodeKerbValidationInfo(logon) },
      { ulType: 10, data: encodeClientInfo({ ClientId: logon.LogonTime, Name: 'bob' }) },
      { ulType: 6, data: encodeSignatureData(16) },
      { ulType: 7, data: encodeSignatureData(-138) },
    ]);
    for (const b of pac.buffers) expect(b.Offset % 8).toBe(0);
    expect(pac.signatures.server).toEqual({ offset: pac.buffers[2].Offset + 4, length: 12 });
    expect(pac.signatures.kdc).toEqual({ offset: pac.buffers[3].Offset + 4, length: 16 });
    const read = readPac(pac.bytes);
    expect(read.errors).toEqual([]);
    expect(read.value!.logonInfo).toEqual(logon);
    expect(read.value!.clientInfo).toEqual({
      ClientId: '2026-11-26T09:15:00.0000000Z',
      NameLength: 6,
      Name: 'bob',
    });
    expect(read.value!.signatures.map((s) => [s.role, s.SignatureType])).toEqual([
      ['server', 16],
      ['kdc', -138],
    ]);
  });

  it('reads FILETIMEs from their text forms', () => {
    expect(filetimeOf('never')).toBe(0x7fffffffffffffffn);
    expect(filetimeOf('1601-01-01T00:00:00Z')).toBe(0n);
    expect(filetimeOf('1970-01-01T00:00:00.0000001Z')).toBe(116444736000000001n);
  });
});
