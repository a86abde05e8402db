export { ParleyClient } from './client.js';
export type { HistoryOptions, ParleyClientOptions, ProfileChanges, SearchOptions } from './client.js';
export { ParleyApiError, ParleyNetworkError } from './errors.js';
export type { ConnectionState, ParleyEvents, StreamFrame } from './events.js';
export type { OutgoingMessage, PendingSend } from './sender.js';
export { MemoryTokenStore } from './tokens.js';
export type { TokenPair, TokenStore } from './tokens.js';
export type { ApiMethod, ApiPath, ApiPaths, ApiRequestInit, ApiResponse } from './paths.js';
export type {
  Account,
  Attachment,
  Block,
  Conversation,
  Friend,
  FriendRequest,
  Member,
  Message,
  OwnProfile,
  Page,
  Pin,
  Presence,
  Reaction,
  Receipt,
  Relationship,
  SearchHit,
  Session,
  SyncedConversation,
  SyncPage,
  Upload,
  UploadTicket,
  User,
} from './types.js';
export type * as AccountApi from './generated/account.js';
export type * as FriendshipApi from './generated/friendship.js';
export type * as ChatApi from './generated/chat.js';
