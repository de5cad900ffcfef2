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
import { useReactFlow, useStoreApi } from '@xyflow/react';
import { CATEGORY_META, portColor } from '../../../ui/nodeMeta';
import { resolvePorts } from '@flowpress/shared';
import {
  commit,
  onEdgesChange,
  onNodesChange,
  setInspectorTab,
  useEditorStore,
} from '../state/editorStore';
import type { CanvasEdge, CanvasNode } from '../state/types';
import { nodeTypes } from '../nodes/nodeTypes';
import { useStepData } from '../state/derived';
import { CanvasToolbar } from './CanvasToolbar';
import { DetailLevel } from './DetailLevel';
import { EmptyCanvasHint } from './EmptyCanvasHint';
import { useConnectionHandlers } from './useConnectionHandlers';
import { useDropStep } from './useDropStep';
import { usePanCapture } from './usePanCapture';

const MANTINE_HEX: Record<string, string> = {
  indigo: '#4c6ef5',
  violet: '#7950f2',
  teal: '#12b886',
  orange: '#fd7e14',
  pink: '#e64980',
  gray: '#868e96',
};

/** Styled edges by their source edge object: an edge whose colour did not change keeps its object. */
const STYLED = new WeakMap<CanvasEdge, { stroke: string; styled: CanvasEdge }>();

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
  usePanCapture();

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

  // Edges take the colour of the value they carry. Derived from the steps' data (not their
  // positions), and an edge keeps its styled object while its colour stays, so dragging a step
  // re-renders no edges but its own.
  const stepData = useStepData();
  const styledEdges = useMemo(() => {
    const cache = STYLED;
    return edges.map((e) => {
      const data = stepData.get(e.source);
      const info = data ? catalog.get(data.kind) : undefined;
      const out = info
        ? resolvePorts(info, data?.config ?? {}).outputs.find((p) => p.name === e.sourceHandle)
        : undefined;
      if (!out) return e;
      const stroke = portColor(out.type);
      const hit = cache.get(e);
      if (hit && hit.stroke === stroke) return hit.styled;
      const styled = { ...e, style: { strokeWidth: e.selected ? 3 : 2, stroke } };
      cache.set(e, { stroke, styled });
      return styled;
    });
  }, [edges, stepData, catalog]);

  // `data-moving` marks the canvas while the view moves (a hook for styles; none use it today).
  // Promoting the viewport to its own layer then (`will-change: transform`) was measured and is
  // slower in Chromium at 500 steps: re-layerising thousands of paint chunks every frame cost
  // more than the repaint it saves (issue #13, workload 6).
  const store = useStoreApi();
  const onMoveStart = useCallback(() => {
    store.getState().domNode?.setAttribute('data-moving', '');
  }, [store]);
  const onMoveEnd = useCallback(() => {
    store.getState().domNode?.removeAttribute('data-moving');
  }, [store]);

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
      onMoveStart={onMoveStart}
      onMoveEnd={onMoveEnd}
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
      <DetailLevel />
      <CanvasToolbar />
      <EmptyCanvasHint />
    </ReactFlow>
  );
}
