import type { ComponentChildren, InputHTMLAttributes } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { chat } from '../chat';
import { errorMessage } from '../sdk';
import { useStore } from '../store';

/** A labelled input; every form control in the app has a visible label. */
export function Field(props: InputHTMLAttributes<HTMLInputElement> & { label: string; hint?: string }) {
  const { label, hint, id, ...input } = props;
  const inputId = id ?? `field-${label.toLowerCase().replace(/\W+/g, '-')}`;
  return (
    <div class="field">
      <label for={inputId}>{label}</label>
      <input id={inputId} aria-describedby={hint ? `${inputId}-hint` : undefined} {...input} />
      {hint && (
        <p class="hint" id={`${inputId}-hint`}>
          {hint}
        </p>
      )}
    </div>
  );
}

/** An error the user should hear about at once. */
export function ErrorText({ error }: { error: string | null | undefined }) {
  return error ? (
    <p class="error" role="alert">
      {error}
    </p>
  ) : null;
}

/** A success or progress note, read politely. */
export function StatusText({ children }: { children: ComponentChildren }) {
  return (
    <p class="status-note" role="status">
      {children}
    </p>
  );
}

/**
 * Runs an action for a button or form: `busy` while it runs, `error` with its message when it failed. The action's
 * own errors never escape as unhandled rejections.
 */
export function useAction<A extends unknown[]>(action: (...args: A) => Promise<unknown>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const live = useRef(true);
  useEffect(
    () => () => {
      live.current = false;
    },
    [],
  );
  const run = useCallback(
    async (...args: A): Promise<boolean> => {
      setBusy(true);
      setError(null);
      try {
        await action(...args);
        return true;
      } catch (failure) {
        if (live.current) setError(errorMessage(failure));
        return false;
      } finally {
        if (live.current) setBusy(false);
      }
    },
    [action],
  );
  return { run, busy, error, setError };
}

/** Loads data for a screen; `reload` asks again (keeping the data shown meanwhile). */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): { data?: T; error?: string; loading: boolean; reload: () => void } {
  const [state, setState] = useState<{ data?: T; error?: string; loading: boolean }>({ loading: true });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    setState((previous) => ({ ...previous, loading: true }));
    load().then(
      (data) => live && setState({ data, loading: false }),
      (error: unknown) => live && setState({ error: errorMessage(error), loading: false }),
    );
    return () => {
      live = false;
    };
  }, [...deps, round]);
  const reload = useCallback(() => setRound((n) => n + 1), []);
  return { ...state, reload };
}

/** A friend's presence as a dot with a text alternative. */
export function PresenceDot({ userId }: { userId: number | undefined }) {
  const presence = useStore(chat, (state) => (userId == null ? undefined : state.presence[userId]));
  if (!presence) return null;
  const label = presence.online ? 'online' : presence.last_seen_at ? `offline, last seen ${formatTime(presence.last_seen_at)}` : 'offline';
  return <span class={`presence ${presence.online ? 'online' : 'offline'}`} role="img" aria-label={label} title={label} />;
}

/** A count badge; screen readers get its meaning in words ("3 unread messages") instead of the number. */
export function Badge({ count, one, many, kind }: { count: number; one: string; many: string; kind?: 'mention' }) {
  if (count <= 0) return null;
  return (
    <>
      <span class={`badge ${kind ?? ''}`} aria-hidden="true">
        {kind === 'mention' ? `@${count}` : count > 99 ? '99+' : count}
      </span>
      <span class="visually-hidden">
        {count} {count === 1 ? one : many}
      </span>
    </>
  );
}

const TIME = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const DAY_AND_TIME = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });

/** A timestamp as a person reads it: the time today, the day and time before. */
export function formatTime(iso: string): string {
  const date = new Date(iso);
  return date.toDateString() === new Date().toDateString() ? TIME.format(date) : DAY_AND_TIME.format(date);
}

/** Calls `refresh` every `ms` and when the window comes back into focus, while the component is shown. */
export function useRefresh(refresh: () => void, ms: number): void {
  useEffect(() => {
    const timer = setInterval(refresh, ms);
    addEventListener('focus', refresh);
    return () => {
      clearInterval(timer);
      removeEventListener('focus', refresh);
    };
  }, [refresh, ms]);
}
