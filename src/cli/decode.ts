import { decode, type DecodeResult } from '../codec';
import type { InputFormat } from '../codec';
import { formatTree } from './format-tree';
import { parseArgs, readInput, UsageError } from './args';

const FORMATS = ['auto', 'base64', 'hex', 'http', 'hexdump', 'binary'];

/** `decode [--json] [--format F] [FILE|-]`: exit 0 clean, 1 when any error was reported, 2 on usage. */
export async function runDecode(argv: string[]): Promise<number> {
  let result: DecodeResult;
  let json: boolean;
  try {
    const args = parseArgs(argv, ['--json'], ['--format']);
    const format = args.options.get('--format') ?? 'auto';
    if (!FORMATS.includes(format))
      throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
    if (args.positionals.length > 1) throw new UsageError('give one FILE (or - for stdin)');
    json = args.flags.has('--json');
    let input: Uint8Array;
    try {
      input = await readInput(args.positionals[0]);
    } catch (e) {
      throw new UsageError(`cannot read ${args.positionals[0]}: ${(e as Error).message}`);
    }
    result = decode(input, format as InputFormat | 'auto');
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`decode: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  process.stdout.write(json ? `${JSON.stringify(result, null, 2)}\n` : formatResult(result));
  const failed = result.errors.length > 0 || result.tokens.some((t) => t.errors.length > 0);
  return failed ? 1 : 0;
}

function formatResult(result: DecodeResult): string {
  // Meanings are dimmed on a terminal, unless NO_COLOR asks for none (https://no-color.org).
  const color = process.stdout.isTTY === true && !process.env.NO_COLOR;
  let out = '';
  result.errors.forEach((e) => (out += `input error: ${e.message}\n`));
  result.tokens.forEach((t, i) => {
    const dir = (t.direction ? `, ${t.direction}` : '') + (t.status ? `, HTTP ${t.status}` : '');
    out += `token ${i + 1}: ${t.length} bytes from ${t.source} (${t.format}${dir})\n`;
    out += formatTree(t.root, { color });
    for (const e of t.errors) out += `error: ${e.message}\n`;
    for (const w of t.warnings) out += `warning: ${w.message} (offset ${w.offset})\n`;
    out += '\n';
  });
  return out;
}
