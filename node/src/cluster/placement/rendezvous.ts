// Rendezvous (highest-random-weight) hashing: the owner of a key is the member whose hash of (member id, key) is
// highest, so every node agrees without coordination and a member joining or leaving moves only its own share.
import type { MemberInfo } from '../member.ts';

// A module binding, not a `Math.imul` lookup per character: global lookups are slow in vm contexts (jest).
const imul = Math.imul;

/**
 * A well-mixed 53-bit hash of `memberId`, a separator and `key` (cyrb53 by bryc, public domain: two 32-bit
 * multiply-xor lanes with a final avalanche), computed without concatenating the strings. Not cryptographic:
 * placement needs spread and speed, not secrecy.
 */
export function rendezvousWeight(memberId: string, key: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < memberId.length; i++) {
    const ch = memberId.charCodeAt(i);
    h1 = imul(h1 ^ ch, 2654435761);
    h2 = imul(h2 ^ ch, 1597334677);
  }
  // The separator keeps ("ab", "c") and ("a", "bc") apart; 0xffff is not a valid character on its own.
  h1 = imul(h1 ^ 0xffff, 2654435761);
  h2 = imul(h2 ^ 0xffff, 1597334677);
  for (let i = 0; i < key.length; i++) {
    const ch = key.charCodeAt(i);
    h1 = imul(h1 ^ ch, 2654435761);
    h2 = imul(h2 ^ ch, 1597334677);
  }
  h1 = imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/**
 * The member that owns `key`: the highest weight wins, equal weights go to the smaller member id, so the answer
 * does not depend on the order of `members`. Undefined when `members` is empty.
 */
export function rendezvousOwner(key: string, members: readonly MemberInfo[]): MemberInfo | undefined {
  let owner: MemberInfo | undefined;
  let ownerWeight = -1;
  for (const member of members) {
    const weight = rendezvousWeight(member.id, key);
    if (weight > ownerWeight || (weight === ownerWeight && owner !== undefined && member.id < owner.id)) {
      owner = member;
      ownerWeight = weight;
    }
  }
  return owner;
}
