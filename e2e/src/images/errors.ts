// The errors of the images suite's tooling (buildah, debootstrap, npm pack, tar): each says which command failed
// and what to do, so a red `npm run e2e -- images` names its cause without a debugging session.

export const IMAGES_ERROR_CODES = {
  /** A command exited non-zero, was killed, or ran past its deadline. */
  commandFailed: 'GC_ERR_IMAGES_COMMAND',
  /** The machine lacks what the suite needs (root, buildah, debootstrap). */
  prerequisite: 'GC_ERR_IMAGES_PREREQUISITE',
} as const;

export type ImagesErrorCode = (typeof IMAGES_ERROR_CODES)[keyof typeof IMAGES_ERROR_CODES];

export class ImagesError extends Error {
  readonly code: ImagesErrorCode;

  constructor(code: ImagesErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ImagesError';
    this.code = code;
  }
}
