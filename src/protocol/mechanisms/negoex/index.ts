import type { SimConfig } from '../../config';
import { sideProfile } from '../../profiles';
import type { Role, Rule } from '../../types';
import { kerberos } from '../kerberos';
import type { KrbData } from '../kerberos/state';
import type { MechState, MechStep, Mechanism } from '../mechanism';
import { negoexFailed, negoexState, type NegoexData, type NegoexStateName } from './state';
import {
  KERBEROS_AUTH_SCHEME,
  MESSAGE_TYPE,
  checkVerify,
  conversationIdOf,
  emit,
  exchangeMessage,
  exchangeOf,
  find,
  metadataRealm,
  negoMessage,
  parseLeg,
  randomOf,
  realmMetadata,
  usageOf,
  verifyKey,
  verifyMessage,
  verifyNoKeyAlert,
  type Received,
} from './wire';
import { concatBytes } from '../../../bytes';
import { etypeName } from '../kerberos/keys';

export { KERBEROS_AUTH_SCHEME, conversationIdOf, usageOf, verifyKey } from './wire';
export type { NegoexData } from './state';

const CTX = 'MIT krb5 src/lib/gssapi/spnego/negoex_ctx.c';
const by =
  (role: Role) =>
  (text: string, spec?: string): Rule => ({ by: role, text, spec });

function fresh(config: SimConfig, step: number): NegoexData {
  return {
    conversationId: conversationIdOf(config),
    authScheme: KERBEROS_AUTH_SCHEME,
    nextSeq: 0,
    transcript: new Uint8Array(0),
    step,
    inner: null,
    innerComplete: false,
    sentChecksum: false,
    verifiedChecksum: false,
    error: null,
  };
}

/** Output under construction: the messages this leg adds, in order. */
interface Leg {
  data: NegoexData;
  parts: Uint8Array[];
}

function add(leg: Leg, build: Parameters<typeof emit>[1]): Leg {
  const out = emit(leg.data, build);
  return { data: out.data, parts: [...leg.parts, out.bytes] };
}

/**
 * The VERIFY this side owes once its auth scheme has a key and it has not signed yet (MIT
 * negoex_ctx.c, make_output_token(), make_checksum()): over every message so far, its own of this
 * leg included.
 */
function addVerify(leg: Leg, role: Role, rules: Rule[]): Leg {
  const krb = leg.data.inner?.data;
  const key = krb ? verifyKey(krb, role) : null;
  if (leg.data.sentChecksum || !key) return leg;
  const next = add(leg, verifyMessage(leg.data.transcript, key, role, leg.data.authScheme));
  rules.push(
    by(role)(
      `VERIFY (SequenceNum ${leg.data.nextSeq}): an RFC 3961 checksum (${etypeName(key.etype)}) with ${key.name}, key usage ${usageOf(role)}, over all ${leg.data.nextSeq} NEGOEX messages so far in both directions: the peer can tell that nobody changed the negotiation`,
      `MS-NEGOEX §3.1.5.7; ${CTX}, make_checksum()`,
    ),
  );
  return { ...next, data: { ...next.data, sentChecksum: true } };
}

function finish(
  role: Role,
  leg: Leg,
  rules: Rule[],
  waiting: 'NEGO_SENT' | 'WAIT_VERIFY' | 'ACCEPTOR_NEGO_SENT',
): MechStep<NegoexData> {
  const complete = leg.data.innerComplete && leg.data.verifiedChecksum;
  const token = leg.parts.length ? concatBytes(...leg.parts) : undefined;
  if (token && leg.parts.length > 1)
    rules.push(
      by(role)(
        `the ${leg.parts.length} NEGOEX messages travel concatenated in one token`,
        'MS-NEGOEX §3.1.5.4',
      ),
    );
  if (complete)
    rules.push(
      by(role)(
        'NEGOEX is complete: the Kerberos auth scheme is established and the peer’s VERIFY checked',
        `${CTX}, ${role === 'initiator' ? 'negoex_init()' : 'negoex_accept()'}`,
      ),
    );
  return {
    state: negoexState(role, complete ? 'ESTABLISHED' : waiting, leg.data),
    status: complete ? 'complete' : 'continue',
    token,
    rules,
  };
}

/** The peer's metadata names the realm; another realm's credentials cannot serve (MS-NEGOEX §3.1.5.3). */
function checkMetadata(
  messages: Received[],
  type: number,
  config: SimConfig,
  role: Role,
  rules: Rule[],
): string | null {
  const meta = exchangeOf(find(messages, type));
  if (!meta) return null;
  const realm = metadataRealm(meta.bytes);
  if (realm !== null && realm !== config.realm)
    return `the peer's Kerberos auth scheme serves realm ${realm}, not ${config.realm}`;
  rules.push(
    by(role)(
      `reads the peer's META_DATA for the Kerberos auth scheme: realm ${realm ?? '(unreadable)'}, which this side can use`,
      `MS-NEGOEX §3.1.5.3; ${CTX}, exchange_meta_data()`,
    ),
  );
  return null;
}

// --- initiator ---------------------------------------------------------------------------------

function initiate(config: SimConfig): MechStep<NegoexData> {
  const rule = by('initiator');
  const profile = sideProfile(config, 'initiator');
  const data = fresh(config, 1);
  if (!profile.negoex)
    return negoexFailed('initiator', data, `${profile.title} does not implement NEGOEX`, [
      rule(
        `${profile.title} has no NEGOEX: only Windows and MIT krb5 1.18 and later run it`,
        'MS-NEGOEX §3',
      ),
    ]);
  const krb = kerberos.initiate(config);
  const rules: Rule[] = [...krb.rules];
  if (krb.status === 'failed')
    return negoexFailed(
      'initiator',
      { ...data, inner: krb.state },
      krb.error ?? 'Kerberos failed',
      [
        ...rules,
        rule(
          'Kerberos, the only NEGOEX auth scheme here, cannot start: NEGOEX has nothing to offer',
          `${CTX}, mech_init()`,
        ),
      ],
    );
  let leg: Leg = {
    data: { ...data, inner: krb.state, innerComplete: krb.status === 'complete' },
    parts: [],
  };
  leg = add(
    leg,
    negoMessage(MESSAGE_TYPE.INITIATOR_NEGO, randomOf(config, 'initiator'), [data.authScheme]),
  );
  rules.push(
    rule(
      `INITIATOR_NEGO (SequenceNum 0): a new ConversationId ${data.conversationId} chosen at random, 32 random bytes, ProtocolVersion 0 and the auth schemes it offers — one here, Kerberos ({${data.authScheme}})`,
      `MS-NEGOEX §2.2.6.3, §3.1.5.4; ${CTX}, emit_initiator_nego()`,
    ),
  );
  leg = add(
    leg,
    exchangeMessage(MESSAGE_TYPE.INITIATOR_META_DATA, data.authScheme, realmMetadata(config.realm)),
  );
  rules.push(
    rule(
      `INITIATOR_META_DATA (SequenceNum 1): the Kerberos auth scheme's metadata, the realm ${config.realm} its credentials belong to`,
      `MS-NEGOEX §2.2.6.4, §3.1.5.3; ${CTX}, query_meta_data()`,
    ),
  );
  leg = add(
    leg,
    exchangeMessage(MESSAGE_TYPE.AP_REQUEST, data.authScheme, krb.token ?? new Uint8Array(0)),
  );
  rules.push(
    rule(
      "AP_REQUEST (SequenceNum 2): the optimistic token of its first auth scheme — Kerberos' GSS-framed AP-REQ",
      `MS-NEGOEX §3.1.5.4; ${CTX}, mech_init()`,
    ),
  );
  leg = addVerify(leg, 'initiator', rules);
  return finish('initiator', leg, rules, 'NEGO_SENT');
}

function initiatorContinue(
  state: MechState<NegoexData>,
  token: Uint8Array,
  config: SimConfig,
): MechStep<NegoexData> {
  const rule = by('initiator');
  const rules: Rule[] = [];
  let data = { ...state.data, step: state.data.step + 1 };
  const parsed = parseLeg(token, data);
  if (!parsed.ok)
    return negoexFailed('initiator', data, `defective NEGOEX token: ${parsed.error}`, [
      rule(
        `the acceptor's NEGOEX token is defective (${parsed.error})`,
        `MS-NEGOEX §3.1.5.4; MIT krb5 src/lib/gssapi/spnego/negoex_util.c, parse_message()`,
      ),
    ]);
  const messages = parsed.messages;
  data = { ...data, nextSeq: messages.at(-1)!.message.message.header.sequenceNum + 1 };
  rules.push(
    rule(
      `reads ${messages.length} NEGOEX message${messages.length > 1 ? 's' : ''} (SequenceNum ${messages[0].message.message.header.sequenceNum}–${messages.at(-1)!.message.message.header.sequenceNum}) of conversation ${data.conversationId}`,
      'MS-NEGOEX §3.1.5.4',
    ),
  );
  const alert = find(messages, MESSAGE_TYPE.ALERT);
  if (alert) {
    // process_alerts(): the acceptor could not check our VERIFY; sign again once it can.
    data = { ...data, sentChecksum: false };
    rules.push(
      rule(
        'an ALERT with ALERT_VERIFY_NO_KEY: the acceptor had no key to check the VERIFY with, so a new VERIFY will follow',
        `MS-NEGOEX §2.2.5.1.2; ${CTX}, process_alerts()`,
      ),
    );
  }
  if (data.step === 2) {
    const nego = find(messages, MESSAGE_TYPE.ACCEPTOR_NEGO);
    if (!nego || nego.message.structure !== 'NEGO_MESSAGE')
      return negoexFailed('initiator', data, 'no ACCEPTOR_NEGO in the first reply', [
        ...rules,
        rule('the first reply lacks ACCEPTOR_NEGO: defective', `${CTX}, process_acceptor_nego()`),
      ]);
    const schemes = nego.message.message.authSchemes ?? [];
    if (!schemes.includes(data.authScheme))
      return negoexFailed(
        'initiator',
        data,
        'the acceptor supports none of the offered auth schemes',
        [
          ...rules,
          rule(
            `ACCEPTOR_NEGO lists [${schemes.join(', ')}]: no auth scheme in common`,
            `MS-NEGOEX §3.1.5.5; ${CTX}, process_acceptor_nego()`,
          ),
        ],
      );
    rules.push(
      rule(
        'ACCEPTOR_NEGO keeps the Kerberos auth scheme: both sides can use it',
        `MS-NEGOEX §3.1.5.5; ${CTX}, process_acceptor_nego()`,
      ),
    );
    const bad = checkMetadata(
      messages,
      MESSAGE_TYPE.ACCEPTOR_META_DATA,
      config,
      'initiator',
      rules,
    );
    if (bad)
      return negoexFailed('initiator', data, bad, [...rules, rule(bad, 'MS-NEGOEX §3.1.5.3')]);
    if (!find(messages, MESSAGE_TYPE.CHALLENGE) && !find(messages, MESSAGE_TYPE.VERIFY)) {
      // check_optimistic_result(): the acceptor ignored the optimistic AP-REQ; start Kerberos again.
      data = { ...data, inner: null, innerComplete: false, sentChecksum: false };
      rules.push(
        rule(
          'neither CHALLENGE nor VERIFY came back: the acceptor did not use the optimistic AP-REQ, so Kerberos starts over',
          `${CTX}, check_optimistic_result()`,
        ),
      );
    }
  }
  let innerToken: Uint8Array | undefined;
  const challenge = exchangeOf(find(messages, MESSAGE_TYPE.CHALLENGE));
  if (data.inner === null) {
    const krb = kerberos.initiate(config);
    rules.push(...krb.rules);
    if (krb.status === 'failed')
      return negoexFailed(
        'initiator',
        { ...data, inner: krb.state },
        krb.error ?? 'Kerberos failed',
        rules,
      );
    data = { ...data, inner: krb.state, innerComplete: krb.status === 'complete' };
    innerToken = krb.token;
  } else if (challenge && challenge.scheme === data.authScheme) {
    rules.push(
      rule(
        "CHALLENGE carries the Kerberos auth scheme's reply: the AP-REP goes to Kerberos",
        `MS-NEGOEX §3.1.5.6; ${CTX}, mech_init()`,
      ),
    );
    const krb = kerberos.initiatorContinue(data.inner, challenge.bytes, config);
    rules.push(...krb.rules);
    if (krb.status === 'failed')
      return negoexFailed(
        'initiator',
        { ...data, inner: krb.state },
        krb.error ?? 'Kerberos failed',
        rules,
      );
    data = { ...data, inner: krb.state, innerComplete: krb.status === 'complete' };
    innerToken = krb.token;
  }
  const verify = find(messages, MESSAGE_TYPE.VERIFY);
  if (
    verify &&
    verify.message.structure === 'VERIFY_MESSAGE' &&
    verify.message.message.authScheme === data.authScheme
  ) {
    const key = data.inner ? verifyKey(data.inner.data, 'acceptor') : null;
    if (key) {
      const check = checkVerify(data.transcript, token, verify, key, 'acceptor');
      if (!check.ok)
        return negoexFailed(
          'initiator',
          data,
          `the acceptor's NEGOEX VERIFY failed: ${check.reason}`,
          [
            ...rules,
            rule(
              `the acceptor's VERIFY does not check out (${check.reason}) with ${key.name}, key usage ${usageOf('acceptor')}: a NEGOEX message was changed on the way, the context fails (GSS_S_BAD_SIG)`,
              `MS-NEGOEX §3.1.5.7; ${CTX}, verify_checksum()`,
            ),
          ],
        );
      data = { ...data, verifiedChecksum: true };
      rules.push(
        rule(
          `the acceptor's VERIFY checks out: recomputed with ${key.name}, key usage ${usageOf('acceptor')}, over every message before it`,
          `MS-NEGOEX §3.1.5.7; ${CTX}, verify_checksum()`,
        ),
      );
    }
  }
  data = { ...data, transcript: concatBytes(data.transcript, token) };
  let leg: Leg = { data, parts: [] };
  if (innerToken) {
    leg = add(leg, exchangeMessage(MESSAGE_TYPE.AP_REQUEST, data.authScheme, innerToken));
    rules.push(
      rule(
        `AP_REQUEST (SequenceNum ${data.nextSeq}): Kerberos' next token`,
        `MS-NEGOEX §3.1.5.6; ${CTX}, make_output_token()`,
      ),
    );
  }
  // With nothing from Kerberos and the VERIFY already sent, this leg was the last (make_output_token()).
  if (innerToken || !leg.data.sentChecksum) leg = addVerify(leg, 'initiator', rules);
  if (leg.data.innerComplete && !leg.data.verifiedChecksum && !leg.parts.length)
    return negoexFailed('initiator', leg.data, 'the acceptor sent no VERIFY', [
      ...rules,
      rule(
        'Kerberos is complete but the acceptor never sent its VERIFY: NEGOEX cannot finish',
        `${CTX}, negoex_init()`,
      ),
    ]);
  return finish('initiator', leg, rules, 'WAIT_VERIFY');
}

// --- acceptor ----------------------------------------------------------------------------------

function accept(
  state: MechState<NegoexData> | null,
  token: Uint8Array,
  config: SimConfig,
): MechStep<NegoexData> {
  const rule = by('acceptor');
  const rules: Rule[] = [];
  let data: NegoexData = state
    ? { ...state.data, step: state.data.step + 1 }
    : { ...fresh(config, 1), conversationId: '' };
  const parsed = parseLeg(token, state ? data : null);
  if (!parsed.ok)
    return negoexFailed('acceptor', data, `defective NEGOEX token: ${parsed.error}`, [
      rule(
        `the initiator's NEGOEX token is defective (${parsed.error})`,
        `MS-NEGOEX §3.1.5.4; MIT krb5 src/lib/gssapi/spnego/negoex_util.c, parse_message()`,
      ),
    ]);
  const messages = parsed.messages;
  data = {
    ...data,
    conversationId: messages[0].message.message.header.conversationId,
    nextSeq: messages.at(-1)!.message.message.header.sequenceNum + 1,
  };
  rules.push(
    rule(
      `reads ${messages.length} NEGOEX message${messages.length > 1 ? 's' : ''} (SequenceNum ${messages[0].message.message.header.sequenceNum}–${messages.at(-1)!.message.message.header.sequenceNum}) of conversation ${data.conversationId}`,
      'MS-NEGOEX §3.1.5.4',
    ),
  );
  if (find(messages, MESSAGE_TYPE.ALERT)) data = { ...data, sentChecksum: false };
  if (data.step === 1) {
    const nego = find(messages, MESSAGE_TYPE.INITIATOR_NEGO);
    if (!nego || nego.message.structure !== 'NEGO_MESSAGE')
      return negoexFailed('acceptor', data, 'no INITIATOR_NEGO in the first token', [
        ...rules,
        rule('the first token lacks INITIATOR_NEGO: defective', `${CTX}, process_initiator_nego()`),
      ]);
    const n = nego.message.message;
    if ((n.protocolVersion ?? 0n) !== 0n)
      return negoexFailed(
        'acceptor',
        data,
        `unsupported NEGOEX ProtocolVersion ${n.protocolVersion}`,
        [
          ...rules,
          rule(
            `ProtocolVersion ${n.protocolVersion} is not 0: not understood`,
            'MS-NEGOEX §2.2.6.3; MIT krb5 src/lib/gssapi/spnego/negoex_util.c, parse_nego_message()',
          ),
        ],
      );
    const schemes = n.authSchemes ?? [];
    if (!schemes.includes(data.authScheme))
      return negoexFailed('acceptor', data, 'no common NEGOEX auth scheme', [
        ...rules,
        rule(
          `INITIATOR_NEGO offers [${schemes.join(', ')}]; none is an auth scheme this server has`,
          `MS-NEGOEX §3.1.5.5; ${CTX}, negoex_accept()`,
        ),
      ]);
    rules.push(
      rule(
        `INITIATOR_NEGO offers Kerberos ({${data.authScheme}}), an auth scheme this server has`,
        `MS-NEGOEX §3.1.5.5; ${CTX}, process_initiator_nego()`,
      ),
    );
    const bad = checkMetadata(
      messages,
      MESSAGE_TYPE.INITIATOR_META_DATA,
      config,
      'acceptor',
      rules,
    );
    if (bad)
      return negoexFailed('acceptor', data, bad, [...rules, rule(bad, 'MS-NEGOEX §3.1.5.3')]);
  }
  let innerToken: Uint8Array | undefined;
  const apRequest = exchangeOf(find(messages, MESSAGE_TYPE.AP_REQUEST));
  if (apRequest && apRequest.scheme === data.authScheme && !data.innerComplete) {
    const krb = kerberos.accept(data.inner as MechState<KrbData> | null, apRequest.bytes, config);
    rules.push(...krb.rules);
    if (krb.status === 'failed') {
      if (data.step === 1) {
        // mech_accept(): a failed optimistic token is dropped as if never sent, its error token too.
        rules.push(
          rule(
            `Kerberos refused the optimistic AP-REQ (${krb.error}); NEGOEX drops it as if it had never come, error token and all, and lets the initiator try again`,
            `${CTX}, mech_accept()`,
          ),
        );
      } else {
        return negoexFailed(
          'acceptor',
          { ...data, inner: krb.state },
          krb.error ?? 'Kerberos failed',
          [
            ...rules,
            rule(
              'Kerberos refused the AP-REQ: NEGOEX fails, and the Kerberos error token goes nowhere (NEGOEX has no message to carry it)',
              `${CTX}, negoex_accept(), mech_accept()`,
            ),
          ],
        );
      }
    } else {
      data = { ...data, inner: krb.state, innerComplete: krb.status === 'complete' };
      innerToken = krb.token;
    }
  } else if (!apRequest && data.step > 1 && !data.innerComplete) {
    return negoexFailed('acceptor', data, 'no AP_REQUEST', [
      ...rules,
      rule('Kerberos still needs a token but no AP_REQUEST came', `${CTX}, mech_accept()`),
    ]);
  }
  let sendAlert = false;
  const verify = find(messages, MESSAGE_TYPE.VERIFY);
  if (
    verify &&
    verify.message.structure === 'VERIFY_MESSAGE' &&
    verify.message.message.authScheme === data.authScheme
  ) {
    const key = data.inner ? verifyKey(data.inner.data, 'initiator') : null;
    if (!key) {
      sendAlert = true;
      rules.push(
        rule(
          'no Kerberos key yet to check the initiator’s VERIFY with: answers an ALERT (ALERT_VERIFY_NO_KEY)',
          `MS-NEGOEX §2.2.5.1.2; ${CTX}, verify_checksum()`,
        ),
      );
    } else {
      const check = checkVerify(data.transcript, token, verify, key, 'initiator');
      if (!check.ok)
        return negoexFailed(
          'acceptor',
          data,
          `the initiator's NEGOEX VERIFY failed: ${check.reason}`,
          [
            ...rules,
            rule(
              `the initiator's VERIFY does not check out (${check.reason}) with ${key.name}, key usage ${usageOf('initiator')}: a NEGOEX message was changed on the way, the context fails (GSS_S_BAD_SIG)`,
              `MS-NEGOEX §3.1.5.7; ${CTX}, verify_checksum()`,
            ),
          ],
        );
      data = { ...data, verifiedChecksum: true };
      rules.push(
        rule(
          `the initiator's VERIFY checks out: recomputed with ${key.name}, key usage ${usageOf('initiator')}, over every message before it`,
          `MS-NEGOEX §3.1.5.7; ${CTX}, verify_checksum()`,
        ),
      );
    }
  }
  data = { ...data, transcript: concatBytes(data.transcript, token) };
  let leg: Leg = { data, parts: [] };
  if (data.step === 1) {
    leg = add(
      leg,
      negoMessage(MESSAGE_TYPE.ACCEPTOR_NEGO, randomOf(config, 'acceptor'), [data.authScheme]),
    );
    rules.push(
      rule(
        `ACCEPTOR_NEGO (SequenceNum ${data.nextSeq}): the auth schemes both sides support, in the server's order — Kerberos`,
        `MS-NEGOEX §3.1.5.5; ${CTX}, emit_acceptor_nego()`,
      ),
    );
    leg = add(
      leg,
      exchangeMessage(
        MESSAGE_TYPE.ACCEPTOR_META_DATA,
        data.authScheme,
        realmMetadata(config.realm),
      ),
    );
    rules.push(
      rule(
        `ACCEPTOR_META_DATA (SequenceNum ${leg.data.nextSeq - 1}): the realm ${config.realm} of the server's key`,
        `MS-NEGOEX §3.1.5.3; ${CTX}, make_output_token()`,
      ),
    );
  }
  if (innerToken) {
    leg = add(leg, exchangeMessage(MESSAGE_TYPE.CHALLENGE, data.authScheme, innerToken));
    rules.push(
      rule(
        `CHALLENGE (SequenceNum ${leg.data.nextSeq - 1}): Kerberos' reply, the AP-REP`,
        `MS-NEGOEX §3.1.5.6; ${CTX}, make_output_token()`,
      ),
    );
  }
  if (sendAlert) leg = add(leg, verifyNoKeyAlert(data.authScheme));
  leg = addVerify(leg, 'acceptor', rules);
  return finish('acceptor', leg, rules, 'ACCEPTOR_NEGO_SENT');
}

// --- the mechanism -----------------------------------------------------------------------------

const innerOf = (state: MechState<NegoexData>): MechState<KrbData> | null => state.data.inner;

/**
 * NEGOEX (MS-NEGOEX) as SPNEGO sees it: one mechanism whose tokens are concatenated NEGOEX
 * messages, negotiating its own auth schemes (here one: Kerberos, whose AP-REQ and AP-REP ride in
 * AP_REQUEST and CHALLENGE), each side proving with a VERIFY checksum that it saw the same
 * messages. The established context is the Kerberos one: the mechListMIC is Kerberos' MIC.
 */
export const negoex: Mechanism<NegoexData> = {
  name: 'negoex',
  title: 'NEGOEX',
  hasCredentials: (config, role) =>
    sideProfile(config, role).negoex && kerberos.hasCredentials(config, role),
  initiate,
  initiatorContinue,
  accept,
  offersIntegrity: (state) => {
    const inner = innerOf(state);
    return inner !== null && state.name === 'ESTABLISHED' && kerberos.offersIntegrity(inner);
  },
  requiresMechListMic: () => false,
  getMic: (state, message) => {
    const r = kerberos.getMic(innerOf(state)!, message);
    return {
      ...r,
      state: negoexState(state.role, state.name as NegoexStateName, {
        ...state.data,
        inner: r.state,
      }),
    };
  },
  verifyMic: (state, message, mic) => {
    const r = kerberos.verifyMic(innerOf(state)!, message, mic);
    return {
      ...r,
      state: negoexState(state.role, state.name as NegoexStateName, {
        ...state.data,
        inner: r.state,
      }),
    };
  },
};
