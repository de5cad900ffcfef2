import type { NodeTypes } from '@xyflow/react';
import { NoteNode } from './NoteNode';
import { StepNode } from './StepNode';

/** Declared once at module scope, as React Flow expects. */
export const nodeTypes: NodeTypes = { step: StepNode, note: NoteNode };
