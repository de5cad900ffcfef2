import { ConfirmDeleteModal as ConfirmDelete } from '../../ui/ConfirmDeleteModal';

interface Props {
  name: string | null;
  loading: boolean;
  onCancel(): void;
  onConfirm(): void;
}

export function ConfirmDeleteModal({ name, loading, onCancel, onConfirm }: Props) {
  return (
    <ConfirmDelete
      opened={name !== null}
      title="Delete this workflow?"
      loading={loading}
      confirmLabel="Delete workflow"
      confirmTestId="confirm-delete"
      onCancel={onCancel}
      onConfirm={onConfirm}
    >
      <b>{name}</b> and its version history will be deleted. Past runs stay in the run history. This
      cannot be undone.
    </ConfirmDelete>
  );
}
