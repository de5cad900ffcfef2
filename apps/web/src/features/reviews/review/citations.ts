/**
 * Turns citation marks like `[2]` in a draft into links to its numbered sources (footnotes), for
 * numbers that have a source. Markdown links (`[2](…)`), references (`[2]:`) and code are left as
 * they are. The result is still markdown; it goes through the sanitizer like everything else.
 */
export function linkCitations(markdown: string, sourceCount: number, idPrefix: string): string {
  if (sourceCount <= 0) return markdown;
  const segments = markdown.split(/(```[\s\S]*?```|`[^`\n]*`)/g);
  return segments
    .map((segment, i) => {
      if (i % 2 === 1) return segment; // code
      return segment.replace(/\[(\d{1,3})\](?![(:[])/g, (match, n: string) => {
        const index = Number(n);
        if (index < 1 || index > sourceCount) return match;
        return `<sup class="fp-cite"><a href="#${idPrefix}${index}" data-cite="${index}">${index}</a></sup>`;
      });
    })
    .join('');
}
