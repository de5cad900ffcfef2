import { useCallback, useRef, useState } from 'react';
import { useUploadKnowledgeFile } from '../../api/useUploadKnowledgeFile';

/** One dropped file on its way in: upload → extract and chunk on the server → stored (or failed). */
export interface Upload {
  key: string;
  name: string;
  size: number;
  stage: 'waiting' | 'uploading' | 'processing' | 'done' | 'failed';
  /** 0–1 of the bytes sent. */
  sent: number;
  error?: string;
  documentId?: string;
  chunkCount?: number;
}

/** Files upload two at a time, so a big drop neither floods the server nor waits in line alone. */
const PARALLEL = 2;

export function useUploads(knowledgeBaseId: string) {
  const uploadFile = useUploadKnowledgeFile(knowledgeBaseId);
  const [uploads, setUploads] = useState<Upload[]>([]);
  const queue = useRef<{ key: string; file: File }[]>([]);
  const running = useRef(0);
  const counter = useRef(0);

  const patch = useCallback((key: string, change: Partial<Upload>) => {
    setUploads((list) => list.map((u) => (u.key === key ? { ...u, ...change } : u)));
  }, []);

  // Starts queued uploads while fewer than PARALLEL run; each one that ends starts the next.
  const pump = useCallback(() => {
    const startNext = (): void => {
      while (running.current < PARALLEL && queue.current.length) {
        const next = queue.current.shift()!;
        running.current++;
        patch(next.key, { stage: 'uploading' });
        uploadFile(next.file, ({ sent }) =>
          patch(next.key, { sent, stage: sent >= 1 ? 'processing' : 'uploading' }),
        )
          .then((doc) =>
            patch(next.key, {
              stage: 'done',
              sent: 1,
              documentId: doc.id,
              chunkCount: doc.chunkCount,
            }),
          )
          .catch((err: unknown) =>
            patch(next.key, {
              stage: 'failed',
              error: err instanceof Error ? err.message : String(err),
            }),
          )
          .finally(() => {
            running.current--;
            startNext();
          });
      }
    };
    startNext();
  }, [patch, uploadFile]);

  const add = useCallback(
    (files: File[]) => {
      const added = files.map((file) => ({ key: `u${++counter.current}`, file }));
      setUploads((list) => [
        ...added.map(({ key, file }) => ({
          key,
          name: file.name,
          size: file.size,
          stage: 'waiting' as const,
          sent: 0,
        })),
        ...list,
      ]);
      queue.current.push(...added);
      pump();
    },
    [pump],
  );

  const clearFinished = useCallback(
    () => setUploads((list) => list.filter((u) => u.stage !== 'done')),
    [],
  );
  return { uploads, add, clearFinished };
}
