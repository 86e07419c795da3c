import { bytes, fieldsOf, struct, type PayloadLayout } from '../binary';
import { NTLM_CHALLENGE_MESSAGE_TYPE } from '../../data/ntlm';
import { targetInfoCodec, type AvPair } from './avpairs';
import {
  charsetOf,
  hex32,
  messageCharset,
  messageHeader,
  negotiateFlags,
  ntlmText,
  versionCodec,
  type NtlmVersion,
} from './common';

const SPEC = 'MS-NLMP §2.2.1.2';

export type ChallengePayloadField = 'TargetName' | 'TargetInfo';

/** CHALLENGE_MESSAGE [MS-NLMP §2.2.1.2]. */
export interface ChallengeMessage {
  flags: number;
  serverChallenge: Uint8Array;
  /** In the negotiated charset. */
  targetName?: string;
  /** AV pairs without MsvAvEOL (the encoder appends it); undefined when the message has none. */
  targetInfo?: AvPair[];
  /** 8 bytes; written as zero when omitted. */
  reserved?: Uint8Array;
  version?: NtlmVersion | Uint8Array;
  layout?: PayloadLayout<ChallengePayloadField>;
}

const f = fieldsOf<ChallengeMessage>();

/**
 * Reserved, TargetInfoFields and Version are each read only when the payload starts after them:
 * old servers send 32-, 40- or 48-byte fixed parts (Chromium's tests keep a 32-byte one). The
 * encoder always writes the 48-byte part, Version when given.
 */
export const CHALLENGE_MESSAGE = struct<ChallengeMessage>({
  typeName: 'CHALLENGE_MESSAGE',
  spec: SPEC,
  fields: [
    ...messageHeader<ChallengeMessage>(NTLM_CHALLENGE_MESSAGE_TYPE),
    f.pointer('targetName', 'TargetName', (v, r) =>
      ntlmText(r ? r.memo('charset', () => charsetOf(v.flags)) : charsetOf(v.flags)),
    ),
    f.value('flags', 'NegotiateFlags', negotiateFlags),
    f.value('serverChallenge', 'ServerChallenge', bytes(8), { spec: SPEC, label: '8-byte nonce' }),
    f.value('reserved', 'Reserved', bytes(8), {
      spec: SPEC,
      label: 'must be zero',
      when: (r) => r.first >= 40,
      writeDefault: new Uint8Array(8),
    }),
    f.pointer('targetInfo', 'TargetInfo', targetInfoCodec, {
      when: (r) => r.first >= 48,
      writeDefault: true,
    }),
    f.value('version', 'Version', (v) => versionCodec(v.flags), { when: (r) => r.first >= 56 }),
  ],
  payload: { order: ['TargetName', 'TargetInfo'], emptyOffset: 'zero' },
  afterFixed(r) {
    const flags = r.value.flags ?? 0;
    r.memo('charset', () => messageCharset(r.ctx, r.child('NegotiateFlags'), flags));
  },
  after(r) {
    r.node.label = `CHALLENGE, flags ${hex32(r.value.flags ?? 0)}`;
  },
});
