// Errors of the operator's API layer. Codes are stable; the operator shows the message in the GameCluster's
// conditions and events, so it names every bad field and says what to do. (The operator does not load the node
// package's error registry: these errors never cross the mesh, but they keep its shape: code, details, toData.)
import type { FieldProblem } from './field-checks.ts';

/**
 * A GameCluster the API server should not have accepted (e.g. stored before a CRD upgrade, or created where the
 * CRD is not installed with its schema): `problems` lists every bad field with its path.
 */
export class InvalidGameClusterError extends Error {
  static readonly code = 'GC_ERR_INVALID_GAMECLUSTER';
  readonly code = InvalidGameClusterError.code;
  readonly problems: readonly FieldProblem[];

  /** `name` is `namespace/name` (or what is known of it). */
  constructor(name: string, problems: readonly FieldProblem[], options?: { cause?: unknown }) {
    const list = problems.map((problem) => `${problem.path || '(object)'}: ${problem.message}`).join('; ');
    super(
      `GameCluster ${name} is invalid: ${list}. Fix these fields and apply it again (kubectl apply checks them too once the CRD from crds/ is installed).`,
      options?.cause === undefined ? undefined : { cause: options.cause },
    );
    this.name = 'InvalidGameClusterError';
    this.problems = problems;
  }

  get details(): Record<string, unknown> {
    return { problems: this.problems };
  }

  toData(): { code: string; message: string; name: string; details: Record<string, unknown> } {
    return { code: this.code, message: this.message, name: this.name, details: this.details };
  }
}
