/**
 * Runs inside one of Aspen's own pages (passed to a browser driver's `evaluate`): every row of one store of
 * Aspen's IndexedDB, read as the panel reads it. Used by the Chromium and Firefox tests and the demo.
 */
export function readObjectStore(name: string): Promise<unknown[]> {
  return new Promise<unknown[]>((done, fail) => {
    void indexedDB.databases().then((databases) => {
      // Opening a database that does not exist would create it at version 1 and confuse the app's upgrade.
      if (!databases.some((d) => d.name === 'aspen')) return done([]);
      const open = indexedDB.open('aspen');
      open.onerror = () => fail(open.error);
      open.onsuccess = () => {
        const db = open.result;
        if (!db.objectStoreNames.contains(name)) {
          db.close();
          return done([]);
        }
        const request = db.transaction(name).objectStore(name).getAll();
        request.onsuccess = () => {
          db.close();
          done(request.result);
        };
        request.onerror = () => fail(request.error);
      };
    });
  });
}
