import * as assert from 'node:assert/strict';
import { planSystemSetup, requirements, type Need, type Requirement, type SystemState } from '../../../scripts/lib/systemRequirements';

const CHROMIUM = '/usr/bin/chromium';
const EVERYTHING: Need[] = ['hostBuild', 'sshd', 'browser'];

/** A machine that has everything the requirements look for except the named packages and folders. */
function machine(lacking: string[], access: { root: boolean; aptGet: boolean }): SystemState {
  const provides = (r: Requirement) => ('aptPackage' in r.provide ? r.provide.aptPackage : r.provide.folder);
  const absent = requirements(CHROMIUM).filter((r) => lacking.includes(provides(r)));
  const key = (look: Requirement['look']) => JSON.stringify(look);
  const absentLooks = new Set(absent.map((r) => key(r.look)));
  return { has: (look) => !absentLooks.has(key(look)), ...access };
}

const ROOT = { root: true, aptGet: true };
const USER = { root: false, aptGet: true };

describe('system set-up plan', () => {
  it('nothing to do (and so nothing to say) when everything is there', () => {
    assert.deepEqual(planSystemSetup(EVERYTHING, machine([], USER), CHROMIUM), { kind: 'ready' });
  });

  it('as root with apt-get: installs exactly what is missing, creates /run/sshd, and says what each is for', () => {
    const plan = planSystemSetup(EVERYTHING, machine(['chromium', 'openssh-server', 'libkrb5-dev', '/run/sshd'], ROOT), CHROMIUM);
    assert.equal(plan.kind, 'install');
    if (plan.kind !== 'install') return;
    assert.deepEqual(plan.packages, ['libkrb5-dev', 'openssh-server', 'chromium']);
    assert.deepEqual(plan.folders, ['/run/sshd']);
    const lines = plan.announcement.split('\n');
    assert.match(lines[0], /installing with apt-get/);
    assert.match(lines.find((l) => l.includes('libkrb5-dev')) ?? '', /kerberos/);
    assert.match(lines.find((l) => l.includes('openssh-server')) ?? '', /SSH server/);
    assert.match(lines.find((l) => l.includes('chromium')) ?? '', /browser/);
    assert.match(lines.find((l) => l.includes('/run/sshd')) ?? '', /privilege separation/);
    assert.equal(lines.length, 5);
  });

  it('as another user: stops with the one sudo line, nothing installed', () => {
    const plan = planSystemSetup(EVERYTHING, machine(['chromium', 'libkrb5-dev'], USER), CHROMIUM);
    assert.equal(plan.kind, 'blocked');
    if (plan.kind !== 'blocked') return;
    const sudoLines = plan.message.split('\n').filter((l) => l.includes('sudo'));
    assert.deepEqual(sudoLines, ['  sudo apt-get install -y libkrb5-dev chromium']);
  });

  it('as another user missing only /run/sshd: the sudo line creates the folder and installs nothing', () => {
    const plan = planSystemSetup(['sshd'], machine(['/run/sshd'], USER), CHROMIUM);
    assert.equal(plan.kind, 'blocked');
    if (plan.kind !== 'blocked') return;
    assert.equal(plan.message.split('\n').pop(), '  sudo mkdir -p -m 0755 /run/sshd');
  });

  it('packages and the folder together make one line', () => {
    const plan = planSystemSetup(['sshd'], machine(['openssh-server', '/run/sshd'], USER), CHROMIUM);
    assert.equal(plan.kind === 'blocked' && plan.message.split('\n').pop(), '  sudo apt-get install -y openssh-server && sudo mkdir -p -m 0755 /run/sshd');
  });

  it('as root without apt-get: names the Debian packages and stops', () => {
    const plan = planSystemSetup(['browser'], machine(['chromium'], { root: true, aptGet: false }), CHROMIUM);
    assert.equal(plan.kind, 'blocked');
    if (plan.kind !== 'blocked') return;
    assert.match(plan.message, /chromium/);
    assert.match(plan.message, /apt-get is not available/);
    assert.doesNotMatch(plan.message, /sudo/);
  });

  it('as root without apt-get, a missing folder alone is still created', () => {
    const plan = planSystemSetup(['sshd'], machine(['/run/sshd'], { root: true, aptGet: false }), CHROMIUM);
    assert.deepEqual(plan.kind === 'install' && [plan.packages, plan.folders], [[], ['/run/sshd']]);
  });

  it('checks only what the run needs: the demo (no browser, hosts installed) does not ask for chromium or build tools', () => {
    assert.deepEqual(planSystemSetup(['sshd'], machine(['chromium', 'libkrb5-dev', 'g++'], USER), CHROMIUM), { kind: 'ready' });
  });

  it('a package needed for two reasons is installed once, with both reasons on its line', () => {
    const plan = planSystemSetup(['sshd'], machine(['openssh-client'], ROOT), CHROMIUM);
    assert.equal(plan.kind, 'install');
    if (plan.kind !== 'install') return;
    assert.deepEqual(plan.packages, ['openssh-client']);
    const line = plan.announcement.split('\n').filter((l) => l.includes('openssh-client'));
    assert.equal(line.length, 1);
    assert.match(line[0], /keys.*; .*ssh client/);
  });

  it('looks for the browser where the run will start it (CHROMIUM_PATH)', () => {
    const custom = '/opt/chromium/chrome';
    const system: SystemState = { has: (look) => !('path' in look && look.path === custom), ...ROOT };
    const plan = planSystemSetup(['browser'], system, custom);
    assert.deepEqual(plan.kind === 'install' && plan.packages, ['chromium']);
  });
});
