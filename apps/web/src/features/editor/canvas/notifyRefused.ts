import { notifications } from '@mantine/notifications';

/** One notification at a time for refused connections, replaced rather than stacked. */
export function notifyRefused(reason: string): void {
  const id = 'connection-refused';
  notifications.hide(id);
  notifications.show({
    id,
    color: 'orange',
    title: 'These ports cannot be connected',
    message: reason,
    autoClose: 5000,
  });
}
