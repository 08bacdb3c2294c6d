import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);
// PDF.js is an ES module: it runs as a child process (test/support/pdf-text.mjs), from src/ or dist/ alike.
const PDF_TEXT = join(__dirname, '../../../test/support/pdf-text.mjs');

interface PdfItem {
  str: string;
  x: number;
  y: number;
}

/** A PDF's text as PDF.js reads it: per page, the items at one height left to right, as lines. */
export async function pdfLines(pdf: Buffer): Promise<{ lines: string[][]; text: string; pages: number }> {
  const file = join(mkdtempSync(join(tmpdir(), 'ioc-report-pdf-')), 'report.pdf');
  writeFileSync(file, pdf);
  const { stdout } = await execFileAsync(process.execPath, [PDF_TEXT, file], { maxBuffer: 64 * 1024 * 1024 });
  const { pages } = JSON.parse(stdout) as { pages: PdfItem[][] };
  const lines: string[][] = [];
  for (const items of pages) {
    const byY = new Map<number, PdfItem[]>();
    for (const item of items) {
      const y = Math.round(item.y);
      byY.set(y, [...(byY.get(y) ?? []), item]);
    }
    for (const [, line] of [...byY.entries()].sort(([a], [b]) => b - a)) {
      lines.push(line.sort((a, b) => a.x - b.x).map((i) => i.str));
    }
  }
  return {
    lines,
    text: pages
      .flat()
      .map((i) => i.str)
      .join('\n'),
    pages: pages.length,
  };
}
