// Turns a request into a running connectd: settings, binary, credentials, a port, the argv (and provisioning
// file), the process and its pid file. Every problem before the process runs becomes a LaunchFailure that
// says what the user should do. A workspace provisioning file is only a template (provisioningTemplate.ts);
// every value is checked for its format before it reaches argv or a file.
import * as path from 'node:path';
import { authHashArgs, fileArgs, redactArgs } from '../connectd/args';
import { clearProvisioningDir, initiatorProvisioning, readProvisioningFile, removeProvisioningFile, writeProvisioningFile } from '../connectd/provisioning';
import { readTemplate, type InitiatorTemplate } from '../connectd/provisioningTemplate';
import type { ProcessOutput, SpawnedProcess } from '../connectd/spawner';
import { initiatorValueProblem, type InitiatorTarget } from '../connectd/target';
import type { EngineSettings, ManagerDeps } from './deps';
import { limitsFrom, type ConnectionLimits } from './limits';
import type { PidFiles } from './pidFiles';
import { DEFAULT_PORT_RANGE, formatPortRange, parsePortRange, type PortAllocator, type RememberedPorts } from './ports';
import type { ConnectionFailure, ConnectionRequest, Credentials } from './types';

export class LaunchFailure extends Error {
  constructor(readonly failure: ConnectionFailure) {
    super(failure.message);
  }
}

export interface Launched {
  process: SpawnedProcess;
  port: number;
  bindAddress: string;
  /** The port the user asked for or had last time, when there was one. */
  wishedPort?: number;
  /** The generated provisioning file, until it is removed. */
  provisioningFile?: string;
  /** Values to scrub from connectd's output before anyone sees it. */
  secrets: string[];
  /** The time limits from the settings of this launch. */
  limits: ConnectionLimits;
}

export interface PortWish {
  /** The port this connection already holds (on reconnect). */
  current?: number;
  /** Ports that failed for this connection (exit 017). */
  avoid: ReadonlySet<number>;
}

export interface LauncherDeps extends Pick<ManagerDeps, 'spawner' | 'clock' | 'credentials' | 'connectdPath' | 'settings' | 'storageDir' | 'logger'> {
  ports: PortAllocator;
  remembered: RememberedPorts;
  pidFiles: PidFiles;
  /** Identifies this window in pid files. */
  session: string;
  /** This window's extension host: pid files name it as their owner. */
  hostPid: number;
}

/** A provisioning file this old that no live connectd needs is a crashed window's leftover. */
const LEFTOVER_AGE_MS = 60_000;
/** How long a reconnect waits for its own port before moving to another one. */
const RECONNECT_PORT_WAIT = { attempts: 8, intervalMs: 500 };

export class Launcher {
  private readonly provisioningDir: string;
  /** Generated provisioning files connectd has not read yet. */
  private readonly unread = new Set<string>();

  constructor(private readonly deps: LauncherDeps) {
    this.provisioningDir = path.join(deps.storageDir, 'provisioning');
  }

  async launch(id: string, request: ConnectionRequest, wish: PortWish, output: ProcessOutput): Promise<Launched> {
    const { logger } = this.deps;
    const settings = this.deps.settings();
    const command = await this.deps.connectdPath().catch((err: unknown) => {
      throw new LaunchFailure({ message: err instanceof Error ? err.message : String(err), action: 'setting', setting: 'remoteit.connectd.path' });
    });
    const template = request.provisioningFile ? await this.readTemplate(request.provisioningFile) : undefined;
    const bindAddress = request.bindAddress ?? template?.bindAddress ?? settings.bindAddress;
    const credentials = await this.credentials();

    const wishedPort = request.port ?? template?.port ?? this.deps.remembered.get(id);
    const range = this.range(settings);
    if (wish.current !== undefined && !wish.avoid.has(wish.current)) {
      await this.deps.ports.waitUntilFree(bindAddress, wish.current, this.deps.clock, RECONNECT_PORT_WAIT.attempts, RECONNECT_PORT_WAIT.intervalMs);
    }
    const port = await this.deps.ports.allocate(id, bindAddress, [wish.current, wishedPort], range, wish.avoid);
    if (port === undefined) {
      throw new LaunchFailure({ message: `No free local port in ${formatPortRange(range)} (remoteit.ports.range).`, action: 'otherPort' });
    }

    const serviceId = template?.serviceId ?? request.serviceId;
    const limits = limitsFrom(settings);
    const target: InitiatorTarget = {
      serviceId,
      port,
      encryption: template?.encryption ?? settings.encryption,
      bindAddress,
      restrictIp: settings.restrictIp,
      maxOutstanding: template?.maxOutstanding ?? settings.maxOutstanding,
      lifetimeSeconds: Math.round(limits.lifetimeMs / 1000),
      idleSeconds: Math.round(limits.idleMs / 1000),
    };
    const problem = initiatorValueProblem(credentials, target);
    if (problem) throw new LaunchFailure({ message: `Cannot start connectd for ${request.name}: ${problem}`, action: 'none' });
    const secrets = [credentials.authHash];

    let args: string[];
    let provisioningFile: string | undefined;
    let marker: string;
    if (!template && settings.launchMode === 'authhash') {
      logger.warn(`remoteit.connectd.launchMode is "authhash": the auth hash is on connectd's command line, visible to other local users. Use "file" to keep it private.`);
      args = authHashArgs(credentials, target);
      marker = serviceId;
    } else {
      if (!template && settings.launchMode === 'password') {
        logger.warn('remoteit.connectd.launchMode "password" (-c) needs your password, which is never stored; using a provisioning file instead.');
      }
      if (target.restrictIp !== '0.0.0.0') {
        logger.warn(`Provisioning files have no restrict-IP key: ${target.restrictIp} is not enforced. Use launchMode "authhash" to restrict clients.`);
      }
      provisioningFile = await writeProvisioningFile(this.provisioningDir, initiatorProvisioning(credentials, target)).catch((err: unknown) => {
        throw new LaunchFailure(unwritable(this.provisioningDir, err));
      });
      this.unread.add(provisioningFile);
      args = fileArgs(provisioningFile);
      marker = provisioningFile;
    }

    let child: SpawnedProcess;
    try {
      child = await this.deps.spawner.spawn(command, args, output);
    } catch (err) {
      if (provisioningFile) await this.removeProvisioning(provisioningFile);
      const reason = err instanceof Error ? err.message : String(err);
      throw new LaunchFailure({ message: `Could not start connectd (${command}): ${reason}`, action: 'none' });
    }
    logger.info(`Started connectd (pid ${child.pid}) for ${request.name} on ${bindAddress}:${port}: ${[command, ...redactArgs(args)].join(' ')}`);
    await this.deps.pidFiles
      .write({ id, pid: child.pid, command, marker, startedAt: this.deps.clock.now(), session: this.deps.session, owner: this.deps.hostPid })
      .catch((err: unknown) => logger.warn(`Could not write the pid file for ${request.name}: ${String(err)}`));
    return { process: child, port, bindAddress, wishedPort, provisioningFile, secrets, limits };
  }

  /** After the process ended: its provisioning file (if still there) and pid file go. */
  async cleanUp(id: string, launched: Launched): Promise<void> {
    if (launched.provisioningFile) await this.removeProvisioning(launched.provisioningFile).catch(() => undefined);
    await this.deps.pidFiles.remove(id).catch(() => undefined);
  }

  async removeProvisioning(file: string): Promise<void> {
    this.unread.delete(file);
    await removeProvisioningFile(file);
  }

  /** Removes provisioning files a crashed window left behind (they hold the auth hash). */
  /**
   * Files other open windows' connectd still need (named by their pid records) are kept, as are young ones (file
   * times are wall-clock times, so this compares with the wall clock).
   */
  async clearLeftovers(namedElsewhere: ReadonlySet<string>): Promise<void> {
    await clearProvisioningDir(this.provisioningDir, new Set([...this.unread, ...namedElsewhere]), LEFTOVER_AGE_MS, Date.now());
  }

  /** The provisioning file a reaped orphan was started with, if it is one of ours (a -p marker is a service id). */
  async removeOrphanFile(marker: string): Promise<void> {
    if (path.dirname(marker) === this.provisioningDir) await removeProvisioningFile(marker).catch(() => undefined);
  }

  /** A workspace provisioning file, read as a template: where to connect, never who connects. */
  private async readTemplate(file: string): Promise<InitiatorTemplate> {
    const doc = await readProvisioningFile(file).catch((err: unknown) => {
      throw new LaunchFailure({ message: `Cannot read the provisioning file ${file}: ${err instanceof Error ? err.message : String(err)}`, action: 'none' });
    });
    const template = readTemplate(doc, file);
    if ('refused' in template) throw new LaunchFailure({ message: template.refused, action: 'none' });
    return template;
  }

  private async credentials(): Promise<Credentials> {
    const credentials = await this.deps.credentials().catch(() => undefined);
    if (!credentials?.user || !credentials.authHash) {
      throw new LaunchFailure({ message: 'You are signed out of remote.it. Sign in to connect.', action: 'signIn' });
    }
    return credentials;
  }

  private range(settings: EngineSettings) {
    const range = parsePortRange(settings.portRange);
    if (range) return range;
    this.deps.logger.warn(`remoteit.ports.range "${settings.portRange}" is not a range like 33000-42999; using ${formatPortRange(DEFAULT_PORT_RANGE)}.`);
    return DEFAULT_PORT_RANGE;
  }
}

/** connectd's start-up file could not be written: why, in the user's terms, and what to do about it. */
function unwritable(dir: string, err: unknown): ConnectionFailure {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const why = code === 'ENOSPC' || code === 'EDQUOT' ? 'the disk is full' : code === 'EACCES' || code === 'EPERM' || code === 'EROFS' ? 'that folder cannot be written to' : 'it could not be written';
  return { message: `Could not write connectd's start-up file in ${dir}: ${why}. Free some disk space or make the folder writable, then Retry.`, action: 'retry' };
}
