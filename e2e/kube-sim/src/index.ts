// kube-sim's public API: a TEST-ONLY Kubernetes API server for controller and end-to-end tests (README.md).

// Authentication and authorization hooks (RBAC mode plugs in here)
export {
  ADMIN_USER,
  type AuthorizationDecision,
  type AuthorizationRequest,
  type Authorizer,
  allowAll,
  type UserInfo,
} from './authorization.ts';
// Errors
export { ApiError, KUBESIM_ERROR_CODES, KubeSimError, type KubeSimErrorCode, type KubeStatus } from './errors.ts';
export { parseFieldSelector } from './field-selector.ts';
export type { RequestLogEntry } from './http-server.ts';
export type { KubeObject, ObjectMeta, OwnerReference } from './kube-object.ts';
// Starting and stopping
export { type KubeSim, type KubeSimOptions, startKubeSim } from './kube-sim.ts';
export { type KubeconfigOptions, kubeconfigText, writeKubeconfig } from './kubeconfig.ts';
export { parseLabelSelector } from './label-selector.ts';
// In-process access (the kubelet and test setup use these)
export type { DeleteOptions, DeleteOutcome } from './object-deletion.ts';
export type { ObjectStore, StoreEvent, WatchEventType } from './object-store.ts';
export type { NonResourceRequestInfo, RequestInfo, ResourceRequestInfo } from './request-info.ts';
export type { ListQuery, ListResult, ResourceApi, WriteOptions, WriteResult } from './resource-api.ts';
export type { ResourceRegistry } from './resource-registry.ts';
export type { ResourceType } from './resource-type.ts';
export type { WatchEvent, WatchRequest } from './watch-feed.ts';
