/**
 * Opens a PDF with a real reader (poppler's pdfinfo and pdftoppm): page count, and whether the
 * first page rendered is blank. Null when poppler is missing outside CI; in CI (CI=true) a missing
 * poppler fails the test instead (.ci/run installs poppler-utils).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ci = process.env.CI === 'true' || process.env.CI === '1';

export function pdfInfo(pdf: Buffer): { pages: number; blankFirstPage: boolean } | null {
  if (spawnSync('pdfinfo', ['-v']).error) {
    if (ci) throw new Error('pdfinfo (poppler-utils) is missing: .ci/run installs it');
    return null;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdf-'));
  try {
    const file = path.join(dir, 'in.pdf');
    fs.writeFileSync(file, pdf);
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? 0);
    // first page as greyscale PGM at 20 dpi: any pixel darker than near-white means something is drawn
    execFileSync('pdftoppm', ['-gray', '-r', '20', '-f', '1', '-l', '1', file, path.join(dir, 'p')]);
    const pgm = fs.readFileSync(path.join(dir, fs.readdirSync(dir).find((f) => f.startsWith('p') && f.endsWith('.pgm'))!));
    const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 40).toString('latin1'))!;
    const pixels = pgm.subarray(header[0].length);
    let dark = 0;
    for (const v of pixels) if (v < 200) dark++;
    return { pages, blankFirstPage: dark < 50 };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
