import { useCallback, useEffect, useState, type FocusEvent, type MouseEvent } from 'react';
import { sourceCardId } from './citations';

/** The citation a pointer or the keyboard is on, and where that came from. */
interface Active {
  n: number;
  from: 'marker' | 'card';
}

const citeOf = (target: EventTarget | null): number | null => {
  const marker = target instanceof Element ? target.closest('a[data-cite]') : null;
  const n = Number(marker?.getAttribute('data-cite'));
  return Number.isInteger(n) && n > 0 ? n : null;
};

/**
 * Links the draft's `[n]` markers and the source cards both ways: hovering or focusing a marker
 * highlights its passage and scrolls it into view; hovering or focusing a card highlights every
 * marker citing it. Hover wins over focus, so the keyboard's place is back once the pointer
 * leaves. Markers are rendered from sanitized HTML, so the draft is handled by delegation and its
 * markers are marked through the DOM rather than by React.
 */
export function useCitationHighlight() {
  const [hovered, setHovered] = useState<Active | null>(null);
  const [focused, setFocused] = useState<Active | null>(null);
  const active = hovered ?? focused;
  // A callback ref kept in state: the effects below re-run when the rendered draft mounts.
  const [draft, attachDraft] = useState<HTMLDivElement | null>(null);

  // The markers citing the active passage carry `data-active` (styled in Sources.module.css).
  useEffect(() => {
    const root = draft;
    if (!root) return;
    root
      .querySelectorAll('a[data-cite][data-active]')
      .forEach((a) => a.removeAttribute('data-active'));
    if (!active) return;
    root
      .querySelectorAll(`a[data-cite="${active.n}"]`)
      .forEach((a) => a.setAttribute('data-active', ''));
  });

  // From a marker, bring its card into view (only as far as needed: the panel may already show it).
  const activeFromMarker = active?.from === 'marker' ? active.n : null;
  useEffect(() => {
    if (activeFromMarker === null) return;
    document
      .getElementById(sourceCardId(activeFromMarker))
      ?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [activeFromMarker]);

  const draftHandlers = {
    onMouseOver: (e: MouseEvent<HTMLElement>) => {
      const n = citeOf(e.target);
      setHovered(n === null ? null : { n, from: 'marker' });
    },
    onMouseLeave: () => setHovered(null),
    onFocus: (e: FocusEvent<HTMLElement>) => {
      const n = citeOf(e.target);
      if (n !== null) setFocused({ n, from: 'marker' });
    },
    onBlur: () => setFocused(null),
    /** Following a marker moves the keyboard to its card, without touching the address. */
    onClick: (e: MouseEvent<HTMLElement>) => {
      const n = citeOf(e.target);
      if (n === null) return;
      e.preventDefault();
      document.getElementById(sourceCardId(n))?.focus({ preventScroll: false });
    },
  };

  /** For a card, or for a citation chip under the editor (`from: 'marker'` scrolls to the card). */
  const handlersFor = useCallback(
    (n: number, from: Active['from'] = 'card') => ({
      onMouseEnter: () => setHovered({ n, from }),
      onMouseLeave: () => setHovered(null),
      onFocus: () => setFocused({ n, from }),
      onBlur: () => setFocused(null),
    }),
    [],
  );

  return { active: active?.n ?? null, attachDraft, draftHandlers, handlersFor };
}

export type CitationHighlight = ReturnType<typeof useCitationHighlight>;
