// Test support for the planner, for its own tests, the controller's and the `operator.plan` benchmark: fixtures,
// a simulator that applies plans to a toy cluster, and the naive planner used as a baseline.

export {
  drainingPod,
  pendingPod,
  servingPods,
  startedNode,
  steadyPods,
  T0,
  TEST_REPLICAS,
  type TestClusterOptions,
  testCluster,
  testHashes,
  testPod,
} from './fixtures.ts';
export { naivePlanGameCluster } from './naive-plan.ts';
export { PlanSimulator, type PlanSimulatorOptions, type SimulatorStep } from './plan-simulator.ts';
