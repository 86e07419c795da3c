import { create } from 'zustand';
import { parseKey, parseNtHash, parsePassword, type Parsed } from '../analysis/secrets/parse';
import type { Secrets } from '../analysis/types';
import { ETYPES } from '../data/kerberos';

/**
 * The secrets the user gave for verification and decryption. In this module's memory only: never
 * written to localStorage, sessionStorage, IndexedDB, a cookie or the address, never sent; a
 * reload forgets them. The analysis worker receives a copy with each request that needs them.
 */

export interface KeytabListing {
  principal: string;
  kvno: number;
  etype: number;
  etypeName: string;
}

interface Entry {
  id: number;
}
export interface PasswordEntry extends Entry {
  user?: string;
  password: string;
}
export interface NtHashEntry extends Entry {
  user?: string;
  hash: Uint8Array;
}
export interface KeytabEntryFile extends Entry {
  name: string;
  bytes: Uint8Array;
  entries: KeytabListing[];
  /** The file is damaged past its first entries: where and why reading stopped. */
  damage?: string;
}
export interface KeyEntry extends Entry {
  etype: number;
  key: Uint8Array;
}

export interface SecretsState {
  passwords: PasswordEntry[];
  ntHashes: NtHashEntry[];
  keytabs: KeytabEntryFile[];
  keys: KeyEntry[];
  /** Each field's text is checked first: the error is a sentence for that field. */
  addPassword(text: string): Parsed<PasswordEntry>;
  addNtHash(text: string): Parsed<NtHashEntry>;
  addKey(etype: number, hex: string): Parsed<KeyEntry>;
  /** Reads the keytab (MIT format) and lists its entries; a file that is no keytab is refused. */
  addKeytab(name: string, bytes: Uint8Array): Promise<Parsed<KeytabEntryFile>>;
  remove(id: number): void;
  forget(): void;
}

let nextId = 0;

const principalName = (p: { components: string[]; realm: string }) =>
  `${p.components.join('/')}@${p.realm}`;

/** Every secret, as the analysis takes them. */
export function currentSecrets(
  s: Pick<SecretsState, 'passwords' | 'ntHashes' | 'keytabs' | 'keys'>,
): Secrets {
  return {
    passwords: s.passwords.map(({ user, password }) =>
      user === undefined ? { password } : { user, password },
    ),
    ntHashes: s.ntHashes.map(({ user, hash }) => (user === undefined ? { hash } : { user, hash })),
    keytabs: s.keytabs.map((k) => k.bytes),
    keys: s.keys.map(({ etype, key }) => ({ etype, key })),
  };
}

export function secretsCount(
  s: Pick<SecretsState, 'passwords' | 'ntHashes' | 'keytabs' | 'keys'>,
): number {
  return s.passwords.length + s.ntHashes.length + s.keytabs.length + s.keys.length;
}

export const useSecretsStore = create<SecretsState>((set, get) => ({
  passwords: [],
  ntHashes: [],
  keytabs: [],
  keys: [],
  addPassword: (text) => {
    const parsed = parsePassword(text);
    if (!parsed.ok) return parsed;
    const entry = { id: ++nextId, ...parsed.value };
    set({ passwords: [...get().passwords, entry] });
    return { ok: true, value: entry };
  },
  addNtHash: (text) => {
    const parsed = parseNtHash(text);
    if (!parsed.ok) return parsed;
    const entry = { id: ++nextId, ...parsed.value };
    set({ ntHashes: [...get().ntHashes, entry] });
    return { ok: true, value: entry };
  },
  addKey: (etype, hex) => {
    const parsed = parseKey(`${etype}:${hex.trim()}`);
    if (!parsed.ok) return parsed;
    const entry = { id: ++nextId, ...parsed.value };
    set({ keys: [...get().keys, entry] });
    return { ok: true, value: entry };
  },
  addKeytab: async (name, bytes) => {
    // The keytab reader is small and loaded only when a keytab is picked.
    const { readKeytab } = await import('../codec/keytab');
    const read = readKeytab(bytes);
    const entries = read.value.entries;
    if (!read.ok && entries.length === 0)
      return {
        ok: false,
        error: `${name} is not a keytab this tool reads (MIT format, versions 1 and 2): ${read.error} at byte ${read.offset}`,
      };
    if (entries.length === 0) return { ok: false, error: `${name} holds no keys` };
    const entry: KeytabEntryFile = {
      id: ++nextId,
      name,
      bytes,
      ...(read.ok ? {} : { damage: `read up to byte ${read.offset}: ${read.error}` }),
      entries: entries.map((e) => ({
        principal: principalName(e.principal),
        kvno: e.kvno,
        etype: e.enctype,
        etypeName: ETYPES[e.enctype] ?? `etype ${e.enctype}`,
      })),
    };
    set({ keytabs: [...get().keytabs, entry] });
    return { ok: true, value: entry };
  },
  remove: (id) => {
    const keep = <T extends Entry>(list: T[]) => list.filter((e) => e.id !== id);
    const s = get();
    set({
      passwords: keep(s.passwords),
      ntHashes: keep(s.ntHashes),
      keytabs: keep(s.keytabs),
      keys: keep(s.keys),
    });
  },
  forget: () => set({ passwords: [], ntHashes: [], keytabs: [], keys: [] }),
}));
