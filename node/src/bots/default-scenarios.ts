// The scenarios the bots CLI ships with. A game adds its own by registering them on this registry.

import { arenaScenario } from '../roles/arena/arena-bot.ts';
import { ScenarioRegistry } from './scenario.ts';
import { echoScenario } from './scenario-echo.ts';
import { idleScenario } from './scenario-idle.ts';

export function defaultScenarios(): ScenarioRegistry {
  return new ScenarioRegistry().register(echoScenario).register(idleScenario).register(arenaScenario);
}
