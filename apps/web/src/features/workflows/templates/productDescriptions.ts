import type { FlowTemplate } from './types';

export const productDescriptions: FlowTemplate = {
  id: 'product-descriptions',
  name: 'Product description variants',
  description:
    'Describe a product once and get three descriptions to compare: a short one, an SEO one and a playful one.',
  steps: ['Product', 'Short', 'SEO', 'Playful', 'Compare'],
  nodes: [
    {
      id: 'product',
      type: 'input',
      label: 'Product',
      data: {
        fields: [
          { name: 'name', type: 'text', required: true },
          { name: 'features', type: 'text', required: true },
          { name: 'audience', type: 'text', required: false, default: 'online shoppers' },
        ],
      },
    },
    {
      id: 'short',
      type: 'prompt',
      label: 'Short and crisp',
      data: {
        template:
          'Write a 40-word product description of {{product.name}} for {{product.audience}}. Features: {{product.features}}.',
        temperature: 0.4,
      },
    },
    {
      id: 'seo',
      type: 'prompt',
      label: 'SEO friendly',
      data: {
        template:
          'Write a 150-word SEO product description of {{product.name}} with a bulleted feature list. Features: {{product.features}}. Audience: {{product.audience}}.',
        temperature: 0.5,
      },
    },
    {
      id: 'playful',
      type: 'prompt',
      label: 'Playful',
      data: {
        template:
          'Write a playful, witty 60-word description of {{product.name}} for {{product.audience}}. Features: {{product.features}}.',
        temperature: 1,
      },
    },
    {
      id: 'compare',
      type: 'template',
      label: 'Side by side',
      data: {
        template:
          '### Short\n{{short.text}}\n\n### SEO\n{{seo.text}}\n\n### Playful\n{{playful.text}}',
      },
    },
  ],
  edges: [
    { source: 'product', target: 'short' },
    { source: 'product', target: 'seo' },
    { source: 'product', target: 'playful' },
    { source: 'short', target: 'compare' },
    { source: 'seo', target: 'compare' },
    { source: 'playful', target: 'compare' },
  ],
};
