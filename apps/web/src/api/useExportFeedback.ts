import { useMutation } from '@tanstack/react-query';
import { ApiRequestError, apiFetch } from './client';

/**
 * Downloads the feedback dataset (`GET /api/reviews/export?format=jsonl`, editors and above): one
 * line per decision with the prompt, the draft, the final text, the action and the comment.
 */
export function useExportFeedback() {
  return useMutation({
    mutationFn: async ({ workflowId }: { workflowId?: string }) => {
      const params = new URLSearchParams({ format: 'jsonl' });
      if (workflowId) params.set('workflowId', workflowId);
      const response = await apiFetch(`/api/reviews/export?${params.toString()}`);
      if (!response.ok) {
        let message = `The export failed (${response.status}).`;
        try {
          const body = (await response.json()) as { message?: string };
          if (body.message) message = body.message;
        } catch {
          // Not JSON: keep the status message.
        }
        throw new ApiRequestError({ statusCode: response.status, message });
      }
      return response.text();
    },
  });
}
