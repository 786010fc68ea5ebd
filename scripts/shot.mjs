// Development helper: screenshots of the running app. Usage: node scripts/shot.mjs URL OUT.png [dark]
import { chromium } from 'playwright-core';
import { chromiumPath, CHROMIUM_ARGS } from './chromium-path.mjs';

const [url = 'http://127.0.0.1:4173/', out = '/tmp/shot.png', theme = 'light'] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
const page = await browser.newPage({ viewport: { width: 1400, height: 860 }, colorScheme: theme === 'dark' ? 'dark' : 'light' });
page.on('console', (m) => m.type() === 'error' && console.log('console error:', m.text()));
page.on('pageerror', (e) => console.log('page error:', e.message));
await page.goto(url);
await page.waitForTimeout(1200);
await page.screenshot({ path: out });
await browser.close();
