import type { FlowTemplate } from './types';

export const blogPost: FlowTemplate = {
  id: 'blog-post',
  name: 'Blog post with hero image',
  description:
    'Turn a short brief into a blog post and a matching hero image, have an editor approve it, then publish it to the library.',
  steps: ['Brief', 'Draft', 'Hero image', 'Review', 'Publish'],
  nodes: [
    {
      id: 'brief',
      type: 'input',
      label: 'Brief',
      data: {
        fields: [
          { name: 'topic', type: 'text', required: true },
          { name: 'audience', type: 'text', required: false, default: 'marketing managers' },
          { name: 'keywords', type: 'text', required: false },
        ],
      },
    },
    {
      id: 'draft',
      type: 'prompt',
      label: 'Write the post',
      data: {
        system:
          'You are a senior content writer. Write clear, friendly, well-structured articles in markdown.',
        template:
          'Write a blog post of about 600 words on {{brief.topic}} for {{brief.audience}}.\nUse these keywords naturally: {{brief.keywords}}.\nStart with a title as a level-1 heading, use short sections with subheadings and end with a call to action.',
        temperature: 0.7,
      },
    },
    {
      id: 'hero',
      type: 'image',
      label: 'Hero image',
      data: {
        prompt:
          'Editorial hero illustration for a blog post about {{brief.topic}}, clean, modern, no text',
        size: '1024x1024',
      },
    },
    {
      id: 'check',
      type: 'review',
      label: 'Editor approval',
      data: {
        instructions:
          'Check the facts, the tone and that the image fits. Edit freely before approving.',
      },
    },
    {
      id: 'ship',
      type: 'publish',
      optional: true,
      label: 'Publish to library',
      data: { target: 'library', title: '{{brief.topic}}' },
    },
  ],
  edges: [
    { source: 'brief', target: 'draft' },
    { source: 'brief', target: 'hero' },
    { source: 'draft', target: 'check' },
    { source: 'hero', target: 'check' },
    { source: 'check', target: 'ship' },
    // The approved images too, or the post reaches the library and CMSs without its hero image.
    { source: 'check', sourcePort: 'images', target: 'ship', targetPort: 'content' },
  ],
};
