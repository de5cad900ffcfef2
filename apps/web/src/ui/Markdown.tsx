import { Typography } from '@mantine/core';
import DOMPurify from 'dompurify';
import { marked } from 'marked';
import { useMemo } from 'react';

/**
 * Images the review screen may show: Flowpress' own assets and inline image data. A remote image
 * would tell its host who opened the draft and when (a tracking pixel in model output).
 */
const SAFE_IMAGE =
  /^(\/api\/assets\/[^\s"'<>]+|data:image\/(png|jpe?g|gif|webp);base64,[a-z0-9+/=\s]+)$/i;

// An instance of its own, so these hooks never change how anything else sanitizes.
const purify = DOMPurify(window);
purify.addHook('uponSanitizeElement', (node, data) => {
  if (data.tagName !== 'img' || !(node instanceof Element)) return;
  const src = node.getAttribute('src') ?? '';
  if (!SAFE_IMAGE.test(src.trim())) node.remove();
});

/** No forms or controls: a draft must not ask the reviewer for anything (phishing). */
const FORBID_TAGS = ['form', 'input', 'button', 'textarea', 'select', 'option', 'dialog'];

/** Model output as markdown, sanitized before it touches the DOM. */
export function Markdown({ source, compact = false }: { source: string; compact?: boolean }) {
  const html = useMemo(() => {
    const raw = marked.parse(source, { async: false, gfm: true, breaks: true });
    return purify.sanitize(raw, {
      USE_PROFILES: { html: true },
      FORBID_TAGS,
      FORBID_ATTR: ['srcset', 'formaction'],
    });
  }, [source]);
  return (
    <Typography
      fz={compact ? 'sm' : 'md'}
      className="fp-markdown"
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
