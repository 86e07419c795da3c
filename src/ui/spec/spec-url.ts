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
  return null;
}

/** A reference like `RFC 4178 §3.2; krb5 negotiate_mech` is several references. */
export function splitSpecs(spec: string): string[] {
  return spec
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean);
}
