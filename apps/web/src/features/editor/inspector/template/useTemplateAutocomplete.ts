import { useMemo, useState, type KeyboardEvent, type RefObject } from 'react';
import { findQuery, insertRef } from './findQuery';
import type { RefOption } from './useUpstreamRefs';

const MAX_OPTIONS = 8;

/**
 * The `{{` autocomplete of a template field: what is being typed after `{{`, the matching upstream
 * outputs, the highlighted one, keyboard navigation, and inserting a pick at the caret.
 */
export function useTemplateAutocomplete(
  text: string,
  options: RefOption[],
  onChange: (text: string) => void,
  /** The field's textarea: where the caret is, and where focus goes back after a pick. */
  area: RefObject<HTMLTextAreaElement | null>,
) {
  const [query, setQuery] = useState<{ start: number; text: string } | null>(null);
  const [active, setActive] = useState(0);

  const filtered = useMemo(() => {
    if (!query) return [];
    const q = query.text.toLowerCase();
    return options
      .filter((o) => o.ref.toLowerCase().includes(q) || o.nodeLabel.toLowerCase().includes(q))
      .slice(0, MAX_OPTIONS);
  }, [query, options]);

  const refresh = () => {
    const el = area.current;
    if (!el) return;
    setQuery(findQuery(el.value, el.selectionStart ?? 0));
    setActive(0);
  };

  const pick = (option: RefOption) => {
    const el = area.current;
    const caret = el?.selectionStart ?? text.length;
    const start = query?.start ?? caret;
    const next = query
      ? insertRef(text, caret, start, option.ref)
      : {
          text: `${text.slice(0, caret)}{{${option.ref}}}${text.slice(caret)}`,
          caret: caret + option.ref.length + 4,
        };
    onChange(next.text);
    setQuery(null);
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(next.caret, next.caret);
    });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (!query || filtered.length === 0) return;
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((a) => (a + 1) % filtered.length);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => (a - 1 + filtered.length) % filtered.length);
    } else if (e.key === 'Enter' || e.key === 'Tab') {
      e.preventDefault();
      const option = filtered[active];
      if (option) pick(option);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      setQuery(null);
    }
  };

  /** After each edit: the query at the caret, from the field's current value. */
  const typed = (el: HTMLTextAreaElement) => {
    setQuery(findQuery(el.value, el.selectionStart ?? 0));
    setActive(0);
  };

  return {
    open: query !== null && filtered.length > 0,
    filtered,
    active,
    pick,
    refresh,
    typed,
    close: () => setQuery(null),
    onKeyDown,
  };
}
