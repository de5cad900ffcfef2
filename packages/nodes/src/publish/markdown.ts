/**
 * Markdown → HTML for publishing: `marked` (GFM) then `sanitize-html`, so model output can never
 * carry scripts, event handlers or `javascript:` links into a CMS.
 */
import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

const marked = new Marked({ gfm: true, breaks: false });

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    ...sanitizeHtml.defaults.allowedTags,
    'img',
    'del',
    'ins',
    'h1',
    'h2',
    'figure',
    'figcaption',
  ],
  allowedAttributes: {
    a: ['href', 'name', 'title', 'rel'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    code: ['class'],
    th: ['align', 'colspan', 'rowspan'],
    td: ['align', 'colspan', 'rowspan'],
    ol: ['start'],
    // A Sources list numbers its items like the citations they answer (`<li value="3">`).
    li: ['value'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowProtocolRelative: false,
  allowedClasses: { code: [/^language-[\w-]+$/] },
};

/** Cleans HTML down to the tags and attributes an article needs. */
export function sanitize(html: string): string {
  return sanitizeHtml(html, SANITIZE);
}

/** Renders GitHub-flavoured markdown and sanitizes the result. */
export function renderMarkdown(markdown: string): string {
  return sanitize(marked.parse(markdown, { async: false }));
}

/** Escapes text for an HTML attribute or text node. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
