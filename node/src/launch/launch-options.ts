// The options both launchers (`npm start`, `npm run cluster`) take, spelled the same way in both.
import type { OptionSpec } from '../config/options.ts';

export const APP_OPTION: OptionSpec<'app'> = {
  key: 'app',
  flag: '--app',
  env: 'GAMECLUSTER_APP',
  placeholder: '<module>',
  defaultText: 'arena',
  meaning: 'The game every node loads: a module path, or the built-in demo `arena`.',
};

/** `--data-dir`: where a launcher keeps its logs and PGlite database; `what` says what lives there. */
export function dataDirOption(what: string): OptionSpec<'dataDir'> {
  return {
    key: 'dataDir',
    flag: '--data-dir',
    env: 'GAMECLUSTER_DATA_DIR',
    placeholder: '<dir>',
    defaultText: '.gamecluster',
    meaning: what,
  };
}

/** `--gate-port`: where the (first) gate listens; `what` says how the launcher uses it. */
export function gatePortOption(what: string): OptionSpec<'gatePort'> {
  return {
    key: 'gatePort',
    flag: '--gate-port',
    env: 'GAMECLUSTER_GATE_PORT',
    placeholder: '<port>',
    defaultText: '7350',
    meaning: what,
  };
}
