import { useEffect } from 'react';
import type { Issue, Node } from '../../codec';
import { useInspectorStore } from '../../store/inspector';
import { CopyBar, type Direction } from './CopyBar';
import { HexView } from './HexView';
import { NodeDetails } from './NodeDetails';
import { decryptedPaths } from './tree-index';
import { TreeView } from './TreeView';

interface Props {
  root: Node;
  bytes: Uint8Array;
  errors: Issue[];
  direction: Direction;
  header?: string;
  /** What this token is, shown above the panes. */
  title?: string;
}

/** The linked structure tree and hex pane for one token. */
export function Inspector({ root, bytes, errors, direction, header, title }: Props) {
  const reset = useInspectorStore((s) => s.reset);
  useEffect(() => {
    reset(root);
    // What the secrets decrypted is what the visitor gave them for: open the tree down to it.
    const reveal = decryptedPaths(root);
    if (reveal.length > 0)
      useInspectorStore.setState((s) => ({ expanded: new Set([...s.expanded, ...reveal]) }));
  }, [root, reset]);

  return (
    <section className="inspector" aria-label="Token inspector">
      <header className="inspector-header">
        {title && <h2 className="inspector-title">{title}</h2>}
        <span className="inspector-size">{bytes.length} bytes</span>
        <CopyBar bytes={bytes} root={root} direction={direction} header={header} />
      </header>
      <div className="inspector-panes">
        <div className="inspector-tree">
          <TreeView root={root} />
        </div>
        <div className="inspector-side">
          <HexView root={root} bytes={bytes} errors={errors} />
          <NodeDetails root={root} bytes={bytes} />
        </div>
      </div>
    </section>
  );
}
