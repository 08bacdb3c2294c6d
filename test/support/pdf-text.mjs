// Reads a PDF's text back with pdfjs-dist (Mozilla's PDF.js), as a reader's viewer would: every
// text item of every page with its position. Run as a child process (`node pdf-text.mjs FILE`),
// because PDF.js is an ES module and the Jest tiers load CommonJS.
import { readFileSync } from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const data = new Uint8Array(readFileSync(process.argv[2]));
const document = await getDocument({ data, disableFontFace: true, useSystemFonts: false, verbosity: 0 })
  .promise;
const pages = [];
for (let number = 1; number <= document.numPages; number++) {
  const page = await document.getPage(number);
  const content = await page.getTextContent();
  pages.push(
    content.items
      .filter((item) => 'str' in item && item.str.trim() !== '')
      .map((item) => ({ str: item.str, x: item.transform[4], y: item.transform[5] })),
  );
}
process.stdout.write(JSON.stringify({ pages, info: (await document.getMetadata()).info }));
