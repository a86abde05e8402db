// The API's objects, from the types generated out of the services' OpenAPI documents (src/generated). The documents
// mark every property optional and none nullable; the services' JSON always has every property, null where a
// value can be missing. These types say so: each is its generated schema with every property present, and null
// allowed exactly where the service's record holds a reference that can be empty.
import type { components as AccountDocument } from './generated/account.js';
import type { components as ChatDocument } from './generated/chat.js';
import type { components as FriendshipDocument } from './generated/friendship.js';

type AccountSchemas = AccountDocument['schemas'];
type ChatSchemas = ChatDocument['schemas'];
type FriendshipSchemas = FriendshipDocument['schemas'];

/** A generated schema with every property present, `Override` replacing some of them. */
type Present<Schema, Override = {}> = Omit<{ [K in keyof Schema]-?: Exclude<Schema[K], undefined> }, keyof Override> &
  Override;

/** A public profile. */
export type User = Present<AccountSchemas['UserView'], { location: string | null; avatar_url: string | null }>;
/** The caller's account (`GET /v1/accounts/me`), with their settings. */
export type Account = Present<AccountSchemas['AccountView'], { user: User }>;
/** A session of the caller; `current` is the one making the request. */
export type Session = Present<AccountSchemas['SessionView'], { last_used_at: string | null; user_agent: string | null }>;
/** The caller's own profile and settings, as `PATCH /v1/users/me` answers. */
export type OwnProfile = Present<AccountSchemas['OwnProfileView'], { location: string | null; avatar_url: string | null }>;

/** A friend and since when. */
export type Friend = Present<FriendshipSchemas['FriendView']>;
/** A friend request: `pending`, or `accepted` (when the other side had already asked). */
export type FriendRequest = Present<
  FriendshipSchemas['FriendRequestView'],
  { accepted_at: string | null; pending?: boolean }
>;
/** A user the caller blocked. */
export type Block = Present<FriendshipSchemas['BlockView']>;
/** How the caller stands with another user: `none`, `outgoing`, `incoming`, `friends` or `blocked`. */
export type Relationship = Present<FriendshipSchemas['RelationshipView']>;

/** One emoji's count on a message; `me` is null in stream events (every member receives the same frame). */
export type Reaction = Present<ChatSchemas['ReactionCount'], { me: boolean | null }>;
/** A file attached to a message; `url` and `thumbnail_url` need the access token (see `uploads.fetchMedia`). */
export type Attachment = Present<
  ChatSchemas['AttachmentView'],
  { width: number | null; height: number | null; thumbnail_url: string | null }
>;
/** The message a reply quotes. */
export type ReplyPreview = Present<ChatSchemas['ReplyPreview']>;
/** A message; a deleted one is a tombstone that keeps its seq and loses its body, mentions and reactions. */
export type Message = Present<
  ChatSchemas['MessageView'],
  {
    body: string | null;
    client_message_id: string | null;
    edited_at: string | null;
    reply_to: ReplyPreview | null;
    reactions: Reaction[];
    attachments: Attachment[];
  }
>;
/** A member of a conversation; `last_read_seq` is null while read receipts are private. */
export type Member = Present<ChatSchemas['MemberView'], { last_read_seq: number | null }>;
/**
 * A conversation as the caller sees it: `unread_count` and `unread_mention_count` are the caller's in lists, details
 * and sync (not in events); `members` is filled only by `conversations.get`.
 */
export type Conversation = Present<
  ChatSchemas['ConversationView'],
  { title: string | null; last_message: Message | null; members: Member[] | null }
>;
/** How far a member has read and received a conversation; null while either side keeps receipts private. */
export type Receipt = Present<ChatSchemas['Receipt'], { last_read_seq: number | null; last_delivered_seq: number | null }>;
/** A message found by search. */
export type SearchHit = Present<ChatSchemas['SearchHit']>;
/** Where to upload a file's bytes: `method` to `upload_url` with exactly `headers`. */
export type UploadTicket = Present<ChatSchemas['UploadTicket']>;
/** A completed upload: its real type and size, an image's width and height. */
export type Upload = Present<ChatSchemas['UploadView'], { width: number | null; height: number | null }>;
/** A pinned message. */
export type Pin = Present<ChatSchemas['PinView'], { message: Message }>;
/** A friend's presence: `last_seen_at` to the minute, null while online or when hidden. */
export type Presence = Present<ChatSchemas['PresenceView'], { last_seen_at: string | null }>;
/** One conversation of a sync answer: its changed messages in seq order, and the members whose marks moved. */
export type SyncedConversation = Present<
  ChatSchemas['SyncedConversation'],
  { conversation: Conversation; messages: Message[]; receipts: Receipt[] }
>;
/** One answer of `GET /v1/sync`: keep asking with `next_cursor` while `has_more`. */
export type SyncPage = Present<ChatSchemas['SyncResult'], { items: SyncedConversation[] }>;

/** One page of a list. */
export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}
