// Which Debian mirror debootstrap should use: the one this machine's apt already uses for the suite (read from
// /etc/apt/sources.list and sources.list.d, one-line and deb822 formats), since that is the mirror the machine
// is known to reach; deb.debian.org when apt names none for that suite (another distribution, say).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const DEFAULT_DEBIAN_MIRROR = 'http://deb.debian.org/debian';

/** One apt source entry: its types (deb, deb-src), URIs and suites. */
export interface AptSource {
  readonly types: readonly string[];
  readonly uris: readonly string[];
  readonly suites: readonly string[];
}

/** The entries of a one-line `sources.list` file (`deb [options] uri suite [component...]`). */
export function parseOneLineSources(text: string): AptSource[] {
  const sources: AptSource[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*$/, '').trim();
    if (line === '') continue;
    const words = line.replace(/\[[^\]]*\]/, ' ').split(/\s+/);
    const [type, uri, suite] = words;
    if (type === undefined || uri === undefined || suite === undefined) continue;
    sources.push({ types: [type], uris: [uri], suites: [suite] });
  }
  return sources;
}

/** The enabled entries of a deb822 `.sources` file (stanzas of `Field: value` lines). */
export function parseDeb822Sources(text: string): AptSource[] {
  const sources: AptSource[] = [];
  for (const stanza of text.split(/\n\s*\n/)) {
    const fields = new Map<string, string>();
    let last: string | undefined;
    for (const line of stanza.split('\n')) {
      if (line.startsWith('#') || line.trim() === '') continue;
      if (/^\s/.test(line) && last !== undefined) {
        fields.set(last, `${fields.get(last)} ${line.trim()}`);
        continue;
      }
      const colon = line.indexOf(':');
      if (colon < 0) continue;
      last = line.slice(0, colon).trim().toLowerCase();
      fields.set(last, line.slice(colon + 1).trim());
    }
    if ((fields.get('enabled') ?? 'yes').toLowerCase() === 'no') continue;
    const list = (name: string) => (fields.get(name) ?? '').split(/\s+/).filter((w) => w !== '');
    if (list('uris').length === 0) continue;
    sources.push({ types: list('types'), uris: list('uris'), suites: list('suites') });
  }
  return sources;
}

/** The first binary-package URI that serves `suite` itself (not -updates or -security), or the default. */
export function mirrorForSuite(sources: readonly AptSource[], suite: string): string {
  for (const source of sources) {
    if (source.types.includes('deb') && source.suites.includes(suite) && source.uris[0] !== undefined) {
      return source.uris[0].replace(/\/+$/, '');
    }
  }
  return DEFAULT_DEBIAN_MIRROR;
}

/** The mirror this machine's apt uses for `suite` (aptDir: /etc/apt). */
export function machineDebianMirror(suite: string, aptDir = '/etc/apt'): string {
  const sources: AptSource[] = [];
  const read = (path: string) => {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return '';
    }
  };
  sources.push(...parseOneLineSources(read(join(aptDir, 'sources.list'))));
  let names: string[] = [];
  try {
    names = readdirSync(join(aptDir, 'sources.list.d')).sort();
  } catch {}
  for (const name of names) {
    const path = join(aptDir, 'sources.list.d', name);
    if (name.endsWith('.list')) sources.push(...parseOneLineSources(read(path)));
    else if (name.endsWith('.sources')) sources.push(...parseDeb822Sources(read(path)));
  }
  return mirrorForSuite(sources, suite);
}
