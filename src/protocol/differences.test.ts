import { describe, expect, it } from 'vitest';
import {
  DIFFERENCE_IMPLEMENTATIONS,
  DIFFERENCES,
  FIELD_OF_ENTRY,
  SOURCE_ALIASES,
  differenceOfField,
  differsFromRfc,
  filterDifferences,
  findDifference,
  ntlmFlagNames,
  profileDifferences,
} from './differences';
import { PROFILES, type Profile } from './profiles';
import type { ProfileName } from './config';

/** The shape src/cli/citations.test.ts accepts: a spec section, or a project file and function. */
const CITATION =
  /^(?:(?:RFC \d+|MS-[A-Z0-9]+)(?: |$)|draft-|(?:MIT krb5|Heimdal|Samba|gss-ntlmssp|pyspnego|Wireshark) (?:[\w.-]+\/)+[\w.-]+\.\w+, \w+(?:\(\)|\[\])?(?:, \w+\(\))*$)/;
const UNSHIPPED = /\.md\b|Q-[A-Z]+-\d+|\bfixtures\b|shared\/|digest/i;

const citations = (source: string) => source.split(';').map((s) => s.trim());

describe('implementation differences', () => {
  it('every entry cites public sources of the accepted shape', () => {
    const odd: string[] = [];
    for (const d of DIFFERENCES) {
      const sources = Object.values(d.sources);
      expect(sources.length, d.id).toBeGreaterThan(0);
      for (const part of sources.flatMap(citations))
        if (!CITATION.test(part) || UNSHIPPED.test(part)) odd.push(`${d.id}: ${part}`);
      for (const text of [d.title, d.explanation, ...Object.values(d.values)])
        expect(UNSHIPPED.test(text), `${d.id}: ${text}`).toBe(false);
    }
    expect(odd).toEqual([]);
  });

  it('ids are unique and URL-safe', () => {
    const ids = DIFFERENCES.map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(encodeURIComponent(ids.join(','))).toBe(ids.join('%2C'));
  });

  it('every profile field, SPNEGO and NTLM half, has its entry', () => {
    const fields = new Set(Object.values(FIELD_OF_ENTRY));
    const profile = PROFILES.rfc4178;
    for (const key of Object.keys(profile).filter(
      (k) => !['name', 'title', 'description', 'ntlm', 'sources'].includes(k),
    ))
      expect(fields.has(key), key).toBe(true);
    for (const key of Object.keys(profile.ntlm).filter((k) => k !== 'sources'))
      expect(fields.has(`ntlm.${key}`), `ntlm.${key}`).toBe(true);
    for (const id of Object.keys(FIELD_OF_ENTRY)) expect(findDifference(id)?.simulated).toBe(true);
  });

  it('no source a profile cites is lost: each is shown on its implementation’s entry', () => {
    for (const name of DIFFERENCE_IMPLEMENTATIONS) {
      const profile = PROFILES[name];
      for (const [key, source] of Object.entries(profile.sources)) {
        const id = SOURCE_ALIASES[key] ?? differenceOfField(key as never);
        expect(findDifference(id)?.sources[name], `${name}.${key}`).toContain(source);
      }
      for (const [key, source] of Object.entries(profile.ntlm.sources))
        expect(
          findDifference(differenceOfField(`ntlm.${key}` as never))?.sources[name],
          `${name}.ntlm.${key}`,
        ).toContain(source);
    }
  });

  it('values are the profiles’ own, formatted', () => {
    const value = (id: string, name: ProfileName) => findDifference(id)?.values[name];
    expect(value('switch-negstate', 'heimdal')).toBe('accept-incomplete');
    expect(value('switch-negstate', 'mit')).toBe('request-mic');
    expect(value('initiator-oids', 'windows')).toBe('MS-KRB5, KRB5, NTLMSSP, NEGOEX');
    expect(value('initiator-oids', 'mit')).toBe('KRB5, NTLMSSP, NEGOEX');
    expect(value('sname-name-type', 'windows')).toBe('NT-SRV-INST (2)');
    expect(value('sname-name-type', 'mit')).toBe('NT-SRV-HST (3)');
    expect(value('ntlm-version', 'heimdal')).toBe('none');
    expect(value('ntlm-version', 'windows')).toBe('10.0 build 17763, NTLM revision 15');
    expect(value('smb-failure-blob', 'samba')).toBe('empty (status only)');
    expect(ntlmFlagNames(PROFILES.samba.ntlm.negotiateFlags)).toBe(
      '0x62088215 (UNICODE, REQUEST_TARGET, SIGN, NTLM, ALWAYS_SIGN, EXTENDED_SESSIONSECURITY, VERSION, 128, KEY_EXCH)',
    );
  });

  it('a change to a profile changes the page: values are not written by hand', () => {
    const copy: Record<ProfileName, Profile> = {
      ...PROFILES,
      mit: {
        ...PROFILES.mit,
        switchNegState: 'accept-incomplete',
        ntlm: { ...PROFILES.mit.ntlm, version: null },
        sources: { ...PROFILES.mit.sources, switchNegState: 'MS-SPNG §3.2.5' },
      },
    };
    const entries = profileDifferences(copy);
    const entry = entries.find((d) => d.id === 'switch-negstate')!;
    expect(entry.values.mit).toBe('accept-incomplete');
    expect(entry.sources.mit).toBe('MS-SPNG §3.2.5');
    expect(entries.find((d) => d.id === 'ntlm-version')!.values.mit).toBe('none');
    // The shared list is not touched by a computation over a copy.
    expect(findDifference('switch-negstate')!.values.mit).toBe('request-mic');
  });

  it('marks the cells that differ from RFC 4178 and filters by text and by pair', () => {
    const negState = findDifference('switch-negstate')!;
    expect(differsFromRfc(negState, 'heimdal')).toBe(true);
    expect(differsFromRfc(negState, 'mit')).toBe(false);
    expect(differsFromRfc(negState, 'rfc4178')).toBe(false);
    // An implementation with no habit on record does not differ.
    expect(differsFromRfc(findDifference('bare-first-reply')!, 'heimdal')).toBe(false);

    const pair = filterDifferences(DIFFERENCES, { pair: ['mit', 'heimdal'] });
    expect(pair.map((d) => d.id)).toContain('switch-negstate');
    expect(pair.map((d) => d.id)).not.toContain('request-mic');
    for (const d of pair) expect(d.values.mit).not.toBe(d.values.heimdal);

    const text = filterDifferences(DIFFERENCES, { text: 'HINTNAME' });
    expect(text.map((d) => d.id)).toContain('hint-name');
    expect(text.length).toBeLessThan(DIFFERENCES.length);
    expect(filterDifferences(DIFFERENCES, { text: '  ' })).toHaveLength(DIFFERENCES.length);
  });

  it('documents habits the simulator does not model, each marked so', () => {
    const documented = DIFFERENCES.filter((d) => !d.simulated).map((d) => d.id);
    for (const id of [
      'hint-name',
      'w2k-duplicate-mic',
      'w2003-accept-incomplete',
      'bare-first-reply',
    ])
      expect(documented).toContain(id);
  });
});
