import { useState } from 'preact/hooks';
import type { Block, Friend, FriendRequest, User } from '../api';
import { announce } from '../announcer';
import { chat, loadFriends, openDirect } from '../chat';
import { ErrorText, Field, PresenceDot, useAction, useLoad, useRefresh } from '../components/ui';
import { navigate } from '../router';
import { client } from '../sdk';
import { useStore } from '../store';
import { remember, useUserName } from '../users';

interface Relations {
  incoming: FriendRequest[];
  outgoing: FriendRequest[];
  blocked: Block[];
}

async function loadRelations(): Promise<Relations> {
  const [incoming, outgoing, blocked] = await Promise.all([
    client.friends.requests('incoming'),
    client.friends.requests('outgoing'),
    client.friends.blocked(),
    loadFriends(),
  ]);
  return { incoming, outgoing, blocked };
}

/** Friends with their presence, requests both ways, finding people by username, and blocks. */
export function FriendsScreen() {
  const relations = useLoad(loadRelations, []);
  // Friend requests do not come over the stream: look again now and then.
  useRefresh(relations.reload, 10_000);
  const friends = useStore(chat, (state) => state.friends);
  const [error, setError] = useState<string | null>(null);
  const act = useAction(async (what: () => Promise<unknown>, done: string) => {
    setError(null);
    await what();
    announce(done);
    relations.reload();
  });

  return (
    <section class="friends" aria-labelledby="friends-title">
      <h2 id="friends-title">Friends</h2>
      <ErrorText error={act.error ?? error ?? relations.error} />
      {!relations.data && relations.loading && <p role="status">Loading requests…</p>}
      <FindPeople onRequested={() => relations.reload()} friendIds={friends.map((friend) => friend.user_id)} />

      <section aria-labelledby="incoming-title">
        <h3 id="incoming-title">Requests to you</h3>
        {relations.data && relations.data.incoming.length === 0 && <p class="muted">No requests.</p>}
        <ul class="people">
          {relations.data?.incoming.map((request) => (
            <li key={request.id}>
              <Name id={request.requester_id} />
              <span class="actions">
                <button class="primary" disabled={act.busy} onClick={() => void act.run(() => client.friends.accept(request.id), 'Request accepted')}>
                  Accept
                </button>
                <button disabled={act.busy} onClick={() => void act.run(() => client.friends.decline(request.id), 'Request declined')}>
                  Decline
                </button>
              </span>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="outgoing-title">
        <h3 id="outgoing-title">Requests you sent</h3>
        {relations.data && relations.data.outgoing.length === 0 && <p class="muted">None pending.</p>}
        <ul class="people">
          {relations.data?.outgoing.map((request) => (
            <li key={request.id}>
              <Name id={request.addressee_id} />
              <span class="actions">
                <button disabled={act.busy} onClick={() => void act.run(() => client.friends.cancel(request.id), 'Request cancelled')}>
                  Cancel request
                </button>
              </span>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="friends-list-title">
        <h3 id="friends-list-title">Your friends</h3>
        {friends.length === 0 && <p class="muted">No friends yet: find people above by their username.</p>}
        <ul class="people">
          {friends.map((friend) => (
            <FriendRow key={friend.user_id} friend={friend} busy={act.busy} act={act.run} onError={setError} />
          ))}
        </ul>
      </section>

      <section aria-labelledby="blocked-title">
        <h3 id="blocked-title">Blocked</h3>
        {relations.data && relations.data.blocked.length === 0 && <p class="muted">Nobody.</p>}
        <ul class="people">
          {relations.data?.blocked.map((block) => (
            <li key={block.user_id}>
              <Name id={block.user_id} />
              <span class="actions">
                <button disabled={act.busy} onClick={() => void act.run(() => client.friends.unblock(block.user_id), 'Unblocked')}>
                  Unblock
                </button>
              </span>
            </li>
          ))}
        </ul>
      </section>
    </section>
  );
}

function FriendRow({
  friend,
  busy,
  act,
  onError,
}: {
  friend: Friend;
  busy: boolean;
  act: (what: () => Promise<unknown>, done: string) => Promise<boolean>;
  onError: (error: string | null) => void;
}) {
  const name = useUserName(friend.user_id);
  const message = useAction(async () => navigate({ name: 'conversation', id: await openDirect(friend.user_id) }));
  return (
    <li data-user-id={friend.user_id}>
      <span class="person">
        <PresenceDot userId={friend.user_id} /> <span class="name">{name}</span>
      </span>
      <span class="actions">
        <button class="primary" disabled={message.busy} onClick={() => void message.run()} aria-label={`Message ${name}`}>
          Message
        </button>
        <button
          disabled={busy}
          aria-label={`Remove ${name} from friends`}
          onClick={() => {
            onError(null);
            if (confirm(`Remove ${name} from your friends?`)) void act(() => client.friends.remove(friend.user_id), `${name} removed`);
          }}
        >
          Remove
        </button>
        <button
          disabled={busy}
          aria-label={`Block ${name}`}
          onClick={() => {
            if (confirm(`Block ${name}? They will no longer be able to reach you.`)) void act(() => client.friends.block(friend.user_id), `${name} blocked`);
          }}
        >
          Block
        </button>
      </span>
      <ErrorText error={message.error} />
    </li>
  );
}

/** Finds people by the start of their username and sends them a friend request. */
function FindPeople({ onRequested, friendIds }: { onRequested: () => void; friendIds: number[] }) {
  const meId = useStore(chat, (state) => state.me?.id);
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<User[] | null>(null);
  const [sent, setSent] = useState<Set<number>>(new Set());
  const search = useAction(async () => {
    const people = (await client.users.search(query.trim())).filter((user) => user.id !== meId);
    remember(...people);
    setFound(people);
  });
  const request = useAction(async (user: User) => {
    await client.friends.request(user.id);
    setSent((all) => new Set(all).add(user.id));
    announce(`Friend request sent to ${user.username}`);
    onRequested();
  });
  return (
    <section aria-labelledby="find-title" class="find-people">
      <h3 id="find-title">Add a friend</h3>
      <form
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          if (query.trim()) void search.run();
        }}
      >
        <Field label="Username starts with" name="username" value={query} onInput={(e) => setQuery(e.currentTarget.value)} autocomplete="off" />
        <button type="submit" disabled={search.busy}>
          Find
        </button>
      </form>
      <ErrorText error={search.error ?? request.error} />
      {found && (
        <ul class="people" aria-label="People found">
          {found.length === 0 && <li class="muted">Nobody by that name.</li>}
          {found.map((user) => (
            <li key={user.id}>
              <span class="name">{user.username}</span>
              <span class="actions">
                {friendIds.includes(user.id) ? (
                  <span class="muted">Friend</span>
                ) : sent.has(user.id) ? (
                  <span class="muted">Request sent</span>
                ) : (
                  <button class="primary" disabled={request.busy} onClick={() => void request.run(user)} aria-label={`Add ${user.username} as a friend`}>
                    Add friend
                  </button>
                )}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Name({ id }: { id: number }) {
  return <span class="name">{useUserName(id)}</span>;
}
