import { chromium } from 'playwright-core';
import { chromiumPath, CHROMIUM_ARGS } from './scripts/chromium-path.mjs';
const base = 'http://127.0.0.1:4450/';
const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
async function shot(name, { width = 1440, height = 900, dark = false, fontSize = null, act = async () => {} } = {}) {
  const ctx = await browser.newContext({ viewport: { width, height }, colorScheme: dark ? 'dark' : 'light' });
  const page = await ctx.newPage();
  if (fontSize) {
    const cdp = await ctx.newCDPSession(page);
    // Chromium's "very large" font size setting.
    await cdp.send('Page.setFontSizes', { fontSizes: { standard: fontSize, fixed: Math.round(fontSize * 0.8) } });
  }
  await page.goto(base);
  await page.getByRole('button', { name: 'Explore a sample organisation' }).click();
  await page.waitForTimeout(2500);
  await act(page);
  await page.screenshot({ path: `/tmp/shots/${name}.png` });
  await ctx.close();
}
await shot('sample-large-text', { width: 1280, height: 720, fontSize: 24 });
await shot('insights-large', { width: 1024, height: 700, fontSize: 24, act: async (p) => { await p.getByRole('tab', { name: /Insights/ }).click(); await p.waitForTimeout(1500); } });
await shot('insights', { act: async (p) => { await p.getByRole('tab', { name: /Insights/ }).click(); await p.waitForTimeout(1500); } });
await shot('grid', { act: async (p) => { await p.getByRole('button', { name: /Power|grid/i }).first().click().catch(() => {}); await p.waitForTimeout(1500); } });
await browser.close();
