import { describe, expect, it } from 'vitest';
import { toHex } from '../../bytes';
import { parseKey, parseNtHash, parsePassword } from './parse';

describe('secrets as typed', () => {
  it('reads [USER=]PASSWORD, keeping a password that holds "="', () => {
    expect(parsePassword('Alice-Pa55w0rd')).toEqual({
      ok: true,
      value: { password: 'Alice-Pa55w0rd' },
    });
    expect(parsePassword('alice=Alice-Pa55w0rd')).toEqual({
      ok: true,
      value: { user: 'alice', password: 'Alice-Pa55w0rd' },
    });
    expect(parsePassword('=a=b')).toEqual({ ok: true, value: { password: 'a=b' } });
    expect(parsePassword('alice=')).toMatchObject({ ok: false, error: 'the password is empty' });
  });

  it('reads an NT hash of 32 hex digits, with or without a user', () => {
    const r = parseNtHash('EXAMPLE\\alice=0x3F0D3BE5D1C0A6C8E1D0E3C1E4A1B2C3');
    expect(r.ok && r.value.user).toBe('EXAMPLE\\alice');
    expect(r.ok && toHex(r.value.hash)).toBe('3f0d3be5d1c0a6c8e1d0e3c1e4a1b2c3');
    expect(parseNtHash('abcd')).toMatchObject({ ok: false });
    expect(!parseNtHash('abcd').ok && (parseNtHash('abcd') as { error: string }).error).toContain(
      '32 hex digits',
    );
  });

  it('reads ETYPE:HEX and checks the key length of the etype', () => {
    const r = parseKey(`18:${'ab'.repeat(32)}`);
    expect(r.ok && r.value.etype).toBe(18);
    expect(r.ok && r.value.key.length).toBe(32);
    expect(parseKey(`17:${'ab'.repeat(32)}`)).toMatchObject({ ok: false });
    expect((parseKey(`17:${'ab'.repeat(32)}`) as { error: string }).error).toContain('16 bytes');
    expect((parseKey('3:00') as { error: string }).error).toContain(
      'not one the analysis decrypts',
    );
    expect((parseKey('aes256') as { error: string }).error).toContain('ETYPE:HEX');
  });
});
