import type { GraphJson } from './session';

/** A blog flow like the demo: brief → draft + hero image → assembled post. */
export function blogGraph(): GraphJson {
  return {
    version: 1,
    nodes: [
      {
        id: 'brief',
        type: 'input',
        label: 'Brief',
        position: { x: 0, y: 120 },
        data: {
          fields: [
            { name: 'topic', type: 'text', required: true, label: 'Topic' },
            {
              name: 'audience',
              type: 'text',
              required: false,
              label: 'Audience',
              default: 'marketing teams',
            },
          ],
        },
      },
      {
        id: 'draft',
        type: 'prompt',
        label: 'Write the post',
        position: { x: 360, y: 0 },
        data: {
          system: 'You are a clear, friendly content writer. Answer in markdown.',
          template: 'Write a blog post about {{brief.topic}} for {{brief.audience}}.',
          model: 'gpt-4o-mini',
          temperature: 0.7,
        },
      },
      {
        id: 'hero',
        type: 'image',
        label: 'Hero image',
        position: { x: 360, y: 300 },
        data: {
          prompt: 'A bright editorial illustration about {{brief.topic}}',
          size: '1024x1024',
          count: 1,
        },
      },
      {
        id: 'assemble',
        type: 'template',
        label: 'Assemble the post',
        position: { x: 720, y: 140 },
        data: { template: '{{draft.text}}' },
      },
    ],
    edges: [
      {
        id: 'e1',
        source: 'brief',
        target: 'draft',
        sourceHandle: 'topic',
        targetHandle: 'context',
      },
      { id: 'e2', source: 'brief', target: 'hero', sourceHandle: 'topic', targetHandle: 'prompt' },
      { id: 'e3', source: 'draft', target: 'assemble', sourceHandle: 'text', targetHandle: 'in' },
      { id: 'e4', source: 'hero', target: 'assemble', sourceHandle: 'images', targetHandle: 'in' },
    ],
  };
}

/** brief → template → publish: a flow that publishes a short piece with the given publish config. */
export function publishGraph(
  publish: Record<string, unknown>,
  body = 'A short piece about {{brief.topic}}.',
): GraphJson {
  return {
    version: 1,
    nodes: [
      {
        id: 'brief',
        type: 'input',
        position: { x: 0, y: 0 },
        data: { fields: [{ name: 'topic', type: 'text', required: true }] },
      },
      {
        id: 'draft',
        type: 'template',
        position: { x: 320, y: 0 },
        data: { template: `# {{brief.topic}}\n\n${body}` },
      },
      { id: 'ship', type: 'publish', position: { x: 640, y: 0 }, data: publish },
    ],
    edges: [
      { id: 'e1', source: 'brief', target: 'draft', sourceHandle: 'topic', targetHandle: 'in' },
      { id: 'e2', source: 'draft', target: 'ship', sourceHandle: 'text', targetHandle: 'content' },
    ],
  };
}
