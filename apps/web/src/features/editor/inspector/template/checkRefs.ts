import { RESERVED_TEMPLATE_VARS, type ParsedTemplate } from '@flowpress/shared';
import type { UpstreamRefs } from './useUpstreamRefs';

export interface RefCheck {
  raw: string;
  start: number;
  ok: boolean;
  message: string;
}

/** Each `{{…}}` in a template, with whether it points at an upstream step's real output. */
export function checkRefs(parsed: ParsedTemplate, refs: UpstreamRefs): RefCheck[] {
  const out: RefCheck[] = parsed.problems.map((p) => ({
    raw: '',
    start: p.index,
    ok: false,
    message: p.message,
  }));
  for (const ref of parsed.refs) {
    const base = { raw: ref.raw, start: ref.start };
    if ((RESERVED_TEMPLATE_VARS as readonly string[]).includes(ref.nodeId)) {
      out.push({
        ...base,
        ok: true,
        message: ref.nodeId === 'feedback' ? 'The reviewer’s comment' : 'About this run',
      });
    } else if (!refs.allIds.has(ref.nodeId)) {
      out.push({ ...base, ok: false, message: `There is no step called “${ref.nodeId}”.` });
    } else if (!refs.upstream.has(ref.nodeId)) {
      out.push({
        ...base,
        ok: false,
        message: `“${ref.nodeId}” is not connected before this step. Connect it first.`,
      });
    } else if (
      ref.port !== undefined &&
      !refs.portsByNode.get(ref.nodeId)?.has(ref.port) &&
      !refs.jsonDefault.has(ref.nodeId)
    ) {
      const names = [...(refs.portsByNode.get(ref.nodeId) ?? [])].join(', ');
      out.push({
        ...base,
        ok: false,
        message: `“${ref.nodeId}” has no output “${ref.port}”. It has: ${names || 'none'}.`,
      });
    } else {
      out.push({ ...base, ok: true, message: 'Filled in when the run gets here' });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}
