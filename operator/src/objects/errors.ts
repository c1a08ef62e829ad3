// Errors of the owned-object builders: a GameCluster whose names or settings cannot become valid Kubernetes
// objects. The API's validation should reject such a cluster first; these keep a builder from ever sending one.

/** A name derived from the GameCluster's name is not a valid Kubernetes name (too long, or bad characters). */
export class ObjectNameError extends Error {
  readonly code = 'GC_ERR_OBJECT_NAME';
  /** Every name that does not fit, each with what is wrong. */
  readonly problems: readonly string[];

  constructor(cluster: string, problems: readonly string[]) {
    super(
      `GameCluster '${cluster}' gives object names Kubernetes refuses; rename it (a DNS label starting with a letter, at most 51 characters):\n  - ${problems.join('\n  - ')}`,
    );
    this.name = 'ObjectNameError';
    this.problems = problems;
  }
}

/** A GameCluster setting the builders cannot turn into a working pod (e.g. postgres without its secretRef). */
export class ObjectSpecError extends Error {
  readonly code = 'GC_ERR_OBJECT_SPEC';

  constructor(message: string) {
    super(message);
    this.name = 'ObjectSpecError';
  }
}
