/**
 * Readable text out of an uploaded file: markdown and text as they are; HTML through html-to-text
 * with scripts, styles, navigation and page chrome dropped and headings kept as markdown `#`
 * lines (so the markdown-aware splitter and the heading path still work); PDF through unpdf;
 * DOCX through mammoth (to HTML, then the HTML path).
 */
import { HttpStatus } from '@nestjs/common';
// The extractors are imported on first use (html-to-text, mammoth, unpdf: ~150 files between
// them): most processes never extract a file, and start-up and idle memory should not pay for it.
import type { FormatCallback, SelectorDefinition } from 'html-to-text';
import { KNOWLEDGE_FILE_TYPES, type KnowledgeFileType } from '@flowpress/shared';
import { ApiException } from '../http/index.js';

export interface Extracted {
  text: string;
  /** Found in the file (first `#` heading, `<title>`, PDF metadata), else null. */
  title: string | null;
  /** Markdown structure (headings) is present: split markdown-aware. */
  markdown: boolean;
}

const ACCEPTED = KNOWLEDGE_FILE_TYPES.map((t) => `.${t}`).join(', ');

const MIME_TYPES: Record<string, KnowledgeFileType> = {
  'text/markdown': 'md',
  'text/x-markdown': 'md',
  'text/plain': 'txt',
  'text/html': 'html',
  'application/xhtml+xml': 'html',
  'application/pdf': 'pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
};
const EXTENSIONS: Record<string, KnowledgeFileType> = {
  md: 'md',
  markdown: 'md',
  txt: 'txt',
  text: 'txt',
  html: 'html',
  htm: 'html',
  pdf: 'pdf',
  docx: 'docx',
};

/** The file's type by extension (then by MIME type); 415 naming what is accepted. */
export function fileTypeOf(fileName: string, mimeType: string | undefined): KnowledgeFileType {
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  const type =
    (ext ? EXTENSIONS[ext] : undefined) ?? MIME_TYPES[(mimeType ?? '').split(';')[0]!.trim()];
  if (!type) {
    throw new ApiException(
      HttpStatus.UNSUPPORTED_MEDIA_TYPE,
      `"${fileName}" is not a supported file type: upload ${ACCEPTED}`,
    );
  }
  return type;
}

export async function extract(type: KnowledgeFileType, data: Buffer): Promise<Extracted> {
  switch (type) {
    case 'md': {
      const text = data.toString('utf8');
      return { text, title: firstHeading(text), markdown: true };
    }
    case 'txt':
      return { text: data.toString('utf8'), title: null, markdown: false };
    case 'html':
      return await htmlToText(data.toString('utf8'));
    case 'pdf':
      return pdfToText(data);
    case 'docx':
      return docxToText(data);
  }
}

function firstHeading(markdown: string): string | null {
  const match = /^#{1,6}[ \t]+(.+?)[ \t#]*$/m.exec(markdown);
  return match?.[1]?.trim() || null;
}

const SKIP = [
  'script',
  'style',
  'noscript',
  'nav',
  'header',
  'footer',
  'aside',
  'form',
  'svg',
  'iframe',
  'button',
  'template',
];

/** `<h2>Care</h2>` → `## Care`, a block of its own. */
const markdownHeading =
  (level: number): FormatCallback =>
  (elem, walk, builder) => {
    builder.openBlock({ leadingLineBreaks: 2 });
    builder.addInline(`${'#'.repeat(level)} `);
    walk(elem.children, builder);
    builder.closeBlock({ trailingLineBreaks: 2 });
  };

const HTML_SELECTORS: SelectorDefinition[] = [
  ...SKIP.map((selector) => ({ selector, format: 'skip' })),
  ...[1, 2, 3, 4, 5, 6].map((level) => ({ selector: `h${level}`, format: `h${level}` })),
  { selector: 'a', options: { ignoreHref: true } },
  { selector: 'img', format: 'skip' },
  { selector: '[role=navigation]', format: 'skip' },
  { selector: '[aria-hidden=true]', format: 'skip' },
];

export async function htmlToText(html: string): Promise<Extracted> {
  const { convert } = await import('html-to-text');
  const text = convert(html, {
    wordwrap: false,
    selectors: HTML_SELECTORS,
    formatters: Object.fromEntries([1, 2, 3, 4, 5, 6].map((l) => [`h${l}`, markdownHeading(l)])),
  })
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  const titleTag = /<title[^>]*>([^<]*)<\/title>/i.exec(html)?.[1]?.trim();
  // convert() of the bare title decodes its entities.
  const title = titleTag ? convert(titleTag, { wordwrap: false }) : firstHeading(text);
  return { text, title, markdown: true };
}

async function pdfToText(data: Buffer): Promise<Extracted> {
  try {
    const { extractText, getDocumentProxy } = await import('unpdf');
    const pdf = await getDocumentProxy(new Uint8Array(data));
    const { text } = await extractText(pdf, { mergePages: false });
    const meta = (await pdf.getMetadata().catch(() => null)) as {
      info?: { Title?: unknown };
    } | null;
    const title =
      typeof meta?.info?.Title === 'string' && meta.info.Title.trim()
        ? meta.info.Title.trim()
        : null;
    return { text: text.join('\n\n').trim(), title, markdown: false };
  } catch (err) {
    throw unreadable('PDF', err);
  }
}

async function docxToText(data: Buffer): Promise<Extracted> {
  try {
    const { default: mammoth } = await import('mammoth');
    const { value } = await mammoth.convertToHtml({ buffer: data });
    const extracted = await htmlToText(value);
    return { ...extracted, title: firstHeading(extracted.text) };
  } catch (err) {
    throw unreadable('Word document', err);
  }
}

function unreadable(kind: string, err: unknown): ApiException {
  const detail = err instanceof Error ? err.message : String(err);
  return new ApiException(
    HttpStatus.UNPROCESSABLE_ENTITY,
    `The ${kind} could not be read (${detail}); is the file complete and not password-protected?`,
  );
}
