import { expect, it } from 'vitest';
import { propsBasics } from './props-basics.js';

it('the README example prints what the README says', async () => {
  const lines: unknown[][] = [];
  await propsBasics((...a) => lines.push(a));
  expect(lines).toEqual([['Quarterly report'], [true], ['MAPI_E_NOT_FOUND']]);
});
