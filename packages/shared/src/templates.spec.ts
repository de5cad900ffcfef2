import { parseTemplate, renderTemplate } from './templates.js';

describe('parseTemplate', () => {
  it('splits text and references', () => {
    const parsed = parseTemplate('Hi {{ brief.topic }}!');
    expect(parsed.refs).toHaveLength(1);
    expect(parsed.refs[0]).toMatchObject({ nodeId: 'brief', port: 'topic', path: [] });
    expect(renderTemplate(parsed, () => 'ünïcødé ✨').text).toBe('Hi ünïcødé ✨!');
  });
});
