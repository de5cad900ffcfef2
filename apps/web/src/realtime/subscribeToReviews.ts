import { SOCKET_EVENTS, type ReviewEvent } from '@flowpress/shared';
import { getSocket } from './socket';

/**
 * Joins the reviews room (`reviews:subscribe`, reviewers and above) and re-joins after every
 * reconnect; `onReconnect` lets the caller refetch what it may have missed while away.
 * Returns the unsubscribe.
 */
export function subscribeToReviews(handlers: {
  onEvent(event: ReviewEvent): void;
  onJoined?(ok: boolean): void;
}): () => void {
  const socket = getSocket();
  let active = true;
  const onEvent = (event: ReviewEvent) => {
    if (active) handlers.onEvent(event);
  };
  const join = async () => {
    try {
      const ack = (await socket.timeout(8000).emitWithAck(SOCKET_EVENTS.reviewsSubscribe, {})) as {
        ok?: boolean;
      };
      if (active) handlers.onJoined?.(ack.ok === true);
    } catch {
      if (active) handlers.onJoined?.(false);
    }
  };
  socket.on(SOCKET_EVENTS.reviewCreated, onEvent);
  socket.on(SOCKET_EVENTS.reviewDecided, onEvent);
  socket.on('connect', join);
  if (socket.connected) void join();
  return () => {
    active = false;
    socket.off(SOCKET_EVENTS.reviewCreated, onEvent);
    socket.off(SOCKET_EVENTS.reviewDecided, onEvent);
    socket.off('connect', join);
  };
}
