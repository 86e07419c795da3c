import type { MessageLabel } from '../../codec/describe';

export type Side = 'initiator' | 'acceptor';

export interface DiagramMessage {
  from: Side;
  label: MessageLabel;
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
  for (const { from, label } of messages) {
    const arrow = from === 'initiator' ? 'C->>S' : 'S->>C';
    lines.push(`  ${arrow}: ${labelLines(label, compact).join('<br/>')}`);
  }
  return lines.join('\n');
}
