import type { ComponentType } from 'react';
import type { FieldProps } from './fieldProps';
import { useFormContext } from './FormContext';
import { kindOf } from './jsonSchema';
import { ArrayField } from './fields/ArrayField';
import { BooleanField } from './fields/BooleanField';
import { CredentialField } from './fields/CredentialField';
import { KnowledgeBaseField } from './fields/KnowledgeBaseField';
import { EnumField } from './fields/EnumField';
import { JsonField } from './fields/JsonField';
import { NumberField } from './fields/NumberField';
import { ObjectField } from './fields/ObjectField';
import { TextField } from './fields/TextField';
import { TemplateField } from '../template/TemplateField';

/** Pickers a step's schema asks for with `x-widget`; a new picker is one line here. */
const WIDGETS: Record<string, ComponentType<FieldProps>> = {
  credential: CredentialField,
  'knowledge-base': KnowledgeBaseField,
};

/** Picks the widget for one schema node. Every step's settings go through here. */
export function SchemaField(props: FieldProps) {
  const { templateFields } = useFormContext();
  const kind = kindOf(props.schema);
  const Widget = props.schema['x-widget'] ? WIDGETS[props.schema['x-widget']] : undefined;
  if (Widget && kind === 'string') return <Widget {...props} />;
  if (templateFields.has(props.path) && (kind === 'string' || kind === 'unknown')) {
    return <TemplateField {...props} value={typeof props.value === 'string' ? props.value : ''} />;
  }
  switch (kind) {
    case 'string':
      return <TextField {...props} value={props.value as string | undefined} />;
    case 'number':
    case 'integer':
      return <NumberField {...props} value={props.value as number | undefined} />;
    case 'boolean':
      return <BooleanField {...props} value={props.value as boolean | undefined} />;
    case 'enum':
      return <EnumField {...props} />;
    case 'array':
      return <ArrayField {...props} value={props.value as unknown[] | undefined} />;
    case 'object':
      return <ObjectField {...props} value={props.value as Record<string, unknown> | undefined} />;
    case 'json':
      return <JsonField {...props} />;
    default:
      return (
        <TextField
          {...props}
          value={
            props.value === undefined
              ? undefined
              : typeof props.value === 'string'
                ? props.value
                : JSON.stringify(props.value)
          }
        />
      );
  }
}
