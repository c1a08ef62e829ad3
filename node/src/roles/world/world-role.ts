// The world role's name: world kinds activate only on nodes with it (or with no roles).
export const WORLD_ROLE = 'world';
