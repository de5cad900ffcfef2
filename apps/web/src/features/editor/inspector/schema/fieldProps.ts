import type { JsonSchema } from './jsonSchema';

/** What every generated field receives. */
export interface FieldProps<T = unknown> {
  /** Key within the parent object (or index within a list). */
  name: string;
  /** Dotted path from the config root, e.g. `fields.0.name`. */
  path: string;
  schema: JsonSchema;
  value: T | undefined;
  required: boolean;
  label: string;
  onChange(value: unknown): void;
  compact?: boolean;
}
