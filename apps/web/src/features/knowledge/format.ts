import type { KnowledgeDocumentView } from '@flowpress/shared';

export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export const TYPE_LABEL: Record<KnowledgeDocumentView['type'], string> = {
  md: 'Markdown',
  txt: 'Text',
  html: 'HTML',
  pdf: 'PDF',
  docx: 'Word',
  text: 'Pasted text',
};

export const ACCEPT = '.md,.markdown,.txt,.html,.htm,.pdf,.docx';
