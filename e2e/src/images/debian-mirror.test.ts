// The mirror debootstrap gets is the one apt uses for the suite itself, from either source format, skipping
// disabled stanzas, deb-src entries and the -updates/-security suites; with none, deb.debian.org.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import {
  DEFAULT_DEBIAN_MIRROR,
  machineDebianMirror,
  mirrorForSuite,
  parseDeb822Sources,
  parseOneLineSources,
} from './debian-mirror.ts';

const DEB822 = `Types: deb
# http://snapshot.debian.org/archive/debian/20250520T000000Z
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: http://deb.debian.org/debian-security
Suites: bookworm-security
Components: main
`;

describe('mirrorForSuite', () => {
  const cases: { desc: string; one?: string; deb822?: string; want: string }[] = [
    { desc: 'a deb822 file (Debian 12 containers)', deb822: DEB822, want: 'http://deb.debian.org/debian' },
    {
      desc: 'a one-line file with options and a trailing slash',
      one: 'deb [arch=amd64 signed-by=/k.gpg] http://mirror.example/debian/ bookworm main contrib\n',
      want: 'http://mirror.example/debian',
    },
    {
      desc: 'deb-src, commented and other suites skipped',
      one: [
        '# deb http://old.example/debian bookworm main',
        'deb-src http://src.example/debian bookworm main',
        'deb http://sec.example/debian-security bookworm-security main',
        'deb http://deb.example/debian bookworm main',
      ].join('\n'),
      want: 'http://deb.example/debian',
    },
    {
      desc: 'a disabled stanza is skipped',
      deb822: `Enabled: no\nTypes: deb\nURIs: http://off.example/debian\nSuites: bookworm\n\nTypes: deb\nURIs: http://on.example/debian\nSuites: bookworm\n`,
      want: 'http://on.example/debian',
    },
    {
      desc: 'another distribution falls back to deb.debian.org',
      one: 'deb http://archive.ubuntu.com/ubuntu noble main\n',
      want: DEFAULT_DEBIAN_MIRROR,
    },
    { desc: 'no sources at all', want: DEFAULT_DEBIAN_MIRROR },
  ];
  it.each(cases)('$desc', ({ one, deb822, want }) => {
    const sources = [...parseOneLineSources(one ?? ''), ...parseDeb822Sources(deb822 ?? '')];
    expect(mirrorForSuite(sources, 'bookworm')).toBe(want);
  });

  it('reads continuation lines of a deb822 field', () => {
    const sources = parseDeb822Sources('Types: deb\nURIs:\n http://a.example/debian\nSuites: bookworm\n');
    expect(sources).toEqual([{ types: ['deb'], uris: ['http://a.example/debian'], suites: ['bookworm'] }]);
  });
});

describe('machineDebianMirror', () => {
  it('reads sources.list before sources.list.d, and only .list and .sources files there', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gamecluster-apt-'));
    try {
      mkdirSync(join(dir, 'sources.list.d'));
      writeFileSync(
        join(dir, 'sources.list.d', 'a.list.disabled'),
        'deb http://disabled.example/debian bookworm main\n',
      );
      writeFileSync(join(dir, 'sources.list.d', 'debian.sources'), DEB822);
      expect(machineDebianMirror('bookworm', dir)).toBe('http://deb.debian.org/debian');
      writeFileSync(join(dir, 'sources.list'), 'deb http://first.example/debian bookworm main\n');
      expect(machineDebianMirror('bookworm', dir)).toBe('http://first.example/debian');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('falls back when the apt folder does not exist', () => {
    expect(machineDebianMirror('bookworm', '/nonexistent/apt')).toBe(DEFAULT_DEBIAN_MIRROR);
  });
});
