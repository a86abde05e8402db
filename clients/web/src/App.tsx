import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { announcer } from './announcer';
import { chat, logOut, startChat } from './chat';
import { ConversationList } from './components/ConversationList';
import { forgetMedia } from './media';
import { hrefOf, navigate, useRoute, type Route } from './router';
import { LoginScreen, RegisterScreen, VerifyScreen } from './screens/Auth';
import { ConversationScreen } from './screens/Conversation';
import { ConversationSettingsScreen } from './screens/ConversationSettings';
import { FriendsScreen } from './screens/Friends';
import { NewGroupScreen } from './screens/NewGroup';
import { SearchScreen } from './screens/Search';
import { SessionsScreen } from './screens/Sessions';
import { client, errorMessage, statusOf } from './sdk';
import { useStore } from './store';

const PUBLIC_ROUTES = new Set<Route['name']>(['login', 'register', 'verify']);

type Boot = 'starting' | 'signed-in' | 'signed-out';

export function App() {
  const route = useRoute();
  const [boot, setBoot] = useState<Boot>(client.loggedIn ? 'starting' : 'signed-out');
  const [bootError, setBootError] = useState<string | null>(null);

  const begin = async () => {
    await startChat();
    setBoot('signed-in');
  };

  useEffect(() => {
    if (boot !== 'starting') return;
    begin().catch((error: unknown) => {
      // Tokens from an earlier visit that no longer work: start over at the login.
      if (statusOf(error) === 401) {
        void client.logout().catch(() => undefined);
        setBoot('signed-out');
      } else {
        setBootError(errorMessage(error));
      }
    });
  }, []);

  const logout = async () => {
    await logOut().catch(() => undefined);
    forgetMedia();
    setBoot('signed-out');
    navigate({ name: 'login' });
  };

  useDocumentTitle(route, boot);

  const sessionEnded = useStore(chat, (state) => state.sessionEnded);
  useEffect(() => {
    if (sessionEnded) void logout();
  }, [sessionEnded]);

  if (boot === 'starting') {
    return (
      <Shell>
        <main id="main" tabIndex={-1} class="centered">
          {bootError ? (
            <p role="alert">
              Parley could not start: {bootError} <button onClick={() => location.reload()}>Try again</button>
            </p>
          ) : (
            <p role="status">Loading…</p>
          )}
        </main>
      </Shell>
    );
  }

  if (boot === 'signed-out' || PUBLIC_ROUTES.has(route.name)) {
    return (
      <Shell>
        <main id="main" tabIndex={-1} class="centered">
          {route.name === 'register' ? (
            <RegisterScreen />
          ) : route.name === 'verify' ? (
            <VerifyScreen token={route.token} />
          ) : boot === 'signed-in' ? (
            <p>
              You are logged in. <a href={hrefOf({ name: 'chats' })}>Go to your conversations</a> or{' '}
              <button class="link" onClick={() => void logout()}>
                log out
              </button>
              .
            </p>
          ) : (
            <LoginScreen
              onLoggedIn={async () => {
                await begin();
                navigate({ name: 'chats' });
              }}
            />
          )}
        </main>
      </Shell>
    );
  }

  return (
    <Shell nav={<MainNav route={route} onLogout={logout} />}>
      <div class="layout">
        <nav class="sidebar" aria-label="Conversations">
          <ConversationList activeId={route.name === 'conversation' || route.name === 'conversation-settings' ? route.id : undefined} />
        </nav>
        <main id="main" tabIndex={-1} class="content">
          <Screen route={route} />
        </main>
      </div>
    </Shell>
  );
}

function Screen({ route }: { route: Route }) {
  switch (route.name) {
    case 'conversation':
      return <ConversationScreen key={route.id} id={route.id} seq={route.seq} />;
    case 'conversation-settings':
      return <ConversationSettingsScreen key={route.id} id={route.id} />;
    case 'new-group':
      return <NewGroupScreen />;
    case 'friends':
      return <FriendsScreen />;
    case 'search':
      return <SearchScreen initialQuery={route.q} />;
    case 'sessions':
      return <SessionsScreen />;
    default:
      return (
        <section class="empty-state" aria-labelledby="chats-title">
          <h2 id="chats-title">Conversations</h2>
          <p>Choose a conversation, start one from your <a href={hrefOf({ name: 'friends' })}>friends</a>, or create a <a href={hrefOf({ name: 'new-group' })}>group</a>.</p>
        </section>
      );
  }
}

/** The frame of every screen: skip link, banner, and the live region. */
function Shell({ nav, children }: { nav?: ComponentChildren; children: ComponentChildren }) {
  return (
    <>
      <a
        class="skip-link"
        href="#main"
        onClick={(event) => {
          // The hash holds the route: move focus without touching it.
          event.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        Skip to main content
      </a>
      <header class="banner">
        <h1 class="brand">
          <a href={hrefOf({ name: 'chats' })}>Parley</a>
        </h1>
        {nav}
      </header>
      {children}
      <LiveRegion />
    </>
  );
}

function MainNav({ route, onLogout }: { route: Route; onLogout: () => Promise<void> }) {
  const me = useStore(chat, (state) => state.me);
  const connection = useStore(chat, (state) => state.connection);
  const link = (target: Route, label: string) => (
    <li>
      <a href={hrefOf(target)} aria-current={route.name === target.name ? 'page' : undefined}>
        {label}
      </a>
    </li>
  );
  return (
    <nav class="main-nav" aria-label="Main">
      <ul>
        {link({ name: 'chats' }, 'Chats')}
        {link({ name: 'friends' }, 'Friends')}
        {link({ name: 'search' }, 'Search')}
        {link({ name: 'sessions' }, 'Sessions')}
      </ul>
      <span class={`connection ${connection}`} role="status" aria-label={`Connection: ${connection}`} title={`Connection: ${connection}`}>
        {connection === 'online' ? '' : connection === 'offline' ? 'Offline' : 'Connecting…'}
      </span>
      <span class="me">{me?.user.username}</span>
      <button onClick={() => void onLogout()}>Log out</button>
    </nav>
  );
}

/** Reads new messages and other news aloud, politely. */
function LiveRegion() {
  const { text, serial } = useStore(announcer, (state) => state);
  return (
    <div class="visually-hidden" aria-live="polite" aria-atomic="true" data-testid="live-region">
      <span key={serial}>{text}</span>
    </div>
  );
}

function useDocumentTitle(route: Route, boot: Boot) {
  const conversations = useStore(chat, (state) => state.conversations);
  const counts = useStore(chat, (state) => state.counts);
  const previous = useRef('');
  useEffect(() => {
    const unread = Object.values(counts).reduce((sum, count) => sum + count.unread, 0);
    const names: Partial<Record<Route['name'], string>> = {
      login: 'Log in',
      register: 'Create an account',
      verify: 'Verify your email',
      friends: 'Friends',
      search: 'Search',
      sessions: 'Sessions',
      'new-group': 'New group',
    };
    const screen = boot === 'signed-in' ? (names[route.name] ?? 'Chats') : (names[route.name] ?? 'Log in');
    const title = `${unread > 0 ? `(${unread}) ` : ''}${screen} · Parley`;
    if (title !== previous.current) document.title = previous.current = title;
  }, [route, boot, conversations, counts]);
}
