// The Service game clients connect through: spec.gateService's type and port in front of the gate pods' `game`
// port. Only ready gates are behind it, so a draining gate stops receiving new clients within seconds.
import type { V1Service } from '@kubernetes/client-node';
import type { GameCluster } from '../api/game-cluster.ts';
import { roleLabels, roleSelector } from './labels.ts';
import { GAME_PORT_NAME } from './node-ports.ts';
import { gateServiceName } from './object-names.ts';
import { ownedMetadata } from './owned-metadata.ts';

export function gateService(cluster: GameCluster): V1Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: ownedMetadata(cluster, { name: gateServiceName(cluster) }, roleLabels(cluster, 'gate')),
    spec: {
      type: cluster.spec.gateService.type,
      selector: roleSelector(cluster, 'gate'),
      ports: [
        {
          name: GAME_PORT_NAME,
          port: cluster.spec.gateService.port,
          targetPort: GAME_PORT_NAME,
          protocol: 'TCP',
        },
      ],
    },
  };
}
