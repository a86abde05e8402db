import type { Session } from '../api';
import { announce } from '../announcer';
import { ErrorText, formatTime, useAction, useLoad } from '../components/ui';
import { client } from '../sdk';

/** Where the account is logged in; any other session can be ended from here. */
export function SessionsScreen() {
  const sessions = useLoad(async () => await client.sessions(), []);
  const revoke = useAction(async (session: Session) => {
    await client.revokeSession(session.id);
    announce('Session ended');
    sessions.reload();
  });
  return (
    <section class="form-screen" aria-labelledby="sessions-title">
      <h2 id="sessions-title">Sessions</h2>
      <p class="muted">Every device or browser where you are logged in. End one you do not recognise.</p>
      <ErrorText error={sessions.error ?? revoke.error} />
      {sessions.loading && !sessions.data && <p role="status">Loading sessions…</p>}
      <ul class="sessions">
        {sessions.data?.map((session) => (
          <li key={session.id} class={session.current ? 'current' : ''}>
            <div>
              <strong>{describeAgent(session.user_agent)}</strong>
              {session.current && <span class="tag">this browser</span>}
              <p class="muted">
                Logged in {formatTime(session.created_at)}
                {session.last_used_at && <> · last used {formatTime(session.last_used_at)}</>} · ends {formatTime(session.expires_at)}
              </p>
            </div>
            {!session.current && (
              <button disabled={revoke.busy} onClick={() => void revoke.run(session)} aria-label={`End the session from ${describeAgent(session.user_agent)}, logged in ${formatTime(session.created_at)}`}>
                End session
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** A short name for a browser or app from its user agent. */
function describeAgent(agent: string | null): string {
  if (!agent) return 'Unknown device';
  const browser = /(Firefox|Edg|Chrome|Chromium|Safari)\/[\d.]+/.exec(agent)?.[1];
  const system = /(Windows|Mac OS X|Android|iPhone|iPad|Linux)/.exec(agent)?.[1];
  if (browser || system) return [browser === 'Edg' ? 'Edge' : browser, system].filter(Boolean).join(' on ');
  return agent.slice(0, 60);
}
