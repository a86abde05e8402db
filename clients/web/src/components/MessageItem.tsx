import { useRef, useState } from 'preact/hooks';
import type { Message } from '../api';
import { announce } from '../announcer';
import { deleteMessage, dismissPending, toggleReaction, type PendingMessage } from '../chat';
import { errorMessage } from '../sdk';
import { useUserName } from '../users';
import { AttachmentView } from './AttachmentView';
import { EmojiPicker, emojiName } from './EmojiPicker';
import { formatTime } from './ui';

interface MessageItemProps {
  conversationId: number;
  message: Message;
  mine: boolean;
  /** Names of those who have read up to this message ("Seen by …"), shown under one's own latest message. */
  seenBy?: string[];
  highlighted?: boolean;
  onReply: (message: Message) => void;
}

/** One message: sender, time, quote, body, attachments, reactions, and its actions. */
export function MessageItem({ conversationId, message, mine, seenBy, highlighted, onReply }: MessageItemProps) {
  const sender = useUserName(message.sender_id);
  const [picking, setPicking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const reactButton = useRef<HTMLButtonElement>(null);

  const react = async (emoji: string) => {
    setError(null);
    try {
      await toggleReaction(conversationId, message, emoji);
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };
  const closePicker = () => {
    setPicking(false);
    reactButton.current?.focus();
  };
  const remove = () => {
    if (!confirm('Delete this message for everyone?')) return;
    deleteMessage(conversationId, message.id).then(
      () => announce('Message deleted'),
      (failure: unknown) => setError(errorMessage(failure)),
    );
  };

  return (
    <li
      id={`message-${message.seq}`}
      class={`message${mine ? ' mine' : ''}${highlighted ? ' highlighted' : ''}`}
      tabIndex={-1}
      data-seq={message.seq}
    >
      <div class="message-row">
        <div class="bubble">
          <p class="message-head">
            <span class="sender">{mine ? 'You' : sender}</span>{' '}
            <time dateTime={message.created_at}>{formatTime(message.created_at)}</time>
            {message.edited_at && <span class="muted"> (edited)</span>}
          </p>
          {message.reply_to && <Quote reply={message.reply_to} />}
          {message.deleted ? (
            <p class="body muted">Message deleted</p>
          ) : (
            <>
              {message.body && <p class="body">{message.body}</p>}
              {message.attachments.map((attachment) => (
                <AttachmentView key={attachment.id} attachment={attachment} />
              ))}
            </>
          )}
        </div>
        {!message.deleted && (
          <div class="message-actions">
            <button type="button" ref={reactButton} aria-haspopup="dialog" aria-expanded={picking} onClick={() => setPicking(!picking)}>
              React
            </button>
            <button type="button" onClick={() => onReply(message)}>
              Reply
            </button>
            {mine && (
              <button type="button" onClick={remove}>
                Delete
              </button>
            )}
            {picking && (
              <EmojiPicker
                label={`React to ${mine ? 'your' : `${sender}'s`} message`}
                onClose={closePicker}
                onPick={(emoji) => {
                  closePicker();
                  void react(emoji);
                }}
              />
            )}
          </div>
        )}
      </div>
      {message.reactions.length > 0 && (
        <ul class="reactions" aria-label="Reactions">
          {message.reactions.map((reaction) => (
            <li key={reaction.emoji}>
              <button
                type="button"
                class={`reaction${reaction.me ? ' me' : ''}`}
                aria-pressed={reaction.me ? 'true' : 'false'}
                aria-label={`${emojiName(reaction.emoji)}: ${reaction.count}${reaction.me ? ', including you' : ''}`}
                onClick={() => void react(reaction.emoji)}
              >
                {reaction.emoji} <span class="count">{reaction.count}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {seenBy && seenBy.length > 0 && <p class="seen-by">Seen by {seenBy.join(', ')}</p>}
    </li>
  );
}

function Quote({ reply }: { reply: NonNullable<Message['reply_to']> }) {
  const sender = useUserName(reply.sender_id);
  const go = () => {
    const target = document.getElementById(`message-${reply.seq}`);
    target?.scrollIntoView({ block: 'center' });
    target?.focus();
  };
  return (
    <blockquote class="quote">
      <button type="button" class="link" onClick={go} aria-label={`Replying to ${sender}; show the original message`}>
        ↩ {sender}
      </button>
      <p>{reply.deleted ? <span class="muted">Message deleted</span> : reply.snippet}</p>
    </blockquote>
  );
}

/** A message of ours on its way, or refused. */
export function PendingItem({ conversationId, pending }: { conversationId: number; pending: PendingMessage }) {
  return (
    <li class="message mine pending" data-client-message-id={pending.clientMessageId}>
      <div class="bubble">
        <p class="message-head">
          <span class="sender">You</span> <span class="muted">{pending.failed ? 'not sent' : 'sending…'}</span>
        </p>
        {pending.replyTo && (
          <blockquote class="quote">
            <p>{pending.replyTo.snippet}</p>
          </blockquote>
        )}
        {pending.body && <p class="body">{pending.body}</p>}
        {pending.attachments.map((attachment) => (
          <p key={attachment.id} class="attachment-file">
            📎 {attachment.filename}
          </p>
        ))}
      </div>
      {pending.failed && (
        <p class="error" role="alert">
          {pending.failed}{' '}
          <button type="button" class="link" onClick={() => dismissPending(conversationId, pending.clientMessageId)}>
            Dismiss
          </button>
        </p>
      )}
    </li>
  );
}
