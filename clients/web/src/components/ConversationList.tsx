import type { Conversation } from '../api';
import { chat, peerOf, titleOf } from '../chat';
import { hrefOf } from '../router';
import { useStore } from '../store';
import { useUserName } from '../users';
import { Badge, PresenceDot, formatTime } from './ui';

/** The user's conversations, latest activity first, with unread and mention badges. */
export function ConversationList({ activeId }: { activeId?: number }) {
  const order = useStore(chat, (state) => state.order);
  const loaded = useStore(chat, (state) => state.listLoaded);
  return (
    <div class="conversation-list">
      <div class="sidebar-head">
        <h2 id="conversations-title">Chats</h2>
        <a class="button" href={hrefOf({ name: 'new-group' })}>
          New group
        </a>
      </div>
      {!loaded ? (
        <p role="status">Loading conversations…</p>
      ) : order.length === 0 ? (
        <p class="muted">No conversations yet. Start one from your friends list.</p>
      ) : (
        <ul aria-labelledby="conversations-title">
          {order.map((id) => (
            <ConversationItem key={id} id={id} active={id === activeId} />
          ))}
        </ul>
      )}
    </div>
  );
}

function ConversationItem({ id, active }: { id: number; active: boolean }) {
  const conversation = useStore(chat, (state) => state.conversations[id]);
  const members = useStore(chat, (state) => state.members[id]);
  const counts = useStore(chat, (state) => state.counts[id]);
  const meId = useStore(chat, (state) => state.me?.id);
  const peer = conversation?.type === 'direct' ? peerOf(members, meId) : undefined;
  // Subscribes to the peer's profile, so the title follows when it loads.
  const peerName = useUserName(peer);
  if (!conversation) return null;
  const title = conversation.type === 'direct' && peer ? peerName : titleOf(conversation, members, meId);
  return (
    <li>
      <a href={hrefOf({ name: 'conversation', id })} class={`conversation-item${active ? ' active' : ''}`} aria-current={active ? 'page' : undefined} data-conversation-id={id}>
        <span class="conversation-title">
          {peer !== undefined && <PresenceDot userId={peer} />}
          <span class="name">{title}</span>
          {conversation.type === 'group' && <span class="tag">group</span>}
        </span>
        <span class="conversation-meta">
          <Badge count={counts?.mentions ?? 0} one="unread mention" many="unread mentions" kind="mention" />
          <Badge count={counts?.unread ?? 0} one="unread message" many="unread messages" />
        </span>
        <LastMessage conversation={conversation} />
      </a>
    </li>
  );
}

function LastMessage({ conversation }: { conversation: Conversation }) {
  const message = conversation.last_message;
  const meId = useStore(chat, (state) => state.me?.id);
  const senderName = useUserName(message?.sender_id);
  if (!message) return <span class="last-message muted">No messages yet</span>;
  const sender = message.sender_id === meId ? 'You' : senderName;
  const text = message.deleted ? 'Message deleted' : message.body || (message.attachments.length > 0 ? '📎 Attachment' : '');
  return (
    <span class="last-message">
      <span class="muted">{sender}: </span>
      {text}
      <time dateTime={message.created_at} class="muted">
        {' '}
        · {formatTime(message.created_at)}
      </time>
    </span>
  );
}
