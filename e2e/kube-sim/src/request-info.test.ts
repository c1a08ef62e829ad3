// Table tests of reading requests into (verb, group, version, namespace, resource, name, subresource).

import { describe, expect, it } from '@jest/globals';
import { requestInfoOf } from './request-info.ts';

describe('requestInfoOf', () => {
  it.each([
    { method: 'GET', path: '/api/v1/namespaces/default/pods', q: '', want: 'list  v1 default pods  ' },
    { method: 'GET', path: '/api/v1/namespaces/default/pods', q: 'watch=true', want: 'watch  v1 default pods  ' },
    { method: 'GET', path: '/api/v1/pods', q: 'watch=1', want: 'watch  v1  pods  ' },
    { method: 'GET', path: '/api/v1/namespaces/default/pods/p1', q: '', want: 'get  v1 default pods p1 ' },
    {
      method: 'PUT',
      path: '/api/v1/namespaces/default/pods/p1/status',
      q: '',
      want: 'update  v1 default pods p1 status',
    },
    { method: 'GET', path: '/api/v1/namespaces/games', q: '', want: 'get  v1 games namespaces games ' },
    {
      method: 'PUT',
      path: '/api/v1/namespaces/games/finalize',
      q: '',
      want: 'update  v1 games namespaces games finalize',
    },
    { method: 'POST', path: '/api/v1/namespaces', q: '', want: 'create  v1  namespaces  ' },
    {
      method: 'PATCH',
      path: '/apis/gamecluster.io/v1alpha1/namespaces/g/gameclusters/x/scale',
      q: '',
      want: 'patch gamecluster.io v1alpha1 g gameclusters x scale',
    },
    {
      method: 'DELETE',
      path: '/apis/apps/v1/namespaces/a/deployments',
      q: '',
      want: 'deletecollection apps v1 a deployments  ',
    },
    {
      method: 'DELETE',
      path: '/apis/rbac.authorization.k8s.io/v1/clusterroles/r',
      q: '',
      want: 'delete rbac.authorization.k8s.io v1  clusterroles r ',
    },
  ])('$method $path?$q', ({ method, path, q, want }) => {
    const info = requestInfoOf(method, path, new URLSearchParams(q));
    if (info.kind !== 'resource') throw new Error('expected a resource request');
    expect(
      [info.verb, info.group, info.version, info.namespace, info.resource, info.name, info.subresource].join(' '),
    ).toBe(want);
  });

  it.each(['/api', '/api/v1', '/apis', '/apis/apps', '/apis/apps/v1', '/version', '/openapi/v3'])(
    '%s is a non-resource path',
    (path) => {
      expect(requestInfoOf('GET', path, new URLSearchParams()).kind).toBe('nonResource');
    },
  );
});
