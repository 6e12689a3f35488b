import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const cli = join(root, 'packages/cli/dist/cli.js');
const clean = join(root, 'examples/data/2022/321100-镇江市-2022.xlsx');

/**
 * The example as an .ods whose number style carries a condition LibreOffice writes (a red negative
 * format): SheetJS reads it with a line of its own on the console.
 */
function conditionalOds(): Uint8Array {
  const wb = XLSX.read(readFileSync(clean), { type: 'buffer', cellStyles: true, cellNF: true });
  const cfb = XLSX.CFB.read(XLSX.write(wb, { type: 'buffer', bookType: 'ods' }), { type: 'buffer' });
  const entry = XLSX.CFB.find(cfb, 'content.xml');
  if (!entry) throw new Error('no content.xml');
  const xml = Buffer.from(entry.content as Uint8Array).toString('utf8');
  const styled = xml.replace(
    /(<number:number-style style:name="N\d+">)/,
    '$1<style:map style:condition="value()&lt;0" style:apply-style-name="N70"/>',
  );
  expect(styled).not.toBe(xml);
  entry.content = Buffer.from(styled, 'utf8');
  entry.size = entry.content.length;
  return new Uint8Array(XLSX.CFB.write(cfb, { fileType: 'zip', type: 'buffer' }) as Buffer);
}

describe('sunan validate on an .ods', () => {
  it('writes nothing of the spreadsheet library on stderr', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sunan-ods-'));
    const file = join(dir, '321100-镇江市-2022.ods');
    writeFileSync(file, conditionalOds());
    const r = spawnSync(process.execPath, [cli, 'validate', file], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(r.stdout).toContain('321100');
    expect(r.stderr).not.toMatch(/ODS|number format|SheetJS/i);
    expect(r.stderr).toBe('');
  });
});
