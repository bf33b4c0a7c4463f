import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createWorld, type World } from '../../../src/fixtures/world.js';
import { openDefaultStore, openInbox } from '../../../src/fixtures/open.js';
import { onCall, answers } from '../../../src/core/mock/handlers.js';
import { createMapi } from '../../../src/mapi.js';
import { MapiError, EmulatorError } from '../../../src/core/errors/MapiError.js';
import type { IMAPIFolder, IMsgStore } from '../../../src/core/store/interfaces.js';
import { PR_SUBJECT_W } from '../../../src/core/generated/proptags.js';
import { MAPI_E_NETWORK_ERROR, MAPI_E_NO_SUPPORT, MAPI_E_TIMEOUT } from '../../../src/core/generated/scodes.js';

let world: World<'alice'>;
let store: IMsgStore;
let inbox: IMAPIFolder;

async function addMessages(n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const m = await inbox.createMessage(null, 0);
    await m.setProps([{ ulPropTag: PR_SUBJECT_W, Value: `m${i}` }]);
    await m.saveChanges(0);
  }
}

beforeEach(async () => {
  world = await createWorld({ users: ['alice'] });
  store = await openDefaultStore(await world.logon('alice'));
  inbox = await openInbox(store);
  world.mock.calls.clear();
});
afterEach(() => world.dispose());

describe('MockControls.use', () => {
  it('fails only the nth matching call with the given scode', async () => {
    await addMessages(5);
    const t = await inbox.getContentsTable(0);
    await t.setColumns([PR_SUBJECT_W], 0);
    world.mock.use(onCall('IMAPITable.queryRows').nth(3).fail(MAPI_E_NETWORK_ERROR));
    await expect(t.queryRows(1, 0)).resolves.toHaveLength(1);
    await expect(t.queryRows(1, 0)).resolves.toHaveLength(1);
    await expect(t.queryRows(1, 0)).rejects.toSatisfy((e) => MapiError.is(e, MAPI_E_NETWORK_ERROR));
    // The failed call did not move the cursor: the emulation never ran.
    const fourth = await t.queryRows(1, 0);
    expect(fourth[0]?.lpProps.find((p) => p.ulPropTag === PR_SUBJECT_W)?.Value).toBe('m2');
  });

  it('answers with a value instead of running the emulation', async () => {
    world.mock.use(onCall('IMAPIFolder.getProps').reply([{ ulPropTag: PR_SUBJECT_W, Value: 'fake' }]));
    await expect(inbox.getProps([PR_SUBJECT_W], 0)).resolves.toEqual([{ ulPropTag: PR_SUBJECT_W, Value: 'fake' }]);
  });

  it('matches on the arguments with where()', async () => {
    world.mock.use(onCall('*.getContentsTable').where(([flags]) => flags === 0x40).fail(MAPI_E_TIMEOUT));
    await expect(inbox.getContentsTable(0)).resolves.toBeDefined();
    await expect(inbox.getContentsTable(0x40)).rejects.toSatisfy((e) => MapiError.is(e, MAPI_E_TIMEOUT));
  });

  it('uses up once and times(n) handlers, then passes calls through', async () => {
    const h = onCall('IMAPIFolder.getContentsTable').times(2).fail(MAPI_E_TIMEOUT);
    world.mock.use(h);
    await expect(inbox.getContentsTable(0)).rejects.toBeInstanceOf(MapiError);
    expect(world.mock.isUsed(h)).toBe(false);
    await expect(inbox.getContentsTable(0)).rejects.toBeInstanceOf(MapiError);
    expect(world.mock.isUsed(h)).toBe(true);
    await expect(inbox.getContentsTable(0)).resolves.toBeDefined();
  });

  it('lets a later use() take precedence, and resetHandlers() drops what use() added', async () => {
    world.mock.use(onCall('IMAPIFolder.getContentsTable').fail(MAPI_E_TIMEOUT));
    world.mock.use(onCall('IMAPIFolder.getContentsTable').once().passthrough());
    await expect(inbox.getContentsTable(0)).resolves.toBeDefined();
    await expect(inbox.getContentsTable(0)).rejects.toBeInstanceOf(MapiError);
    world.mock.resetHandlers();
    expect(world.mock.listHandlers()).toHaveLength(0);
    await expect(inbox.getContentsTable(0)).resolves.toBeDefined();
  });

  it('keeps initial handlers given to resetHandlers(...next) and restarts their counts', async () => {
    const h = onCall('IMAPIFolder.getContentsTable').once().fail(MAPI_E_TIMEOUT);
    world.mock.resetHandlers(h);
    await expect(inbox.getContentsTable(0)).rejects.toBeInstanceOf(MapiError);
    await expect(inbox.getContentsTable(0)).resolves.toBeDefined();
    world.mock.resetHandlers();
    await expect(inbox.getContentsTable(0)).rejects.toBeInstanceOf(MapiError);
  });

  it('delays a call in virtual time until the clock passes it', async () => {
    world.mock.use(onCall('IMAPIFolder.getContentsTable').delay(5000, answers.fail(MAPI_E_TIMEOUT)));
    let settled = false;
    const p = inbox.getContentsTable(0).finally(() => (settled = true));
    p.catch(() => {});
    await world.advance(4999);
    expect(settled).toBe(false);
    await world.advance(1);
    expect(settled).toBe(true);
    await expect(p).rejects.toSatisfy((e) => MapiError.is(e, MAPI_E_TIMEOUT));
  });

  it('lets a resolver change the emulation result', async () => {
    await addMessages(2);
    world.mock.use(onCall('IMAPITable.getRowCount').respond(async (_call, next) => ((await next()) as number) + 100));
    const t = await inbox.getContentsTable(0);
    await expect(t.getRowCount(0)).resolves.toBe(102);
  });

  it('rejects malformed handlers with a readable message', () => {
    expect(() => onCall('queryRows' as never)).toThrow(/Interface\.method/);
    expect(() => onCall('IMAPITable.queryRows').nth(0)).toThrow(/positive integer/);
    expect(() => world.mock.use({} as never)).toThrow(/onCall/);
  });
});

describe('MockControls.calls', () => {
  it('logs every call with arguments, outcome, handler and virtual time', async () => {
    world.mock.use(onCall('IMAPIFolder.getContentsTable').where(([f]) => f === 0x40).fail(MAPI_E_TIMEOUT));
    await inbox.getContentsTable(0);
    await world.advance(60_000);
    await inbox.getContentsTable(0x40).catch(() => {});
    const calls = world.mock.calls.list('IMAPIFolder.getContentsTable');
    expect(calls).toHaveLength(2);
    expect(calls[0]).toMatchObject({ args: [0], status: 'resolved', scode: 0 });
    expect(calls[0]!.handledBy).toBeUndefined();
    expect(calls[1]).toMatchObject({ args: [0x40], status: 'rejected', scode: MAPI_E_TIMEOUT });
    expect(calls[1]!.handledBy).toBeDefined();
    expect(calls[1]!.time.ticks - calls[0]!.time.ticks).toBe(60_000n * 10_000n);
    expect(world.mock.calls.count({ scode: MAPI_E_TIMEOUT })).toBe(1);
    expect(world.mock.calls.last('*.getContentsTable')?.args).toEqual([0x40]);
    expect(world.mock.calls.toString('IMAPIFolder.*')).toMatch(/#\d+ IMAPIFolder.getContentsTable\(64\) → MAPI_E_TIMEOUT/);
  });

  it('records nothing after record(false)', async () => {
    world.mock.record(false);
    await inbox.getContentsTable(0);
    expect(world.mock.calls.size).toBe(0);
  });
});

describe('MockControls.onUnimplemented', () => {
  it("answers MAPI_E_NO_SUPPORT by default and throws an EmulatorError with 'error'", async () => {
    // IMAPIStatus.changePassword is listed unsupported in the support matrix.
    const session = await world.logon('alice');
    const status = await session.getStatusTable(0).then(() => null);
    void status;
    const call = { interfaceName: 'IMAPIStatus', method: 'changePassword', args: [], target: inbox };
    await expect(world.mock.intercept(call, () => Promise.reject(new MapiError(MAPI_E_NO_SUPPORT)))).rejects.toSatisfy((e) => MapiError.is(e, MAPI_E_NO_SUPPORT));
    world.mock.onUnimplemented = 'error';
    await expect(world.mock.intercept(call, () => Promise.resolve(1))).rejects.toBeInstanceOf(EmulatorError);
    world.mock.onUnimplemented = (c) => `answered ${c.method}`;
    await expect(world.mock.intercept(call, () => Promise.resolve(1))).resolves.toBe('answered changePassword');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    world.mock.onUnimplemented = 'warn';
    await expect(world.mock.intercept(call, () => Promise.resolve(1))).rejects.toSatisfy((e) => MapiError.is(e, MAPI_E_NO_SUPPORT));
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/IMAPIStatus.changePassword is not implemented/));
    warn.mockRestore();
    // Implemented methods are not affected.
    world.mock.onUnimplemented = 'error';
    await expect(inbox.getContentsTable(0)).resolves.toBeDefined();
  });
});

describe('MapiSubsystem.mock', () => {
  it('adds no interceptor until a handler, recording or strategy needs one', () => {
    const mapi = createMapi();
    expect(mapi.interceptor).toBeNull();
    const h = onCall('IMAPITable.queryRows').fail(MAPI_E_TIMEOUT);
    mapi.mock.use(h);
    expect(mapi.interceptor).toBe(mapi.mock);
    mapi.mock.resetHandlers();
    expect(mapi.interceptor).toBeNull();
    mapi.mock.record(true);
    expect(mapi.interceptor).toBe(mapi.mock);
    mapi.mock.record(false);
    mapi.mock.onUnimplemented = 'warn';
    expect(mapi.interceptor).toBe(mapi.mock);
  });
});
