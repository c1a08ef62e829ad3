// The scenarios the bots CLI ships with. A game adds its own by registering them on this registry.

import { ScenarioRegistry } from './scenario.ts';
import { echoScenario } from './scenario-echo.ts';
import { idleScenario } from './scenario-idle.ts';

export function defaultScenarios(): ScenarioRegistry {
  return new ScenarioRegistry().register(echoScenario).register(idleScenario);
}
