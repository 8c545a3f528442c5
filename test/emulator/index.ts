// The remote.it platform emulator and its helpers: what test runners, the demo and benchmarks import.
export { startEmulator, type EmulatorOptions, type RunningEmulator } from './server';
export type { Account, AccessKey, OnlineState, Target, World, WorldDevice, WorldService } from './world';
export { loadWorld } from './world';
export { generateWorld, generatedUid, GENERATED_ACCOUNT, type GenerateOptions } from './generateWorld';
export { demoWorld, DEMO_ACCOUNT, DEMO_SERVICES } from './demoWorld';
export { startHttpTarget, type HttpTarget } from './httpTarget';
export { STANDIN_ENV, type ConnectdBehaviour } from './protocol';
export type { CounterSnapshot, FaultKind, FaultPlan } from './faults';
