/** A tiny argument reader: `--flag`, `--option value`, positionals. Usage errors throw UsageError. */
export class UsageError extends Error {}

export interface ParsedArgs {
  flags: Set<string>;
  options: Map<string, string>;
  /** Every value of an option that may be given more than once, in order. */
  repeated: Map<string, string[]>;
  positionals: string[];
}

export function parseArgs(
  argv: string[],
  flagNames: string[],
  optionNames: string[],
  repeatableNames: string[] = [],
): ParsedArgs {
  const parsed: ParsedArgs = {
    flags: new Set(),
    options: new Map(),
    repeated: new Map(),
    positionals: [],
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-' || !arg.startsWith('-')) parsed.positionals.push(arg);
    else if (flagNames.includes(arg)) parsed.flags.add(arg);
    else if (repeatableNames.includes(arg)) {
      const value = argv[++i];
      if (value === undefined) throw new UsageError(`${arg} needs a value`);
      parsed.repeated.set(arg, [...(parsed.repeated.get(arg) ?? []), value]);
    } else if (optionNames.includes(arg)) {
      const value = argv[++i];
      if (value === undefined) throw new UsageError(`${arg} needs a value`);
      parsed.options.set(arg, value);
    } else throw new UsageError(`unknown option: ${arg}`);
  }
  return parsed;
}

export async function readInput(path: string | undefined): Promise<Uint8Array> {
  const { readFile } = await import('node:fs/promises');
  if (path === undefined || path === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return new Uint8Array(Buffer.concat(chunks));
  }
  return new Uint8Array(await readFile(path));
}
