/**
 * Node entry point: `npm run --silent cli -- <command> …`. Runs from a fresh clone through tsx,
 * with no build step.
 */

const USAGE = `usage:
  cli decode [--json] [--format auto|base64|hex|http|hexdump|binary] [FILE|-]
  cli analyze [--json] [--password [USER=]PASSWORD]... [--nt-hash [USER=]HEX]...
              [--keytab FILE]... [--key ETYPE:HEX]... [FILE|-]
  cli simulate --list
  cli simulate --scenario ID [--config FILE.json] [--json]
  cli reproduce [--json] [--password [USER=]PASSWORD]... [--keytab FILE]... [FILE|-]
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    // Each command loads only what it needs (decode never loads the simulation engine).
    case 'decode':
      return (await import('./decode')).runDecode(rest);
    case 'analyze':
      return (await import('./analyze')).runAnalyze(rest);
    case 'simulate':
      return (await import('./simulate')).runSimulate(rest);
    case 'reproduce':
      return (await import('./reproduce')).runReproduce(rest);
    case '--help':
    case '-h':
      process.stdout.write(USAGE);
      return 0;
    default:
      process.stderr.write(command ? `unknown command: ${command}\n${USAGE}` : USAGE);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
    process.exitCode = 2;
  },
);
