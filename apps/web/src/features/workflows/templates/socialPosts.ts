import type { FlowTemplate } from './types';

export const socialPosts: FlowTemplate = {
  id: 'social-posts',
  name: 'Social posts per channel',
  description:
    'Write one brief and get a LinkedIn post, a post for X and an Instagram caption, each in the channel’s own style, ready for review.',
  steps: ['Brief', 'LinkedIn', 'X', 'Instagram', 'Bundle', 'Review'],
  nodes: [
    {
      id: 'brief',
      type: 'input',
      label: 'Campaign brief',
      data: {
        fields: [
          { name: 'announcement', type: 'text', required: true },
          { name: 'link', type: 'text', required: false },
          { name: 'tone', type: 'text', required: false, default: 'confident and warm' },
        ],
      },
    },
    {
      id: 'linkedin',
      type: 'prompt',
      label: 'LinkedIn post',
      data: {
        template:
          'Write a LinkedIn post (120-180 words) announcing: {{brief.announcement}}.\nTone: {{brief.tone}}. Open with a hook, use short paragraphs, end with {{brief.link}} and three hashtags.',
        temperature: 0.7,
      },
    },
    {
      id: 'x_post',
      type: 'prompt',
      label: 'Post for X',
      data: {
        template:
          'Write a post for X (max 260 characters) announcing: {{brief.announcement}}. Tone: {{brief.tone}}. Include {{brief.link}}.',
        temperature: 0.8,
      },
    },
    {
      id: 'instagram',
      type: 'prompt',
      label: 'Instagram caption',
      data: {
        template:
          'Write an Instagram caption announcing: {{brief.announcement}}. Tone: {{brief.tone}}. Add a line break before 5 relevant hashtags.',
        temperature: 0.9,
      },
    },
    {
      id: 'bundle',
      type: 'template',
      label: 'Bundle the posts',
      data: {
        template:
          '## LinkedIn\n{{linkedin.text}}\n\n## X\n{{x_post.text}}\n\n## Instagram\n{{instagram.text}}',
      },
    },
    {
      id: 'approve',
      type: 'review',
      label: 'Social lead approval',
      data: { instructions: 'Check each post fits its channel.' },
    },
  ],
  edges: [
    { source: 'brief', target: 'linkedin' },
    { source: 'brief', target: 'x_post' },
    { source: 'brief', target: 'instagram' },
    { source: 'linkedin', target: 'bundle' },
    { source: 'x_post', target: 'bundle' },
    { source: 'instagram', target: 'bundle' },
    { source: 'bundle', target: 'approve' },
  ],
};
