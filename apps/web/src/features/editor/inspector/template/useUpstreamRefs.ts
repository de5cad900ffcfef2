import { ancestorsOf, resolvePorts, type PortType } from '@flowpress/shared';
import { useMemo } from 'react';
import { useEditorStore } from '../../state/editorStore';
import { useLinks, useStepData } from '../../state/derived';

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
  const edges = useLinks();
  const steps = useStepData();
  const catalog = useEditorStore((s) => s.catalog);

  return useMemo(() => {
    const upstream = ancestorsOf(nodeId, edges);
    const options: RefOption[] = [];
    const portsByNode = new Map<string, Set<string>>();
    const jsonDefault = new Set<string>();
    const allIds = new Set<string>();
    for (const [id, data] of steps) {
      allIds.add(id);
      if (!upstream.has(id)) continue;
      const info = catalog.get(data.kind);
      if (!info) continue;
      const ports = resolvePorts(info, data.config);
      const nodeLabel = data.label || info.label;
      portsByNode.set(id, new Set(ports.outputs.map((p) => p.name)));
      const first = ports.outputs[0];
      if (first && (first.type === 'json' || first.type === 'any')) jsonDefault.add(id);
      for (const p of ports.outputs) {
        options.push({
          ref: `${id}.${p.name}`,
          nodeId: id,
          port: p.name,
          nodeLabel,
          portLabel: p.label ?? p.name,
          type: p.type,
        });
      }
    }
    return { options, upstream, portsByNode, jsonDefault, allIds };
  }, [edges, steps, catalog, nodeId]);
}
