// A long-work thread's connection goes to one user at a time, in the order they came
// (thread-turns.ts): handed over when one releases it, never while one holds it.
import { expect, it } from 'vitest';
import { ThreadTurns } from '../../../main/db/sqlite/thread-turns';

it('hands the connection to the waiters one at a time, in the order they came', async () => {
  const turns = new ThreadTurns();
  const order: string[] = [];
  await turns.take(); // a fix's statement holds the connection
  const user = (name: string) =>
    turns.take().then(async () => {
      order.push(`${name} runs`);
      await new Promise((r) => setTimeout(r, 5));
      // Nobody else got in while it held the connection.
      order.push(`${name} done`);
      turns.release();
    });
  const all = [user('fix next range'), user('live view count'), user('dry run range')];
  await new Promise((r) => setTimeout(r, 5));
  expect(order).toEqual([]);
  turns.release();
  await Promise.all(all);
  expect(order).toEqual(['fix next range runs', 'fix next range done', 'live view count runs', 'live view count done', 'dry run range runs', 'dry run range done']);
  // Free again: the next caller takes it at once.
  await turns.take();
  turns.release();
});
