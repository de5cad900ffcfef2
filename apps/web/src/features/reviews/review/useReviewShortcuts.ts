import { useHotkeys } from '@mantine/hooks';

export interface ReviewShortcuts {
  approve(): void;
  requestChanges(): void;
  edit(): void;
}

/**
 * `a` approve, `r` request changes, `e` edit, on the open draft. Keys typed into a text box are
 * text (Esc leaves the box); keys with a modifier are left to the browser.
 */
export function useReviewShortcuts(actions: ReviewShortcuts, deciding: boolean) {
  useHotkeys([
    ['a', () => deciding && actions.approve()],
    ['r', () => deciding && actions.requestChanges()],
    ['e', () => deciding && actions.edit()],
  ]);
}

/**
 * `j` / `k`: next and previous review in the queue. They belong to the page, not to the draft's
 * screen: the screen mounts only once its review has loaded (and again for every review `j` opens),
 * so keys pressed while a review loads were lost. The queue the page already has is all they need.
 */
export function useQueueShortcuts(go: { next(): void; previous(): void }, enabled: boolean) {
  useHotkeys([
    ['j', () => enabled && go.next()],
    ['k', () => enabled && go.previous()],
  ]);
}
