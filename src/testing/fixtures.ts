/**
 * Test-only access to the vectors copied into fixtures/vectors (Node only; never imported by the
 * app). `public/` tokens come from permissively licensed projects (see its SOURCES.json and
 * README.md); `real/` exchanges were generated with MIT krb5 1.20.1 / gss-ntlmssp 1.2.0 / Samba
 * 4.17.12 in a lab realm, each with Wireshark 4.0.17's dissection.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/vectors');

export interface PublicVector {
  file: string;
  format: string;
  kind: string;
  license: string;
  source_repo: string;
  expected?: Record<string, unknown>;
  length: number;
  bytes: Uint8Array;
}

export function publicVectors(): PublicVector[] {
  const sources = JSON.parse(readFileSync(join(FIXTURES, 'public/SOURCES.json'), 'utf8')) as {
    entries: Omit<PublicVector, 'bytes'>[];
  };
  // Only tokens: the original captures (format `pcap…`) stay as provenance, not as input.
  return sources.entries
    .filter((e) => e.format === 'hex' || e.format === 'bin')
    .map((e) => {
      const raw = readFileSync(join(FIXTURES, 'public', e.file));
      const bytes = e.file.endsWith('.hex')
        ? Uint8Array.from(Buffer.from(raw.toString('utf8').trim(), 'hex'))
        : new Uint8Array(raw);
      return { ...e, bytes };
    });
}

export interface WiresharkFields {
  token_index: number;
  what: string;
  frame_protocols: string;
  summary: Record<string, string[]>;
  fields: Record<string, string[]>;
  field_offsets_in_token?: Record<string, unknown>;
}

export interface RealToken {
  scenario: string;
  /** File name without extension, e.g. `02-a2i-negTokenResp-request-mic-sup_ntlmssp`. */
  name: string;
  direction: 'initiator' | 'acceptor';
  perMessage: boolean;
  bytes: Uint8Array;
  wireshark?: WiresharkFields;
}

export function realScenarios(): string[] {
  return readdirSync(join(FIXTURES, 'real')).filter((d) =>
    existsSync(join(FIXTURES, 'real', d, 'scenario.json')),
  );
}

export function realScenario(id: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(FIXTURES, 'real', id, 'scenario.json'), 'utf8'));
}

export function realTokens(scenario?: string): RealToken[] {
  const out: RealToken[] = [];
  for (const id of scenario ? [scenario] : realScenarios()) {
    const dir = join(FIXTURES, 'real', id);
    for (const f of readdirSync(dir)
      .filter((n) => n.endsWith('.b64'))
      .sort()) {
      const name = f.slice(0, -4);
      const wsFile = join(dir, 'wireshark', `${name}.fields.json`);
      out.push({
        scenario: id,
        name,
        direction: name.includes('-i2a-') ? 'initiator' : 'acceptor',
        perMessage: name.startsWith('pm'),
        bytes: Uint8Array.from(Buffer.from(readFileSync(join(dir, f), 'utf8').trim(), 'base64')),
        wireshark: existsSync(wsFile) ? JSON.parse(readFileSync(wsFile, 'utf8')) : undefined,
      });
    }
  }
  return out;
}

/** Every fixture token, public and real, for invariant and fuzz tests. */
export function allFixtureTokens(): { id: string; bytes: Uint8Array }[] {
  return [
    ...publicVectors().map((v) => ({ id: `public/${v.file}`, bytes: v.bytes })),
    ...realTokens().map((t) => ({ id: `real/${t.scenario}/${t.name}`, bytes: t.bytes })),
  ];
}
