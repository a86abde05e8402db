// The shapes of the API's answers that the screens use, as the README documents them (snake_case, integer ids,
// ISO-8601 timestamps). The SDK's generated types are structurally the same; these keep the screens readable.

/** A public profile. */
export interface User {
  id: number;
  username: string;
  location?: string | null;
  avatar_url?: string | null;
}

/** The signed-in account, from `GET /v1/accounts/me`. */
export interface Account {
  id: number;
  email: string;
  verified: boolean;
  presence_visible: boolean;
  read_receipts: boolean;
  user: User;
}

/** One login of the account. */
export interface Session {
  id: number;
  created_at: string;
  last_used_at: string | null;
  expires_at: string;
  user_agent: string | null;
  current: boolean;
}

export interface Friend {
  user_id: number;
  since: string;
}

export interface FriendRequest {
  id: number;
  requester_id: number;
  addressee_id: number;
  status: 'pending' | 'accepted';
  created_at: string;
}

export interface Block {
  user_id: number;
  created_at: string;
}

export interface Member {
  user_id: number;
  role: 'owner' | 'admin' | 'member' | string;
  joined_at: string;
  last_read_seq: number | null;
}

export interface ReplyPreview {
  id: number;
  seq: number;
  sender_id: number;
  snippet: string;
  deleted: boolean;
}

export interface Reaction {
  emoji: string;
  count: number;
  /** Null in stream events: the app keeps its own from reaction events. */
  me: boolean | null;
}

export interface Attachment {
  id: number;
  filename: string;
  content_type: string;
  size: number;
  width: number | null;
  height: number | null;
  url: string;
  thumbnail_url: string | null;
}

export interface Message {
  id: number;
  conversation_id: number;
  seq: number;
  sender_id: number;
  body: string | null;
  client_message_id: string | null;
  created_at: string;
  edited_at: string | null;
  deleted: boolean;
  reply_to: ReplyPreview | null;
  mentions: number[];
  reactions: Reaction[];
  pinned: boolean;
  attachments: Attachment[];
}

export interface Conversation {
  id: number;
  type: 'direct' | 'group';
  title: string | null;
  created_by: number;
  created_at: string;
  last_seq: number;
  last_activity_at: string;
  unread_count: number;
  unread_mention_count: number;
  last_message: Message | null;
  /** Only on `GET /v1/conversations/{id}`. */
  members: Member[] | null;
}

export interface Receipt {
  user_id: number;
  last_read_seq: number | null;
  last_delivered_seq: number | null;
}

export interface Presence {
  user_id: number;
  online: boolean;
  last_seen_at: string | null;
}

export interface SearchHit {
  conversation_id: number;
  message_id: number;
  seq: number;
  sender_id: number;
  created_at: string;
  snippet: string;
}

/** A page of a list: `{"items", "next_cursor"}`. */
export interface Page<T> {
  items: T[];
  next_cursor?: string | null;
}

/** The items of an answer that is either a page or already a plain array. */
export function itemsOf<T>(answer: Page<T> | T[] | null | undefined): T[] {
  if (!answer) return [];
  return Array.isArray(answer) ? answer : answer.items ?? [];
}
