import { notifications } from '@mantine/notifications';
import { ROLE_RANK } from '@flowpress/shared';
import { useMemo, useState } from 'react';
import { useLibrary, type LibraryItem } from '../../api/useLibrary';
import { useMe } from '../../api/useMe';
import { useSetLibraryStatus } from '../../api/useSetLibraryStatus';

export type LibraryView = 'all' | 'published' | 'unpublished';

/** The library page's state: the query, the view filter, who may edit, and publish/unpublish. */
export function useLibraryPage() {
  const library = useLibrary();
  const me = useMe();
  const setStatus = useSetLibraryStatus();
  const [view, setView] = useState<LibraryView>('all');
  const items = useMemo(() => library.data ?? [], [library.data]);
  const shown = useMemo(
    () => items.filter((i) => view === 'all' || i.status === view),
    [items, view],
  );
  const mayEdit = me.data ? ROLE_RANK[me.data.role] >= ROLE_RANK.editor : false;

  const toggle = (item: LibraryItem) => {
    const publish = item.status !== 'published';
    setStatus.mutate(
      { id: item.id, publish },
      {
        onSuccess: () =>
          notifications.show({
            color: publish ? 'green' : 'gray',
            title: publish ? 'Published again' : 'Unpublished',
            message: publish
              ? `“${item.title}” is back on the public page and in the feeds.`
              : `“${item.title}” is off the public library and the feeds. Its address stays reserved.`,
          }),
        onError: (e) =>
          notifications.show({ color: 'red', title: 'Could not change it', message: e.message }),
      },
    );
  };

  return {
    library,
    items,
    shown,
    view,
    setView,
    mayEdit,
    toggle,
    togglingId: setStatus.isPending ? (setStatus.variables?.id ?? null) : null,
  };
}
