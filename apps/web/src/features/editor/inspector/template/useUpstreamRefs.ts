import { ancestorsOf, resolvePorts, type PortType } from '@flowpress/shared';
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useEditorStore } from '../../state/editorStore';
import { isStep } from '../../state/types';

export interface RefOption {
  /** What goes between the braces: `brief.topic`. */
  ref: string;
  nodeId: string;
  port: string | null;
  nodeLabel: string;
  portLabel: string;
  type: PortType | null;
}

export interface UpstreamRefs {
  options: RefOption[];
  /** Upstream node ids: the only ones a template may reference. */
  upstream: ReadonlySet<string>;
  /** Output ports by upstream node. */
  portsByNode: ReadonlyMap<string, ReadonlySet<string>>;
  /** Whether a node's default output is JSON (then `{{node.key}}` may read a key inside it). */
  jsonDefault: ReadonlySet<string>;
  /** Every node id on the canvas. */
  allIds: ReadonlySet<string>;
}

/** What a step's templates may reference: the outputs of the steps upstream of it (shared `ancestorsOf` + `resolvePorts`). */
export function useUpstreamRefs(nodeId: string): UpstreamRefs {
  const edges = useEditorStore(useShallow((s) => s.edges.map((e) => `${e.source}>${e.target}`)));
  const nodes = useEditorStore((s) => s.nodes);
  const catalog = useEditorStore((s) => s.catalog);

  return useMemo(() => {
    const edgeList = edges.map((e) => {
      const [source = '', target = ''] = e.split('>');
      return { source, target };
    });
    const upstream = ancestorsOf(nodeId, edgeList);
    const options: RefOption[] = [];
    const portsByNode = new Map<string, Set<string>>();
    const jsonDefault = new Set<string>();
    const allIds = new Set<string>();
    for (const n of nodes) {
      if (!isStep(n)) continue;
      allIds.add(n.id);
      if (!upstream.has(n.id)) continue;
      const info = catalog.get(n.data.kind);
      if (!info) continue;
      const ports = resolvePorts(info, n.data.config);
      const nodeLabel = n.data.label || info.label;
      portsByNode.set(n.id, new Set(ports.outputs.map((p) => p.name)));
      const first = ports.outputs[0];
      if (first && (first.type === 'json' || first.type === 'any')) jsonDefault.add(n.id);
      for (const p of ports.outputs) {
        options.push({
          ref: `${n.id}.${p.name}`,
          nodeId: n.id,
          port: p.name,
          nodeLabel,
          portLabel: p.label ?? p.name,
          type: p.type,
        });
      }
    }
    return { options, upstream, portsByNode, jsonDefault, allIds };
  }, [edges, nodes, catalog, nodeId]);
}
