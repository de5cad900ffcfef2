import { z } from 'zod';
import { promptConfigSchema } from '@flowpress/nodes';
import { settingsCheck, type ConfigResult } from './compiled-workflow.js';

/** What checking the whole schema over the filled-in settings gives: the answer every path must match. */
function wholeParse(
  schema: z.ZodType,
  data: Record<string, unknown>,
  rendered: Record<string, string>,
): ConfigResult {
  const parsed = schema.safeParse({ ...data, ...rendered });
  return parsed.success
    ? { ok: true, config: parsed.data as Record<string, unknown> }
    : {
        ok: false,
        issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      };
}

describe('settingsCheck', () => {
  const prompt = {
    template: 'Write about {{brief}}',
    system: 'You are {{tone}}',
    model: '  gpt-4o-mini  ',
    temperature: 0.4,
    outputSchema: { type: 'object', properties: { title: { type: 'string' } } },
  };

  it('gives what the whole schema gives, for filled-in text that passes and that does not', () => {
    const check = settingsCheck(promptConfigSchema, prompt, ['template', 'system']);
    for (const rendered of [
      { template: 'Write about cats', system: 'You are kind' },
      { template: '', system: 'You are kind' },
      { template: 'x'.repeat(200_001), system: '' },
    ]) {
      expect(check(rendered)).toEqual(wholeParse(promptConfigSchema, prompt, rendered));
    }
    expect(check({ template: '', system: 'ok' })).toEqual({
      ok: false,
      issues: [{ path: 'template', message: 'write the prompt' }],
    });
  });

  it('parses settings with no templated field once, and gives each attempt its own object', () => {
    const schema = z.object({ fields: z.array(z.object({ name: z.string() })).default([]) });
    const check = settingsCheck(schema, { fields: [{ name: 'brief' }] }, []);
    const first = check({});
    const second = check({});
    expect(first).toEqual({ ok: true, config: { fields: [{ name: 'brief' }] } });
    if (!first.ok || !second.ok) throw new Error('expected settings');
    first.config['extra'] = true;
    expect(second.config).toEqual({ fields: [{ name: 'brief' }] });
  });

  it('gives each attempt its own object with the filled-in fields (transforms and defaults applied)', () => {
    const schema = z.object({ template: z.string().trim().min(1), mode: z.string().default('a') });
    const check = settingsCheck(schema, { template: '{{x}}' }, ['template']);
    const a = check({ template: '  one  ' });
    const b = check({ template: 'two' });
    expect(a).toEqual({ ok: true, config: { template: 'one', mode: 'a' } });
    expect(b).toEqual({ ok: true, config: { template: 'two', mode: 'a' } });
  });

  it('runs the whole schema where a check spans fields', () => {
    const schema = z
      .object({ template: z.string(), limit: z.number() })
      .refine((c) => c.template.length <= c.limit, { message: 'too long for the limit' });
    const data = { template: '{{x}}', limit: 5 };
    const check = settingsCheck(schema, data, ['template']);
    expect(check({ template: 'abcdefgh' })).toEqual({
      ok: false,
      issues: [{ path: '', message: 'too long for the limit' }],
    });
    expect(check({ template: 'abc' })).toEqual(wholeParse(schema, data, { template: 'abc' }));
  });

  it('runs the whole schema when the settings parse only once their templates are filled in', () => {
    const schema = z.object({ template: z.string().regex(/^[a-z]+$/) });
    const check = settingsCheck(schema, { template: '{{word}}' }, ['template']);
    expect(check({ template: 'hello' })).toEqual({ ok: true, config: { template: 'hello' } });
    expect(check({ template: 'Hello!' }).ok).toBe(false);
  });
});
