import type { GraphJson } from './session';

/**
 * A large, valid workflow for canvas performance: one input, then rows of prompt and template
 * steps chained left to right, with diagonal edges between neighbouring rows (never backwards,
 * so no cycles). Configs reference nothing, so the server accepts it as is.
 */
export function bigGraph(count: number, columns = 20): GraphJson {
  const nodes: GraphJson['nodes'] = [
    {
      id: 'brief',
      type: 'input',
      label: 'Brief',
      position: { x: -360, y: 0 },
      data: { fields: [{ name: 'topic', type: 'text', required: true }] },
    },
  ];
  const edges: GraphJson['edges'] = [];
  const idAt = (row: number, col: number) => `n${row}_${col}`;
  const rows = Math.ceil((count - 1) / columns);
  let made = 1;
  for (let row = 0; row < rows && made < count; row++) {
    for (let col = 0; col < columns && made < count; col++, made++) {
      const id = idAt(row, col);
      const prompt = (row + col) % 3 !== 2;
      nodes.push({
        id,
        type: prompt ? 'prompt' : 'template',
        label: prompt ? `Draft ${row + 1}.${col + 1}` : `Assemble ${row + 1}.${col + 1}`,
        position: { x: col * 340, y: row * 220 },
        data: prompt
          ? { template: `Write variant ${row + 1}.${col + 1} of the tagline.`, temperature: 0.7 }
          : { template: `Variant ${row + 1}.${col + 1}` },
      });
      if (col === 0) {
        edges.push({ id: `e_in_${id}`, source: 'brief', target: id, sourceHandle: 'topic' });
      } else {
        edges.push({ id: `e_${id}`, source: idAt(row, col - 1), target: id, sourceHandle: 'text' });
      }
      if (row > 0 && col > 0 && col % 2 === 0) {
        edges.push({
          id: `d_${id}`,
          source: idAt(row - 1, col - 1),
          target: id,
          sourceHandle: 'text',
        });
      }
    }
  }
  return { version: 1, nodes, edges };
}
