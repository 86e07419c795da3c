/** Where a spec reference points on the web, e.g. `RFC 4178 §4.2.2` → the RFC's section anchor. */
export function specUrl(reference: string): string | null {
  const rfc = /^RFC\s*(\d+)(?:\s*§\s*([\d.]+))?(?:\s*App\.\s*([A-Z]))?/.exec(reference.trim());
  if (rfc) {
    const [, number, section, appendix] = rfc;
    const anchor = section
      ? `#section-${section.replace(/\.$/, '')}`
      : appendix
        ? `#appendix-${appendix}`
        : '';
    return `https://www.rfc-editor.org/rfc/rfc${number}${anchor}`;
  }
  // Microsoft's open specifications have no stable per-section addresses: link the document.
  const ms = /^(MS-[A-Z]+)\b/.exec(reference.trim());
  if (ms)
    return `https://learn.microsoft.com/en-us/openspecs/windows_protocols/${ms[1].toLowerCase()}/`;
  // An implementation's source file, e.g. `MIT krb5 src/lib/gssapi/spnego/spnego_mech.c, negotiate_mech()`.
  const source = /^(\S+(?: krb5)?)\s+((?:[\w.-]+\/)+[\w.-]+\.\w+)\b/.exec(reference.trim());
  const repository = source && SOURCE_REPOSITORIES[source[1]];
  if (repository) return `${repository}${source[2]}`;
  return null;
}

/** Where each project cited for implementation behaviour publishes its source (default branch). */
const SOURCE_REPOSITORIES: Record<string, string> = {
  'MIT krb5': 'https://github.com/krb5/krb5/blob/HEAD/',
  Heimdal: 'https://github.com/heimdal/heimdal/blob/HEAD/',
  Samba: 'https://github.com/samba-team/samba/blob/HEAD/',
  'gss-ntlmssp': 'https://github.com/gssapi/gss-ntlmssp/blob/HEAD/',
  pyspnego: 'https://github.com/jborean93/pyspnego/blob/HEAD/',
  Wireshark: 'https://gitlab.com/wireshark/wireshark/-/blob/master/',
  'picky-rs': 'https://github.com/Devolutions/picky-rs/blob/HEAD/',
};

/** A reference like `RFC 4178 §3.2; MIT krb5 src/lib/gssapi/spnego/spnego_mech.c, negotiate_mech()` is several references. */
export function splitSpecs(spec: string): string[] {
  return spec
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean);
}
