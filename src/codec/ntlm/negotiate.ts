import { warn } from '../context';
import {
  fieldsOf,
  struct,
  type PayloadField,
  type PayloadLayout,
  type StructReading,
} from '../binary';
import {
  NTLM_NEGOTIATE_MESSAGE_TYPE,
  NTLMSSP_NEGOTIATE_OEM_DOMAIN_SUPPLIED,
  NTLMSSP_NEGOTIATE_OEM_WORKSTATION_SUPPLIED,
  NTLMSSP_NEGOTIATE_UNICODE,
  NTLMSSP_NEGOTIATE_VERSION,
} from '../../data/ntlm';
import {
  hex32,
  messageHeader,
  negotiateFlags,
  ntlmText,
  versionCodec,
  type NtlmVersion,
} from './common';

const SPEC = 'MS-NLMP §2.2.1.1';

export type NegotiatePayloadField = 'DomainName' | 'Workstation';

/** NEGOTIATE_MESSAGE [MS-NLMP §2.2.1.1]. */
export interface NegotiateMessage {
  flags: number;
  /** OEM; the sender sets NTLMSSP_NEGOTIATE_OEM_DOMAIN_SUPPLIED when it supplies one. */
  domainName?: string;
  workstation?: string;
  /** Omitted: no Version field, a 32-byte fixed part. */
  version?: NtlmVersion | Uint8Array;
  layout?: PayloadLayout<NegotiatePayloadField>;
}

const f = fieldsOf<NegotiateMessage>();
// NEGOTIATE strings are always OEM, whatever the UNICODE flag says [MS-NLMP §2.2.1.1].
const oem = ntlmText('OEM');

/**
 * The fixed part ends where the payload starts: Windows NT/2000, Chromium and gss-ntlmssp's
 * older releases send no Version (a 32-byte fixed part) [MS-NLMP App. B <6>], and Heimdal's
 * NEGOTIATE has no WorkstationFields either, its DomainName at offset 24 (pyspnego
 * `docs/scenarios/heimdal_ntlm.md`).
 */
export const NEGOTIATE_MESSAGE = struct<NegotiateMessage>({
  typeName: 'NEGOTIATE_MESSAGE',
  spec: SPEC,
  fields: [
    ...messageHeader<NegotiateMessage>(NTLM_NEGOTIATE_MESSAGE_TYPE),
    f.value('flags', 'NegotiateFlags', negotiateFlags),
    f.pointer('domainName', 'DomainName', oem),
    f.pointer('workstation', 'Workstation', oem, {
      when: (r) => r.firstPointer === undefined || r.firstPointer >= 32,
      writeDefault: '',
      absent: (r) => warn(r.ctx, r.node, r.start + 24, shortDomainOffset(r) ?? SHORT_HEADER),
    }),
    f.value('version', 'Version', (v) => versionCodec(v.flags), {
      when: (r) => r.first >= 40,
      absent(r) {
        if ((r.value.flags ?? 0) & NTLMSSP_NEGOTIATE_VERSION)
          warn(
            r.ctx,
            r.node,
            r.start + 32,
            'NTLMSSP_NEGOTIATE_VERSION is set but the message has no Version',
          );
      },
    }),
  ],
  payload: { order: ['DomainName', 'Workstation'], emptyOffset: 'zero' },
  afterFixed(r) {
    const flags = r.value.flags ?? 0;
    flagMismatch(
      r,
      r.pointer('domainName'),
      flags,
      NTLMSSP_NEGOTIATE_OEM_DOMAIN_SUPPLIED,
      'OEM_DOMAIN_SUPPLIED',
    );
    flagMismatch(
      r,
      r.pointer('workstation'),
      flags,
      NTLMSSP_NEGOTIATE_OEM_WORKSTATION_SUPPLIED,
      'OEM_WORKSTATION_SUPPLIED',
    );
  },
  after(r) {
    r.node.label = `NEGOTIATE, flags ${hex32(r.value.flags ?? 0)}`;
  },
});

const SHORT_HEADER =
  "DomainName starts at offset 24, inside the fixed fields: read without WorkstationFields and Version, as Heimdal's NEGOTIATE is laid out";

/**
 * Heimdal's heim_ntlm_encode_type1() (lib/ntlm/ntlm.c) writes DomainNameFields and
 * WorkstationFields, but counts only the first when it computes the payload offset: DomainName says
 * 24, where the (empty, zero) WorkstationFields are, and its string is written at 32. Read as
 * the wire says, the DomainName then holds those zeros; the note gives the string Heimdal meant.
 */
function shortDomainOffset(r: StructReading<NegotiateMessage>): string | undefined {
  const domain = r.pointer('domainName');
  const at = r.start + 24;
  if (!domain || domain.offset !== 24 || r.end < at + 8 + domain.len) return undefined;
  if (r.ctx.bytes.subarray(at, at + 8).some((b) => b !== 0)) return undefined;
  const written = r.ctx.bytes.subarray(at + 8, at + 8 + domain.len);
  const text =
    (r.value.flags ?? 0) & NTLMSSP_NEGOTIATE_UNICODE
      ? new TextDecoder('utf-16le').decode(written)
      : String.fromCharCode(...written);
  return `DomainName's offset 24 points at zeroed WorkstationFields: Heimdal's heim_ntlm_encode_type1() counts only DomainNameFields in the payload offset and writes the string 8 bytes later, at offset 32, where it reads "${text}"${(r.value.flags ?? 0) & NTLMSSP_NEGOTIATE_UNICODE ? ' (UTF-16, though NEGOTIATE strings are OEM)' : ''}`;
}

function flagMismatch(
  r: StructReading<NegotiateMessage>,
  field: PayloadField | undefined,
  flags: number,
  flag: number,
  name: string,
): void {
  if (field && field.len > 0 && (flags & flag) === 0) {
    warn(
      r.ctx,
      field.node,
      field.node.offset,
      `${field.name} is supplied but NTLMSSP_NEGOTIATE_${name} is clear`,
    );
  }
}
