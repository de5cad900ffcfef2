import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import {
  SOCKET_EVENTS,
  type KnowledgeDocumentEvent,
  type KnowledgeDocumentView,
} from '@flowpress/shared';
import { queryKeys } from '../../api/keys';
import { getSocket } from '../../realtime/socket';

/**
 * Keeps a knowledge base's document list live: each `knowledge.document` event (status and
 * embedding progress) is written into the cached list; a document the list does not know yet,
 * or one deleted, refetches it.
 */
export function useKnowledgeEvents(knowledgeBaseId: string): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    const socket = getSocket();
    const key = queryKeys.knowledgeDocuments(knowledgeBaseId);
    const onEvent = (event: KnowledgeDocumentEvent) => {
      if (event.knowledgeBaseId !== knowledgeBaseId) return;
      const list = queryClient.getQueryData<KnowledgeDocumentView[]>(key);
      const known = list?.some((d) => d.id === event.documentId);
      if (event.status === 'deleted' || !known) {
        void queryClient.invalidateQueries({ queryKey: queryKeys.knowledgeBase(knowledgeBaseId) });
        return;
      }
      queryClient.setQueryData<KnowledgeDocumentView[]>(key, (docs) =>
        docs?.map((d) =>
          d.id === event.documentId && event.status !== 'deleted'
            ? {
                ...d,
                status: event.status,
                progress: event.progress,
                error: event.error,
                chunkCount: event.chunkCount,
              }
            : d,
        ),
      );
      if (event.status !== 'embedding')
        void queryClient.invalidateQueries({
          queryKey: queryKeys.knowledgeChunks(knowledgeBaseId, event.documentId),
        });
    };
    // A reconnect may have missed events: refetch what they would have changed.
    const onConnect = () => void queryClient.invalidateQueries({ queryKey: key });
    socket.on(SOCKET_EVENTS.knowledgeDocument, onEvent);
    socket.on('connect', onConnect);
    return () => {
      socket.off(SOCKET_EVENTS.knowledgeDocument, onEvent);
      socket.off('connect', onConnect);
    };
  }, [knowledgeBaseId, queryClient]);
}
