import type { NodeTypeInfo } from '@flowpress/shared';

function firstWords(text: string, max = 52): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat;
}

/** One line that says what a step is set to do: "gpt-4o-mini · 0.7", "topic, audience", the first words of a template. */
export function nodeSummary(
  info: NodeTypeInfo | undefined,
  config: Record<string, unknown>,
): string {
  if (!info) return 'Unknown step type';
  const fields = config.fields;
  if (Array.isArray(fields)) {
    const names = fields
      .map((f) => (f && typeof f === 'object' ? (f as { name?: unknown }).name : null))
      .filter((n): n is string => typeof n === 'string' && n.length > 0);
    return names.length ? `Asks for ${names.join(', ')}` : 'No fields yet';
  }
  const model =
    typeof config.model === 'string' && config.model.trim() ? config.model.trim() : null;
  const temperature = typeof config.temperature === 'number' ? config.temperature : null;
  if (model || temperature !== null)
    return [model ?? 'Default model', temperature ?? undefined]
      .filter((p) => p !== undefined)
      .join(' · ');
  if (typeof config.target === 'string') {
    const title =
      typeof config.title === 'string' && config.title ? ` · ${firstWords(config.title, 32)}` : '';
    return `To ${config.target}${title}`;
  }
  if (typeof config.when === 'string') {
    const value =
      typeof config.value === 'string' && config.value ? ` “${firstWords(config.value, 24)}”` : '';
    return `If ${config.when}${value}`;
  }
  for (const field of info.templateFields) {
    const value = config[field];
    if (typeof value === 'string' && value.trim()) return firstWords(value);
  }
  if (typeof config.size === 'string') return config.size;
  return info.description ? firstWords(info.description) : info.label;
}
