import { analyseInput, type AnalysedExchange, type InputAnalysis } from '../analysis';
import { toBase64 } from '../bytes';
import { walk, type Node } from '../codec/tree';
import { UsageError } from './args';
import { readSecretsAndInput } from './secrets-args';

/**
 * `analyze [--json] [--password [USER=]PASSWORD]... [--nt-hash [USER=]HEX]... [--keytab FILE]...
 * [--key ETYPE:HEX]... [FILE|-]`: the story, checks, outcome and fingerprint of every exchange in
 * a paste or a capture. Exit 0 when every exchange was read, 1 when something could not be, 2 on
 * a usage error.
 */
export async function runAnalyze(argv: string[]): Promise<number> {
  let analysis: InputAnalysis;
  let json: boolean;
  try {
    const read = await readSecretsAndInput(argv);
    json = read.json;
    analysis = analyseInput(read.input, read.secrets);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`analyze: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  process.stdout.write(json ? `${JSON.stringify(toJson(analysis), null, 2)}\n` : story(analysis));
  const unread =
    analysis.exchanges.length === 0 ||
    analysis.errors.length > 0 ||
    analysis.capture?.complete === false ||
    analysis.exchanges.some((e) => e.steps.some((s) => hasError(s.root)));
  return unread ? 1 : 0;
}

function hasError(root: Node): boolean {
  let found = false;
  walk(root, (node) => {
    if (node.error) found = true;
  });
  return found;
}

/** The JSON shape the issue names: tokens as base64 of their exact bytes. */
export function toJson(analysis: InputAnalysis) {
  return {
    exchanges: analysis.exchanges.map(exchangeJson),
    ...(analysis.errors.length ? { errors: analysis.errors } : {}),
    ...(analysis.recognised ? { recognised: analysis.recognised } : {}),
    ...(analysis.capture ? { capture: analysis.capture } : {}),
  };
}

function exchangeJson(e: AnalysedExchange) {
  return {
    source: e.source,
    transport: e.transport,
    client: e.client,
    server: e.server,
    steps: e.steps.map((s) => ({
      index: s.index,
      from: s.from,
      inferred: s.inferred,
      token: toBase64(s.token),
      message: s.message,
      negState: s.negState,
      supportedMech: s.supportedMech,
      mech: s.mech,
      mechListMIC: s.mechListMIC,
      ...(s.status === undefined ? {} : { status: s.status }),
      ...(s.statusText === undefined ? {} : { statusText: s.statusText }),
      ...(s.frame === undefined ? {} : { frame: s.frame }),
      summary: s.summary,
      initiatorState: s.initiatorState,
      acceptorState: s.acceptorState,
      root: s.root,
      explanation: s.explanation,
      checks: s.checks,
      secrets: s.secrets.map((r) => ({
        what: r.what,
        ok: r.ok,
        text: r.text,
        ...(r.root ? { root: r.root } : {}),
        ...(r.derived ? { derived: r.derived } : {}),
      })),
    })),
    outcome: e.outcome,
    fingerprint: e.fingerprint,
    findings: e.findings,
    ...(e.kdc.length
      ? {
          kdc: e.kdc.map(({ bytes: _bytes, ...m }) => m),
        }
      : {}),
  };
}

/** The readable story printed without `--json`. */
export function story(analysis: InputAnalysis): string {
  const lines: string[] = [];
  for (const e of analysis.errors) lines.push(`input error at offset ${e.offset}: ${e.message}`);
  if (analysis.recognised) lines.push(analysis.recognised.message);
  if (analysis.capture)
    lines.push(
      `capture (${analysis.capture.format}): ${analysis.capture.packets} packets, ${analysis.exchanges.length} exchange${analysis.exchanges.length === 1 ? '' : 's'}${analysis.capture.complete ? '' : ', not read to its end'}`,
    );
  analysis.exchanges.forEach((e, n) => {
    lines.push('');
    const peers = e.client ? `  ${e.client} → ${e.server}` : '';
    lines.push(`Exchange ${n + 1}: ${e.source} (${e.transport})${peers}`);
    for (const s of e.steps) {
      const arrow = s.from === 'initiator' ? 'Client → Server' : 'Server → Client';
      const status = s.status === undefined ? '' : `  [${s.statusText ?? s.status}]`;
      lines.push(
        `${s.index + 1}. ${arrow}${s.inferred ? ' (inferred)' : ''}: ${s.summary}${status}`,
      );
      lines.push(`   client ${s.initiatorState}, server ${s.acceptorState}`);
      for (const x of s.explanation) lines.push(`   - ${x.text}${x.spec ? ` [${x.spec}]` : ''}`);
      for (const c of s.checks) lines.push(`   ${c.ok ? '✓' : '✗'} ${c.text} [${c.spec}]`);
      for (const r of s.secrets) {
        lines.push(`   ${r.ok ? '🔓' : '🔒'} ${r.what}: ${r.text}`);
        for (const d of r.derived ?? []) lines.push(`       ${d.name} = ${d.value}  (${d.how})`);
      }
    }
    const o = e.outcome;
    lines.push(`Outcome: ${o.result}${o.mech ? ` (${o.mech})` : ''} — ${o.reason}`);
    lines.push(
      `Initiator looks like: ${e.fingerprint.initiator}; acceptor: ${e.fingerprint.acceptor}`,
    );
    for (const ev of e.fingerprint.evidence) lines.push(`   - ${ev.side}: ${ev.text}`);
    for (const f of e.findings)
      lines.push(`${f.severity}: ${f.text}${f.spec ? ` [${f.spec}]` : ''}`);
  });
  return `${lines.join('\n')}\n`;
}
