#!/usr/bin/env node
// axe-check.mjs — WCAG 2.1 AA gate for gemmalint's self-contained HTML report.
//
// usage: node axe-check.mjs REPORT.html [--screenshot out.png] [--min-ink 0.01] [--timeout 120]
//
// Opens REPORT.html (file:// URL) in Debian's headless Chromium through
// puppeteer-core, injects axe-core (axe.min.js read from node_modules, no
// network), runs the wcag2a/wcag2aa/wcag21a/wcag21aa rules, takes a full-page
// screenshot and checks it is not blank, and checks that the page asked for
// nothing but itself (every resource must be inline; data: URLs count as inline).
//
// stdout: one JSON summary. stderr: one human-readable verdict line (+ details).
// exit: 0 = no violations, not blank, no external requests
//       1 = any of those failed
//       2 = usage error, or an error running the browser / axe
//
// env: CHROMIUM      browser binary (default /usr/bin/chromium)
//      AXE_CHECK_MIN_INK   default for --min-ink (fraction of non-background pixels)

import { readFile, writeFile, mkdtemp, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { inspect } from 'node:util';

import puppeteer from 'puppeteer-core';
import pngjs from 'pngjs';

const require = createRequire(import.meta.url);
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
// Flags needed on this workplace's machines (root, closed network, no GPU).
// puppeteer-core adds --headless=new itself (headless: true) plus its own
// defaults (--disable-dev-shm-usage, --enable-automation, ...).
const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  '--font-render-hinting=none',
];
const VIEWPORT = { width: 1280, height: 800, deviceScaleFactor: 1 };

function usage(msg) {
  if (msg) process.stderr.write(`axe-check: ${msg}\n`);
  process.stderr.write('usage: node axe-check.mjs REPORT.html [--screenshot out.png] [--min-ink 0.01] [--timeout 120]\n');
  process.exit(2);
}

function parseArgs(argv) {
  const opts = {
    file: null,
    screenshot: null,
    minInk: Number(process.env.AXE_CHECK_MIN_INK ?? 0.01),
    timeoutS: 120,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => {
      if (i + 1 >= argv.length) usage(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--screenshot') opts.screenshot = val();
    else if (a === '--min-ink') opts.minInk = Number(val());
    else if (a === '--timeout') opts.timeoutS = Number(val());
    else if (a === '-h' || a === '--help') usage();
    else if (a.startsWith('-')) usage(`unknown option ${a}`);
    else if (opts.file === null) opts.file = a;
    else usage(`unexpected argument ${a}`);
  }
  if (!opts.file) usage('missing REPORT.html');
  if (!(opts.minInk >= 0 && opts.minInk <= 1)) usage('--min-ink must be a fraction between 0 and 1');
  if (!(opts.timeoutS > 0)) usage('--timeout must be > 0 seconds');
  return opts;
}

// Strip the fragment so that "report.html#x" counts as the file itself.
function sameDocument(a, b) {
  return a.split('#')[0] === b.split('#')[0];
}

// Inline resources never touch the network; everything else is a finding.
function isInline(url) {
  return url.startsWith('data:') || url.startsWith('about:') || url.startsWith('blob:');
}

// Blank-page check: the background is the most frequent colour of the
// screenshot; "ink" is every pixel differing from it by more than `tol` in
// any channel. A blank page (any single colour) has ink 0.
function inkRatio(pngBuffer, tol = 16) {
  const png = pngjs.PNG.sync.read(pngBuffer);
  const { width, height, data } = png;
  const total = width * height;
  const counts = new Map();
  // sample every pixel for the mode (pages are small; this is fast enough)
  for (let i = 0; i < data.length; i += 4) {
    const key = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  let bg = 0;
  let bgCount = -1;
  for (const [k, c] of counts) if (c > bgCount) { bg = k; bgCount = c; }
  const br = (bg >> 16) & 255, bgG = (bg >> 8) & 255, bb = bg & 255;
  let ink = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (Math.abs(data[i] - br) > tol || Math.abs(data[i + 1] - bgG) > tol || Math.abs(data[i + 2] - bb) > tol) ink++;
  }
  return {
    width,
    height,
    background: '#' + bg.toString(16).padStart(6, '0'),
    distinctColours: counts.size,
    inkPixels: ink,
    inkRatio: total ? ink / total : 0,
  };
}

// Which system fonts Chromium used for the page's text (CDP
// CSS.getPlatformFontsForNode over the text-bearing elements), e.g.
// [{ family: 'DejaVu Sans', glyphs: 812 }]. Informational; never fails.
async function platformFonts(page) {
  const cdp = await page.createCDPSession();
  try {
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
    const { nodeIds } = await cdp.send('DOM.querySelectorAll', {
      nodeId: root.nodeId,
      selector: 'body, body *:not(script):not(style)',
    });
    const byFamily = new Map();
    for (const nodeId of nodeIds.slice(0, 400)) {
      const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
      for (const f of fonts) byFamily.set(f.familyName, (byFamily.get(f.familyName) ?? 0) + f.glyphCount);
    }
    return [...byFamily].map(([family, glyphs]) => ({ family, glyphs })).sort((a, b) => b.glyphs - a.glyphs);
  } catch (e) {
    return [{ error: String(e?.message ?? e) }];
  } finally {
    await cdp.detach().catch(() => {});
  }
}

function trim(s, n = 300) {
  return s.length > n ? s.slice(0, n) + '…' : s;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const abs = path.resolve(opts.file);
  try {
    const st = await stat(abs);
    if (!st.isFile()) usage(`${opts.file} is not a file`);
  } catch {
    usage(`cannot read ${opts.file}`);
  }
  const url = pathToFileURL(abs).href;
  const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
  const axeSource = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  const axeVersion = require('axe-core/package.json').version;

  const userDataDir = await mkdtemp(path.join(tmpdir(), 'axe-check-profile-'));
  let browser;
  const watchdog = setTimeout(() => {
    process.stderr.write(`axe-check: ERROR: timed out after ${opts.timeoutS}s\n`);
    try { browser?.process()?.kill('SIGKILL'); } catch { /* ignore */ }
    rm(userDataDir, { recursive: true, force: true }).finally(() => process.exit(2));
  }, opts.timeoutS * 1000);

  try {
    browser = await puppeteer.launch({
      executablePath,
      headless: true,
      args: CHROMIUM_FLAGS,
      userDataDir,
      defaultViewport: VIEWPORT,
      timeout: 60_000,
      protocolTimeout: 60_000,
      // CDP over a pipe, not a WebSocket on 127.0.0.1: no port, works even
      // where loopback is down (e.g. `unshare -n`).
      pipe: true,
    });
    const browserVersion = await browser.version();
    // Environment check first, on a scratch page: can this Chromium draw text?
    const probe = await browser.newPage();
    await probe.setContent('<p><span id="t" style="font: 16px sans-serif">Hamburgefonstiv</span></p>');
    const probeWidth = await probe.$eval('#t', (e) => e.getBoundingClientRect().width);
    const probeFonts = await platformFonts(probe);
    await probe.close();
    if (!(probeWidth > 0) || probeFonts.length === 0) {
      throw new Error(
        `Chromium draws no text (probe width ${probeWidth}px, fonts ${JSON.stringify(probeFonts)}): ` +
          'no usable font installed? apt-get install fonts-dejavu-core; check `fc-match sans-serif`',
      );
    }

    const page = await browser.newPage();
    // A report may carry a strict CSP <meta> (e.g. script-src 'none');
    // axe must still be injectable.
    await page.setBypassCSP(true);

    // Record every request other than the file itself; block it so a bad
    // report cannot hang the check on a closed network.
    const external = [];
    let phase = 'page'; // 'page' while loading, 'axe' once axe runs
    const failed = [];
    await page.setRequestInterception(true);
    page.on('request', (req) => {
      const u = req.url();
      if (sameDocument(u, url) || isInline(u)) {
        req.continue().catch(() => {});
      } else {
        // Dedupe by URL: axe re-fetches external stylesheets by XHR (its
        // CSSOM preload), which would list each <link> twice.
        if (!external.some((e) => e.url === trim(u, 200))) {
          external.push({ url: trim(u, 200), type: req.resourceType(), phase });
        }
        req.abort('blockedbyclient').catch(() => {});
      }
    });
    page.on('requestfailed', (req) => {
      const u = req.url();
      if (sameDocument(u, url) || isInline(u)) {
        failed.push({ url: trim(u, 200), error: req.failure()?.errorText ?? 'unknown' });
      }
    });
    const consoleErrors = [];
    page.on('pageerror', (err) => consoleErrors.push(String(err?.message ?? err)));

    const resp = await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
    if (resp && !resp.ok() && resp.status() !== 0) {
      throw new Error(`loading ${url} gave status ${resp.status()}`);
    }
    await page.evaluate(() => document.fonts.ready.then(() => true));

    // Facts about the page before axe adds its own script.
    const pageFacts = await page.evaluate(() => ({
      title: document.title,
      lang: document.documentElement.getAttribute('lang'),
      scripts: document.querySelectorAll('script').length,
      textLength: (document.body?.textContent ?? '').trim().length,
      renderedTextLength: (document.body?.innerText ?? '').trim().length,
    }));

    // Text must actually be drawn: with no usable font (no fonts-dejavu-core
    // or similar installed) Chromium draws no text at all, axe runs fewer
    // rules and still passes, and a chart alone can pass the ink check.
    const textWidth = await page.evaluate(() => {
      let w = 0;
      const walker = document.createTreeWalker(document.body ?? document.documentElement, NodeFilter.SHOW_TEXT);
      const range = document.createRange();
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (!n.textContent.trim()) continue;
        range.selectNodeContents(n);
        w += range.getBoundingClientRect().width;
      }
      return w;
    });
    const fonts = await platformFonts(page);

    phase = 'axe';
    // Inject axe inline (Runtime.evaluate: no network, not subject to CSP).
    await page.evaluate(axeSource);
    const hasAxe = await page.evaluate(() => typeof window.axe?.run === 'function');
    if (!hasAxe) throw new Error('axe-core did not load into the page');

    const results = await page.evaluate(
      (tags) =>
        window.axe.run(document, {
          runOnly: { type: 'tag', values: tags },
          resultTypes: ['violations', 'incomplete'],
        }),
      TAGS,
    );

    const shot = await page.screenshot({ fullPage: true, type: 'png', captureBeyondViewport: true });
    const png = Buffer.from(shot);
    if (opts.screenshot) await writeFile(opts.screenshot, png);
    const ink = inkRatio(png);
    const blank = ink.inkRatio < opts.minInk;

    const violations = results.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({
        target: n.target,
        html: trim(n.html),
        failureSummary: n.failureSummary ? trim(n.failureSummary, 400) : undefined,
      })),
    }));
    const ok = violations.length === 0 && !blank && external.length === 0 && failed.length === 0;

    const summary = {
      ok,
      file: abs,
      url,
      browser: browserVersion,
      axeVersion,
      tags: TAGS,
      page: { ...pageFacts, textWidthPx: Math.round(textWidth), fonts },
      violations,
      passes: results.passes.length,
      // "needs review": axe could not decide (e.g. text inside <svg role=img>);
      // reported, not failed on.
      incomplete: results.incomplete.map((r) => ({
        id: r.id,
        impact: r.impact,
        help: r.help,
        nodes: r.nodes.map((n) => ({
          target: n.target,
          message: trim([...n.any, ...n.all, ...n.none].map((c) => c.message).filter(Boolean).join('; '), 200),
        })),
      })),
      inapplicable: results.inapplicable.length,
      externalRequests: external,
      failedRequests: failed,
      pageErrors: consoleErrors,
      screenshot: {
        path: opts.screenshot ? path.resolve(opts.screenshot) : null,
        width: ink.width,
        height: ink.height,
        background: ink.background,
        distinctColours: ink.distinctColours,
        inkRatio: Number(ink.inkRatio.toFixed(4)),
        minInk: opts.minInk,
        blank,
      },
    };
    process.stdout.write(JSON.stringify(summary, null, 2) + '\n');

    const nodes = violations.reduce((s, v) => s + v.nodes.length, 0);
    process.stderr.write(
      `axe-check: ${ok ? 'PASS' : 'FAIL'} ${opts.file}: ${violations.length} violation(s) on ${nodes} node(s), ` +
        `${summary.passes} rule(s) passed, ${summary.incomplete.length} need review, ` +
        `ink ${(ink.inkRatio * 100).toFixed(2)}%${blank ? ' (BLANK)' : ''}, ` +
        `${external.length} external request(s), ${failed.length} failed request(s)\n`,
    );
    for (const v of violations) {
      process.stderr.write(`  - ${v.id} [${v.impact}] ${v.help}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}\n`);
    }
    for (const e of external) process.stderr.write(`  - external request: ${e.type} ${e.url}\n`);
    for (const f of failed) process.stderr.write(`  - failed request: ${f.url} (${f.error})\n`);
    return ok ? 0 : 1;
  } finally {
    clearTimeout(watchdog);
    if (browser) await browser.close().catch(() => {});
    await rm(userDataDir, { recursive: true, force: true }).catch(() => {});
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    const msg =
      err instanceof Error ? err.stack
      : err?.error instanceof Error ? err.error.stack // ws ErrorEvent
      : err?.message ?? inspect(err, { depth: 1 });
    process.stderr.write(`axe-check: ERROR: ${msg}\n`);
    process.exit(2);
  },
);
