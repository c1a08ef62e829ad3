// The world role (DESIGN §4): logins over the gate's HTTP port, the Player actor and its document, sharded
// leaderboards, chat channels. installWorld puts it on a node.

// Logins
export { Account, type AccountLogin } from './account.ts';
// Chat
export { ChatChannel, type ChatChannelInfo } from './chat-channel.ts';
export { CHANNEL_NAME_PATTERN, CHAT_MESSAGE_EVENT, type ChatMessage, MAX_CHAT_TEXT_LENGTH } from './chat-message.ts';
// Errors
export {
  AccountLockedError,
  ChatChannelFullError,
  ChatRateLimitedError,
  InsufficientGoldError,
  InvalidAmountError,
  InvalidChatChannelError,
  InvalidChatMessageError,
  InvalidLeaderboardInputError,
  InvalidLoginRequestError,
  InvalidPlayerInputError,
  InvalidWorldConfigError,
  LoginFailedError,
  NotInChannelError,
  UsernameTakenError,
} from './errors.ts';
// Installing
export { installWorld } from './install-world.ts';
// Leaderboards
export {
  type LeaderboardEntry,
  type LeaderboardRank,
  leaderboardRank,
  leaderboardRemove,
  leaderboardSubmit,
  leaderboards,
  leaderboardTop,
} from './leaderboard.ts';
export { LEADERBOARD_SHARDS, leaderboardShardOf, MAX_TOP } from './leaderboard-rules.ts';
export { LeaderboardShard } from './leaderboard-shard.ts';
export { LOGIN_PATHS, type LoginResponse } from './login-routes.ts';
export type { PasswordHash, ScryptParams } from './password-hash.ts';
// Player
export { type MatchResult, PLAYER_CLIENT_METHODS, PLAYER_KIND, Player, RATING_BOARD, WINS_BOARD } from './player.ts';
export {
  MAX_GOLD,
  MAX_INVENTORY_ITEMS,
  MAX_ITEM_COUNT,
  type PlayerDocument,
  type PlayerProfile,
  type PlayerStats,
} from './player-document.ts';
export {
  DEFAULT_CLIENT_BOARDS,
  DEFAULT_SCRYPT_PARAMS,
  type InstallWorldOptions,
  type LedgerEntry,
  type ResolvedWorldOptions,
} from './world-options.ts';
export { WORLD_ROLE } from './world-role.ts';
