import { NodeResizer, type NodeProps } from '@xyflow/react';
import { memo, useState } from 'react';
import { updateNote } from '../state/graphActions';
import type { NoteNode as NoteNodeType } from '../state/types';
import classes from './NoteNode.module.css';

/** A sticky note: double-click to write, drag the corners to resize. Notes never run. */
function NoteCard({ id, data, selected }: NodeProps<NoteNodeType>) {
  const [editing, setEditing] = useState(false);
  return (
    <div
      className={classes.note}
      data-selected={selected || undefined}
      onDoubleClick={() => setEditing(true)}
      data-testid="sticky-note"
    >
      <NodeResizer
        isVisible={selected}
        minWidth={160}
        minHeight={90}
        color="var(--mantine-color-yellow-6)"
      />
      {editing ? (
        <textarea
          className={`${classes.text} nodrag nowheel`}
          autoFocus
          defaultValue={data.text}
          placeholder="Write a note for your team…"
          onChange={(e) => updateNote(id, e.currentTarget.value)}
          onBlur={() => setEditing(false)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') e.currentTarget.blur();
            e.stopPropagation();
          }}
        />
      ) : (
        <div className={classes.text}>
          {data.text || <span className={classes.placeholder}>Double-click to write a note</span>}
        </div>
      )}
    </div>
  );
}

export const NoteNode = memo(NoteCard);
