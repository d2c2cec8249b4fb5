import { createInterface } from 'node:readline';
import { z } from 'zod';
import { fixedClock } from '../../src/time/clock.js';
import { sweepInstance } from './sweepInstance.js';

/**
 * A bot instance that the SIGKILL trials kill (faults.sigkill.test.ts), run with tsx. It loads the bot's modules,
 * says `ready`, and waits for one line naming the storage and the tables' prefix; then sweeps at `now` and drains
 * the outbox, saying `sweeping` first and `done` with the sweep's report last, and exits. Started ahead of its
 * trial, so the trial does not wait for the modules to load.
 */
const order = z.object({ connectionString: z.string(), prefix: z.string(), now: z.string().datetime() });

const lines = createInterface({ input: process.stdin });
process.stdout.write('ready\n');
for await (const line of lines) {
  const { connectionString, prefix, now } = order.parse(JSON.parse(line));
  const instance = await sweepInstance(connectionString, prefix, fixedClock(new Date(now)));
  process.stdout.write('sweeping\n');
  const report = await instance.sweep();
  await instance.drainAll();
  process.stdout.write(`done ${JSON.stringify(report)}\n`);
  process.exit(0);
}
