import { Typography } from '@mantine/core';
import DOMPurify from 'dompurify';
import { marked } from 'marked';
import { useMemo } from 'react';

/** Model output as markdown, sanitized before it touches the DOM. */
export function Markdown({ source, compact = false }: { source: string; compact?: boolean }) {
  const html = useMemo(() => {
    const raw = marked.parse(source, { async: false, gfm: true, breaks: true });
    return DOMPurify.sanitize(raw, { USE_PROFILES: { html: true } });
  }, [source]);
  return (
    <Typography
      fz={compact ? 'sm' : 'md'}
      className="fp-markdown"
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
