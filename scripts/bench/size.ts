/*
 * The size of the extension as it is uploaded to the stores: each build folder zipped as `wxt zip` zips it
 * (every file, DEFLATE at level 9), model files included. Zipped here with Node's zlib rather than by
 * `wxt zip`, which would rebuild both targets first.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import { ensureExtensionBuilt, extensionDir, type ExtensionTarget } from './extension';
import type { BenchRow } from './figures';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

/** A zip archive (no zip64: fine below 4 GiB) of every file under `dir`, as one buffer. */
function zipFolder(dir: string): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const path of filesUnder(dir).sort()) {
    const name = Buffer.from(relative(dir, path).split(sep).join('/'), 'utf8');
    const content = readFileSync(path);
    const compressed = deflateRawSync(content, { level: 9 });
    const crc = crc32(content);
    // Version 2.0, UTF-8 names (bit 11), DEFLATE; a fixed 1980-01-01 timestamp keeps the size reproducible.
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(0x0800, 6);
    header.writeUInt16LE(8, 8);
    header.writeUInt16LE(0, 10);
    header.writeUInt16LE(0x21, 12);
    header.writeUInt32LE(crc, 14);
    header.writeUInt32LE(compressed.length, 18);
    header.writeUInt32LE(content.length, 22);
    header.writeUInt16LE(name.length, 26);
    header.writeUInt16LE(0, 28);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    header.copy(entry, 6, 4, 30);
    entry.writeUInt16LE(0, 32);
    entry.writeUInt16LE(0, 34);
    entry.writeUInt16LE(0, 36);
    entry.writeUInt32LE(0, 38);
    entry.writeUInt32LE(offset, 42);
    locals.push(header, name, compressed);
    central.push(entry, name);
    offset += header.length + name.length + compressed.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  const count = central.length / 2;
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

export async function benchSize(): Promise<BenchRow[]> {
  const targets: ExtensionTarget[] = ['chrome', 'firefox'];
  return targets.map((target) => {
    ensureExtensionBuilt(target);
    return { name: `size.zip.${target}`, value: Math.round(zipFolder(extensionDir(target)).length / 10_000) / 100, unit: 'MB' };
  });
}
