import { reopeningConnection, type AspenDb } from '@/lib/store';

/** One connection per background lifetime, reopened when the browser closes it or a newer Aspen upgrades the database. */
const connection = reopeningConnection();

export const database = (): Promise<AspenDb> => connection.get();
