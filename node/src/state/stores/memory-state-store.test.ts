// The memory store held to the StateStore contract, so tests that use it see the production fencing rules.
import { MemoryStateStore } from './memory-state-store.ts';
import { describeStateStoreContract } from './state-store-contract.ts';

describeStateStoreContract('memory', async () => {
  const store = new MemoryStateStore();
  await store.start();
  return store;
});
