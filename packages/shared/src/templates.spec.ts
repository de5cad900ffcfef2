import {
  followPath,
  lookupRef,
  parseTemplate,
  renderTemplate,
  RESERVED_TEMPLATE_VARS,
  valueToText,
  type TemplateRef,
} from './templates.js';

/** Renders against node outputs the way the engine does. */
function render(
  template: string,
  outputs: Record<string, Record<string, unknown>>,
  options: { defaults?: Record<string, string>; vars?: Record<string, unknown>; missing?: 'empty' | 'keep' } = {},
) {
  const defaults = options.defaults ?? {};
  return renderTemplate(
    template,
    (ref) => lookupRef(ref, outputs, (id) => defaults[id], options.vars),
    options.missing ? { missing: options.missing } : {},
  );
}

function ref(raw: string): TemplateRef {
  const parsed = parseTemplate(`{{${raw}}}`);
  expect(parsed.refs).toHaveLength(1);
  return parsed.refs[0]!;
}

describe('parseTemplate', () => {
  it('splits text and references', () => {
    const parsed = parseTemplate('Hi {{ brief.topic }}!');
    expect(parsed.refs).toHaveLength(1);
    expect(parsed.refs[0]).toMatchObject({ nodeId: 'brief', port: 'topic', path: [] });
    expect(renderTemplate(parsed, () => 'ünïcødé ✨').text).toBe('Hi ünïcødé ✨!');
  });

  it('gives segments in order with source offsets', () => {
    const parsed = parseTemplate('a{{x}}b{{y.p.q}}');
    expect(parsed.problems).toEqual([]);
    expect(parsed.segments).toEqual([
      { kind: 'text', text: 'a' },
      { kind: 'ref', ref: { raw: 'x', nodeId: 'x', path: [], start: 1, end: 6 } },
      { kind: 'text', text: 'b' },
      { kind: 'ref', ref: { raw: 'y.p.q', nodeId: 'y', port: 'p', path: ['q'], start: 7, end: 16 } },
    ]);
    expect(parsed.refs.map((r) => r.raw)).toEqual(['x', 'y.p.q']);
  });

  it('leaves port undefined for {{node}}', () => {
    const r = ref('brief');
    expect(r.port).toBeUndefined();
    expect('port' in r).toBe(false);
  });

  it('reads a nested port path', () => {
    expect(ref('n.json.items.0.title')).toMatchObject({
      nodeId: 'n',
      port: 'json',
      path: ['items', '0', 'title'],
    });
  });

  it('allows whitespace, newlines and tabs inside the braces', () => {
    for (const source of ['{{brief.topic}}', '{{ brief.topic }}', '{{\n\tbrief.topic  \n}}']) {
      const parsed = parseTemplate(source);
      expect(parsed.problems).toEqual([]);
      expect(parsed.refs[0]).toMatchObject({ raw: 'brief.topic', nodeId: 'brief', port: 'topic' });
    }
  });

  it('parses adjacent references with no text between', () => {
    const parsed = parseTemplate('{{a}}{{b.c}}{{d}}');
    expect(parsed.segments.map((s) => s.kind)).toEqual(['ref', 'ref', 'ref']);
    expect(parsed.refs.map((r) => r.nodeId)).toEqual(['a', 'b', 'd']);
  });

  it('accepts ids with _ and -, and ports starting with a digit', () => {
    expect(ref('_n-1.out_2.0')).toMatchObject({ nodeId: '_n-1', port: 'out_2', path: ['0'] });
  });

  it('keeps an unclosed {{ literally and reports it', () => {
    const parsed = parseTemplate('Dear {{brief.name');
    expect(parsed.refs).toEqual([]);
    expect(parsed.segments).toEqual([{ kind: 'text', text: 'Dear {{brief.name' }]);
    expect(parsed.problems).toEqual([{ message: '"{{" at position 5 is never closed with "}}"', index: 5 }]);
  });

  it('still parses the references before an unclosed {{', () => {
    const parsed = parseTemplate('{{a}} then {{');
    expect(parsed.refs.map((r) => r.nodeId)).toEqual(['a']);
    expect(parsed.problems).toHaveLength(1);
    expect(renderTemplate(parsed, () => 'A').text).toBe('A then {{');
  });

  it('keeps a stray {{ literally but still finds the reference after it', () => {
    const parsed = parseTemplate('x {{ y {{a.b}} z');
    expect(parsed.refs.map((r) => r.raw)).toEqual(['a.b']);
    expect(parsed.problems).toEqual([{ message: '"{{" at position 2 is never closed with "}}"', index: 2 }]);
    expect(renderTemplate(parsed, () => 'V').text).toBe('x {{ y V z');
  });

  it.each([
    '{{ 1+2 }}',
    '{{}}',
    '{{   }}',
    '{{a b}}',
    '{{a..b}}',
    '{{a.}}',
    '{{.a}}',
    '{{a["b"]}}',
    '{{a.b()}}',
    '{{process.exit(1)}}',
    '{{ `x` }}',
    '{{ðata}}',
    '{{#each items}}',
  ])('keeps the invalid body %j literally and reports it', (source) => {
    const parsed = parseTemplate(`<${source}>`);
    expect(parsed.refs).toEqual([]);
    expect(parsed.problems).toHaveLength(1);
    expect(parsed.problems[0]!.index).toBe(1);
    expect(parsed.problems[0]!.message).toContain('is not a reference');
    expect(renderTemplate(parsed, () => 'NEVER').text).toBe(`<${source}>`);
  });

  it('ends a reference at the first }}', () => {
    const parsed = parseTemplate('{{a}}}');
    expect(parsed.refs.map((r) => r.raw)).toEqual(['a']);
    expect(renderTemplate(parsed, () => 'A').text).toBe('A}');
  });

  it('leaves single braces and lone }} alone', () => {
    const source = 'JSON: {"a": {"b": 1}} and } { }}';
    const parsed = parseTemplate(source);
    expect(parsed.problems).toEqual([]);
    expect(parsed.refs).toEqual([]);
    expect(renderTemplate(parsed, () => 'X').text).toBe(source);
  });

  it('handles the empty template and text without references', () => {
    expect(parseTemplate('')).toEqual({ segments: [], refs: [], problems: [] });
    expect(parseTemplate('plain ✨ text')).toEqual({
      segments: [{ kind: 'text', text: 'plain ✨ text' }],
      refs: [],
      problems: [],
    });
  });

  it('keeps unicode text around references intact', () => {
    const parsed = parseTemplate('日本語 {{a}} — émoji 👩‍💻 {{b}} ∑');
    expect(renderTemplate(parsed, (r) => r.nodeId.toUpperCase()).text).toBe('日本語 A — émoji 👩‍💻 B ∑');
  });
});

describe('renderTemplate', () => {
  const outputs = {
    brief: { topic: 'Tea', count: 3, draft: false },
    facts: { context: '[1] Tea is a drink.', documents: [{ title: 'Tea', score: 0.9 }] },
    n: { json: { items: [{ title: 'First' }, { title: 'Second' }], tags: ['a', 'b'] }, text: 'plain' },
    list: { lines: ['one', 'two', 'three'], mixed: ['one', 2] },
  };

  it('substitutes ports and default ports', () => {
    const { text, missing } = render('{{brief.topic}} / {{facts}}', outputs, { defaults: { facts: 'context' } });
    expect(text).toBe('Tea / [1] Tea is a drink.');
    expect(missing).toEqual([]);
  });

  it('follows a nested path into JSON', () => {
    expect(render('{{n.json.items.0.title}} & {{n.json.items.1.title}}', outputs).text).toBe('First & Second');
  });

  it('renders numbers and booleans as written', () => {
    expect(render('{{brief.count}} {{brief.draft}}', outputs).text).toBe('3 false');
  });

  it('renders objects and mixed arrays as indented JSON', () => {
    expect(render('{{n.json.items.0}}', outputs).text).toBe('{\n  "title": "First"\n}');
    expect(render('{{facts.documents}}', outputs).text).toBe(JSON.stringify(outputs.facts.documents, null, 2));
    expect(render('{{list.mixed}}', outputs).text).toBe('[\n  "one",\n  2\n]');
  });

  it('joins string arrays one per line', () => {
    expect(render('{{list.lines}}', outputs).text).toBe('one\ntwo\nthree');
  });

  it('renders unicode values untouched', () => {
    const out = { u: { text: 'Ünïcødé — 中文 — 🚀\u200d' } };
    expect(render('«{{u.text}}»', out).text).toBe('«Ünïcødé — 中文 — 🚀\u200d»');
  });

  it('renders a missing reference as empty text by default, and reports it', () => {
    const { text, missing } = render('A{{ghost.text}}B{{brief.nope}}C', outputs);
    expect(text).toBe('ABC');
    expect(missing.map((r) => r.raw)).toEqual(['ghost.text', 'brief.nope']);
  });

  it('keeps a missing reference (normalised) when asked', () => {
    const { text, missing } = render('A{{ ghost.text }}B', outputs, { missing: 'keep' });
    expect(text).toBe('A{{ghost.text}}B');
    expect(missing).toHaveLength(1);
  });

  it('renders null as empty text without calling it missing', () => {
    const { text, missing } = render('[{{z.v}}]', { z: { v: null } });
    expect(text).toBe('[]');
    expect(missing).toEqual([]);
  });

  it('renders adjacent references', () => {
    expect(render('{{brief.topic}}{{brief.count}}{{brief.topic}}', outputs).text).toBe('Tea3Tea');
  });

  it('accepts a parsed template and calls lookup once per reference', () => {
    const parsed = parseTemplate('{{a}}-{{a}}');
    const seen: string[] = [];
    const { text } = renderTemplate(parsed, (r) => {
      seen.push(r.raw);
      return 'x';
    });
    expect(text).toBe('x-x');
    expect(seen).toEqual(['a', 'a']);
  });

  it('does not re-parse substituted values', () => {
    const out = { a: { text: '{{b.text}}' }, b: { text: 'SECRET' } };
    expect(render('{{a.text}}', out).text).toBe('{{b.text}}');
  });
});

describe('templates never evaluate anything', () => {
  const outputs = { brief: { topic: 'Tea' } };

  it.each([
    '{{constructor}}',
    '{{constructor.name}}',
    '{{constructor.prototype}}',
    '{{__proto__}}',
    '{{__proto__.x}}',
    '{{__proto__.hasOwnProperty}}',
    '{{toString}}',
    '{{hasOwnProperty.name}}',
    '{{brief.constructor}}',
    '{{brief.topic.length}}',
    '{{brief.topic.constructor.name}}',
    '{{brief.__proto__.toString}}',
    '{{valueOf}}',
  ])('%s finds nothing', (template) => {
    const { text, missing } = render(template, outputs, { defaults: { brief: 'topic' } });
    expect(text).toBe('');
    expect(missing).toHaveLength(1);
  });

  it('finds nothing through prototype keys in vars either', () => {
    const vars = { feedback: 'Shorter please' };
    expect(render('{{feedback.length}}{{feedback.constructor}}', {}, { vars }).text).toBe('');
  });

  it('does not call getters-like keys on arrays', () => {
    const out = { n: { list: ['a', 'b'] } };
    expect(render('{{n.list.length}}|{{n.list.1e0}}|{{n.list.01}}|{{n.list.-1}}', out).text).toBe('|||');
  });

  it('never calls a function found as a value', () => {
    let called = false;
    const out = { n: { fn: () => { called = true; return 'ran'; } } };
    expect(render('[{{n.fn}}]', out).text).toBe('[]');
    expect(called).toBe(false);
  });
});

describe('lookupRef', () => {
  const outputs = {
    draft: { text: 'Hello', json: { title: 'T', tags: ['x'] } },
    check: { content: { title: 'Approved', body: 'B' }, decision: 'approve' },
    cond: { true: 'yes' },
  };
  const defaults: Record<string, string> = { draft: 'text', check: 'content', cond: 'true' };
  const defaultOf = (id: string) => defaults[id];

  it('uses the default port for {{node}}', () => {
    expect(lookupRef(ref('draft'), outputs, defaultOf)).toBe('Hello');
  });

  it('reads a named port and follows a path into it', () => {
    expect(lookupRef(ref('draft.json'), outputs, defaultOf)).toEqual({ title: 'T', tags: ['x'] });
    expect(lookupRef(ref('draft.json.tags.0'), outputs, defaultOf)).toBe('x');
  });

  it('reads a key of the default port when the name is not a port', () => {
    expect(lookupRef(ref('check.title'), outputs, defaultOf)).toBe('Approved');
    expect(lookupRef(ref('check.decision'), outputs, defaultOf)).toBe('approve');
  });

  it('finds nothing for a missing node, port or key', () => {
    expect(lookupRef(ref('ghost'), outputs, defaultOf)).toBeUndefined();
    expect(lookupRef(ref('draft.nope'), outputs, defaultOf)).toBeUndefined();
    expect(lookupRef(ref('cond.false'), outputs, defaultOf)).toBeUndefined();
    expect(lookupRef(ref('draft.json.nope.deeper'), outputs, defaultOf)).toBeUndefined();
  });

  it('finds nothing for {{node}} when the node has no default port', () => {
    expect(lookupRef(ref('draft'), outputs, () => undefined)).toBeUndefined();
  });

  it('finds nothing for a node with no output yet', () => {
    expect(lookupRef(ref('draft'), { draft: undefined }, defaultOf)).toBeUndefined();
  });

  it('answers reserved variables from vars, before node outputs', () => {
    const vars = { feedback: 'Shorter', run: { id: 'r1', inputs: { topic: 'Tea' } } };
    expect(lookupRef(ref('feedback'), outputs, defaultOf, vars)).toBe('Shorter');
    expect(lookupRef(ref('run.id'), outputs, defaultOf, vars)).toBe('r1');
    expect(lookupRef(ref('run.inputs.topic'), outputs, defaultOf, vars)).toBe('Tea');
    expect(lookupRef(ref('run.missing'), outputs, defaultOf, vars)).toBeUndefined();
    expect(lookupRef(ref('draft'), outputs, defaultOf, { draft: 'shadow' })).toBe('shadow');
  });

  it('finds nothing for a reserved name that vars does not set', () => {
    expect(lookupRef(ref('feedback'), outputs, defaultOf)).toBeUndefined();
  });

  it('reserves feedback and run', () => {
    expect([...RESERVED_TEMPLATE_VARS]).toEqual(['feedback', 'run']);
  });
});

describe('followPath', () => {
  const value = { a: { b: [10, { c: 'deep' }] }, s: 'str', z: 0 };

  it('follows object keys and array indexes', () => {
    expect(followPath(value, [])).toBe(value);
    expect(followPath(value, ['a', 'b', '0'])).toBe(10);
    expect(followPath(value, ['a', 'b', '1', 'c'])).toBe('deep');
    expect(followPath(value, ['z'])).toBe(0);
  });

  it('finds nothing past a primitive, a missing key or null', () => {
    expect(followPath(value, ['s', '0'])).toBeUndefined();
    expect(followPath(value, ['a', 'x', 'y'])).toBeUndefined();
    expect(followPath(null, ['a'])).toBeUndefined();
    expect(followPath(value, ['a', 'b', '2'])).toBeUndefined();
  });

  it('only accepts plain array indexes', () => {
    const list = ['a', 'b'];
    expect(followPath(list, ['1'])).toBe('b');
    for (const key of ['length', '01', '1.0', '-1', '1e0', ' 1', '']) {
      expect(followPath(list, [key])).toBeUndefined();
    }
  });
});

describe('valueToText', () => {
  it.each([
    [undefined, ''],
    [null, ''],
    ['text', 'text'],
    [0, '0'],
    [1.5, '1.5'],
    [true, 'true'],
    [10n, '10'],
    [['a', 'b'], 'a\nb'],
    [[], ''],
    [{ a: 1 }, '{\n  "a": 1\n}'],
    [[1, 'a'], '[\n  1,\n  "a"\n]'],
    [() => 1, ''],
    [Symbol('s'), ''],
  ])('%p → %j', (value, expected) => {
    expect(valueToText(value)).toBe(expected);
  });

  it('never throws, even on cycles and nested bigints', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(typeof valueToText(cyclic)).toBe('string');
    expect(valueToText({ big: 2n })).toBe('{\n  "big": "2"\n}');
  });
});
