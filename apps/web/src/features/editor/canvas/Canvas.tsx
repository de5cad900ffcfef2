import { useComputedColorScheme } from '@mantine/core';
import {
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  ReactFlow,
  type Node,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useReactFlow } from '@xyflow/react';
import { CATEGORY_META, portColor } from '../../../ui/nodeMeta';
import { portsOf } from '../state/graphActions';
import {
  commit,
  onEdgesChange,
  onNodesChange,
  setInspectorTab,
  useEditorStore,
} from '../state/editorStore';
import type { CanvasEdge, CanvasNode } from '../state/types';
import { nodeTypes } from '../nodes/nodeTypes';
import { CanvasToolbar } from './CanvasToolbar';
import { EmptyCanvasHint } from './EmptyCanvasHint';
import { useConnectionHandlers } from './useConnectionHandlers';
import { useDropStep } from './useDropStep';

const MANTINE_HEX: Record<string, string> = {
  indigo: '#4c6ef5',
  violet: '#7950f2',
  teal: '#12b886',
  orange: '#fd7e14',
  pink: '#e64980',
  gray: '#868e96',
};

const defaultEdgeOptions = { style: { strokeWidth: 2 } };
const proOptions = { hideAttribution: false };

export function Canvas() {
  const nodes = useEditorStore((s) => s.nodes);
  const edges = useEditorStore((s) => s.edges);
  const catalog = useEditorStore((s) => s.catalog);
  const scheme = useComputedColorScheme('light');
  const { isValidConnection, onConnect, onConnectEnd } = useConnectionHandlers();
  const { onDragOver, onDrop } = useDropStep();
  const panelOpen = useEditorStore((s) => s.runPanelOpen);
  const flow = useReactFlow();

  // The run panel takes room from the canvas: keep the whole flow in view when it slides.
  const panelSeen = useRef(panelOpen);
  useEffect(() => {
    if (panelSeen.current === panelOpen) return;
    panelSeen.current = panelOpen;
    const timer = setTimeout(
      () => void flow.fitView({ padding: 0.15, maxZoom: 1, duration: 250 }),
      260,
    );
    return () => clearTimeout(timer);
  }, [panelOpen, flow]);

  // Edges take the colour of the value they carry.
  const styledEdges = useMemo(() => {
    const byId = new Map(nodes.map((n) => [n.id, n]));
    return edges.map((e) => {
      const out = portsOf(byId.get(e.source), catalog)?.outputs.find(
        (p) => p.name === e.sourceHandle,
      );
      const stroke = out ? portColor(out.type) : undefined;
      return stroke ? { ...e, style: { strokeWidth: e.selected ? 3 : 2, stroke } } : e;
    });
  }, [edges, nodes, catalog]);

  const minimapColor = useCallback(
    (node: Node) => {
      const kind = (node.data as { kind?: string }).kind;
      const info = kind ? catalog.get(kind) : undefined;
      if (node.type === 'note') return '#f5e27a';
      return info ? (MANTINE_HEX[CATEGORY_META[info.category].color] ?? '#868e96') : '#fa5252';
    },
    [catalog],
  );

  const onNodeClick = useCallback(() => {
    if (useEditorStore.getState().activeRunId) setInspectorTab('output');
  }, []);

  return (
    <ReactFlow<CanvasNode, CanvasEdge>
      nodes={nodes}
      edges={styledEdges}
      nodeTypes={nodeTypes}
      onNodesChange={onNodesChange}
      onEdgesChange={onEdgesChange}
      onConnect={onConnect}
      onConnectEnd={onConnectEnd}
      isValidConnection={isValidConnection}
      onNodeDragStart={() => commit()}
      onSelectionDragStart={() => commit()}
      onNodeClick={onNodeClick}
      onDrop={onDrop}
      onDragOver={onDragOver}
      deleteKeyCode={null}
      multiSelectionKeyCode={['Meta', 'Control', 'Shift']}
      selectionKeyCode="Shift"
      defaultEdgeOptions={defaultEdgeOptions}
      colorMode={scheme}
      fitView
      fitViewOptions={{ padding: 0.2, maxZoom: 1 }}
      minZoom={0.2}
      maxZoom={2}
      snapToGrid
      snapGrid={[10, 10]}
      proOptions={proOptions}
      attributionPosition="bottom-left"
      style={{ background: 'var(--fp-canvas-bg)' }}
    >
      <Background
        variant={BackgroundVariant.Dots}
        gap={20}
        size={1.6}
        color="var(--fp-canvas-dot)"
      />
      <Controls showInteractive={false} position="bottom-left" style={{ marginBottom: 28 }} />
      <MiniMap
        pannable
        zoomable
        nodeColor={minimapColor}
        nodeBorderRadius={6}
        position="bottom-right"
        ariaLabel="Overview of the canvas"
        style={{ width: 168, height: 110 }}
      />
      <CanvasToolbar />
      <EmptyCanvasHint />
    </ReactFlow>
  );
}
