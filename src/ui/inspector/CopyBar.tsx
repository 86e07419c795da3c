import { useState } from 'react';
import type { Node } from '../../codec/tree';
import { useInspectorStore } from '../../store/inspector';
import { copyText } from '../common/clipboard';
import { Icon } from '../common/Icon';
import { toBase64, toHex } from '../../bytes';
import { formatTree } from '../../cli/format-tree';

export type Direction = 'initiator' | 'acceptor' | null;

/** The header line that carries a token over HTTP Negotiate (RFC 4559). */
export function httpHeaderLine(bytes: Uint8Array, direction: Direction): string {
  const name = direction === 'acceptor' ? 'WWW-Authenticate' : 'Authorization';
  return `${name}: Negotiate ${toBase64(bytes)}`;
}

function nodeBytes(bytes: Uint8Array, node: Node): string {
  return toHex(bytes, node.offset, Math.min(bytes.length, node.offset + node.length));
}

/**
 * Copy the token as base64, hex or an HTTP header line, the selected field's bytes, or the whole
 * tree as indented text (the CLI's `decode` output: offset, name, value, label, meaning, spec).
 */
export function CopyBar({
  bytes,
  root,
  direction,
  header,
}: {
  bytes: Uint8Array;
  /** The decoded tree, for "Tree as text". */
  root?: Node;
  direction: Direction;
  /** The exact header line, when the token came with one. */
  header?: string;
}) {
  const selected = useInspectorStore((s) => s.selected);
  const [status, setStatus] = useState('');

  const copy = async (what: string, text: string) => {
    setStatus((await copyText(text)) ? `Copied ${what}.` : `Could not copy ${what}.`);
  };

  return (
    <div className="copy-bar" role="group" aria-label="Copy">
      <button type="button" className="tool-button" onClick={() => copy('base64', toBase64(bytes))}>
        <Icon name="copy" /> Base64
      </button>
      <button type="button" className="tool-button" onClick={() => copy('hex', toHex(bytes))}>
        <Icon name="copy" /> Hex
      </button>
      <button
        type="button"
        className="tool-button"
        onClick={() => copy('the HTTP header', header ?? httpHeaderLine(bytes, direction))}
      >
        <Icon name="copy" /> HTTP header
      </button>
      <button
        type="button"
        className="tool-button"
        disabled={!selected}
        onClick={() => selected && copy(`${selected.name}`, nodeBytes(bytes, selected))}
      >
        <Icon name="copy" /> Field bytes
      </button>
      {root && (
        <button
          type="button"
          className="tool-button"
          onClick={() => copy('the tree as text', formatTree(root))}
        >
          <Icon name="copy" /> Tree as text
        </button>
      )}
      <span className="copy-status" role="status">
        {status}
      </span>
    </div>
  );
}
