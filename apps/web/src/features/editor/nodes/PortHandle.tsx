import type { PortSpec } from '@flowpress/shared';
import { Handle, Position } from '@xyflow/react';
import { PORT_LABEL, portColor } from '../../../ui/nodeMeta';
import classes from './StepNode.module.css';

/** A typed port: the handle's colour says what kind of value travels through it. */
export function PortHandle({ port, side }: { port: PortSpec; side: 'in' | 'out' }) {
  const title = `${port.label ?? port.name}: ${PORT_LABEL[port.type]}${port.multiple ? ' (accepts several)' : ''}`;
  return (
    <div className={classes.port} data-side={side} title={title}>
      <Handle
        id={port.name}
        type={side === 'in' ? 'target' : 'source'}
        position={side === 'in' ? Position.Left : Position.Right}
        className={classes.handle}
        style={{ ['--port-color' as string]: portColor(port.type) }}
        data-port-type={port.type}
        data-testid={`handle-${side}-${port.name}`}
      />
      <span className={classes.portName}>{port.label ?? port.name}</span>
    </div>
  );
}
