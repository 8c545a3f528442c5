// `npm run bench -- --check`: the performance goals, one line each, `<id> <name>: <value> (goal <op> <limit>)
// ok|OVER`, with indented notes saying what was measured. Ratios are taken against baselines measured in the
// same run, interleaved; the in-host figures come from fresh windows of the real host opened by this run.
// Exits 0 either way.
import { cpus } from 'node:os';
import { bundleGoal } from './goals/bundle';
import { connectOverheadGoal } from './goals/connectOverhead';
import { engineEventGoals } from './goals/engineEvents';
import { formatGoal, type GoalResult } from './goals/goal';
import { activationGoal, measureInHost, viewGoal } from './goals/inHost';
import { provideTasksGoals, signInToTreeGoal } from './goals/largeAccount';

export async function runChecks(): Promise<void> {
  console.log(`remote.it Connect performance goals — node ${process.version}, ${cpus().length} CPU(s), ${new Date().toISOString()}`);
  const print = (goal: GoalResult) => console.log(formatGoal(goal));
  print(await connectOverheadGoal());
  for (const goal of await engineEventGoals()) print(goal);
  print(await signInToTreeGoal());
  const { windows, seconds, log } = await measureInHost();
  console.log(`in-host: ${windows.length} fresh window(s) of the real host measured in ${seconds.toFixed(0)} s (log ${log})`);
  print(viewGoal(windows));
  for (const goal of await provideTasksGoals(windows)) print(goal);
  print(activationGoal(windows));
  print(await bundleGoal());
}
