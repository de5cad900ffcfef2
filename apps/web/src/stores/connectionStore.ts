import { create } from 'zustand';

export type ConnectionState = 'idle' | 'connected' | 'reconnecting';

/** Whether live updates are flowing; the run panel shows "Reconnecting…" when not. */
export const useConnectionStore = create<{
  state: ConnectionState;
  set(state: ConnectionState): void;
}>((set) => ({
  state: 'idle',
  set: (state) => set({ state }),
}));
