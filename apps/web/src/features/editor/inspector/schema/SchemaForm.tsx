import { Accordion, Stack } from '@mantine/core';
import type { NodeTypeInfo } from '@flowpress/shared';
import { useMemo } from 'react';
import { FormContext, type FormContextValue } from './FormContext';
import { asSchema, resolveUnion } from './jsonSchema';
import { ObjectFields } from './fields/ObjectField';
import { errorsByPath, validateObject } from './validate';

/** Settings most people never touch: tucked under "More options". */
const ADVANCED = new Set(['model', 'maxTokens', 'outputSchema', 'caseSensitive', 'count']);

interface Props {
  nodeId: string;
  info: NodeTypeInfo;
  config: Record<string, unknown>;
  /** Problems the server reported, by path inside the config. */
  serverErrors: ReadonlyMap<string, string>;
  onChange(config: Record<string, unknown>, field: string): void;
}

/**
 * The one form generator: every step's settings are drawn from its JSON Schema (`configSchema`),
 * with template fields, validation messages and server issues in place.
 */
export function SchemaForm({ nodeId, info, config, serverErrors, onChange }: Props) {
  // A union (the publish step's targets) shows the fields of the branch the config picks.
  const union = useMemo(() => asSchema(info.configSchema), [info.configSchema]);
  const schema = useMemo(() => resolveUnion(union, config), [union, config]);
  const errors = useMemo(() => {
    const merged = new Map(errorsByPath(validateObject(schema, config)));
    for (const [path, message] of serverErrors) merged.set(path, message);
    return merged;
  }, [schema, config, serverErrors]);

  const context = useMemo<FormContextValue>(
    () => ({
      nodeId,
      templateFields: new Set(info.templateFields),
      errors,
      nodeType: info.type,
      config,
    }),
    [nodeId, info.templateFields, info.type, errors, config],
  );

  const keys = Object.keys(schema.properties ?? {});
  const required = new Set(schema.required ?? []);
  const templates = new Set(info.templateFields);
  // A union's choice (where to publish) first, then templates (what the step says), then the
  // rest in schema order.
  const choice = schema !== union ? keys[0] : undefined;
  const main = [
    ...(choice ? [choice] : []),
    ...keys.filter((k) => k !== choice && templates.has(k)),
    ...keys.filter(
      (k) => k !== choice && !templates.has(k) && (required.has(k) || !ADVANCED.has(k)),
    ),
  ];
  const advanced = keys.filter((k) => !main.includes(k));
  const advancedHasError = advanced.some((k) =>
    [...errors.keys()].some((p) => p === k || p.startsWith(`${k}.`)),
  );

  return (
    <FormContext.Provider value={context}>
      <Stack gap="md" data-testid="schema-form">
        <ObjectFields schema={schema} value={config} path="" keys={main} onChange={onChange} />
        {advanced.length ? (
          <Accordion
            variant="contained"
            radius="md"
            defaultValue={advancedHasError ? 'more' : null}
            key={advancedHasError ? 'open' : 'closed'}
          >
            <Accordion.Item value="more">
              <Accordion.Control>More options</Accordion.Control>
              <Accordion.Panel>
                <Stack gap="md">
                  <ObjectFields
                    schema={schema}
                    value={config}
                    path=""
                    keys={advanced}
                    onChange={onChange}
                  />
                </Stack>
              </Accordion.Panel>
            </Accordion.Item>
          </Accordion>
        ) : null}
      </Stack>
    </FormContext.Provider>
  );
}
