/**
 * Which of the user's secrets apply to an NTLM AUTHENTICATE message: passwords and NT hashes,
 * each either for any user or (`user=…`) for one user only.
 */
import { ntowfv1 } from '../../crypto/ntlm';
import type { Secrets } from '../types';

/** A secret turned into what NTLM needs: the NT hash (NTOWFv1), and the password when known. */
export interface NtlmCandidate {
  /** How the texts name it: `the password given for alice`, `NT hash 2 of 3`… — never its value. */
  label: string;
  kind: 'password' | 'NT hash';
  user?: string;
  ntHash: Uint8Array;
  /** Only for passwords: LMOWFv1 (LM and LM_KEY) needs it [MS-NLMP §3.3.1]. */
  password?: string;
}

/** A user name as NTLM carries it: gss-ntlmssp's GSS names may end in NUL; case is not significant. */
const norm = (s: string): string => s.replace(/\0+$/, '').toLowerCase();

/**
 * Whether a secret given for `given` (`alice`, `EXAMPLE\alice` or `alice@EXAMPLE.TEST`) is for
 * this AUTHENTICATE's UserName and DomainName. Names compare case-insensitively, as Windows
 * account names do; a realm matches the NetBIOS domain that is its first label.
 */
export function userMatches(given: string, userName: string, domainName: string): boolean {
  const user = norm(userName);
  const domain = norm(domainName);
  const g = given.trim();
  const slash = g.indexOf('\\');
  if (slash >= 0) {
    return norm(g.slice(slash + 1)) === user && norm(g.slice(0, slash)) === domain;
  }
  const at = g.lastIndexOf('@');
  if (at > 0) {
    const realm = norm(g.slice(at + 1));
    const sameDomain = domain === '' || realm === domain || realm.startsWith(`${domain}.`);
    return norm(g.slice(0, at)) === user && sameDomain;
  }
  return norm(g) === user;
}

export interface Candidates {
  /** Secrets for this user or for any user, in the order given (user-specific ones first). */
  applicable: NtlmCandidate[];
  /** Users named by secrets that do not apply to this message. */
  otherUsers: string[];
  /** Secrets that cannot be used at all (an NT hash that is not 16 bytes). */
  unusable: string[];
}

/** The NTLM secrets the user gave (passwords, then NT hashes), labelled. */
export function ntlmCandidates(secrets: Secrets): NtlmCandidate[] {
  const out: NtlmCandidate[] = [];
  const anyPasswords = secrets.passwords.filter((p) => !p.user);
  const anyHashes = secrets.ntHashes.filter((h) => !h.user);
  secrets.passwords.forEach((p) => {
    const n = anyPasswords.indexOf(p);
    const label = p.user
      ? `the password given for ${p.user}`
      : anyPasswords.length === 1
        ? 'the password given'
        : `password ${n + 1} of ${anyPasswords.length}`;
    out.push({
      label,
      kind: 'password',
      user: p.user,
      ntHash: ntowfv1(p.password),
      password: p.password,
    });
  });
  secrets.ntHashes.forEach((h) => {
    const n = anyHashes.indexOf(h);
    const label = h.user
      ? `the NT hash given for ${h.user}`
      : anyHashes.length === 1
        ? 'the NT hash given'
        : `NT hash ${n + 1} of ${anyHashes.length}`;
    out.push({ label, kind: 'NT hash', user: h.user, ntHash: h.hash });
  });
  return out;
}

/** Splits the candidates for one AUTHENTICATE: those to try (this user's first), and the rest. */
export function candidatesFor(
  all: readonly NtlmCandidate[],
  userName: string,
  domainName: string,
): Candidates {
  const mine: NtlmCandidate[] = [];
  const any: NtlmCandidate[] = [];
  const otherUsers: string[] = [];
  const unusable: string[] = [];
  for (const c of all) {
    if (c.ntHash.length !== 16) {
      unusable.push(`${c.label} is ${c.ntHash.length} bytes, not 16`);
      continue;
    }
    if (c.user === undefined) any.push(c);
    else if (userMatches(c.user, userName, domainName)) mine.push(c);
    else if (!otherUsers.includes(c.user)) otherUsers.push(c.user);
  }
  return { applicable: [...mine, ...any], otherUsers, unusable };
}
