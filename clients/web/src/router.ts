import { useEffect, useState } from 'preact/hooks';

/**
 * The screens, addressed by the part of the URL after `#`, so the proxy serves one index.html for all of them:
 * #/login, #/register, #/verify, #/verify/<token>, #/chats, #/c/<id>, #/c/<id>/settings, #/new-group,
 * #/friends, #/search, #/sessions.
 */
export type Route =
  | { name: 'login' }
  | { name: 'register' }
  | { name: 'verify'; token?: string }
  | { name: 'chats' }
  | { name: 'conversation'; id: number; seq?: number }
  | { name: 'conversation-settings'; id: number }
  | { name: 'new-group' }
  | { name: 'friends' }
  | { name: 'search'; q?: string }
  | { name: 'sessions' };

/** The route of a hash such as "#/c/12". Unknown hashes lead to the conversation list. */
export function parseRoute(hash: string): Route {
  const [path, query = ''] = hash.replace(/^#/, '').split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const params = new URLSearchParams(query);
  switch (parts[0]) {
    case 'login':
      return { name: 'login' };
    case 'register':
      return { name: 'register' };
    case 'verify':
      return { name: 'verify', token: parts[1] };
    case 'c': {
      const id = Number(parts[1]);
      if (!Number.isInteger(id) || id <= 0) return { name: 'chats' };
      if (parts[2] === 'settings') return { name: 'conversation-settings', id };
      const seq = Number(params.get('seq'));
      return { name: 'conversation', id, seq: Number.isInteger(seq) && seq > 0 ? seq : undefined };
    }
    case 'new-group':
      return { name: 'new-group' };
    case 'friends':
      return { name: 'friends' };
    case 'search':
      return { name: 'search', q: params.get('q') ?? undefined };
    case 'sessions':
      return { name: 'sessions' };
    default:
      return { name: 'chats' };
  }
}

/** The hash that addresses a route. */
export function hrefOf(route: Route): string {
  switch (route.name) {
    case 'verify':
      return route.token ? `#/verify/${encodeURIComponent(route.token)}` : '#/verify';
    case 'conversation':
      return `#/c/${route.id}${route.seq ? `?seq=${route.seq}` : ''}`;
    case 'conversation-settings':
      return `#/c/${route.id}/settings`;
    case 'search':
      return route.q ? `#/search?q=${encodeURIComponent(route.q)}` : '#/search';
    default:
      return `#/${route.name}`;
  }
}

export function navigate(route: Route): void {
  location.hash = hrefOf(route);
}

/** The current route, following the address bar. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const follow = () => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', follow);
    return () => removeEventListener('hashchange', follow);
  }, []);
  return route;
}
