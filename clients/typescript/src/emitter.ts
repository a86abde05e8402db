/** A small typed event emitter; a handler that throws does not keep the others from running. */
export class Emitter<Events extends object> {
  private readonly handlers = new Map<keyof Events, Set<(event: never) => void>>();

  on<K extends keyof Events>(type: K, handler: (event: Events[K]) => void): () => void {
    let set = this.handlers.get(type);
    if (!set) {
      set = new Set();
      this.handlers.set(type, set);
    }
    set.add(handler as (event: never) => void);
    return () => {
      set.delete(handler as (event: never) => void);
    };
  }

  emit<K extends keyof Events>(type: K, event: Events[K]): void {
    const set = this.handlers.get(type);
    if (!set) return;
    for (const handler of [...set]) {
      try {
        (handler as (event: Events[K]) => void)(event);
      } catch (error) {
        // The application's bug must not stop delivery to the other handlers, nor hide: rethrown outside.
        setTimeout(() => {
          throw error;
        }, 0);
      }
    }
  }
}
