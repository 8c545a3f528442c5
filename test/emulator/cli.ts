// node --import tsx test/emulator/cli.ts --world <file.json> [--port N]
// Starts the emulator and runs until SIGINT/SIGTERM.
import { parseArgs } from 'node:util';
import { startEmulator } from './server';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { world: { type: 'string' }, port: { type: 'string' } } });
  if (!values.world) {
    process.stderr.write('usage: node --import tsx test/emulator/cli.ts --world <file.json> [--port N]\n');
    process.exit(2);
  }
  const emulator = await startEmulator({ world: values.world, port: values.port ? Number(values.port) : 0 });
  process.stdout.write(`remote.it emulator listening on ${emulator.url}\n`);
  const stop = () => void emulator.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
