import type { ReviewView } from '@flowpress/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { queryKeys } from './keys';
import { readReview, type ReviewAction } from './reviewTypes';

export interface DecisionInput {
  id: string;
  action: ReviewAction;
  comment?: string;
  edits?: { text: string };
}

/** `POST /api/reviews/:id/decision`; 409 (already decided, or no revisions left) keeps the server's message. */
export function useDecideReview() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, ...body }: DecisionInput) =>
      readReview(await api<ReviewView>(`/api/reviews/${id}/decision`, { method: 'POST', body })),
    onSuccess: (review) => {
      queryClient.setQueryData(queryKeys.review(review.id), review);
      void queryClient.invalidateQueries({ queryKey: queryKeys.allReviews });
    },
    // Someone else may have decided first: show what is true now.
    onError: (_error, input) =>
      void queryClient.invalidateQueries({ queryKey: queryKeys.review(input.id) }),
  });
}
