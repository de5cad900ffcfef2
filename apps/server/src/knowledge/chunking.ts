/**
 * Text → chunks with their position: LangChain's recursive splitter (its markdown separators for
 * markdown and HTML, so a chunk breaks at headings first), then each chunk located in the source
 * text (character offsets) with the path of headings above it.
 */
// Imported on first use: the splitter pulls in @langchain/core, which a process that never
// chunks a document need not load at start.

export interface ChunkDraft {
  chunkIndex: number;
  content: string;
  start: number;
  end: number;
  headings: string[];
}

interface Heading {
  offset: number;
  level: number;
  text: string;
}

function headingsOf(text: string): Heading[] {
  const out: Heading[] = [];
  const re = /^(#{1,6})[ \t]+(.+?)[ \t#]*$/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push({ offset: m.index, level: m[1]!.length, text: m[2]!.trim() });
  }
  return out;
}

/** The headings in force at a chunk's first line (a chunk that opens with a heading is under it). */
function pathAt(headings: readonly Heading[], firstLineEnd: number): string[] {
  const stack: Heading[] = [];
  for (const h of headings) {
    if (h.offset > firstLineEnd) break;
    while (stack.length && stack.at(-1)!.level >= h.level) stack.pop();
    stack.push(h);
  }
  return stack.map((h) => h.text);
}

export async function chunkText(
  text: string,
  options: { chunkSize: number; chunkOverlap: number; markdown: boolean },
): Promise<ChunkDraft[]> {
  const { RecursiveCharacterTextSplitter } = await import('@langchain/textsplitters');
  const params = { chunkSize: options.chunkSize, chunkOverlap: options.chunkOverlap };
  const splitter = options.markdown
    ? RecursiveCharacterTextSplitter.fromLanguage('markdown', params)
    : new RecursiveCharacterTextSplitter(params);
  const pieces = (await splitter.splitText(text)).filter((p) => p.trim());
  const headings = options.markdown ? headingsOf(text) : [];
  const chunks: ChunkDraft[] = [];
  let cursor = 0;
  for (const content of pieces) {
    // Pieces are substrings in order (overlap makes them start before the previous end).
    let start = text.indexOf(content, cursor);
    if (start < 0) start = text.indexOf(content);
    if (start < 0) start = cursor;
    const end = Math.min(text.length, start + content.length);
    const lineEnd = text.indexOf('\n', start);
    chunks.push({
      chunkIndex: chunks.length,
      content,
      start,
      end,
      headings: pathAt(headings, lineEnd < 0 ? end : lineEnd),
    });
    cursor = start + 1;
  }
  return chunks;
}
