// The Player actor (roles contract): one per player id, the player's persistent document (profile, gold,
// inventory, match stats), reached by its own client as `player.<method>` and by server code through refs. It
// speaks for its player to chat channels and leaderboards, so a client can never post or read as someone else.
// Games subclass it (`class ArenaPlayer extends Player`) and pass the subclass to installWorld.
import type { KindOptions } from '../../actor/kind-options.ts';
import { PersistentActor } from '../../state/persistence/persistent-actor.ts';
import { ChatChannel, type ChatChannelInfo } from './chat-channel.ts';
import { type ChatMessage, checkChannelName } from './chat-message.ts';
import {
  InsufficientGoldError,
  InvalidAmountError,
  InvalidLeaderboardInputError,
  InvalidPlayerInputError,
} from './errors.ts';
import {
  type LeaderboardEntry,
  type LeaderboardRank,
  leaderboardRank,
  leaderboardSubmit,
  leaderboardTop,
} from './leaderboard.ts';
import { checkBoard, DEFAULT_TOP } from './leaderboard-rules.ts';
import {
  checkAmount,
  checkItemId,
  checkPlayerName,
  checkReason,
  copyInventory,
  copyPlayerDocument,
  copyStats,
  defaultPlayerName,
  MAX_GOLD,
  MAX_INVENTORY_ITEMS,
  MAX_ITEM_COUNT,
  newPlayerDocument,
  type PlayerDocument,
  type PlayerProfile,
  type PlayerStats,
} from './player-document.ts';
import { nextRating } from './player-rating.ts';
import { worldConfigOf } from './world-config.ts';
import { WORLD_ROLE } from './world-role.ts';

export const PLAYER_KIND = 'Player';
/** Leaderboards recordMatch submits to. */
export const RATING_BOARD = 'rating';
export const WINS_BOARD = 'wins';

/** Player methods its own client may call (`player.<method>`); installWorld adds a subclass's extra ones. */
export const PLAYER_CLIENT_METHODS = [
  'profile',
  'rename',
  'inventory',
  'chatJoin',
  'chatLeave',
  'chatPost',
  'chatHistory',
  'leaderboardTop',
  'leaderboardRank',
] as const;

/** A finished match as recordMatch takes it. */
export interface MatchResult {
  readonly won: boolean;
  /** The player's (or its team's) score in the match. */
  readonly score: number;
  /** Neither won: counts as a match, not as a win or a loss, and moves the rating towards the opponents'. */
  readonly draw?: boolean;
  /** The opponents' average rating (default: the player's own). */
  readonly opponentRating?: number;
}

/** Registration options of the Player kind, without the client methods (installWorld adds them). */
export const PLAYER_KIND_OPTIONS = {
  name: PLAYER_KIND,
  placement: 'directory',
  roles: [WORLD_ROLE],
} as const satisfies KindOptions;

export class Player extends PersistentActor<PlayerDocument> {
  override state: PlayerDocument = newPlayerDocument();

  override async onActivate(): Promise<void> {
    await super.onActivate();
    if (this.state.profile.createdAt === 0) {
      this.state.profile.createdAt = Date.now();
      this.state.profile.name = defaultPlayerName(this.ctx.id);
    }
  }

  // ---- server methods ----

  /** Adds `amount` (a whole number ≥ 1) of gold; answers the new balance. */
  addGold(amount: number, reason: string): number {
    checkAmount(amount, MAX_GOLD, 'amount');
    checkReason(reason);
    const balance = this.state.gold + amount;
    if (balance > MAX_GOLD) {
      throw new InvalidAmountError(`adding ${amount} gold would pass the limit of ${MAX_GOLD}`, {
        details: { balance: this.state.gold, amount },
      });
    }
    this.state.gold = balance;
    this._ledger(amount, reason);
    return balance;
  }

  /** Takes `amount` of gold; InsufficientGoldError (nothing taken) when the player has less. Answers the new balance. */
  spendGold(amount: number, reason: string): number {
    checkAmount(amount, MAX_GOLD, 'amount');
    checkReason(reason);
    const balance = this.state.gold;
    if (amount > balance) {
      throw new InsufficientGoldError(`${reason} costs ${amount} gold; the player has ${balance}`, {
        details: { balance, amount },
      });
    }
    this.state.gold = balance - amount;
    this._ledger(-amount, reason);
    return this.state.gold;
  }

  /** Adds `count` (a whole number ≥ 1) of `item`; answers how many the player now has. */
  addItem(item: string, count: number): number {
    checkItemId(item);
    checkAmount(count, MAX_ITEM_COUNT, 'count');
    const inventory = this.state.inventory;
    const had = Object.hasOwn(inventory, item) ? (inventory[item] as number) : 0;
    if (had === 0 && Object.keys(inventory).length >= MAX_INVENTORY_ITEMS) {
      throw new InvalidPlayerInputError(`the inventory holds its maximum of ${MAX_INVENTORY_ITEMS} distinct items`);
    }
    if (had + count > MAX_ITEM_COUNT) {
      throw new InvalidAmountError(`adding ${count} ${item} would pass the limit of ${MAX_ITEM_COUNT}`, {
        details: { had, count },
      });
    }
    inventory[item] = had + count;
    return had + count;
  }

  /**
   * Counts a finished match: matches, wins or losses, and the Elo rating; then sets the player's 'rating' and 'wins'
   * leaderboard scores (one-way: a leaderboard that is slow or down does not fail the match). Answers the new stats.
   */
  recordMatch(result: MatchResult): PlayerStats {
    checkMatchResult(result);
    const stats = this.state.stats;
    const draw = result.draw === true;
    stats.matches++;
    if (!draw && result.won) stats.wins++;
    else if (!draw) stats.losses++;
    stats.rating = nextRating(stats.rating, result);
    const name = this.state.profile.name;
    this._submitQuietly(RATING_BOARD, stats.rating, name);
    this._submitQuietly(WINS_BOARD, stats.wins, name);
    return copyStats(stats);
  }

  /** A plain copy of the whole document. */
  snapshot(): PlayerDocument {
    return copyPlayerDocument(this.state);
  }

  // ---- client methods ----

  profile(): PlayerProfile {
    const { profile, gold, stats } = this.state;
    return { playerId: this.ctx.id, name: profile.name, createdAt: profile.createdAt, gold, stats: copyStats(stats) };
  }

  /** Sets the display name (trimmed; 1-32 letters, digits, spaces, '_', '.', '-'); answers the profile. */
  rename(name: string): PlayerProfile {
    this.state.profile.name = checkPlayerName(name);
    return this.profile();
  }

  inventory(): Record<string, number> {
    return copyInventory(this.state.inventory);
  }

  chatJoin(channel: string): Promise<ChatChannelInfo> {
    return this.ctx.ref(ChatChannel, checkChannelName(channel)).join(this.ctx.id);
  }

  chatLeave(channel: string): Promise<boolean> {
    return this.ctx.ref(ChatChannel, checkChannelName(channel)).leave(this.ctx.id);
  }

  chatPost(channel: string, text: string): Promise<ChatMessage> {
    return this.ctx.ref(ChatChannel, checkChannelName(channel)).post(this.ctx.id, text, this.state.profile.name);
  }

  chatHistory(channel: string, n?: number): Promise<ChatMessage[]> {
    return this.ctx.ref(ChatChannel, checkChannelName(channel)).history(n);
  }

  leaderboardTop(board: string, n: number = DEFAULT_TOP): Promise<LeaderboardEntry[]> {
    return leaderboardTop(this.ctx, this._readableBoard(board), n);
  }

  leaderboardRank(board: string): Promise<LeaderboardRank | null> {
    return leaderboardRank(this.ctx, this._readableBoard(board), this.ctx.id);
  }

  // ---- helpers (not messages) ----

  _readableBoard(board: string): string {
    checkBoard(board);
    if (!worldConfigOf(this.ctx.system).options.clientBoards.has(board)) {
      throw new InvalidLeaderboardInputError(
        `board ${board} is not readable by clients; add it to installWorld's clientBoards`,
      );
    }
    return board;
  }

  _submitQuietly(board: string, score: number, name: string): void {
    leaderboardSubmit(this.ctx, board, this.ctx.id, score, name).catch((error: unknown) =>
      this.ctx.system.options.onError(error, `Player ${this.ctx.id} leaderboard ${board}`),
    );
  }

  _ledger(delta: number, reason: string): void {
    const onLedger = worldConfigOf(this.ctx.system).options.onLedger;
    if (onLedger === undefined) return;
    try {
      onLedger({ playerId: this.ctx.id, delta, balance: this.state.gold, reason, at: Date.now() });
    } catch (error) {
      this.ctx.system.options.onError(error, `Player ${this.ctx.id} onLedger`);
    }
  }
}

function checkMatchResult(result: unknown): asserts result is MatchResult {
  const r = result as Partial<MatchResult> | null;
  const problems: string[] = [];
  if (typeof r !== 'object' || r === null) problems.push('a match result is an object { won, score }');
  else {
    if (typeof r.won !== 'boolean') problems.push('won must be true or false');
    if (typeof r.score !== 'number' || !Number.isFinite(r.score)) problems.push('score must be a finite number');
    if (r.draw !== undefined && typeof r.draw !== 'boolean') problems.push('draw must be true or false');
    if (r.opponentRating !== undefined && !(Number.isFinite(r.opponentRating) && r.opponentRating >= 0)) {
      problems.push('opponentRating must be a number ≥ 0');
    }
  }
  if (problems.length > 0) throw new InvalidPlayerInputError(`recordMatch: ${problems.join('; ')}`);
}
