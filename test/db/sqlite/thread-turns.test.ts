// The long-work thread's connection goes to what a screen asked for before background work
// (thread-turns.ts): handed over between two statements, never while one holds it.
import { expect, it } from 'vitest';
import { ThreadTurns } from '../../../main/db/sqlite/thread-turns';

it('a waiting asked-for read goes before waiting background work, each in its own turn', async () => {
  const turns = new ThreadTurns();
  const order: string[] = [];
  await turns.take('background'); // a fix's statement holds the connection
  const user = (name: string, priority: 'asked' | 'background') =>
    turns.take(priority).then(() => {
      order.push(`${name} runs`);
      // Nobody else got in while it held the connection.
      order.push(`${name} done`);
      turns.release();
    });
  const all = [user('fix next range', 'background'), user('live view count', 'background'), user('explain', 'asked'), user('hopper stats', 'asked')];
  expect(order).toEqual([]);
  turns.release();
  await Promise.all(all);
  expect(order).toEqual([
    'explain runs',
    'explain done',
    'hopper stats runs',
    'hopper stats done',
    'fix next range runs',
    'fix next range done',
    'live view count runs',
    'live view count done',
  ]);
  // Free again: the next caller takes it at once.
  await turns.take('background');
  turns.release();
});
