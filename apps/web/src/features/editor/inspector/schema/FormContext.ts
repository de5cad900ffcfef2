import { createContext, useContext } from 'react';

export interface FormContextValue {
  /** Step being edited: template fields offer its upstream references. */
  nodeId: string;
  /** Top-level config keys holding templates. */
  templateFields: ReadonlySet<string>;
  /** Messages by path inside the config (`fields.0.name`): schema checks and server issues. */
  errors: ReadonlyMap<string, string>;
  /** The catalog type being edited, for field wording. */
  nodeType: string;
  /** The whole config, for fields that depend on a sibling (a credential on the chosen target). */
  config: Record<string, unknown>;
}

export const FormContext = createContext<FormContextValue>({
  nodeId: '',
  templateFields: new Set(),
  errors: new Map(),
  nodeType: '',
  config: {},
});

export function useFormContext(): FormContextValue {
  return useContext(FormContext);
}
