import type { User } from './api';
import { client } from './sdk';
import { Store, useStore } from './store';

/** Profiles seen so far, by id; asked of the API once per id. */
export const users = new Store<Record<number, User>>({});
const asked = new Map<number, Promise<User | null>>();

/** The profile of a user, from the cache or the API (null for a user who no longer exists or is hidden). */
export function loadUser(id: number): Promise<User | null> {
  const known = users.get()[id];
  if (known) return Promise.resolve(known);
  let pending = asked.get(id);
  if (!pending) {
    pending = (client.users.get(id))
      .then((user) => {
        remember(user);
        return user;
      })
      .catch(() => {
        // Asked again only after a while: every render of a deleted account's name would ask otherwise.
        setTimeout(() => asked.delete(id), 30_000);
        return null;
      });
    asked.set(id, pending);
  }
  return pending;
}

/** Adds profiles the app received some other way (search results, the account). */
export function remember(...found: User[]): void {
  if (found.length === 0) return;
  users.set(Object.fromEntries(found.map((user) => [user.id, user])));
}

/** A user's name for display: loads the profile on first use and shows "user 12" until it arrives. */
export function useUserName(id: number | null | undefined): string {
  const user = useStore(users, (all) => (id == null ? undefined : all[id]));
  if (id == null) return '';
  if (!user) {
    void loadUser(id);
    return `user ${id}`;
  }
  return user.username;
}

/** The name of a user if known now, for text built outside components (announcements). */
export function nameOf(id: number): string {
  return users.get()[id]?.username ?? `user ${id}`;
}

export function forgetUsers(): void {
  asked.clear();
  users.replace({});
}
