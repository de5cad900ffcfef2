import { Paper, Table } from '@mantine/core';
import type { LibraryItem } from '../../api/useLibrary';
import { LibraryRow } from './LibraryRow';

export function LibraryTable({
  items,
  mayEdit,
  togglingId,
  onToggle,
}: {
  items: LibraryItem[];
  mayEdit: boolean;
  togglingId: string | null;
  onToggle(item: LibraryItem): void;
}) {
  return (
    <Paper withBorder radius="lg" style={{ overflow: 'hidden' }}>
      <Table verticalSpacing="sm" horizontalSpacing="md" data-testid="library-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Piece</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Published</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => (
            <LibraryRow
              key={item.id}
              item={item}
              mayEdit={mayEdit}
              toggling={togglingId === item.id}
              onToggle={() => onToggle(item)}
            />
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
