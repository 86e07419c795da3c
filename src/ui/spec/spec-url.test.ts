import { describe, expect, it } from 'vitest';
import { specUrl, splitSpecs } from './spec-url';

describe('specUrl', () => {
  it('links RFC sections and appendices', () => {
    expect(specUrl('RFC 4178 §4.2.2')).toBe('https://www.rfc-editor.org/rfc/rfc4178#section-4.2.2');
    expect(specUrl('RFC 4178 §5 c')).toBe('https://www.rfc-editor.org/rfc/rfc4178#section-5');
    expect(specUrl('RFC 4178 App. A')).toBe('https://www.rfc-editor.org/rfc/rfc4178#appendix-A');
    expect(specUrl('RFC 2743')).toBe('https://www.rfc-editor.org/rfc/rfc2743');
  });

  it('links a Microsoft specification to its document and leaves source references unlinked', () => {
    expect(specUrl('MS-NLMP §3.4.4.2')).toBe(
      'https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-nlmp/',
    );
    expect(specUrl('krb5 spnego_mech.c negotiate_mech')).toBeNull();
  });

  it("links an implementation's source file to its public repository", () => {
    expect(specUrl('MIT krb5 src/lib/gssapi/spnego/spnego_mech.c, negotiate_mech()')).toBe(
      'https://github.com/krb5/krb5/blob/HEAD/src/lib/gssapi/spnego/spnego_mech.c',
    );
    expect(specUrl('Samba auth/gensec/spnego.c, gensec_spnego_create_negTokenInit_finish()')).toBe(
      'https://github.com/samba-team/samba/blob/HEAD/auth/gensec/spnego.c',
    );
    expect(specUrl('gss-ntlmssp src/gss_sec_ctx.c, gssntlm_spnego_req_mic()')).toBe(
      'https://github.com/gssapi/gss-ntlmssp/blob/HEAD/src/gss_sec_ctx.c',
    );
    expect(specUrl('Heimdal lib/gssapi/spnego/accept_sec_context.c')).toBe(
      'https://github.com/heimdal/heimdal/blob/HEAD/lib/gssapi/spnego/accept_sec_context.c',
    );
    expect(specUrl('picky-rs picky-krb/src/constants.rs, TGT_REQ_TOKEN_ID')).toBe(
      'https://github.com/Devolutions/picky-rs/blob/HEAD/picky-krb/src/constants.rs',
    );
    expect(specUrl('observed: MIT krb5 1.20 acceptor')).toBeNull();
    expect(specUrl('Unknown src/x.c, f()')).toBeNull();
  });

  it('splits a list of references', () => {
    expect(splitSpecs('RFC 4178 §3.2; krb5 negotiate_mech')).toEqual([
      'RFC 4178 §3.2',
      'krb5 negotiate_mech',
    ]);
  });
});
