import { expect, it } from 'vitest';
import { worldInbox } from './world-inbox.js';

it('the README createWorld example prints what the README says', async () => {
  const lines: unknown[][] = [];
  await worldInbox((...a) => lines.push(a));
  expect(lines).toEqual([['hello from the world'], [1, ['hello from the world']]]);
});
