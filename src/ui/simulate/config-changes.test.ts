import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, withPatch } from '../../protocol/config';
import { configChanges } from './config-changes';

describe('configChanges', () => {
  it('names nothing for the scenario as written', () => {
    expect(configChanges(DEFAULT_CONFIG, DEFAULT_CONFIG)).toEqual([]);
  });

  it('names each change with the panel’s words, before and after, in the panel’s order', () => {
    const config = withPatch(DEFAULT_CONFIG, {
      faults: { stripMech: 'kerberos' },
      acceptor: { kerberosKey: false },
      initiator: { mechs: ['ntlm', 'kerberos'], ntlmPassword: null },
      realm: 'CORP.TEST',
    });
    expect(configChanges(DEFAULT_CONFIG, config)).toEqual([
      { path: 'realm', label: 'realm', from: 'EXAMPLE.TEST', to: 'CORP.TEST' },
      {
        path: 'initiator.mechs',
        label: 'client mechanisms',
        from: 'Kerberos, NTLM',
        to: 'NTLM, Kerberos',
      },
      {
        path: 'initiator.ntlmPassword',
        label: 'client’s NTLM password',
        from: 'Passw0rd!',
        to: 'none',
      },
      {
        path: 'acceptor.kerberosKey',
        label: 'server holds the service key',
        from: 'yes',
        to: 'no',
      },
      {
        path: 'faults.stripMech',
        label: 'a man in the middle removes',
        from: 'nothing',
        to: 'Kerberos',
      },
    ]);
  });

  it('shows an implementation by its title', () => {
    const [change] = configChanges(
      DEFAULT_CONFIG,
      withPatch(DEFAULT_CONFIG, { profile: 'windows' }),
    );
    expect(change).toMatchObject({
      label: 'both sides behave as',
      to: 'Windows SSPI (Vista and later)',
    });
  });
});
