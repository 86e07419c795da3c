import type { MessageLabel } from '../../codec/describe';

export type Side = 'initiator' | 'acceptor';

/** How a leg's transport status reads: the exchange goes on, it succeeded, or it was refused. */
export type StatusTone = 'continue' | 'ok' | 'error';

export interface DiagramMessage {
  from: Side;
  label: MessageLabel;
  /**
   * The transport's status on this leg (`HTTP 401 Unauthorized`, `STATUS_SUCCESS`), drawn as the
   * label's last line; only an observed exchange has one.
   */
  status?: { text: string; tone: StatusTone };
}

// Mermaid reads `;` and `#` as syntax and `<`/`>` as markup: labels keep to plain characters.
const clean = (text: string) => text.replace(/[^\w\s[\],.+\-:()/@'’]/g, ' ').trim();

/** A label's lines: the envelope, then what rides inside; `compact` (phones) breaks it further. */
export function labelLines(label: DiagramMessage['label'], compact: boolean): string[] {
  const envelope = compact
    ? clean(
        label.envelope.replace(' [', '\n[').replace(', supportedMech', ',\nsupportedMech'),
      ).split('\n')
    : [clean(label.envelope)];
  const inner = label.inner.map(clean);
  if (!inner.length) return envelope;
  return compact
    ? [...envelope, ...inner.map((part) => `+ ${part}`)]
    : [...envelope, `+ ${inner.join(' + ')}`];
}

/**
 * The mermaid `sequenceDiagram` for a list of messages: Client and Server, one arrow per message,
 * the envelope on the first line and what rides inside on the second.
 */
export function sequenceSource(messages: DiagramMessage[], title: string, compact = false): string {
  const lines = [
    'sequenceDiagram',
    `  accTitle: ${clean(title)}`,
    `  accDescr: ${messages.length} messages between the client (initiator) and the server (acceptor)`,
    '  autonumber',
    '  participant C as Client',
    '  participant S as Server',
  ];
  for (const { from, label, status } of messages) {
    const arrow = from === 'initiator' ? 'C->>S' : 'S->>C';
    const text = labelLines(label, compact);
    if (status) text.push(clean(status.text));
    lines.push(`  ${arrow}: ${text.join('<br/>')}`);
  }
  return lines.join('\n');
}
