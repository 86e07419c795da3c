import {
  implementationOf,
  listScenarios,
  simulate,
  type ConfigPatch,
  type Simulation,
} from '../protocol';
import { parseArgs, UsageError } from './args';
import { fromBase64 } from '../bytes';

/**
 * `simulate --list` | `simulate --scenario ID [--config FILE.json] [--json]`.
 * Exit 0 when the run was produced (whatever its outcome), 2 on a usage or configuration error.
 */
export async function runSimulate(argv: string[]): Promise<number> {
  try {
    const args = parseArgs(argv, ['--json', '--list'], ['--scenario', '--config']);
    if (args.positionals.length) throw new UsageError(`unexpected argument ${args.positionals[0]}`);
    if (args.flags.has('--list')) {
      process.stdout.write(
        `${JSON.stringify(
          listScenarios().map(({ id, title }) => ({ id, title })),
          null,
          2,
        )}\n`,
      );
      return 0;
    }
    const id = args.options.get('--scenario');
    const configFile = args.options.get('--config');
    if (!id && !configFile)
      throw new UsageError('give --scenario ID (see --list) or --config FILE.json');
    let patch: ConfigPatch | undefined;
    if (configFile) {
      const { readFile } = await import('node:fs/promises');
      try {
        patch = JSON.parse(await readFile(configFile, 'utf8')) as ConfigPatch;
      } catch (e) {
        throw new UsageError(`cannot read ${configFile}: ${(e as Error).message}`);
      }
    }
    let result: Simulation;
    try {
      result = id ? simulate(id, patch) : simulate(patch ?? {});
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    process.stdout.write(
      args.flags.has('--json') ? `${JSON.stringify(result, null, 2)}\n` : transcript(result),
    );
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`simulate: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

/** The readable transcript `simulate` prints without `--json`. */
export function transcript(sim: Simulation): string {
  const lines: string[] = [];
  const client = implementationOf(sim.config, 'initiator');
  const server = implementationOf(sim.config, 'acceptor');
  const sides = client === server ? `profile ${client}` : `client ${client}, server ${server}`;
  lines.push(
    `Scenario: ${sim.scenario ?? '(custom configuration)'}  ${sides}, transport ${sim.config.transport}`,
  );
  lines.push('');
  for (const s of sim.steps) {
    const arrow = s.from === 'initiator' ? 'Client → Server' : 'Server → Client';
    const leg = s.transport
      ? `  [${s.transport.message}${s.transport.status ? ` ${s.transport.status.text}` : ''}]`
      : '';
    lines.push(
      `${s.index + 1}. ${arrow}: ${s.summary}  (${fromBase64(s.token).length} bytes)${leg}`,
    );
    lines.push(`   client ${s.initiatorState}, server ${s.acceptorState}`);
    for (const r of s.rules) lines.push(`   - ${r.by}: ${r.text}${r.spec ? ` [${r.spec}]` : ''}`);
    if (s.header)
      lines.push(`   ${s.header.length > 110 ? `${s.header.slice(0, 107)}...` : s.header}`);
    lines.push('');
  }
  for (const r of sim.closingRules)
    lines.push(`   - ${r.by}: ${r.text}${r.spec ? ` [${r.spec}]` : ''}`);
  if (sim.closingLeg)
    lines.push(
      `   Server → Client: ${sim.closingLeg.message}${sim.closingLeg.status ? ` ${sim.closingLeg.status.text}` : ''}`,
    );
  lines.push(
    `Outcome: ${sim.outcome.result}${sim.outcome.mech ? ` (${sim.outcome.mech})` : ''} — ${sim.outcome.reason}`,
  );
  return `${lines.join('\n')}\n`;
}
