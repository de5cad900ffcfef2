import { HttpException } from '@nestjs/common';
import { createWorkflowBodySchema } from '@flowpress/shared';
import { z } from 'zod';
import { ValidationFailed } from './api-error.js';
import { PositiveIntParam, UuidParam } from './params.js';
import { ZodValidationPipe, zodIssues } from './zod.js';

function caught(fn: () => unknown): HttpException {
  try {
    fn();
  } catch (err) {
    if (err instanceof HttpException) return err;
    throw err;
  }
  throw new Error('expected an exception');
}

describe('ZodValidationPipe', () => {
  const pipe = new ZodValidationPipe(createWorkflowBodySchema);

  it('returns the parsed value (defaults applied, strings trimmed)', () => {
    expect(pipe.transform({ name: '  Post  ', graph: { nodes: [], edges: [] } })).toEqual({
      name: 'Post',
      graph: { version: 1, nodes: [], edges: [] },
    });
  });

  it('answers 400 listing every issue with contract paths', () => {
    const err = caught(() =>
      pipe.transform({ name: '', graph: { nodes: [{ id: '1bad' }], edges: 'x' } }),
    );
    expect(err).toBeInstanceOf(ValidationFailed);
    expect(err.getStatus()).toBe(400);
    const paths = (err as ValidationFailed).issues?.map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining(['name', 'graph.nodes[0].id', 'graph.nodes[0].type', 'graph.edges']),
    );
  });

  it('says the body must be JSON when there is none, unless the schema allows that', () => {
    expect(caught(() => pipe.transform(undefined)).message).toMatch(/must be JSON/);
    const optional = new ZodValidationPipe(
      z.object({ baseVersion: z.number().optional() }).default({}),
    );
    expect(optional.transform(undefined)).toEqual({});
  });

  it('prefixes paths', () => {
    const parsed = z.object({ a: z.array(z.string()) }).safeParse({ a: [1] });
    expect(parsed.success).toBe(false);
    if (!parsed.success) {
      expect(zodIssues(parsed.error, 'body')).toEqual([
        { path: 'body.a[0]', message: expect.any(String) },
      ]);
    }
  });
});

describe('param pipes', () => {
  it('UuidParam: a malformed id is a 404, never a 500', () => {
    expect(new UuidParam().transform('6E29D5BC-5950-48E6-8750-7071777E31B7')).toBe(
      '6e29d5bc-5950-48e6-8750-7071777e31b7',
    );
    expect(caught(() => new UuidParam().transform("1' OR 1=1")).getStatus()).toBe(404);
  });

  it('PositiveIntParam: 400 for anything but a positive integer', () => {
    expect(new PositiveIntParam().transform('12')).toBe(12);
    for (const bad of ['0', '-1', '1.5', 'abc', '9999999999', '']) {
      expect(caught(() => new PositiveIntParam().transform(bad)).getStatus()).toBe(400);
    }
  });
});
