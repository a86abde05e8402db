import { useEffect, useState } from 'preact/hooks';
import type { Member } from '../api';
import { announce } from '../announcer';
import { addMember, chat, loadDetails, loadFriends, peerOf, removeMember, renameGroup, titleOf } from '../chat';
import { ErrorText, Field, PresenceDot, useAction } from '../components/ui';
import { hrefOf, navigate } from '../router';
import { useStore } from '../store';
import { useUserName } from '../users';

/** A conversation's members; for a group also its name, adding friends, removing members and leaving. */
export function ConversationSettingsScreen({ id }: { id: number }) {
  const conversation = useStore(chat, (state) => state.conversations[id]);
  const members = useStore(chat, (state) => state.members[id]);
  const meId = useStore(chat, (state) => state.me?.id);
  const friends = useStore(chat, (state) => state.friends);
  useEffect(() => {
    void loadDetails(id).catch(() => undefined);
    void loadFriends().catch(() => undefined);
  }, [id]);

  const myRole = members?.find((member) => member.user_id === meId)?.role;
  const manages = myRole === 'owner' || myRole === 'admin';
  const group = conversation?.type === 'group';
  const peerName = useUserName(group ? undefined : peerOf(members, meId));
  const title = group ? titleOf(conversation, members, meId) : peerName;

  const leave = useAction(async () => {
    if (meId == null || !confirm('Leave this group?')) return;
    await removeMember(id, meId);
    announce('You left the group');
    navigate({ name: 'chats' });
  });

  return (
    <section class="form-screen" aria-labelledby="settings-title">
      <p>
        <a href={hrefOf({ name: 'conversation', id })}>← Back to the conversation</a>
      </p>
      <h2 id="settings-title">{title}</h2>
      {group && manages && <RenameForm id={id} current={conversation?.title ?? ''} />}

      <section aria-labelledby="members-title">
        <h3 id="members-title">Members</h3>
        {!members && <p role="status">Loading members…</p>}
        <ul class="people">
          {members?.map((member) => (
            <MemberRow key={member.user_id} id={id} member={member} isMe={member.user_id === meId} canRemove={group && manages && member.user_id !== meId && member.role !== 'owner'} />
          ))}
        </ul>
      </section>

      {group && manages && members && (
        <AddMemberForm id={id} candidates={friends.map((friend) => friend.user_id).filter((userId) => !members.some((member) => member.user_id === userId))} />
      )}
      {group && (
        <>
          <ErrorText error={leave.error} />
          <button class="danger" disabled={leave.busy} onClick={() => void leave.run()}>
            Leave group
          </button>
        </>
      )}
    </section>
  );
}

function RenameForm({ id, current }: { id: number; current: string }) {
  const [title, setTitle] = useState(current);
  useEffect(() => setTitle(current), [current]);
  const rename = useAction(async () => {
    await renameGroup(id, title.trim());
    announce('Group renamed');
  });
  return (
    <form
      class="inline-form"
      onSubmit={(event) => {
        event.preventDefault();
        void rename.run();
      }}
    >
      <Field label="Group name" name="title" required maxLength={100} value={title} onInput={(e) => setTitle(e.currentTarget.value)} />
      <button type="submit" disabled={rename.busy || !title.trim() || title.trim() === current}>
        Rename
      </button>
      <ErrorText error={rename.error} />
    </form>
  );
}

function MemberRow({ id, member, isMe, canRemove }: { id: number; member: Member; isMe: boolean; canRemove: boolean }) {
  const name = useUserName(member.user_id);
  const remove = useAction(async () => {
    if (!confirm(`Remove ${name} from the group?`)) return;
    await removeMember(id, member.user_id);
    announce(`${name} removed`);
  });
  return (
    <li>
      <span class="person">
        <PresenceDot userId={isMe ? undefined : member.user_id} /> <span class="name">{isMe ? `${name} (you)` : name}</span>{' '}
        <span class="tag">{member.role}</span>
      </span>
      {canRemove && (
        <span class="actions">
          <button disabled={remove.busy} onClick={() => void remove.run()} aria-label={`Remove ${name} from the group`}>
            Remove
          </button>
        </span>
      )}
      <ErrorText error={remove.error} />
    </li>
  );
}

function AddMemberForm({ id, candidates }: { id: number; candidates: number[] }) {
  const [chosen, setChosen] = useState('');
  const add = useAction(async () => {
    await addMember(id, Number(chosen));
    setChosen('');
    announce('Member added');
  });
  if (candidates.length === 0) return <p class="muted">Every friend of yours is already in this group.</p>;
  return (
    <form
      class="inline-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (chosen) void add.run();
      }}
    >
      <div class="field">
        <label for="add-member">Add a friend</label>
        <select id="add-member" value={chosen} onChange={(e) => setChosen(e.currentTarget.value)}>
          <option value="">Choose…</option>
          {candidates.map((userId) => (
            <CandidateOption key={userId} id={userId} />
          ))}
        </select>
      </div>
      <button type="submit" disabled={add.busy || !chosen}>
        Add
      </button>
      <ErrorText error={add.error} />
    </form>
  );
}

function CandidateOption({ id }: { id: number }) {
  return <option value={String(id)}>{useUserName(id)}</option>;
}
