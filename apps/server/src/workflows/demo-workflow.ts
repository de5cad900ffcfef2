import type { WorkflowGraph } from '@flowpress/shared';

export const DEMO_WORKFLOW_NAME = 'Blog post (demo)';

/**
 * Seeded on the first start so a new install has something to run: a brief goes to a drafting
 * prompt and a hero image in parallel, and a template assembles the markdown post.
 */
export function demoWorkflow(): { name: string; description: string; graph: WorkflowGraph } {
  return {
    name: DEMO_WORKFLOW_NAME,
    description:
      'Drafts a blog post and a hero image from a topic and an audience, then assembles them into markdown. ' +
      'Runs offline out of the box; set OPENAI_API_KEY for real models.',
    graph: {
      version: 1,
      nodes: [
        {
          id: 'brief',
          type: 'input',
          label: 'Brief',
          position: { x: 0, y: 140 },
          data: {
            fields: [
              { name: 'topic', type: 'text', required: true, label: 'Topic' },
              {
                name: 'audience',
                type: 'text',
                required: false,
                default: 'marketing teams',
                label: 'Audience',
              },
            ],
          },
        },
        {
          id: 'draft',
          type: 'prompt',
          label: 'Draft',
          position: { x: 340, y: 0 },
          data: {
            system: 'You are a clear, friendly content writer. Answer in markdown.',
            template:
              'Write a blog post about {{brief.topic}} for {{brief.audience}}.\n' +
              'Start with a "# " title, use short sections with "## " headings, and end with a call to action.',
            temperature: 0.7,
          },
        },
        {
          id: 'hero',
          type: 'image',
          label: 'Hero image',
          position: { x: 340, y: 300 },
          data: {
            prompt: 'A bright, modern editorial illustration about {{brief.topic}}, no text',
            size: '1024x1024',
            count: 1,
          },
        },
        {
          id: 'assemble',
          type: 'template',
          label: 'Assemble post',
          position: { x: 700, y: 140 },
          data: { template: '![{{brief.topic}}]({{hero.images.0.url}})\n\n{{draft.text}}\n' },
        },
      ],
      edges: [
        { id: 'brief-draft', source: 'brief', target: 'draft', sourceHandle: 'topic' },
        { id: 'brief-hero', source: 'brief', target: 'hero', sourceHandle: 'topic' },
        { id: 'draft-assemble', source: 'draft', target: 'assemble', sourceHandle: 'text' },
        { id: 'hero-assemble', source: 'hero', target: 'assemble', sourceHandle: 'images' },
      ],
      viewport: { x: 40, y: 60, zoom: 0.9 },
    },
  };
}
