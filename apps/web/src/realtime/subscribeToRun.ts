import { SOCKET_EVENTS, type RunEvent, type RunSubscribeAck } from '@flowpress/shared';
import { getSocket } from './socket';

export interface RunSubscriptionHandlers {
  onEvent(event: RunEvent): void;
  onAck(ack: RunSubscribeAck): void;
}

/**
 * Joins a run's room (`run:subscribe` with ack) and re-joins after every reconnect, so the caller
 * learns the run's `lastSeq` each time and can refetch what it missed. Returns the unsubscribe.
 */
export function subscribeToRun(runId: string, handlers: RunSubscriptionHandlers): () => void {
  const socket = getSocket();
  let active = true;

  const onEvent = (event: RunEvent) => {
    if (active && event.runId === runId) handlers.onEvent(event);
  };
  const join = async () => {
    try {
      const ack = (await socket
        .timeout(8000)
        .emitWithAck(SOCKET_EVENTS.runSubscribe, { runId })) as RunSubscribeAck;
      if (active) handlers.onAck(ack);
    } catch {
      if (active)
        handlers.onAck({ ok: false, error: 'No answer from the server to the subscription.' });
    }
  };

  socket.on(SOCKET_EVENTS.runEvent, onEvent);
  socket.on('connect', join);
  if (socket.connected) void join();

  return () => {
    active = false;
    socket.off(SOCKET_EVENTS.runEvent, onEvent);
    socket.off('connect', join);
    if (socket.connected) socket.emit(SOCKET_EVENTS.runUnsubscribe, { runId });
  };
}
