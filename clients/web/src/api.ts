// The API's objects, as the SDK types them (every property present, null where the service leaves it empty).
import type { Message } from '@parley/client';

export type {
  Account,
  Attachment,
  Block,
  Conversation,
  Friend,
  FriendRequest,
  Member,
  Message,
  Presence,
  Reaction,
  Receipt,
  SearchHit,
  Session,
  User,
} from '@parley/client';

/** The message a reply quotes. */
export type ReplyPreview = NonNullable<Message['reply_to']>;
