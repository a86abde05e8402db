import { Store } from './store';

/**
 * What the polite live region says next (new messages, results of actions), for screen readers. `serial` changes
 * on every announcement so the same sentence twice is read twice.
 */
export const announcer = new Store({ text: '', serial: 0 });

export function announce(text: string): void {
  announcer.set((state) => ({ text, serial: state.serial + 1 }));
}
