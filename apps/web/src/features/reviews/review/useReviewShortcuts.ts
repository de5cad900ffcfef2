import { useHotkeys } from '@mantine/hooks';

export interface ReviewShortcuts {
  approve(): void;
  requestChanges(): void;
  edit(): void;
  next(): void;
  previous(): void;
}

/**
 * `a` approve, `r` request changes, `e` edit, `j` / `k` next and previous. Keys typed into a text
 * box are text (Esc leaves the box); keys with a modifier are left to the browser.
 */
export function useReviewShortcuts(
  actions: ReviewShortcuts,
  deciding: boolean,
  navigating: boolean,
) {
  useHotkeys([
    ['a', () => deciding && actions.approve()],
    ['r', () => deciding && actions.requestChanges()],
    ['e', () => deciding && actions.edit()],
    ['j', () => navigating && actions.next()],
    ['k', () => navigating && actions.previous()],
  ]);
}
