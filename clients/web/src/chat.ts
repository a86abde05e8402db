import type { Account, Attachment, Conversation, Friend, Member, Message, Presence, Receipt, ReplyPreview } from './api';
import { announce } from './announcer';
import { client, errorMessage } from './sdk';
import { Store } from './store';
import { forgetUsers, loadUser, nameOf, remember } from './users';

export type ConnectionState = 'offline' | 'connecting' | 'syncing' | 'online';

/** A message sent from this tab that the server has not acknowledged yet (or refused). */
export interface PendingMessage {
  clientMessageId: string;
  body: string;
  replyTo: ReplyPreview | null;
  attachments: Pick<Attachment, 'id' | 'filename'>[];
  failed: string | null;
}

/** The loaded part of a conversation's history: a contiguous run of the newest messages, oldest first. */
export interface Thread {
  messages: Message[];
  pending: PendingMessage[];
  hasOlder: boolean;
  loading: boolean;
  loaded: boolean;
  error: string | null;
}

export interface Counts {
  unread: number;
  mentions: number;
}

export interface ChatState {
  me: Account | null;
  connection: ConnectionState;
  conversations: Record<number, Conversation>;
  /** Conversation ids, latest activity first. */
  order: number[];
  listLoaded: boolean;
  counts: Record<number, Counts>;
  members: Record<number, Member[]>;
  threads: Record<number, Thread>;
  /** Per conversation, who is typing and until when (ms since the epoch). */
  typing: Record<number, Record<number, number>>;
  presence: Record<number, Presence>;
  receipts: Record<number, Record<number, Receipt>>;
  friends: Friend[];
  /** The conversation on screen, which is read as messages arrive. */
  openConversation: number | null;
  /** The session ended elsewhere (revoked, password reset): the app goes back to the login. */
  sessionEnded: boolean;
}

const EMPTY: ChatState = {
  me: null,
  connection: 'offline',
  conversations: {},
  order: [],
  listLoaded: false,
  counts: {},
  members: {},
  threads: {},
  typing: {},
  presence: {},
  receipts: {},
  friends: [],
  openConversation: null,
  sessionEnded: false,
};

export const chat = new Store<ChatState>(EMPTY);

const PAGE_SIZE = 30;
const EMPTY_THREAD: Thread = { messages: [], pending: [], hasOlder: true, loading: false, loaded: false, error: null };

let unsubscribers: (() => void)[] = [];

// ---- starting and stopping ----------------------------------------------------------------------------------

/** Loads the signed-in user's world and opens the real-time connection. */
export async function startChat(): Promise<void> {
  stopListening();
  const me = await client.me();
  remember(me.user);
  chat.replace({ ...EMPTY, me, connection: client.connection });
  listen();
  client.connect();
  await Promise.all([loadConversations(), loadFriends().catch(() => undefined)]);
}

let leaving = false;

/** Logs out here: the session ends on the server, and the app forgets the user. */
export async function logOut(): Promise<void> {
  leaving = true;
  try {
    await client.logout();
  } finally {
    leaving = false;
    stopChat();
  }
}

/** Forgets everything the app holds about the user (after logging out). */
export function stopChat(): void {
  stopListening();
  client.disconnect();
  chat.replace(EMPTY);
  forgetUsers();
}

function stopListening(): void {
  for (const unsubscribe of unsubscribers) unsubscribe();
  unsubscribers = [];
}

// ---- conversations ------------------------------------------------------------------------------------------

export async function loadConversations(): Promise<void> {
  const list = await client.conversations.list();
  chat.set((state) => {
    const conversations = { ...state.conversations };
    const counts = { ...state.counts };
    for (const conversation of list) {
      conversations[conversation.id] = { ...conversations[conversation.id], ...conversation };
      counts[conversation.id] = { unread: conversation.unread_count, mentions: conversation.unread_mention_count };
    }
    return { conversations, counts, order: sortByActivity(conversations), listLoaded: true };
  });
  // Direct conversations are named after the other member: the list carries no members.
  await Promise.all(list.map((conversation) => loadDetails(conversation.id).catch(() => undefined)));
}

/** One conversation with its members. */
export async function loadDetails(id: number): Promise<Conversation> {
  const conversation = await client.conversations.get(id);
  upsertConversation(conversation);
  if (conversation.members) {
    setMembers(id, conversation.members);
  }
  return conversation;
}

function setMembers(id: number, members: Member[]): void {
  chat.set((state) => ({ members: { ...state.members, [id]: members } }));
  for (const member of members) void loadUser(member.user_id);
}

function upsertConversation(conversation: Conversation): void {
  chat.set((state) => {
    const known = state.conversations[conversation.id];
    // Detail and event answers carry no unread counts of the caller's own: keep what the list or counts said.
    const merged: Conversation = {
      ...known,
      ...conversation,
      members: conversation.members ?? known?.members ?? null,
      last_message: conversation.last_message ?? known?.last_message ?? null,
    };
    const conversations = { ...state.conversations, [conversation.id]: merged };
    return { conversations, order: sortByActivity(conversations) };
  });
}

function sortByActivity(conversations: Record<number, Conversation>): number[] {
  return Object.values(conversations)
    .sort((a, b) => b.last_activity_at.localeCompare(a.last_activity_at) || b.id - a.id)
    .map((conversation) => conversation.id);
}

/** What a conversation is called: a group's title, or the other member's name. */
export function titleOf(conversation: Conversation | undefined, members: Member[] | undefined, meId: number | undefined): string {
  if (!conversation) return 'Conversation';
  if (conversation.type === 'group') return conversation.title || 'Untitled group';
  const other = members?.find((member) => member.user_id !== meId);
  return other ? nameOf(other.user_id) : 'Direct conversation';
}

/** The other member of a direct conversation. */
export function peerOf(members: Member[] | undefined, meId: number | undefined): number | undefined {
  return members?.find((member) => member.user_id !== meId)?.user_id;
}

export async function openDirect(userId: number): Promise<number> {
  const conversation = await client.conversations.createDirect(userId);
  upsertConversation(conversation);
  await loadDetails(conversation.id);
  return conversation.id;
}

export async function createGroup(title: string, memberIds: number[]): Promise<number> {
  const conversation = await client.conversations.createGroup(title, memberIds);
  upsertConversation(conversation);
  await loadDetails(conversation.id);
  return conversation.id;
}

export async function renameGroup(id: number, title: string): Promise<void> {
  upsertConversation(await client.conversations.rename(id, title));
}

export async function addMember(id: number, userId: number): Promise<void> {
  await client.conversations.addMember(id, userId);
  await loadDetails(id);
}

export async function removeMember(id: number, userId: number): Promise<void> {
  await client.conversations.removeMember(id, userId);
  if (userId === chat.get().me?.id) forgetConversation(id);
  else await loadDetails(id);
}

function forgetConversation(id: number): void {
  chat.set((state) => {
    const conversations = { ...state.conversations };
    delete conversations[id];
    return { conversations, order: state.order.filter((other) => other !== id) };
  });
}

// ---- history ------------------------------------------------------------------------------------------------

function threadOf(state: ChatState, id: number): Thread {
  return state.threads[id] ?? EMPTY_THREAD;
}

function updateThread(id: number, change: (thread: Thread) => Partial<Thread>): void {
  chat.set((state) => {
    const thread = threadOf(state, id);
    return { threads: { ...state.threads, [id]: { ...thread, ...change(thread) } } };
  });
}

/** Merges messages into a thread by seq: a message seen twice is kept once, in its newest version. */
function mergeMessages(existing: Message[], incoming: Message[]): Message[] {
  const bySeq = new Map(existing.map((message) => [message.seq, message]));
  for (const message of incoming) bySeq.set(message.seq, withOwnReactions(bySeq.get(message.seq), message));
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/** Stream events carry `me: null` on reactions (every member gets the same frame): keep what we knew. */
function withOwnReactions(known: Message | undefined, message: Message): Message {
  if (!message.reactions.some((reaction) => reaction.me == null)) return message;
  const mine = new Map(known?.reactions.map((reaction) => [reaction.emoji, reaction.me]) ?? []);
  return {
    ...message,
    reactions: message.reactions.map((reaction) => ({ ...reaction, me: reaction.me ?? mine.get(reaction.emoji) ?? false })),
  };
}

/** Opens a conversation: its newest page of history, members and receipts, and marks it read. */
export async function openThread(id: number): Promise<void> {
  chat.set({ openConversation: id });
  const thread = threadOf(chat.get(), id);
  const loads: Promise<unknown>[] = [loadDetails(id), loadReceipts(id)];
  if (!thread.loaded) loads.push(loadOlder(id));
  await Promise.allSettled(loads);
  markRead(id);
}

export function closeThread(id: number): void {
  if (chat.get().openConversation === id) chat.set({ openConversation: null });
}

/** The page of history before the oldest loaded message (the newest page at first). */
export async function loadOlder(id: number): Promise<void> {
  const thread = threadOf(chat.get(), id);
  if (thread.loading || (thread.loaded && !thread.hasOlder)) return;
  updateThread(id, () => ({ loading: true, error: null }));
  const oldest = thread.messages[0]?.seq;
  try {
    // Newest first, below the oldest message loaded (from the newest at first).
    const page = await client.conversations.history(id, {
      beforeSeq: thread.loaded ? oldest : undefined,
      limit: PAGE_SIZE,
    });
    const lowest = Math.min(...page.map((message) => message.seq));
    for (const message of page) void loadUser(message.sender_id);
    updateThread(id, (current) => ({
      messages: mergeMessages(current.messages, page),
      loading: false,
      loaded: true,
      // Seqs are gap-free from 1 (a deleted message keeps its seq): anything above 1 has more before it.
      hasOlder: page.length > 0 && lowest > 1,
    }));
  } catch (error) {
    updateThread(id, () => ({ loading: false, error: errorMessage(error) }));
  }
}

/** Loads older pages until the message with `seq` is in the thread (a search result), at most `pages` of them. */
export async function loadUntil(id: number, seq: number, pages = 20): Promise<boolean> {
  for (let i = 0; i < pages; i++) {
    const thread = threadOf(chat.get(), id);
    if (thread.loaded && (thread.messages[0]?.seq ?? Infinity) <= seq) return true;
    if (thread.loaded && !thread.hasOlder) return false;
    await loadOlder(id);
    if (threadOf(chat.get(), id).error) return false;
  }
  return false;
}

async function loadReceipts(id: number): Promise<void> {
  const receipts = await client.conversations.receipts(id);
  chat.set((state) => ({
    receipts: { ...state.receipts, [id]: Object.fromEntries(receipts.map((receipt) => [receipt.user_id, receipt])) },
  }));
}

/** Marks everything loaded in the conversation read, when the user can see it. */
export function markRead(id: number): void {
  const state = chat.get();
  const last = threadOf(state, id).messages.at(-1)?.seq ?? state.conversations[id]?.last_seq;
  if (!last || document.visibilityState !== 'visible') return;
  if ((state.counts[id]?.unread ?? 0) === 0 && (state.counts[id]?.mentions ?? 0) === 0) return;
  chat.set((current) => ({ counts: { ...current.counts, [id]: { unread: 0, mentions: 0 } } }));
  client.conversations.markRead(id, last).catch(() => undefined);
}

// ---- sending ------------------------------------------------------------------------------------------------

export interface Draft {
  body: string;
  replyTo: Message | null;
  attachments: Pick<Attachment, 'id' | 'filename'>[];
  mentions: number[];
}

/** Sends a message; it shows as pending until the server acknowledges it, and the SDK retries until then. */
export function sendMessage(id: number, draft: Draft): void {
  const { clientMessageId, sent } = client.send(id, {
    body: draft.body || undefined,
    reply_to: draft.replyTo?.id,
    mentions: draft.mentions.length > 0 ? draft.mentions : undefined,
    attachments: draft.attachments.length > 0 ? draft.attachments.map((attachment) => attachment.id) : undefined,
  });
  const replyTo: ReplyPreview | null = draft.replyTo && {
    id: draft.replyTo.id,
    seq: draft.replyTo.seq,
    sender_id: draft.replyTo.sender_id,
    snippet: (draft.replyTo.body ?? '').slice(0, 200),
    deleted: false,
  };
  updateThread(id, (thread) => ({
    pending: [...thread.pending, { clientMessageId, body: draft.body, replyTo, attachments: draft.attachments, failed: null }],
  }));
  sent.then(
    (message) => receiveMessage(id, message),
    (error: unknown) =>
      updateThread(id, (thread) => ({
        pending: thread.pending.map((pending) =>
          pending.clientMessageId === clientMessageId ? { ...pending, failed: errorMessage(error) } : pending,
        ),
      })),
  );
}

export function dismissPending(id: number, clientMessageId: string): void {
  updateThread(id, (thread) => ({ pending: thread.pending.filter((pending) => pending.clientMessageId !== clientMessageId) }));
}

/** A message stored by the server, from our own send or the stream: in the thread once, pending no more. */
function receiveMessage(id: number, message: Message): void {
  chat.set((state) => {
    // Kept once the thread is opened, also while its first page is on the way: that page may have been read before
    // this message existed. A thread never opened loads its newest page when it is.
    const thread = threadOf(state, id);
    const threads = {
      ...state.threads,
      [id]: {
        ...thread,
        messages: thread.loaded || thread.loading ? mergeMessages(thread.messages, [message]) : thread.messages,
        pending: thread.pending.filter((pending) => pending.clientMessageId !== message.client_message_id),
      },
    };
    const conversation = state.conversations[id];
    if (!conversation) return { threads };
    const newer = message.seq >= (conversation.last_message?.seq ?? 0);
    const conversations = {
      ...state.conversations,
      [id]: {
        ...conversation,
        last_seq: Math.max(conversation.last_seq, message.seq),
        last_message: newer ? message : conversation.last_message,
        last_activity_at: newer && message.created_at > conversation.last_activity_at ? message.created_at : conversation.last_activity_at,
      },
    };
    return { threads, conversations, order: sortByActivity(conversations) };
  });
}

export async function toggleReaction(id: number, message: Message, emoji: string): Promise<void> {
  const mine = message.reactions.find((reaction) => reaction.emoji === emoji)?.me;
  if (mine) await client.conversations.unreact(id, message.id, emoji);
  else await client.conversations.react(id, message.id, emoji);
}

export async function deleteMessage(id: number, messageId: number): Promise<void> {
  await client.conversations.delete(id, messageId);
}

// ---- real-time events ---------------------------------------------------------------------------------------

function listen(): void {
  const on = client.on.bind(client);
  const refresh = ({ conversationId }: { conversationId: number }) => void loadDetails(conversationId).catch(() => undefined);
  unsubscribers.push(
    // loggedOut without our asking: the session was revoked or could not be refreshed.
    on('connection', ({ state, loggedOut }) => chat.set(loggedOut && !leaving ? { connection: state, sessionEnded: true } : { connection: state })),
    on('message.created', ({ conversationId, message }) => onMessageCreated(conversationId, message)),
    on('message.updated', ({ conversationId, message }) => replaceMessage(conversationId, message)),
    on('message.deleted', ({ conversationId, message }) => replaceMessage(conversationId, message)),
    on('reaction.added', ({ conversationId, messageId, emoji, userId }) => onReaction(conversationId, messageId, emoji, userId, +1)),
    on('reaction.removed', ({ conversationId, messageId, emoji, userId }) => onReaction(conversationId, messageId, emoji, userId, -1)),
    on('receipt.updated', ({ conversationId, userId, lastReadSeq, lastDeliveredSeq }) =>
      onReceipt(conversationId, { user_id: userId, last_read_seq: lastReadSeq, last_delivered_seq: lastDeliveredSeq }),
    ),
    on('typing', ({ conversationId, userId, expiresInMs }) => onTyping(conversationId, userId, expiresInMs)),
    on('presence.updated', ({ userId, online, lastSeenAt }) => setPresence([{ user_id: userId, online, last_seen_at: lastSeenAt }])),
    on('counts', ({ conversationId: id, unread, mentions }) => {
      chat.set((state) => ({ counts: { ...state.counts, [id]: { unread, mentions } } }));
      // The open conversation is being read: its new messages are marked read as they arrive. The SDK counts a
      // message before handing it over, so this waits for the message to be in the thread first.
      if (chat.get().openConversation === id && unread > 0) queueMicrotask(() => markRead(id));
    }),
    on('conversation.created', refresh),
    on('conversation.updated', refresh),
    on('member.added', refresh),
    on('member.updated', refresh),
    on('member.removed', ({ conversationId, member }) => {
      if (member.user_id === chat.get().me?.id) forgetConversation(conversationId);
      else refresh({ conversationId });
    }),
  );
  // The browser knows first when the network goes: close at once, and reconnect (then catch up) when it is back.
  const offline = () => client.disconnect();
  const online = () => client.connect();
  addEventListener('offline', offline);
  addEventListener('online', online);
  const visible = () => {
    const open = chat.get().openConversation;
    if (open && document.visibilityState === 'visible') markRead(open);
  };
  document.addEventListener('visibilitychange', visible);
  unsubscribers.push(() => {
    removeEventListener('offline', offline);
    removeEventListener('online', online);
    document.removeEventListener('visibilitychange', visible);
  });
}

function onMessageCreated(id: number, message: Message): void {
  const state = chat.get();
  if (!state.conversations[id]) void loadDetails(id).catch(() => undefined);
  void loadUser(message.sender_id);
  receiveMessage(id, message);
  stopTyping(id, message.sender_id);
  if (message.sender_id !== state.me?.id) {
    const where = state.openConversation === id ? '' : ` in ${titleOf(state.conversations[id], state.members[id], state.me?.id)}`;
    const what = message.body || (message.attachments.length > 0 ? 'an attachment' : 'a message');
    announce(`${nameOf(message.sender_id)}${where}: ${what}`);
  }
}

function replaceMessage(id: number, message: Message): void {
  updateThread(id, (thread) => ({
    messages:
      thread.loading || thread.messages.some((known) => known.seq === message.seq) ? mergeMessages(thread.messages, [message]) : thread.messages,
  }));
}

function onReaction(id: number, messageId: number, emoji: string, userId: number, change: 1 | -1): void {
  const mine = userId === chat.get().me?.id;
  updateThread(id, (thread) => ({
    messages: thread.messages.map((message) => {
      if (message.id !== messageId) return message;
      const reactions = message.reactions.some((reaction) => reaction.emoji === emoji)
        ? message.reactions.map((reaction) =>
            reaction.emoji === emoji
              ? { ...reaction, count: reaction.count + change, me: mine ? change > 0 : reaction.me }
              : reaction,
          )
        : change > 0
          ? [...message.reactions, { emoji, count: 1, me: mine }]
          : message.reactions;
      return { ...message, reactions: reactions.filter((reaction) => reaction.count > 0) };
    }),
  }));
}

function onReceipt(id: number, receipt: Receipt): void {
  chat.set((state) => ({ receipts: { ...state.receipts, [id]: { ...state.receipts[id], [receipt.user_id]: receipt } } }));
}

function onTyping(id: number, userId: number, expiresInMs: number): void {
  if (userId === chat.get().me?.id) return;
  const until = Date.now() + (expiresInMs || 6000);
  chat.set((state) => ({ typing: { ...state.typing, [id]: { ...state.typing[id], [userId]: until } } }));
  setTimeout(() => {
    if ((chat.get().typing[id]?.[userId] ?? 0) <= Date.now()) stopTyping(id, userId);
  }, until - Date.now() + 50);
}

function stopTyping(id: number, userId: number): void {
  const typing = chat.get().typing[id];
  if (!typing || !(userId in typing)) return;
  const rest = { ...typing };
  delete rest[userId];
  chat.set((state) => ({ typing: { ...state.typing, [id]: rest } }));
}

// ---- friends and presence ---------------------------------------------------------------------------------

/** The user's friends, with their profiles and presence. */
export async function loadFriends(): Promise<Friend[]> {
  const friends = await client.friends.list();
  chat.set({ friends });
  for (const friend of friends) void loadUser(friend.user_id);
  await loadPresence(friends.map((friend) => friend.user_id));
  return friends;
}

/** Asks whether these users (friends) are online; at most 100 ids a call. */
export async function loadPresence(userIds: number[]): Promise<void> {
  for (let i = 0; i < userIds.length; i += 100) {
    const ids = userIds.slice(i, i + 100);
    const answer = await client.presence(ids);
    setPresence(answer.filter((presence): presence is Presence => presence != null));
  }
}

function setPresence(found: Presence[]): void {
  chat.set((state) => ({ presence: { ...state.presence, ...Object.fromEntries(found.map((presence) => [presence.user_id, presence])) } }));
}
