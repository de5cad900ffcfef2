/**
 * Markdown → HTML for publishing: `marked` (GFM) then `sanitize-html`, so model output can never
 * carry scripts, event handlers or `javascript:` links into a CMS.
 */
import { createRequire } from 'node:module';
import { Marked } from 'marked';
import type SanitizeHtml from 'sanitize-html';

const marked = new Marked({ gfm: true, breaks: false });

let sanitizer: typeof SanitizeHtml | undefined;
/**
 * sanitize-html, loaded on the first HTML cleaned: with postcss and htmlparser2 it costs ≈ 100 ms
 * and several MiB at start, and most processes publish nothing for a long time. It is CommonJS,
 * so a synchronous require keeps `renderMarkdown` synchronous for its callers.
 */
export function sanitizeHtmlLib(): typeof SanitizeHtml {
  sanitizer ??= createRequire(import.meta.url)('sanitize-html') as typeof SanitizeHtml;
  return sanitizer;
}

let options: SanitizeHtml.IOptions | undefined;
const sanitizeOptions = (): SanitizeHtml.IOptions =>
  (options ??= {
    allowedTags: [
      ...sanitizeHtmlLib().defaults.allowedTags,
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
  });

/** Cleans HTML down to the tags and attributes an article needs. */
export function sanitize(html: string): string {
  return sanitizeHtmlLib()(html, sanitizeOptions());
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
