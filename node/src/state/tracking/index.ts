// Tracked state documents: an actor's state that records its own writes (DESIGN §3 "State and write-behind").

// Limits
export { MAX_DOCUMENT_DEPTH } from './document-copy.ts';
// Paths
export { collapsePaths, coversPath, type DocumentPath, formatPath } from './document-path.ts';
// Documents
export { type TrackedDocument, trackDocument } from './tracked-document.ts';
