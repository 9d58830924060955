/**
 * Runs concurrent-worker.ts in several processes at once, compiled on the fly
 * by ts-node, and collects their results.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';

import type { WorkerTask } from './concurrent-worker';

const REPOSITORY_ROOT = path.resolve(__dirname, '..', '..');
const WORKER = path.join(__dirname, 'concurrent-worker.ts');

/**
 * Time for every process to start and compile before the shared start time.
 * One worker needed about 0.8 s from spawn to finished work on a 2-core
 * machine. A worker that starts late still passes, with less overlap.
 */
const START_DELAY_MS = 2_500;
const WORKER_TIMEOUT_MS = 45_000;

function runWorker(task: WorkerTask): Promise<unknown> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', WORKER, JSON.stringify(task)],
      { cwd: REPOSITORY_ROOT, timeout: WORKER_TIMEOUT_MS, env: { ...process.env, TS_NODE_PROJECT: path.join(REPOSITORY_ROOT, 'tsconfig.json') } },
      (error, stdout, stderr) => {
        if (error !== null) {
          reject(new Error(`Worker ${task.kind} failed: ${error.message}\n${stderr}`));
          return;
        }
        resolve(JSON.parse(stdout));
      },
    );
  });
}

/** Starts one process per task, and all of them begin their work at the same moment. */
export async function runWorkers<T>(tasks: Omit<WorkerTask, 'startAt'>[]): Promise<T[]> {
  const startAt = Date.now() + START_DELAY_MS;
  return (await Promise.all(tasks.map((task) => runWorker({ ...task, startAt } as WorkerTask)))) as T[];
}
