import { JsonInput } from '@mantine/core';
import { useState } from 'react';
import type { FieldProps } from '../fieldProps';
import { useFormContext } from '../FormContext';

/** Free-form values (an object without declared keys, a value of any type) as JSON text. */
export function JsonField({ path, schema, value, required, label, onChange, compact }: FieldProps) {
  const { errors } = useFormContext();
  const [text, setText] = useState(() =>
    value === undefined ? '' : JSON.stringify(value, null, 2),
  );
  const [parseError, setParseError] = useState<string | null>(null);
  return (
    <JsonInput
      label={label}
      description={compact ? undefined : schema.description}
      withAsterisk={required}
      value={text}
      onChange={(next) => {
        setText(next);
        if (!next.trim()) {
          setParseError(null);
          onChange(undefined);
          return;
        }
        try {
          onChange(JSON.parse(next));
          setParseError(null);
        } catch {
          setParseError('This is not valid JSON yet');
        }
      }}
      error={parseError ?? errors.get(path)}
      autosize
      minRows={compact ? 1 : 3}
      maxRows={12}
      formatOnBlur
      placeholder={compact ? 'Value' : '{ }'}
      size={compact ? 'xs' : 'sm'}
      data-field={path}
    />
  );
}
