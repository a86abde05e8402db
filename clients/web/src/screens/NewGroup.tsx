import { useEffect, useState } from 'preact/hooks';
import { chat, createGroup, loadFriends } from '../chat';
import { ErrorText, Field, useAction } from '../components/ui';
import { hrefOf, navigate } from '../router';
import { useStore } from '../store';
import { useUserName } from '../users';

/** Creates a group with a title and some of the user's friends. */
export function NewGroupScreen() {
  const friends = useStore(chat, (state) => state.friends);
  const [title, setTitle] = useState('');
  const [chosen, setChosen] = useState<Set<number>>(new Set());
  const create = useAction(async () => navigate({ name: 'conversation', id: await createGroup(title.trim(), [...chosen]) }));
  useEffect(() => {
    void loadFriends().catch(() => undefined);
  }, []);
  const toggle = (id: number) =>
    setChosen((all) => {
      const next = new Set(all);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  return (
    <section class="form-screen" aria-labelledby="new-group-title">
      <h2 id="new-group-title">New group</h2>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void create.run();
        }}
      >
        <Field label="Group name" name="title" required maxLength={100} value={title} onInput={(e) => setTitle(e.currentTarget.value)} />
        <fieldset>
          <legend>Members</legend>
          {friends.length === 0 && (
            <p class="muted">
              Groups are made of friends: <a href={hrefOf({ name: 'friends' })}>add some first</a>.
            </p>
          )}
          {friends.map((friend) => (
            <FriendChoice key={friend.user_id} id={friend.user_id} checked={chosen.has(friend.user_id)} onToggle={toggle} />
          ))}
        </fieldset>
        <ErrorText error={create.error} />
        <button type="submit" class="primary" disabled={create.busy || !title.trim()}>
          Create group
        </button>
      </form>
    </section>
  );
}

function FriendChoice({ id, checked, onToggle }: { id: number; checked: boolean; onToggle: (id: number) => void }) {
  const name = useUserName(id);
  return (
    <label class="choice">
      <input type="checkbox" checked={checked} onChange={() => onToggle(id)} /> {name}
    </label>
  );
}
