import type { Difference } from './differences';

/** A cell for an implementation with no such habit on record. */
export const NONE = '—';

/**
 * Differences documented by the implementations' own sources or by the specifications' notes,
 * mostly habits of older stacks. Two of them (the optional MIC and the echoed MS OID) are rules
 * every profile of the simulator follows; the rest it does not model.
 */
export const DOCUMENTED: readonly Difference[] = [
  {
    id: 'optional-mic-omitted',
    topic: 'mechListMIC',
    title: 'An optional mechListMIC is left out',
    explanation:
      'When both sides’ first choice won and nothing else requires it, the MIC exchange is optional; RFC 4178 advises leaving it out, because older Windows would not understand it.',
    values: {
      rfc4178: 'left out',
      mit: 'left out',
      heimdal: 'left out when safe to omit',
      windows: 'left out',
      samba: 'left out',
    },
    sources: {
      heimdal: 'Heimdal lib/gssapi/spnego/compat.c, _gss_spnego_safe_omit_mechlist_mic()',
    },
    simulated: true,
  },
  {
    id: 'echo-ms-oid',
    topic: 'OIDs',
    title: 'supportedMech echoes the client’s Kerberos OID',
    explanation:
      'A client that lists the MS Kerberos OID first expects to find that very OID in supportedMech; a Windows client fails if the acceptor names the standard one instead.',
    values: {
      rfc4178: 'the OID the client listed',
      mit: 'the OID the client listed',
      heimdal: 'the OID the client listed',
      windows: 'the OID the client listed (required)',
      samba: 'the OID the client listed',
    },
    sources: {
      shared: 'RFC 4178 §4.2.2',
      mit: 'MIT krb5 src/lib/gssapi/spnego/spnego_mech.c, init_ctx_nego()',
    },
    simulated: true,
  },
  {
    id: 'hint-name',
    topic: 'NegTokenInit2',
    title: 'negHints hintName of NegTokenInit2',
    explanation:
      'NegTokenInit2 is Microsoft’s server-first token. Its hintName is a fixed string receivers ignore; Windows 2000, XP and 2003 put the server’s principal there instead, which receivers must not trust.',
    values: {
      rfc4178: 'no NegTokenInit2',
      mit: '"not_defined_in_RFC4178@please_ignore"',
      heimdal: '"not_defined_in_RFC4178@please_ignore"',
      windows:
        '"not_defined_in_RFC4178@please_ignore"; Windows 2000/XP/2003: the server’s principal',
      samba: '"not_defined_in_RFC4178@please_ignore"',
    },
    sources: {
      shared: 'MS-SPNG §2.2.1, §3.2.5.2',
      mit: 'MIT krb5 src/lib/gssapi/spnego/spnego_mech.c, make_NegHints()',
      heimdal: 'Heimdal lib/gssapi/spnego/accept_sec_context.c, send_supported_mechs()',
      windows: 'MS-SPNG App. A <6>',
      samba: 'Samba auth/gensec/spnego.c, gensec_spnego_create_negTokenInit_finish()',
    },
    simulated: false,
  },
  {
    id: 'negtokeninit2-tag-3',
    topic: 'NegTokenInit2',
    title: 'What context tag [3] holds',
    explanation:
      'In RFC 4178’s NegTokenInit, [3] is the mechListMIC; in MS-SPNG’s NegTokenInit2 it is negHints and the MIC moves to [4]. A decoder tells them apart by the inner tag.',
    values: {
      rfc4178: '[3] mechListMIC',
      mit: '[3] negHints, [4] mechListMIC (NegTokenInit2)',
      heimdal: '[3] negHints; its NegTokenInit2 has no [4]',
      windows: '[3] negHints, [4] mechListMIC (NegTokenInit2)',
      samba: '[3] negHints, [4] mechListMIC (NegTokenInit2)',
    },
    sources: {
      shared: 'RFC 4178 §4.2.1; MS-SPNG §2.2.1',
      heimdal: 'Heimdal lib/gssapi/spnego/spnego.asn1, NegTokenInit2',
    },
    simulated: false,
  },
  {
    id: 'w2k-duplicate-mic',
    topic: 'Legacy quirks',
    title: 'Windows 2000 repeats the responseToken as mechListMIC',
    explanation:
      'A Windows 2000 server copies its responseToken into the mechListMIC of the same reply. Clients that know it ignore such a “MIC” instead of failing its check.',
    values: {
      rfc4178: 'a real MIC over mechTypes',
      mit: 'recognised and ignored',
      heimdal: 'ignored when the MIC could be omitted anyway',
      windows: 'Windows 2000: the responseToken again',
      samba: 'reproduced by its simulate_w2k test setting',
    },
    sources: {
      shared: 'RFC 4178 §5',
      mit: 'MIT krb5 src/lib/gssapi/spnego/spnego_mech.c, get_negTokenResp()',
      heimdal: 'Heimdal lib/gssapi/spnego/init_sec_context.c, spnego_reply()',
      samba: 'Samba auth/gensec/spnego.c, gensec_spnego_server_negTokenInit_finish()',
    },
    simulated: false,
  },
  {
    id: 'legacy-windows-no-mic',
    topic: 'Legacy quirks',
    title: 'Windows 2000, XP and 2003 never send nor check the MIC',
    explanation:
      'These versions follow RFC 2478, which had no MIC rules: they finish with accept-completed and no MIC. Later stacks guess such a peer and leave the MIC out.',
    values: {
      rfc4178: 'the MIC when the rules require it',
      mit: NONE,
      heimdal: 'no MIC with a DES or RC4 Kerberos peer (taken for Windows 2003 or older)',
      windows: 'Windows 2000/XP/2003: never; Vista and later: as RFC 4178',
      samba: 'no MIC unless “new SPNEGO” (AES Kerberos key or an NTLM MIC)',
    },
    sources: {
      shared: 'RFC 4178 §5',
      windows: 'MS-SPNG App. A <8>',
      heimdal:
        'Heimdal lib/gssapi/krb5/inquire_sec_context_by_oid.c, inquire_sec_context_has_buggy_spnego()',
      samba: 'Samba auth/gensec/spnego.c, gensec_spnego_client_negTokenTarg_finish()',
    },
    simulated: false,
  },
  {
    id: 'w2003-accept-incomplete',
    topic: 'Legacy quirks',
    title: 'Windows 2003 switches to NTLM with accept-incomplete',
    explanation:
      'When it picks NTLM over the client’s Kerberos, Windows Server 2003 answers accept-incomplete where RFC 4178 wants request-mic. MIT tolerates it only for that fallback.',
    values: {
      rfc4178: 'request-mic',
      mit: 'tolerated for NTLM only',
      heimdal: NONE,
      windows: 'Windows 2003 and older: accept-incomplete',
      samba: NONE,
    },
    sources: {
      shared: 'RFC 4178 §5 c',
      mit: 'MIT krb5 src/lib/gssapi/spnego/spnego_mech.c, init_ctx_reselect()',
    },
    simulated: false,
  },
  {
    id: 'bare-first-reply',
    topic: 'Legacy quirks',
    title: 'A first reply with only a responseToken',
    explanation:
      'Some Java HTTP servers answer the first token with a responseToken alone, no negState and no supportedMech. MIT then takes the optimistic mechanism as chosen; the simulator’s clients do the same.',
    values: {
      rfc4178: 'negState and supportedMech required',
      mit: 'optimistic mechanism taken as chosen',
      heimdal: NONE,
      windows: NONE,
      samba: NONE,
    },
    sources: {
      shared: 'RFC 4178 §4.2.2',
      mit: 'MIT krb5 src/lib/gssapi/spnego/spnego_mech.c, init_ctx_nego()',
    },
    simulated: false,
  },
  {
    id: 'empty-response-token',
    topic: 'Legacy quirks',
    title: 'A zero-length responseToken instead of none',
    explanation:
      'Old IIS servers send an empty responseToken when Kerberos has nothing to return (no mutual authentication). MIT takes it as no token once the mechanism is complete.',
    values: {
      rfc4178: 'responseToken absent',
      mit: 'taken as absent',
      heimdal: NONE,
      windows: 'old IIS: zero-length responseToken',
      samba: NONE,
    },
    sources: {
      shared: 'RFC 4178 §4.2.2',
      mit: 'MIT krb5 src/lib/gssapi/spnego/spnego_mech.c, init_ctx_nego()',
    },
    simulated: false,
  },
  {
    id: 'framed-later-tokens',
    topic: 'Legacy quirks',
    title: 'Later tokens wrapped in the GSS header',
    explanation:
      'Old Sun SPNEGO put the SPNEGO GSS framing (0x60 … SPNEGO OID) in front of its NegTokenResp, which only the first token carries. MIT strips it.',
    values: {
      rfc4178: 'only the first token is framed',
      mit: 'framing stripped',
      heimdal: NONE,
      windows: NONE,
      samba: NONE,
    },
    sources: {
      shared: 'RFC 4178 §4.2',
      mit: 'MIT krb5 src/lib/gssapi/spnego/spnego_mech.c, acc_ctx_cont()',
    },
    simulated: false,
  },
  {
    id: 'missing-sequence-wrapper',
    topic: 'Legacy quirks',
    title: 'NegTokenResp without its SEQUENCE',
    explanation:
      'Some encoders leave out the SEQUENCE inside the [1] tag of a NegTokenResp. MIT accepts it (“historically this code allows the tag to be missing”).',
    values: {
      rfc4178: 'SEQUENCE required',
      mit: 'accepted',
      heimdal: NONE,
      windows: NONE,
      samba: NONE,
    },
    sources: {
      shared: 'RFC 4178 §4.2.2',
      mit: 'MIT krb5 src/lib/gssapi/spnego/spnego_mech.c, get_negTokenResp()',
    },
    simulated: false,
  },
  {
    id: 'strict-req-flags',
    topic: 'Legacy quirks',
    title: 'reqFlags encoded only one way',
    explanation:
      'MIT accepts reqFlags only as the exact bytes 03 02 01 xx; any other valid encoding of the BIT STRING makes the whole NegTokenInit defective.',
    values: {
      rfc4178: 'any DER BIT STRING',
      mit: 'exactly 03 02 01 xx',
      heimdal: NONE,
      windows: NONE,
      samba: NONE,
    },
    sources: {
      shared: 'RFC 4178 §4.2.1',
      mit: 'MIT krb5 src/lib/gssapi/spnego/spnego_mech.c, get_req_flags()',
    },
    simulated: false,
  },
  {
    id: 'repeated-supported-mech',
    topic: 'negState',
    title: 'supportedMech repeated in a later token',
    explanation:
      'supportedMech belongs to the acceptor’s first reply only. Newer Windows ignore it elsewhere; older Windows and MIT’s acceptor fail.',
    values: {
      rfc4178: 'first reply only',
      mit: 'from a client: defective token',
      heimdal: NONE,
      windows: 'Windows 7 and later ignore it; 2000/2003/Vista fail',
      samba: NONE,
    },
    sources: {
      shared: 'RFC 4178 §4.2.2',
      windows: 'MS-SPNG §3.3.5, App. A <11>',
      mit: 'MIT krb5 src/lib/gssapi/spnego/spnego_mech.c, acc_ctx_cont()',
    },
    simulated: false,
  },
  {
    id: 'even-token-count',
    topic: 'Legacy quirks',
    title: 'An even number of token exchanges',
    explanation:
      'Microsoft’s SPNEGO expects an even number of legs, so when MIT sends a final mechanism token while a MIC is still due it keeps one more, possibly empty, round open.',
    values: {
      rfc4178: 'as many legs as the mechanism needs',
      mit: 'one more (empty) round when a MIC is pending',
      heimdal: NONE,
      windows: 'expects an even number',
      samba: NONE,
    },
    sources: {
      shared: 'RFC 4178 §3.2',
      mit: 'MIT krb5 src/lib/gssapi/spnego/spnego_mech.c, init_ctx_call_init()',
    },
    simulated: false,
  },
  {
    id: 'acceptor-mic-skipped',
    topic: 'mechListMIC',
    title: 'Acceptors that never send their MIC',
    explanation:
      'Azure’s and Apple’s SPNEGO acceptors leave out their mechListMIC. Samba’s client skips the check when its first choice won and no signing or sealing was asked.',
    values: {
      rfc4178: 'the acceptor’s MIC is checked',
      mit: NONE,
      heimdal: NONE,
      windows: NONE,
      samba: 'skipped when its first choice won, without signing or sealing',
    },
    sources: {
      shared: 'RFC 4178 §5',
      samba: 'Samba auth/gensec/spnego.c, gensec_spnego_client_negTokenTarg_start()',
    },
    simulated: false,
  },
  {
    id: 'negoex-vector-padding',
    topic: 'NEGOEX',
    title: 'Padding of NEGOEX message vectors',
    explanation:
      'Windows pads each vector of a NEGO_MESSAGE to 8 bytes; MIT writes them packed with four bytes of padding at the end. The two agree only when there are no extensions.',
    values: {
      rfc4178: 'no NEGOEX',
      mit: 'packed, 4 bytes of padding at the end',
      heimdal: NONE,
      windows: '8-byte vectors',
      samba: NONE,
    },
    sources: {
      windows: 'MS-NEGOEX §2.2.6.3',
      mit: 'MIT krb5 src/lib/gssapi/spnego/negoex_util.c, negoex_add_nego_message()',
    },
    simulated: false,
  },
  {
    id: 'dce-style',
    topic: 'Kerberos',
    title: 'DCE style',
    explanation:
      'DCE RPC uses Kerberos without GSS framing and with a third message, the client’s own AP-REP. MIT recognises it by the missing framing.',
    values: {
      rfc4178: 'framed AP-REQ and AP-REP',
      mit: 'recognised by the missing framing',
      heimdal: NONE,
      windows: 'unframed AP-REQ, AP-REP and a third AP-REP',
      samba: NONE,
    },
    sources: {
      shared: 'RFC 4121 §4.1',
      windows: 'MS-KILE §3.4.5.1',
      mit: 'MIT krb5 src/lib/gssapi/krb5/accept_sec_context.c, kg_accept_krb5(); MIT krb5 src/lib/gssapi/krb5/accept_sec_context.c, kg_accept_dce()',
    },
    simulated: true,
  },
];
