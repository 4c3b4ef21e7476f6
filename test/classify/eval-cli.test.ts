import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { LABELS } from '../../lib/store/schema';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'aspen-eval-'));
const evalScript = (file: string) => run('npx', ['tsx', 'scripts/eval.ts', '--data', file], { cwd: process.cwd() });

describe('npm run eval', () => {
  it('prints per-label rows, macro-F1, a confusion matrix and throughput for the model and the baseline', async () => {
    const file = join(dir, 'rows.jsonl');
    const rows = [
      { text: 'Huge thanks to @Mei for shipping the release, amazing work', label: 'recognition', id: 'a', note: 'extra fields are ignored' },
      { text: 'Can someone help me? I am blocked on the staging deploy', label: 'request' },
      { text: 'Lunch is at noon today', label: 'other' },
    ];
    writeFileSync(file, rows.map((r) => JSON.stringify(r)).join('\n') + '\n\n');
    const { stdout } = await evalScript(file);
    const lines = stdout.split('\n');
    const sections = stdout.split('== ').slice(1);
    expect(sections).toHaveLength(2);
    expect(sections[0]).toMatch(/^model: use-lite@0\.2\.0\+head-[0-9a-f]{8} /);
    expect(sections[1]).toMatch(/^keyword baseline: /);
    for (const section of sections) {
      const sectionLines = section.split('\n');
      for (const label of LABELS) {
        expect(sectionLines.some((l) => new RegExp(`^${label}\\s+\\d\\.\\d{3}\\s+\\d\\.\\d{3}\\s+\\d\\.\\d{3}\\s+\\d+$`).test(l))).toBe(true);
      }
      expect(sectionLines.some((l) => /^macro-F1 \d\.\d{3}$/.test(l))).toBe(true);
      expect(sectionLines).toContain('confusion matrix (rows: actual, columns: predicted)');
      expect(sectionLines.some((l) => /^throughput \d+(\.\d)? messages\/s/.test(l))).toBe(true);
    }
    expect(lines.find((l) => l.startsWith('recognition'))!.split(/\s+/).at(-1)).toBe('1');
  });

  it('names every bad line and exits non-zero', async () => {
    const file = join(dir, 'bad.jsonl');
    writeFileSync(file, ['{"text":"fine","label":"other"}', '{"text":"x","label":"praise"}', 'not json', '{"label":"other"}'].join('\n'));
    const failure = await evalScript(file).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain(`${file}:2: label:`);
    expect(failure?.stderr).toContain(`${file}:3: not valid JSON`);
    expect(failure?.stderr).toContain(`${file}:4: text:`);
    expect(failure?.stderr).not.toContain(`${file}:1:`);
  });
});
