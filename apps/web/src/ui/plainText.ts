/** Markdown read as plain text for a small preview. */
export function plainText(text: string): string {
  return text
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^#{1,6}\s+/gm, '')
    .replace(/(\*\*|\*|`)/g, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
