// A chat channel (DESIGN §4 world), id = the channel name: its members and its last messages, saved, so a
// channel that went idle or moved to another node keeps both. A post is checked (member, text, the member's post
// rate), numbered, kept, and pushed as 'chat.message' to every member's client in one fan-out. Members stay until
// they leave: game code leaves channels when a player is done with them.
import type { KindOptions } from '../../actor/kind-options.ts';
import { PersistentActor } from '../../state/persistence/persistent-actor.ts';
import {
  CHAT_MESSAGE_EVENT,
  type ChatMessage,
  checkChannelName,
  checkChatText,
  copyChatMessage,
} from './chat-message.ts';
import { type PostBucket, takePost } from './chat-rate-limit.ts';
import { ChatChannelFullError, ChatRateLimitedError, InvalidPlayerInputError, NotInChannelError } from './errors.ts';
import { worldConfigOf } from './world-config.ts';
import { WORLD_ROLE } from './world-role.ts';

export const CHAT_CHANNEL_KIND = 'ChatChannel';

export interface ChatChannelDocument {
  /** The last message's seq (0: none yet). */
  seq: number;
  /** Member player ids, with when they joined (wall-clock ms). */
  members: Map<string, number>;
  /** The last chatHistorySize messages, oldest first. */
  messages: ChatMessage[];
}

export interface ChatChannelInfo {
  readonly channel: string;
  readonly members: number;
  readonly lastSeq: number;
}

export const CHAT_CHANNEL_KIND_OPTIONS = {
  name: CHAT_CHANNEL_KIND,
  placement: 'directory',
  roles: [WORLD_ROLE],
} as const satisfies KindOptions;

export class ChatChannel extends PersistentActor<ChatChannelDocument> {
  override state: ChatChannelDocument = { seq: 0, members: new Map(), messages: [] };
  /** Post buckets by member; in memory only (a fresh activation starts everyone with a full bucket). */
  #buckets = new Map<string, PostBucket>();

  override async onActivate(): Promise<void> {
    checkChannelName(this.ctx.id);
    await super.onActivate();
    this._trimHistory();
  }

  /** Adds `playerId` to the members (again: no change). */
  join(playerId: string): ChatChannelInfo {
    checkMember(playerId);
    if (!this.state.members.has(playerId)) {
      const max = worldConfigOf(this.ctx.system).options.chatMaxMembers;
      if (this.state.members.size >= max) {
        throw new ChatChannelFullError(`channel ${this.ctx.id} has its maximum of ${max} members; try another one`);
      }
      this.state.members.set(playerId, Date.now());
    }
    return this.info();
  }

  /** Removes `playerId`; false when it was not a member. */
  leave(playerId: string): boolean {
    this.#buckets.delete(playerId);
    return this.state.members.delete(playerId);
  }

  /** Posts `text` from member `playerId` (shown as `name`) and pushes it to every member; answers the message. */
  post(playerId: string, text: string, name?: string): ChatMessage {
    if (!this.state.members.has(playerId)) {
      throw new NotInChannelError(`join channel ${this.ctx.id} before posting to it`);
    }
    const checked = checkChatText(text);
    const { options } = worldConfigOf(this.ctx.system);
    const now = Date.now();
    const decision = takePost(this.#buckets.get(playerId), now, {
      perSecond: options.chatMessagesPerSecond,
      burst: options.chatBurst,
    });
    this.#buckets.set(playerId, decision.bucket);
    if (decision.retryAfterMs > 0) {
      throw new ChatRateLimitedError(
        `posting too fast in ${this.ctx.id}: wait ${decision.retryAfterMs} ms before the next message`,
        { details: { retryAfterMs: decision.retryAfterMs } },
      );
    }
    const message: ChatMessage = {
      channel: this.ctx.id,
      seq: this.state.seq + 1,
      from: playerId,
      name: typeof name === 'string' && name.length > 0 ? name.slice(0, 64) : playerId,
      text: checked,
      at: now,
    };
    this.state.seq = message.seq;
    // The document owns what it is given: it keeps a copy, the caller and the push get the original.
    this.state.messages.push(copyChatMessage(message));
    this._trimHistory();
    this.ctx.clients([...this.state.members.keys()]).push(CHAT_MESSAGE_EVENT, message);
    return message;
  }

  /** The last `n` messages (default and most: chatHistorySize), oldest first. */
  history(n?: number): ChatMessage[] {
    const size = worldConfigOf(this.ctx.system).options.chatHistorySize;
    if (n !== undefined && (typeof n !== 'number' || !Number.isInteger(n) || n < 1)) {
      throw new InvalidPlayerInputError(`history takes a whole number of messages ≥ 1, got ${String(n)}`);
    }
    const count = Math.min(size, n ?? size);
    const messages = this.state.messages;
    return messages.slice(Math.max(0, messages.length - count)).map(copyChatMessage);
  }

  info(): ChatChannelInfo {
    return { channel: this.ctx.id, members: this.state.members.size, lastSeq: this.state.seq };
  }

  /** Member player ids, in join order. */
  memberIds(): string[] {
    return [...this.state.members.keys()];
  }

  _trimHistory(): void {
    const size = worldConfigOf(this.ctx.system).options.chatHistorySize;
    const excess = this.state.messages.length - size;
    if (excess > 0) this.state.messages.splice(0, excess);
  }
}

function checkMember(playerId: unknown): void {
  if (typeof playerId !== 'string' || playerId.length === 0 || playerId.length > 256) {
    throw new InvalidPlayerInputError('a chat member is a player id of 1-256 characters');
  }
}
