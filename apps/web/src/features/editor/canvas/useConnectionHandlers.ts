import type { Connection, IsValidConnection, OnConnectEnd } from '@xyflow/react';
import { useCallback } from 'react';
import { connect, connectionProblem } from '../state/graphActions';
import type { CanvasEdge } from '../state/types';
import { notifyRefused } from './notifyRefused';

/**
 * Checks every connection while the user drags (`portsCompatible` through `connectionProblem`) and,
 * when a drop onto a port is refused, says why.
 */
export function useConnectionHandlers() {
  const isValidConnection = useCallback<IsValidConnection<CanvasEdge>>(
    (c) => connectionProblem(c) === null,
    [],
  );

  const onConnect = useCallback((c: Connection) => connect(c), []);

  const onConnectEnd = useCallback<OnConnectEnd>((_event, state) => {
    if (state.isValid !== false || !state.toHandle || !state.fromHandle) return;
    const from = state.fromHandle;
    const to = state.toHandle;
    if (from.nodeId === to.nodeId && from.id === to.id) return;
    if (from.type === to.type) {
      notifyRefused(
        from.type === 'source'
          ? 'Both ends are outputs. Drag from an output (right side) to an input (left side).'
          : 'Both ends are inputs. Drag from an output (right side) to an input (left side).',
      );
      return;
    }
    const connection =
      from.type === 'source'
        ? {
            source: from.nodeId,
            sourceHandle: from.id ?? null,
            target: to.nodeId,
            targetHandle: to.id ?? null,
          }
        : {
            source: to.nodeId,
            sourceHandle: to.id ?? null,
            target: from.nodeId,
            targetHandle: from.id ?? null,
          };
    const reason = connectionProblem(connection);
    if (reason) notifyRefused(reason);
  }, []);

  return { isValidConnection, onConnect, onConnectEnd };
}
