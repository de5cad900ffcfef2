import type { FlowTemplate } from './types';

export const newsletter: FlowTemplate = {
  id: 'weekly-newsletter',
  name: 'Weekly newsletter',
  description:
    'Paste the week’s highlights and get a newsletter with an intro, sections and three subject lines to test — approved by a person before it goes out.',
  steps: ['Highlights', 'Newsletter', 'Subject lines', 'Assemble', 'Review'],
  nodes: [
    {
      id: 'week',
      type: 'input',
      label: 'This week',
      data: {
        fields: [
          { name: 'highlights', type: 'text', required: true },
          { name: 'audience', type: 'text', required: false, default: 'customers and partners' },
        ],
      },
    },
    {
      id: 'body',
      type: 'prompt',
      label: 'Write the newsletter',
      data: {
        system: 'You write concise, upbeat company newsletters in markdown.',
        template:
          'Write this week’s newsletter for {{week.audience}} from these highlights:\n{{week.highlights}}\n\nStart with a two-sentence intro, then one short section per highlight, then a sign-off.',
        temperature: 0.6,
      },
    },
    {
      id: 'subjects',
      type: 'prompt',
      label: 'Subject lines',
      data: {
        template:
          'Suggest three email subject lines (under 50 characters each, one per line) for this newsletter:\n{{body.text}}',
        temperature: 0.9,
      },
    },
    {
      id: 'email',
      type: 'template',
      label: 'Assemble the email',
      data: { template: '**Subject line options**\n{{subjects.text}}\n\n---\n\n{{body.text}}' },
    },
    {
      id: 'approve',
      type: 'review',
      label: 'Approve before sending',
      data: {
        instructions:
          'Check names, dates and links. Keep the subject line you like best and delete the others.',
        dueInHours: 24,
      },
    },
  ],
  edges: [
    { source: 'week', target: 'body' },
    { source: 'body', target: 'subjects' },
    { source: 'body', target: 'email' },
    { source: 'subjects', target: 'email' },
    { source: 'email', target: 'approve' },
  ],
};
