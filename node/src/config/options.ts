// Reading a layer's options from flags and `GAMECLUSTER_*` env, the one way every layer does it: a table of
// options (flag, env variable, default, meaning), `--flag value` and `--flag=value`, flags winning over env and
// env over defaults, every problem collected so one error lists them all, and the `--help` text from the table.
import type { GameclusterError } from '../errors/index.ts';

export interface OptionSpec<Key extends string = string> {
  readonly key: Key;
  readonly flag: string;
  /** Other spellings of the flag. */
  readonly aliases?: readonly string[];
  readonly env: string;
  /** A comma list: repeated flags add up instead of being an error. */
  readonly list?: boolean;
  readonly placeholder: string;
  readonly defaultText: string;
  readonly meaning: string;
}

/** A raw value and where it came from (`--flag` or `ENV_NAME`), for messages. */
export interface RawValue {
  readonly text: string;
  readonly from: string;
}

const HELP_FLAGS: readonly string[] = ['--help', '-h'];
const DECIMAL = /^[0-9]+$/;

/** True when argv asks for `--help` (or `-h`). */
export function isHelpRequested(argv: readonly string[]): boolean {
  return argv.some((arg) => HELP_FLAGS.includes(arg));
}

export class OptionReader<Key extends string> {
  /** Everything wrong so far, each saying what to set. */
  readonly problems: string[] = [];
  /** Arguments that are not this table's (when unknown flags are left for other layers). */
  readonly rest: string[] = [];
  private readonly specs: readonly OptionSpec<Key>[];
  private readonly flags = new Map<Key, RawValue>();
  private readonly env: Record<string, string | undefined>;

  /**
   * `unknownFlags`: 'error' when this table is the last reader (an unknown flag is a problem), 'rest' when other
   * layers read the remaining arguments.
   */
  constructor(
    specs: readonly OptionSpec<Key>[],
    argv: readonly string[],
    env: Record<string, string | undefined>,
    unknownFlags: 'error' | 'rest',
  ) {
    this.specs = specs;
    this.env = env;
    this.readFlags(argv, unknownFlags);
  }

  /** The option's value from its flag, else its env variable (empty counts as unset), else undefined. */
  raw(key: Key): RawValue | undefined {
    const fromFlag = this.flags.get(key);
    if (fromFlag !== undefined) return fromFlag;
    const spec = this.spec(key);
    const text = this.env[spec.env];
    // An empty variable counts as unset, as manifests often render optional values that way.
    return text === undefined || text === '' ? undefined : { text, from: spec.env };
  }

  /** `set --flag or ENV`, for messages. */
  hint(key: Key): string {
    const spec = this.spec(key);
    return `set ${spec.flag} or ${spec.env}`;
  }

  /** A whole number in [min, max], or `fallback` when unset (and when invalid, with a problem recorded). */
  whole(key: Key, fallback: number, min: number, max: number): number {
    const value = this.raw(key);
    if (value === undefined) return fallback;
    const number = DECIMAL.test(value.text) ? Number(value.text) : Number.NaN;
    if (!(number >= min && number <= max)) {
      this.problems.push(
        `${key} '${value.text}' (from ${value.from}) must be a whole number from ${min} to ${max}: ${this.hint(key)} (default: ${fallback})`,
      );
      return fallback;
    }
    return number;
  }

  /** Throws one error listing every problem, if there are any. */
  throwIfProblems(what: string, makeError: (message: string, problems: string[]) => GameclusterError): void {
    const problems = this.problems;
    if (problems.length === 0) return;
    throw makeError(
      `Invalid ${what} (${problems.length} problem${problems.length === 1 ? '' : 's'}; run with --help for every option):\n${problems.map((p) => `  - ${p}`).join('\n')}`,
      problems,
    );
  }

  private spec(key: Key): OptionSpec<Key> {
    return this.specs.find((spec) => spec.key === key) as OptionSpec<Key>;
  }

  private readFlags(argv: readonly string[], unknownFlags: 'error' | 'rest'): void {
    const byFlag = new Map<string, OptionSpec<Key>>();
    for (const spec of this.specs) {
      byFlag.set(spec.flag, spec);
      for (const alias of spec.aliases ?? []) byFlag.set(alias, spec);
    }
    const problems = this.problems;
    for (let i = 0; i < argv.length; i++) {
      const arg = argv[i] as string;
      const equals = arg.indexOf('=');
      const flag = equals === -1 ? arg : arg.slice(0, equals);
      const spec = byFlag.get(flag);
      if (spec === undefined) {
        if (unknownFlags === 'rest') this.rest.push(arg);
        else if (HELP_FLAGS.includes(arg)) continue;
        else if (!arg.startsWith('-')) {
          problems.push(`unexpected argument '${arg}': options are flags, as in --name node-1 or --name=node-1`);
        } else {
          problems.push(`unknown flag ${flag}: remove it (run with --help for the flags a node accepts)`);
          if (equals === -1 && argv[i + 1] !== undefined && !(argv[i + 1] as string).startsWith('-')) i++;
        }
        continue;
      }
      let text: string | undefined;
      if (equals !== -1) text = arg.slice(equals + 1);
      else if (argv[i + 1] !== undefined && !(argv[i + 1] as string).startsWith('--')) text = argv[++i];
      if (text === undefined || text === '') {
        problems.push(`${flag} needs a value: pass ${flag} ${spec.placeholder} or ${flag}=${spec.placeholder}`);
        continue;
      }
      const previous = this.flags.get(spec.key);
      if (previous !== undefined && spec.list !== true) {
        problems.push(`${flag} is given more than once: pass it once`);
        continue;
      }
      this.flags.set(
        spec.key,
        previous === undefined ? { text, from: flag } : { text: `${previous.text},${text}`, from: flag },
      );
    }
  }
}

/** The `--help` text of an option table: flag, env variable, default and meaning of each. */
export function describeOptions(title: string, specs: readonly OptionSpec[]): string {
  const lines = [`${title} (a flag wins over its environment variable, which wins over the default):`];
  for (const spec of specs) {
    const aliases = spec.aliases === undefined ? '' : ` (or ${spec.aliases.join(', ')})`;
    lines.push(`  ${spec.flag} ${spec.placeholder}${aliases}`);
    lines.push(`      env ${spec.env}; default: ${spec.defaultText}`);
    lines.push(`      ${spec.meaning}`);
  }
  return `${lines.join('\n')}\n`;
}
