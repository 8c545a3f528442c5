// The real implementations of the engine's system dependencies, for the composition root.
import { SystemProcessTable } from '../connectd/processTable';
import { ChildProcessSpawner } from '../connectd/spawner';
import { systemClock } from '../clock';
import type { ManagerDeps } from './deps';
import { isPortFree } from './portCheck';
import { probeTcp } from './tcpProbe';

export function systemServices(): Pick<ManagerDeps, 'spawner' | 'clock' | 'probe' | 'isPortFree' | 'processes'> {
  return {
    spawner: new ChildProcessSpawner(),
    clock: systemClock,
    probe: (host, port) => probeTcp(host, port),
    isPortFree,
    processes: new SystemProcessTable(),
  };
}
