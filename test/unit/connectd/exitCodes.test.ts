import * as assert from 'node:assert/strict';
import { EXIT_CODES, exitCodeInfo, failureFor, legacyExitCode, resolveExit } from '../../../src/core/connectd/exitCodes';

describe('connectd exit codes', () => {
  it('documents every code 001–030 with its message from the exit-code table', () => {
    const expected: Record<number, string> = {
      1: 'process lifetime expired',
      2: 'shutdown packet received',
      3: 'termination from windows signal / (all platforms except windows)',
      4: 'Disabled By User Configuration',
      10: 'bad user specified (probably not possible at this time)',
      11: 'authentication error (may be multiple because of retry)',
      12: 'auto connect failed (Initiator p2p connect failed)',
      13: 'Initiate session create failed (initiator p2p connect failed !autoconnect)',
      14: 'Connection To remot3.it Service has Timed Out',
      15: 'cannot get UID from service (not a initiator side error)',
      16: 'Cannot Bind UDP Port (UDP P2P port)',
      17: 'Cannot Bind Proxy Port (initiator port)',
      20: 'connection to peer closed or timed out',
      21: 'connection to peer failed (failed p2p connect)',
      25: 'unknown reason (this should not happen)',
      30: 'user console exit',
    };
    assert.deepEqual(Object.fromEntries(EXIT_CODES.map((c) => [c.code, c.documented])), expected);
    for (const info of EXIT_CODES) assert.ok(info.userMessage.length > 10, `message for ${info.code}`);
  });

  it('says what each code means for the user', () => {
    const outcomes = Object.fromEntries(EXIT_CODES.map((c) => [c.code, c.outcome]));
    assert.deepEqual(outcomes, {
      1: 'stopped', 2: 'stopped', 3: 'reconnect', 4: 'giveUp', 10: 'signIn', 11: 'signIn', 12: 'unreachable',
      13: 'unreachable', 14: 'network', 15: 'giveUp', 16: 'otherPort', 17: 'otherPort', 20: 'reconnect',
      21: 'unreachable', 25: 'reconnect', 30: 'stopped',
    });
  });

  it('maps outcomes to the actions offered with the message', () => {
    assert.equal(failureFor(exitCodeInfo(11)!).action, 'signIn');
    assert.equal(failureFor(exitCodeInfo(12)!).action, 'unreachable');
    assert.equal(failureFor(exitCodeInfo(21)!).action, 'unreachable');
    assert.equal(failureFor(exitCodeInfo(17)!).action, 'otherPort');
    assert.equal(failureFor(exitCodeInfo(14)!).action, 'network', 'remote.it unreachable: Retry and Network Diagnostics');
    assert.equal(failureFor(exitCodeInfo(20)!).action, 'retry');
    assert.equal(failureFor(exitCodeInfo(4)!).action, 'none');
    assert.deepEqual(failureFor(exitCodeInfo(1)!), { code: 1, message: exitCodeInfo(1)!.userMessage, action: 'retry' });
  });

  it('resolves the 020/030 "user console exit" conflict by the message', () => {
    assert.equal(resolveExit(20, 'user console exit')?.code, 30);
    assert.equal(resolveExit(20, 'connection to peer closed or timed out.')?.code, 20);
    assert.equal(resolveExit(30)?.code, 30);
    assert.equal(resolveExit(20)?.outcome, 'reconnect');
  });

  it('returns nothing for undocumented codes', () => {
    assert.equal(resolveExit(99), undefined);
    assert.equal(resolveExit(undefined), undefined);
    assert.equal(exitCodeInfo(0), undefined);
  });

  it('infers codes for the 4.0 messages', () => {
    assert.equal(legacyExitCode('process liftime (1) +grace (2) max hit (max max) (cur 3).'), 1);
    assert.equal(legacyExitCode('termination from signal 15'), 3);
    assert.equal(legacyExitCode('authentication error 3'), 11);
    assert.equal(legacyExitCode('what is this'), undefined);
  });
});
