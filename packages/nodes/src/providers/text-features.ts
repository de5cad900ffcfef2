/**
 * What the offline model "understands" of a prompt: its topic, its salient words and any facts
 * supplied as context. Plain string heuristics, deterministic by construction.
 */
const STOPWORDS = new Set(
  (
    'a an and are as at be been but by can could do does for from has have how i if in into is it its ' +
    'just me more most my no not of on or our out over so some such than that the their them then there ' +
    'these they this those to up us was we were what when where which while who why will with would you ' +
    'your about write short long post blog article draft create make give using use based please words ' +
    'paragraph paragraphs tone friendly following should must also include including new newest latest ' +
    'facts context text reviewer feedback address answer json schema one two three each very'
  ).split(' '),
);

const TOPIC_CUE =
  /\b(?:about|on|regarding|covering|titled|called|introducing|announcing)\s+["“']?([^\n.:;!?"”]{3,100})/i;

export interface PromptFeatures {
  /** A short phrase, e.g. "solar panels for small offices". */
  topic: string;
  /** Salient words, most frequent first. */
  keywords: string[];
  /** Sentences found in context below the instruction, cleaned of numbering. */
  facts: string[];
}

export function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}'-]*/gu) ?? [];
}

/** Content words: no stopwords, no tiny words, no pure numbers. */
export function contentWords(text: string): string[] {
  return words(text).filter((w) => w.length > 2 && !STOPWORDS.has(w) && !/^\d+$/.test(w));
}

/** A light stem so "panels" meets "panel" and "marketing" meets "market". */
export function stem(word: string): string {
  return word.replace(/(ing|ed|es|s)$/u, '') || word;
}

export function titleCase(phrase: string): string {
  return phrase.replace(/[\p{L}\p{N}][\p{L}\p{N}'-]*/gu, (w, offset: number) =>
    offset > 0 && STOPWORDS.has(w.toLowerCase()) && w.length < 4
      ? w.toLowerCase()
      : w[0]!.toUpperCase() + w.slice(1),
  );
}

export function analysePrompt(prompt: string): PromptFeatures {
  // The first line is the instruction; what follows (retrieved context, facts) is material.
  const lines = prompt.trim().split('\n');
  const head = lines[0] ?? '';
  const rest = lines.slice(1).join('\n');
  let topic = TOPIC_CUE.exec(head)?.[1]?.trim() ?? '';
  // "about X for ACME, in a warm tone": keep the noun phrase, drop trailing clauses.
  topic = topic.split(/,| - | in a | with a | for an? /i)[0]?.trim() ?? '';
  const topicWords = topic.split(/\s+/).filter(Boolean);
  if (topicWords.length > 8) topic = topicWords.slice(0, 8).join(' ');
  if (!topic)
    topic = rankWords(head).slice(0, 3).join(' ') || rankWords(prompt).slice(0, 3).join(' ');
  if (!topic) topic = 'your next big idea';
  // Keywords from the instruction only: words of pasted context are often verbs or numbers.
  const inTopic = new Set(contentWords(topic));
  const keywords = rankWords(head).filter((w) => !inTopic.has(w));
  return { topic, keywords, facts: extractFacts(rest) };
}

function rankWords(text: string): string[] {
  const counts = new Map<string, number>();
  for (const w of contentWords(text)) counts.set(w, (counts.get(w) ?? 0) + 1);
  // Stable: ties keep first-appearance order (Map preserves insertion order, sort is stable).
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([w]) => w)
    .slice(0, 12);
}

function extractFacts(context: string): string[] {
  const facts: string[] = [];
  for (const line of context.split(/\n+/)) {
    // A retrieved passage (`[2] Title — text`): its sentences keep the citation, without the title.
    const cited = /^\s*\[(\d+)\]\s*(?:[^—\n]{1,160}\s—\s)?/.exec(line);
    const body = cited ? line.slice(cited[0].length) : line;
    for (const raw of body.split(/(?<=[.!?])\s+/)) {
      const sentence = raw
        .replace(/^\s*(?:\[\d+\]|\d+[.)]|[-*•>]|#+)\s*/, '')
        .replace(/^(?:context|facts|sources?)\s*:\s*/i, '')
        .trim();
      if (sentence.length < 20 || sentence.length > 220) continue;
      if (/^(?:reviewer feedback|json schema)/i.test(sentence)) continue;
      const ended = /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
      facts.push(cited ? `${ended.slice(0, -1)} [${cited[1]}]${ended.slice(-1)}` : ended);
      if (facts.length >= 6) return facts;
    }
  }
  return facts;
}

/** Word pieces with their trailing whitespace, so joining them restores the text exactly. */
export function splitWords(text: string): string[] {
  const lead = /^\s*/.exec(text)?.[0] ?? '';
  const pieces: string[] = [...(text.slice(lead.length).match(/\S+\s*/g) ?? [])];
  if (lead) pieces.unshift(lead);
  return pieces;
}
