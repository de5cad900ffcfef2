import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { queryKeys } from './keys';
import type { LibraryItem } from './useLibrary';

/** Takes a piece off the public library and its feeds, or puts it back (editors and above). */
export function useSetLibraryStatus() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, publish }: { id: string; publish: boolean }) =>
      api<LibraryItem>(`/api/library/${id}/${publish ? 'publish' : 'unpublish'}`, {
        method: 'POST',
      }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.library }),
  });
}
