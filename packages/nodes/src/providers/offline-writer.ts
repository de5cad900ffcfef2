/**
 * The offline model's prose: a readable, marketing-style Markdown piece built from the prompt's
 * topic, its keywords and any facts given as context. Deterministic (seeded by the prompt) and
 * always labelled as offline output, so nobody mistakes it for a real model's work.
 */
import { FEEDBACK_PREFIX } from '../llm/protocol.js';
import { hash32, pick, seededRandom, shuffled } from '../util/hash.js';
import { analysePrompt, titleCase } from './text-features.js';

export const OFFLINE_LABEL =
  '*Offline draft: written by the built-in offline model, not a language model.*';

const TITLES = [
  '{T}: A Practical Guide',
  'Why {T} Matters More Than Ever',
  'Getting {T} Right',
  'The Smart Way to Approach {T}',
  '{T}, Explained',
  'Everything You Need to Know About {T}',
];

const INTROS = [
  'Everyone is talking about {t}, but few teams turn the buzz into results. Here is a clear, no-nonsense look at what works and how to start this week.',
  'If {t} has been on your list for a while, you are not alone. This guide cuts through the noise and shows where the real value is.',
  '{T} is no longer a nice-to-have. Done well, it saves time, delights customers and sets you apart. Let us walk through it step by step.',
];

interface SectionPlan {
  heading: string;
  lead: string;
  bullets: string[];
}

const SECTIONS: SectionPlan[] = [
  {
    heading: 'Why {t} matters now',
    lead: 'The landscape has shifted, and the teams that move first get the most out of it.',
    bullets: [
      'Customers expect {k1} to simply work.',
      'Small improvements in {k2} compound quickly.',
      'Waiting costs more than starting small.',
    ],
  },
  {
    heading: 'What to get right first',
    lead: 'A few fundamentals make the difference between a quick win and a stalled project.',
    bullets: [
      'Start with one clear goal for {k1}.',
      'Measure {k2} before and after.',
      'Keep the first version simple and ship it.',
    ],
  },
  {
    heading: 'Common mistakes to avoid',
    lead: 'Most setbacks with {t} come from the same handful of habits.',
    bullets: [
      'Trying to fix everything about {k1} at once.',
      'Skipping the conversation with the people who use {k2}.',
      'Treating launch day as the finish line.',
    ],
  },
  {
    heading: 'How to get started',
    lead: 'You can make real progress on {t} in a single week.',
    bullets: [
      'Pick a pilot around {k1}.',
      'Set a baseline and a target for {k2}.',
      'Review results with your team every Friday.',
    ],
  },
  {
    heading: 'What the numbers say',
    lead: 'The evidence points the same way.',
    bullets: [
      'Teams that focus on {k1} see faster results.',
      'Clear ownership of {k2} shortens every cycle.',
      'Consistency beats intensity over a quarter.',
    ],
  },
];

const CTAS = [
  'Ready to put {t} to work? Start your first pilot today and share what you learn.',
  'Want help with {t}? Get in touch, and let us build your plan together.',
  'Try one idea from this list this week, then come back and tell us how it went.',
];

export function writeOfflineMarkdown(prompt: string, system = ''): string {
  const rand = seededRandom(hash32(`${system}\n${prompt}`));
  const features = analysePrompt(stripFeedback(prompt));
  const t = features.topic;
  const k = features.keywords;
  const fill = (s: string, i = 0) =>
    s
      .replaceAll('{T}', titleCase(t))
      .replaceAll('{t}', t)
      .replaceAll('{k1}', k[i % Math.max(k.length, 1)] ?? t)
      .replaceAll('{k2}', k[(i + 1) % Math.max(k.length, 1)] ?? t);

  const lines = [
    OFFLINE_LABEL,
    '',
    `# ${fill(pick(rand, TITLES))}`,
    '',
    fill(pick(rand, INTROS)),
    '',
  ];
  const facts = [...features.facts];
  shuffled(rand, SECTIONS)
    .slice(0, 3)
    .forEach((section, i) => {
      lines.push(`## ${capitalise(fill(section.heading, i))}`, '', fill(section.lead, i), '');
      // Supplied facts come first: they are what makes a draft specific.
      const bullets = [...facts.splice(0, 2), ...section.bullets.map((b) => fill(b, i))].slice(
        0,
        3,
      );
      for (const bullet of bullets) lines.push(`- ${bullet}`);
      lines.push('');
    });
  const feedback = feedbackOf(prompt);
  if (feedback) lines.push(`> Revised to address the reviewer's feedback: "${feedback}"`, '');
  lines.push(`**${fill(pick(rand, CTAS))}**`);
  return lines.join('\n');
}

function stripFeedback(prompt: string): string {
  const at = prompt.lastIndexOf(FEEDBACK_PREFIX);
  return at < 0 ? prompt : prompt.slice(0, at);
}

function feedbackOf(prompt: string): string {
  const at = prompt.lastIndexOf(FEEDBACK_PREFIX);
  return at < 0
    ? ''
    : prompt
        .slice(at + FEEDBACK_PREFIX.length)
        .trim()
        .slice(0, 300);
}

function capitalise(s: string): string {
  return s ? s[0]!.toUpperCase() + s.slice(1) : s;
}
