// What chat carries: channel names (the ChatChannel actor id), the text of a post, and the message every member
// gets in the 'chat.message' push and in history.
import { InvalidChatChannelError, InvalidChatMessageError } from './errors.ts';

/** The push event of a new message. */
export const CHAT_MESSAGE_EVENT = 'chat.message';
/** Channel names: a letter or digit, then letters, digits, '_', '.', ':', '-'; at most 64 (e.g. `lobby-3`, `guild:42`). */
export const CHANNEL_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/;
export const MAX_CHAT_TEXT_LENGTH = 500;

export interface ChatMessage {
  readonly channel: string;
  /** Numbers the channel's messages 1, 2, 3... */
  readonly seq: number;
  /** The sender's player id. */
  readonly from: string;
  /** The sender's display name when it posted. */
  readonly name: string;
  readonly text: string;
  /** Wall-clock ms. */
  readonly at: number;
}

export function checkChannelName(channel: unknown): string {
  if (typeof channel !== 'string' || !CHANNEL_NAME_PATTERN.test(channel)) {
    throw new InvalidChatChannelError(`channel must match ${CHANNEL_NAME_PATTERN}, got ${JSON.stringify(channel)}`);
  }
  return channel;
}

/** The text as posted; InvalidChatMessageError when blank, longer than 500 characters or holding control characters. */
export function checkChatText(text: unknown): string {
  if (typeof text !== 'string' || text.trim().length === 0) {
    throw new InvalidChatMessageError('a chat message must be non-empty text');
  }
  const length = [...text].length;
  if (length > MAX_CHAT_TEXT_LENGTH) {
    throw new InvalidChatMessageError(
      `a chat message is at most ${MAX_CHAT_TEXT_LENGTH} characters, this one has ${length}`,
    );
  }
  if (hasControlCharacter(text)) {
    throw new InvalidChatMessageError('a chat message may not hold control characters (tab and newline are fine)');
  }
  return text;
}

export function copyChatMessage(message: ChatMessage): ChatMessage {
  return {
    channel: message.channel,
    seq: message.seq,
    from: message.from,
    name: message.name,
    text: message.text,
    at: message.at,
  };
}

/** C0 control characters other than tab (9) and newline (10), and DEL. */
function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code < 32 && code !== 9 && code !== 10) || code === 127) return true;
  }
  return false;
}
