import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Message } from '../api';
import { chat, closeThread, loadOlder, loadUntil, openThread, peerOf, titleOf } from '../chat';
import { Composer } from '../components/Composer';
import { MessageItem, PendingItem } from '../components/MessageItem';
import { PresenceDot } from '../components/ui';
import { hrefOf } from '../router';
import { useStore } from '../store';
import { nameOf, useUserName, users } from '../users';

/** A conversation: its history (older pages load as you scroll up), who is typing, and the composer. */
export function ConversationScreen({ id, seq }: { id: number; seq?: number }) {
  const conversation = useStore(chat, (state) => state.conversations[id]);
  const members = useStore(chat, (state) => state.members[id]);
  const meId = useStore(chat, (state) => state.me?.id);
  const peer = conversation?.type === 'direct' ? peerOf(members, meId) : undefined;
  const peerName = useUserName(peer);
  const [replyTo, setReplyTo] = useState<Message | null>(null);
  const [highlight, setHighlight] = useState<number | undefined>(seq);

  useEffect(() => {
    void openThread(id);
    return () => closeThread(id);
  }, [id]);

  // A search result: load back to the message, then show it.
  useEffect(() => {
    if (!seq) return;
    setHighlight(seq);
    void loadUntil(id, seq).then((found) => {
      if (!found) return;
      requestAnimationFrame(() => {
        // A jump, not a scroll through the history: instant, whatever the motion preference.
        const target = document.getElementById(`message-${seq}`);
        target?.scrollIntoView({ block: 'center' });
        target?.focus({ preventScroll: true });
      });
    });
  }, [id, seq]);

  const title = conversation?.type === 'direct' && peer ? peerName : titleOf(conversation, members, meId);

  return (
    <section class="conversation" aria-labelledby="conversation-title">
      <header class="conversation-head">
        <h2 id="conversation-title">
          {peer !== undefined && <PresenceDot userId={peer} />} {title}
        </h2>
        {conversation?.type === 'group' && members && <span class="muted">{members.length} members</span>}
        <a href={hrefOf({ name: 'conversation-settings', id })} class="button">
          {conversation?.type === 'group' ? 'Members and settings' : 'Details'}
        </a>
      </header>
      <MessageList id={id} meId={meId} highlight={highlight} onReply={setReplyTo} />
      <TypingIndicator id={id} />
      <Composer conversationId={id} title={title} members={members} meId={meId} replyTo={replyTo} onCancelReply={() => setReplyTo(null)} />
    </section>
  );
}

function MessageList({ id, meId, highlight, onReply }: { id: number; meId?: number; highlight?: number; onReply: (message: Message) => void }) {
  const thread = useStore(chat, (state) => state.threads[id]);
  const receipts = useStore(chat, (state) => state.receipts[id]);
  useStore(users, (all) => all); // names in "Seen by" follow the profiles as they load
  const scroller = useRef<HTMLDivElement>(null);
  const olderButton = useRef<HTMLButtonElement>(null);
  const keepPlace = useRef<{ height: number; top: number } | null>(null);
  const atBottom = useRef(true);

  const messages = thread?.messages ?? [];
  const pending = thread?.pending ?? [];
  const firstSeq = messages[0]?.seq;
  const lastKey = `${messages.at(-1)?.seq}:${messages.at(-1)?.reactions.length}:${pending.length}`;

  const showOlder = async () => {
    const element = scroller.current;
    keepPlace.current = element ? { height: element.scrollHeight, top: element.scrollTop } : null;
    await loadOlder(id);
  };

  // Older messages were put on top: keep what the reader was looking at in place.
  useLayoutEffect(() => {
    const element = scroller.current;
    if (element && keepPlace.current) {
      element.scrollTop = element.scrollHeight - keepPlace.current.height + keepPlace.current.top;
      keepPlace.current = null;
    }
  }, [firstSeq]);

  // New messages at the bottom: follow them when the reader was at the bottom.
  useLayoutEffect(() => {
    const element = scroller.current;
    if (element && atBottom.current && !highlight) element.scrollTop = element.scrollHeight;
  }, [lastKey]);

  // Scrolling up to the top loads the page before it.
  useEffect(() => {
    const button = olderButton.current;
    if (!button || !scroller.current || !thread?.loaded) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) void showOlder();
      },
      { root: scroller.current, rootMargin: '200px 0px 0px 0px' },
    );
    observer.observe(button);
    return () => observer.disconnect();
  }, [thread?.loaded, thread?.hasOlder, firstSeq]);

  const seenBy = seenByOf(messages, receipts, meId);

  return (
    <div
      class="messages"
      ref={scroller}
      tabIndex={0}
      role="region"
      aria-label="Messages"
      onScroll={(event) => {
        const element = event.currentTarget;
        atBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < 80;
      }}
    >
      {thread?.loaded && thread.hasOlder && (
        <button type="button" class="load-older" ref={olderButton} disabled={thread.loading} onClick={() => void showOlder()}>
          {thread.loading ? 'Loading older messages…' : 'Load older messages'}
        </button>
      )}
      {thread?.loaded && !thread.hasOlder && <p class="muted history-start">This is the beginning of the conversation.</p>}
      {!thread?.loaded && <p role="status">Loading messages…</p>}
      {thread?.error && (
        <p class="error" role="alert">
          {thread.error}
        </p>
      )}
      <ol class="message-list">
        {messages.map((message) => (
          <MessageItem
            key={message.seq}
            conversationId={id}
            message={message}
            mine={message.sender_id === meId}
            seenBy={seenBy?.seq === message.seq ? seenBy.names : undefined}
            highlighted={highlight === message.seq}
            onReply={onReply}
          />
        ))}
        {pending.map((item) => (
          <PendingItem key={item.clientMessageId} conversationId={id} pending={item} />
        ))}
      </ol>
    </div>
  );
}

/** Who has read the reader's own latest message: shown under it as "Seen by …". */
function seenByOf(messages: Message[], receipts: Record<number, { last_read_seq: number | null }> | undefined, meId?: number) {
  if (!receipts || meId == null) return undefined;
  const mine = messages.findLast((message) => message.sender_id === meId && !message.deleted);
  if (!mine) return undefined;
  const names = Object.entries(receipts)
    .filter(([userId, receipt]) => Number(userId) !== meId && (receipt.last_read_seq ?? 0) >= mine.seq)
    .map(([userId]) => nameOf(Number(userId)));
  return { seq: mine.seq, names };
}

/** "X is typing…", read politely, gone when the typing stops or their message arrives. */
function TypingIndicator({ id }: { id: number }) {
  const typing = useStore(chat, (state) => state.typing[id]);
  useStore(users, (all) => all);
  const names = Object.keys(typing ?? {}).map((userId) => nameOf(Number(userId)));
  const text =
    names.length === 0 ? '' : names.length === 1 ? `${names[0]} is typing…` : names.length === 2 ? `${names[0]} and ${names[1]} are typing…` : 'Several people are typing…';
  return (
    <p class="typing" role="status" aria-live="polite" data-testid="typing">
      {text}
    </p>
  );
}
