import type { Node } from '../../codec';
import { TreeView } from './TreeView';
import { HexView } from './HexView';
import { NodeDetails } from './NodeDetails';

/** The linked structure tree and hex pane for one token. */
export function Inspector({ root, bytes }: { root: Node; bytes: Uint8Array }) {
  return (
    <section className="inspector" aria-label="Token inspector">
      <div className="inspector-tree">
        <TreeView root={root} />
      </div>
      <div className="inspector-side">
        <HexView root={root} bytes={bytes} />
        <NodeDetails />
      </div>
    </section>
  );
}
