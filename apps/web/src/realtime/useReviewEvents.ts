import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { queryKeys } from '../api/keys';
import { subscribeToReviews } from './subscribeToReviews';

/**
 * Keeps every review query live: a `review.created` or `review.decided` event (or a rejoin after
 * a reconnect) refetches the queue, the navigation's pending count and the review it concerns.
 * Mounted once by the shell for people who may review.
 */
export function useReviewEvents(enabled: boolean): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!enabled) return;
    let joinedOnce = false;
    return subscribeToReviews({
      // The run a review belongs to updates through its own run events (useRunStream).
      onEvent: () => void queryClient.invalidateQueries({ queryKey: queryKeys.allReviews }),
      onJoined: (ok) => {
        // A rejoin after a drop: events may have been missed.
        if (ok && joinedOnce)
          void queryClient.invalidateQueries({ queryKey: queryKeys.allReviews });
        if (ok) joinedOnce = true;
      },
    });
  }, [enabled, queryClient]);
}
