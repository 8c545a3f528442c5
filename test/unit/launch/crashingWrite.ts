// Run as a child by atomicFile.test.ts: writes a file atomically and dies (SIGKILL, no cleanup) at the moment
// between the flushed temp file and the rename — the worst place a real crash or power cut can hit.
import { promises as fs } from 'node:fs';
import { writeFileAtomic, type AtomicFs } from '../../../src/core/launch/atomicFile';

const [file, text] = process.argv.slice(2);
const dyingFs: AtomicFs = {
  ...fs,
  rename: async () => {
    process.kill(process.pid, 'SIGKILL');
    await new Promise(() => undefined);
  },
};
void writeFileAtomic(file, text, 0o600, dyingFs);
