import type { Secrets } from '../analysis';
import { parseKey, parseNtHash, parsePassword, type Parsed } from '../analysis/secrets/parse';
import { parseArgs, readInput, UsageError } from './args';

/** The options `analyze` and `reproduce` share: secrets given more than once, and one input. */
export const SECRET_OPTIONS = ['--password', '--nt-hash', '--keytab', '--key'];

/**
 * `[--json] [--password [USER=]PASSWORD]... [--nt-hash [USER=]HEX]... [--keytab FILE]...
 * [--key ETYPE:HEX]... [FILE|-]`, read: a bad secret or an unreadable file is a UsageError.
 */
export async function readSecretsAndInput(
  argv: string[],
): Promise<{ json: boolean; secrets: Secrets; input: Uint8Array }> {
  const args = parseArgs(argv, ['--json'], [], SECRET_OPTIONS);
  if (args.positionals.length > 1) throw new UsageError('give one FILE (or - for stdin)');
  const secrets: Secrets = {
    passwords: values(args.repeated.get('--password'), parsePassword, '--password'),
    ntHashes: values(args.repeated.get('--nt-hash'), parseNtHash, '--nt-hash'),
    keys: values(args.repeated.get('--key'), parseKey, '--key'),
    keytabs: [],
  };
  for (const file of args.repeated.get('--keytab') ?? [])
    secrets.keytabs.push(await read(file, `cannot read keytab ${file}`));
  const input = await read(args.positionals[0], `cannot read ${args.positionals[0]}`);
  return { json: args.flags.has('--json'), secrets, input };
}

async function read(path: string | undefined, what: string): Promise<Uint8Array> {
  try {
    return await readInput(path);
  } catch (e) {
    throw new UsageError(`${what}: ${(e as Error).message}`);
  }
}

function values<T>(
  texts: string[] | undefined,
  parse: (t: string) => Parsed<T>,
  option: string,
): T[] {
  return (texts ?? []).map((text) => {
    const r = parse(text);
    if (!r.ok) throw new UsageError(`${option}: ${r.error}`);
    return r.value;
  });
}
