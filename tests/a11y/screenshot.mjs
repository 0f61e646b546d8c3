#!/usr/bin/env node
// screenshot.mjs — a PNG of the top of an HTML report, for the README (docs/).
//
// usage: node screenshot.mjs REPORT.html OUT.png [--width 1100] [--height 1300]
//
// Uses Debian's Chromium through puppeteer-core like axe-check.mjs: over a pipe, no network
// (every request but the file itself is aborted), no browser download.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import puppeteer from 'puppeteer-core';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const v = Number(args[i + 1]);
  args.splice(i, 2);
  return v;
};
const width = opt('--width', 1100);
const height = opt('--height', 1300);
if (args.length !== 2) {
  process.stderr.write('usage: node screenshot.mjs REPORT.html OUT.png [--width 1100] [--height 1300]\n');
  process.exit(2);
}
const [file, out] = args;
const url = pathToFileURL(path.resolve(file)).href;
const userDataDir = await mkdtemp(path.join(tmpdir(), 'screenshot-profile-'));
const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  pipe: true,
  userDataDir,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage', '--font-render-hinting=none'],
  defaultViewport: { width, height, deviceScaleFactor: 1 },
});
try {
  const page = await browser.newPage();
  await page.setRequestInterception(true);
  page.on('request', (r) => (r.url().split('#')[0] === url ? r.continue() : r.abort('blockedbyclient')));
  await page.goto(url, { waitUntil: 'load' });
  await page.evaluate(() => document.fonts.ready.then(() => true));
  await page.screenshot({ path: out, type: 'png', clip: { x: 0, y: 0, width, height } });
  process.stderr.write(`screenshot.mjs: ${out} (${width}×${height})\n`);
} finally {
  await browser.close();
  await rm(userDataDir, { recursive: true, force: true });
}
