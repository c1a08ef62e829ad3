// The suites' node processes are the cluster command's (node/src/launch): one implementation of spawning a node,
// waiting for its ready line and stopping it.
export { NODE_MAIN, NodeProcess, type NodeProcessOptions } from '../../../node/src/launch/node-process.ts';
