import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { ApiError, KnowledgeDocumentView } from '@flowpress/shared';
import { ApiRequestError, authHeaders } from './client';
import { queryKeys } from './keys';

export interface UploadProgress {
  /** 0–1 of the bytes sent. */
  sent: number;
}

/**
 * Uploads one file as multipart. XMLHttpRequest rather than fetch: only it reports upload
 * progress. Resolves with the stored document, rejects with the server's message.
 */
export function useUploadKnowledgeFile(knowledgeBaseId: string) {
  const queryClient = useQueryClient();
  return useCallback(
    (file: File, onProgress: (p: UploadProgress) => void): Promise<KnowledgeDocumentView> =>
      new Promise((resolve, reject) => {
        const xhr = new XMLHttpRequest();
        xhr.open('POST', `/api/knowledge-bases/${knowledgeBaseId}/documents`);
        for (const [k, v] of Object.entries(authHeaders())) xhr.setRequestHeader(k, v);
        xhr.responseType = 'json';
        xhr.upload.onprogress = (e) => {
          if (e.lengthComputable) onProgress({ sent: e.loaded / e.total });
        };
        xhr.onerror = () =>
          reject(new ApiRequestError({ statusCode: 0, message: 'Cannot reach the server.' }));
        xhr.onload = () => {
          const body = xhr.response as (KnowledgeDocumentView & Partial<ApiError>) | null;
          if (xhr.status >= 200 && xhr.status < 300 && body) {
            void queryClient.invalidateQueries({ queryKey: queryKeys.knowledgeBases });
            resolve(body);
            return;
          }
          reject(
            new ApiRequestError({
              statusCode: xhr.status,
              message:
                typeof body?.message === 'string'
                  ? body.message
                  : xhr.status === 413
                    ? 'The file is larger than the upload limit.'
                    : `Upload failed (${xhr.status}).`,
            }),
          );
        };
        const form = new FormData();
        form.append('file', file, file.name);
        xhr.send(form);
      }),
    [knowledgeBaseId, queryClient],
  );
}
