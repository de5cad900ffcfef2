import type { WorkflowGraph } from '@flowpress/shared';

export const DEMO_WORKFLOW_NAME = 'Blog post (demo)';

/**
 * Seeded on the first start so a new install shows the whole pipeline: a brief, a search of the
 * demo knowledge base, a draft that cites what it found as [1], [2], a hero image, a human
 * review with the sources beside the draft, and publishing to the built-in library.
 */
export function demoWorkflow(knowledgeBaseId: string): {
  name: string;
  description: string;
  graph: WorkflowGraph;
} {
  return {
    name: DEMO_WORKFLOW_NAME,
    description:
      'Searches the demo knowledge base for a topic, drafts a blog post citing what it found, adds a hero image, ' +
      'waits for a review and publishes to the library. Runs offline out of the box; set OPENAI_API_KEY for real models.',
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
              {
                name: 'topic',
                type: 'text',
                required: true,
                label: 'Topic',
                default: 'cold brew at home',
              },
              {
                name: 'audience',
                type: 'text',
                required: false,
                default: 'coffee lovers',
                label: 'Audience',
              },
            ],
          },
        },
        {
          id: 'facts',
          type: 'retrieval',
          label: 'Product facts',
          position: { x: 300, y: 0 },
          data: { knowledgeBaseId, query: '{{brief.topic}}', topK: 4 },
        },
        {
          id: 'draft',
          type: 'prompt',
          label: 'Draft',
          position: { x: 600, y: 0 },
          data: {
            system:
              'You are a clear, friendly content writer. Answer in markdown. Use only the facts given, and cite each as [n].',
            template:
              'Write a blog post about {{brief.topic}} for {{brief.audience}}: start with a "# " title, ' +
              'use short sections with "## " headings, and end with a call to action.\n\n' +
              'Facts:\n{{facts.context}}',
            temperature: 0.7,
          },
        },
        {
          id: 'hero',
          type: 'image',
          label: 'Hero image',
          position: { x: 600, y: 300 },
          data: {
            prompt: 'A bright, modern editorial illustration about {{brief.topic}}, no text',
            size: '1024x1024',
            count: 1,
          },
        },
        {
          id: 'check',
          type: 'review',
          label: 'Review',
          position: { x: 900, y: 140 },
          data: {
            instructions:
              'Check each claim against its source and the tone against the brand voice.',
          },
        },
        {
          id: 'ship',
          type: 'publish',
          label: 'Publish to library',
          position: { x: 1200, y: 140 },
          data: { target: 'library', tags: ['demo'] },
        },
      ],
      edges: [
        { id: 'brief-facts', source: 'brief', target: 'facts', sourceHandle: 'topic' },
        { id: 'facts-draft', source: 'facts', target: 'draft', sourceHandle: 'context' },
        { id: 'brief-hero', source: 'brief', target: 'hero', sourceHandle: 'topic' },
        { id: 'draft-check', source: 'draft', target: 'check', sourceHandle: 'text' },
        { id: 'hero-check', source: 'hero', target: 'check', sourceHandle: 'images' },
        { id: 'facts-check', source: 'facts', target: 'check', sourceHandle: 'documents' },
        { id: 'check-ship', source: 'check', target: 'ship', sourceHandle: 'text' },
        {
          id: 'check-ship-images',
          source: 'check',
          target: 'ship',
          sourceHandle: 'images',
          targetHandle: 'content',
        },
      ],
      viewport: { x: 40, y: 60, zoom: 0.75 },
    },
  };
}
