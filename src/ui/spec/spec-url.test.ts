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

  it('splits a list of references', () => {
    expect(splitSpecs('RFC 4178 §3.2; krb5 negotiate_mech')).toEqual([
      'RFC 4178 §3.2',
      'krb5 negotiate_mech',
    ]);
  });
});
