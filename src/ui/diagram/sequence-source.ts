import type { MessageLabel } from '../labels/message-label';

export type Side = 'initiator' | 'acceptor';

export interface DiagramMessage {
  from: Side;
  label: MessageLabel;
}

// Mermaid reads `;` and `#` as syntax and `<`/`>` as markup: labels keep to plain characters.
const clean = (text: string) => text.replace(/[^\w\s[\],.+\-:()/@'’]/g, ' ').trim();

/**
 * The mermaid `sequenceDiagram` for a list of messages: Client and Server, one arrow per message,
 * the envelope on the first line and what rides inside on the second.
 */
export function sequenceSource(messages: DiagramMessage[], title: string): string {
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
    const inner = label.inner.length ? `<br/>+ ${label.inner.map(clean).join(' + ')}` : '';
    lines.push(`  ${arrow}: ${clean(label.envelope)}${inner}`);
  }
  return lines.join('\n');
}
