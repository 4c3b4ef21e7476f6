import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it, vi } from 'vitest';
import { database } from '../../entrypoints/background/database';
import { addNote, notesFor, openAspenDb, reopeningConnection, SCHEMA_VERSION } from '../../lib/store';
import { forceClose } from './helpers';

/** A reopening connection to a database of its own, and a spy on its losses. */
function watchedConnection() {
  const factory = new IDBFactory();
  const connection = reopeningConnection(() => openAspenDb('aspen', factory));
  const lost = vi.fn();
  connection.onLost(lost);
  return { factory, connection, lost };
}

/** Opens `name` at a later version, as a newer Aspen in another context would; resolves once it is open. */
function upgradeElsewhere(factory: IDBFactory, name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = factory.open(name, SCHEMA_VERSION + 1);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
    request.onblocked = () => reject(new Error('the upgrade was blocked by the open connection'));
  });
}

describe('a connection that reopens', () => {
  it('after the browser force-closes the database, the next operation gets a new connection, the data intact', async () => {
    const { connection, lost } = watchedConnection();
    const first = await connection.get();
    await addNote(first, { personId: 'U2', kind: 'note', body: 'kept' });

    forceClose(first);
    expect(lost).toHaveBeenCalledOnce();
    await expect(notesFor(first, 'U2')).rejects.toThrow();
    const second = await connection.get();
    expect(second).not.toBe(first);
    expect((await notesFor(second, 'U2')).map((n) => n.body)).toEqual(['kept']);
    expect(await connection.get()).toBe(second);
  });

  it('lets another context upgrade the database instead of blocking it, and then says it cannot open the newer version', async () => {
    const { factory, connection, lost } = watchedConnection();
    const first = await connection.get();

    const newer = await upgradeElsewhere(factory, 'aspen');
    expect(newer.version).toBe(SCHEMA_VERSION + 1);
    expect(lost).toHaveBeenCalledOnce();
    // This Aspen is older than the database now: opening fails, and is tried again next time rather than kept.
    await expect(connection.get()).rejects.toMatchObject({ name: 'VersionError' });
    newer.close();
    await expect(connection.get()).rejects.toMatchObject({ name: 'VersionError' });
    await expect(notesFor(first, 'U2')).rejects.toThrow();
  });

  it('retries an open that failed once', async () => {
    const factory = new IDBFactory();
    const open = vi.fn(() => openAspenDb('aspen', factory));
    open.mockRejectedValueOnce(new Error('disk busy'));
    const connection = reopeningConnection(open);
    await expect(connection.get()).rejects.toThrow('disk busy');
    await expect(connection.get()).resolves.toBeDefined();
    expect(open).toHaveBeenCalledTimes(2);
  });

  it("the background's database survives a forced close", async () => {
    const first = await database();
    // Times of their own: notes list by creation time, and two added in one millisecond tie.
    await addNote(first, { personId: 'U7', kind: 'note', body: 'before' }, 1_000);
    forceClose(first);
    const second = await database();
    expect(second).not.toBe(first);
    await addNote(second, { personId: 'U7', kind: 'note', body: 'after' }, 2_000);
    expect((await notesFor(second, 'U7')).map((n) => n.body)).toEqual(['before', 'after']);
  });
});
