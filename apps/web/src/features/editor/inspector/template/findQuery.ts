/** When the caret sits just after `{{partial`, the partial reference being typed. */
export function findQuery(text: string, caret: number): { start: number; text: string } | null {
  const before = text.slice(0, caret);
  const open = before.lastIndexOf('{{');
  if (open < 0) return null;
  const between = before.slice(open + 2);
  if (between.includes('}}') || !/^\s*[A-Za-z0-9_.-]*$/.test(between)) return null;
  return { start: open, text: between.trim() };
}

/** Replaces `{{partial` (and a `}}` right after the caret) with a whole reference. */
export function insertRef(
  text: string,
  caret: number,
  start: number,
  ref: string,
): { text: string; caret: number } {
  let after = text.slice(caret);
  const tail = after.match(/^[A-Za-z0-9_.-]*\s*\}\}/);
  if (tail) after = after.slice(tail[0].length);
  const inserted = `{{${ref}}}`;
  return { text: text.slice(0, start) + inserted + after, caret: start + inserted.length };
}
