import { chromium } from 'playwright-core';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const p = await b.newPage({ viewport: { width: 1920, height: 1080 } });
await p.goto(process.argv[2]);
await p.waitForTimeout(5000);
await p.screenshot({ path: process.argv[3] });
await b.close();
