// Placement helpers of the cluster layer: who may host a kind, and which of them gets a new activation.

// Candidates
export { drainingCandidates, placementCandidates } from './candidates.ts';

// Strategies
export {
  LEAST_LOADED_MAX_TRACKED_MEMBERS,
  LeastLoadedPlacement,
  type LeastLoadedPlacementOptions,
} from './placement-least-loaded.ts';
export { RandomPlacement, type RandomPlacementOptions } from './placement-random.ts';
export { noPlacementCandidateError, type PlacementStrategy } from './placement-strategy.ts';

// Hashing
export { rendezvousOwner, rendezvousWeight } from './rendezvous.ts';
