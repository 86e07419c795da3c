import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { toHex } from '../bytes';
import { currentSecrets, secretsCount, useSecretsStore } from './secrets';

const SECRETS = 'fixtures/vectors/real/secrets';
const read = (name: string) => new Uint8Array(readFileSync(`${SECRETS}/${name}`));

describe('the secrets store', () => {
  beforeEach(() => useSecretsStore.getState().forget());

  it('takes user=password and a bare password', () => {
    const s = useSecretsStore.getState();
    expect(s.addPassword('alice=Alice-Pa55w0rd').ok).toBe(true);
    expect(s.addPassword('just-a-password').ok).toBe(true);
    expect(currentSecrets(useSecretsStore.getState()).passwords).toEqual([
      { user: 'alice', password: 'Alice-Pa55w0rd' },
      { password: 'just-a-password' },
    ]);
  });

  it('refuses an NT hash that is not 32 hex digits, and takes one that is', () => {
    const s = useSecretsStore.getState();
    const bad = s.addNtHash('alice=12ab');
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error).toMatch(/32 hex digits/);
    expect(s.addNtHash('bob=8846F7EAEE8FB117AD06BDD830B7586C').ok).toBe(true);
    const [hash] = currentSecrets(useSecretsStore.getState()).ntHashes;
    expect(hash.user).toBe('bob');
    expect(toHex(hash.hash)).toBe('8846f7eaee8fb117ad06bdd830b7586c');
  });

  it('checks a raw key against its encryption type', () => {
    const s = useSecretsStore.getState();
    const short = s.addKey(18, '00'.repeat(16));
    expect(!short.ok && short.error).toMatch(/32 bytes \(64 hex digits\); got 32/);
    expect(s.addKey(17, '00'.repeat(16)).ok).toBe(true);
    expect(s.addKey(23, ' ' + 'ab'.repeat(16)).ok).toBe(true);
    expect(currentSecrets(useSecretsStore.getState()).keys.map((k) => k.etype)).toEqual([17, 23]);
  });

  it('lists a keytab’s entries and refuses a file that is none', async () => {
    const s = useSecretsStore.getState();
    const taken = await s.addKeytab('acceptor.keytab', read('acceptor.keytab'));
    expect(taken.ok).toBe(true);
    const entries = taken.ok ? taken.value.entries : [];
    expect(entries.length).toBeGreaterThan(0);
    for (const e of entries) {
      expect(e.principal).toMatch(/^[^@]+@EXAMPLE\.TEST$/);
      expect(e.kvno).toBeGreaterThan(0);
      expect(e.etypeName).not.toMatch(/^etype /);
    }
    const refused = await s.addKeytab('notes.txt', new TextEncoder().encode('not a keytab'));
    expect(!refused.ok && refused.error).toMatch(/^notes\.txt is not a keytab/);
    expect(currentSecrets(useSecretsStore.getState()).keytabs).toHaveLength(1);
  });

  it('removes one secret, and forgets them all', () => {
    const s = useSecretsStore.getState();
    const a = s.addPassword('a=1');
    s.addPassword('b=2');
    if (a.ok) useSecretsStore.getState().remove(a.value.id);
    expect(currentSecrets(useSecretsStore.getState()).passwords).toEqual([
      { user: 'b', password: '2' },
    ]);
    useSecretsStore.getState().forget();
    expect(secretsCount(useSecretsStore.getState())).toBe(0);
  });
});
