import { Fragment } from 'react';

/**
 * Renders a search snippet whose matches the server wrapped in `<mark>…</mark>` as React text
 * and <mark> elements: nothing in the passage is ever interpreted as HTML.
 */
export function Highlight({ text }: { text: string }) {
  const parts = text.split(/(<mark>.*?<\/mark>)/g);
  return (
    <>
      {parts.map((part, i) =>
        part.startsWith('<mark>') && part.endsWith('</mark>') ? (
          <mark key={i}>{part.slice(6, -7)}</mark>
        ) : (
          <Fragment key={i}>{part}</Fragment>
        ),
      )}
    </>
  );
}
