import { useEffect, useRef, useState } from 'preact/hooks';

/**
 * A value that components watch: `set` replaces it (never mutate it in place) and re-renders every component whose
 * selected part changed.
 */
export class Store<S> {
  private listeners = new Set<() => void>();

  constructor(private state: S) {}

  get(): S {
    return this.state;
  }

  /** Merges a change into the state (a shallow merge: top-level keys are replaced). */
  set(change: Partial<S> | ((state: S) => Partial<S>)): void {
    const patch = typeof change === 'function' ? change(this.state) : change;
    this.replace({ ...this.state, ...patch });
  }

  replace(state: S): void {
    this.state = state;
    for (const listener of [...this.listeners]) listener();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** The part of a store's state that `select` picks, re-rendering when it changes (by identity). */
export function useStore<S, T>(store: Store<S>, select: (state: S) => T): T {
  const [, rerender] = useState(0);
  const selectRef = useRef(select);
  selectRef.current = select;
  const selected = select(store.get());
  const last = useRef(selected);
  last.current = selected;
  useEffect(
    () =>
      store.subscribe(() => {
        if (!Object.is(selectRef.current(store.get()), last.current)) rerender((n) => n + 1);
      }),
    [store],
  );
  return selected;
}
