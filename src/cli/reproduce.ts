import { analyseInput, type AnalysedExchange, type Secrets } from '../analysis';
import { reproduce, type Reproduction } from '../analysis/reproduce';
import { UsageError } from './args';
import { readSecretsAndInput } from './secrets-args';
import { transcript } from './simulate';

/**
 * `reproduce [--json] [--password [USER=]PASSWORD]... [--nt-hash [USER=]HEX]... [--keytab FILE]...
 * [--key ETYPE:HEX]... [FILE|-]`: reads what `analyze` reads (secrets too: a service key opens the
 * Authenticator, whose GSS checksum tells delegation, channel bindings and request flags), infers the simulator configuration
 * that explains each exchange, runs it and lists what still differs. With one exchange `--json`
 * prints `{config, evidence, limits, run, differences}`; with several (a capture of many
 * connections) `{exchanges: [{source, …same fields}]}`. `simulate --config FILE` with the printed
 * config gives the same run. Exit 0 when every exchange was reproduced (differences may remain),
 * 1 when nothing could be read, 2 on a usage error.
 */
export async function runReproduce(argv: string[]): Promise<number> {
  let json: boolean;
  let input: Uint8Array;
  let secrets: Secrets;
  try {
    ({ json, secrets, input } = await readSecretsAndInput(argv));
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`reproduce: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  const analysis = analyseInput(input, secrets);
  const results = analysis.exchanges
    .map((exchange) => ({ exchange, result: reproduce(exchange) }))
    .filter((r): r is { exchange: AnalysedExchange; result: Reproduction } => r.result !== null);
  if (results.length === 0) {
    const why =
      analysis.errors[0]?.message ??
      analysis.recognised?.message ??
      'no SPNEGO, Kerberos or NTLM token found';
    process.stderr.write(`reproduce: nothing to reproduce: ${why}\n`);
    return 1;
  }
  if (json) {
    const body =
      results.length === 1
        ? asJson(results[0].result)
        : { exchanges: results.map((r) => ({ source: r.exchange.source, ...asJson(r.result) })) };
    process.stdout.write(`${JSON.stringify(body, null, 2)}\n`);
  } else process.stdout.write(results.map((r) => account(r.exchange, r.result)).join('\n'));
  return 0;
}

function asJson(r: Reproduction) {
  return {
    config: r.config,
    evidence: r.evidence,
    limits: r.limits,
    run: r.run,
    differences: r.differences,
  };
}

/** The readable account: the configuration, why each choice, the run, what still differs. */
export function account(exchange: AnalysedExchange, r: Reproduction): string {
  const lines: string[] = [];
  lines.push(
    `Exchange: ${exchange.source} (${exchange.transport}), ${exchange.steps.length} messages`,
  );
  lines.push('');
  lines.push('Inferred configuration (save it and run `cli simulate --config FILE`):');
  lines.push(JSON.stringify(r.config));
  lines.push('');
  lines.push('Why:');
  for (const e of r.evidence) lines.push(`  ${e.field}: ${e.why}`);
  if (r.limits.length) {
    lines.push('');
    lines.push('Not modelled by the simulator:');
    for (const l of r.limits) lines.push(`  - ${l}`);
  }
  lines.push('');
  lines.push('Simulated run:');
  lines.push(transcript(r.run).trimEnd());
  lines.push('');
  if (r.differences.length === 0)
    lines.push(
      'Differences: none — every message matches (direction, SPNEGO fields, Kerberos and NTLM messages).',
    );
  else {
    lines.push(`Differences (${r.differences.length}):`);
    for (const d of r.differences)
      lines.push(
        `  message ${d.step} ${d.field}: real ${String(d.real)}, simulated ${String(d.simulated)}`,
      );
  }
  return `${lines.join('\n')}\n`;
}
