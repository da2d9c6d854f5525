// Layout of the site in several scripts, called by run.sh: every page at 390 and 1280 px
// declares the language it was built in, and nothing is wider than the screen (long German
// words, Russian state names, Bengali and CJK text wrap or scroll inside their own box).
//
//   OUT_DIR          one build per language: OUT_DIR/CODE/index.html
//   LANGUAGES        the codes to open, space-separated
//   BROWSER_DIR      tests/browser, whose node_modules has playwright-core
//   SCREENSHOT_DIR   where the screenshots go
//   CHROMIUM         browser binary
//
// The last line is `languages: N passed, M failed`.

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const { chromium } = createRequire(path.join(process.env.BROWSER_DIR, 'package.json'))('playwright-core');

const OUT_DIR = process.env.OUT_DIR;
const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR;
const LANGUAGES = process.env.LANGUAGES.split(/\s+/).filter(Boolean);
const PAGES = ['index.html', 'incidents/kakao-pangyo-fire/index.html', 'services/kakaotalk/index.html',
  'history/index.html', 'embed/index.html'];
const DEVICES = [
  ['desktop', { viewport: { width: 1280, height: 900 } }],
  ['phone', { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 }],
];

let passed = 0;
const failures = [];
function check(ok, where, what, detail) {
  if (ok) {
    passed += 1;
  } else {
    failures.push(`${where}: ${what}${detail ? ` (${detail})` : ''}`);
    console.log(`FAIL ${where}: ${what}${detail ? `\n     ${detail}` : ''}`);
  }
}

async function main() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  for (const code of LANGUAGES) {
    const root = path.join(OUT_DIR, code);
    check(fs.existsSync(path.join(root, 'index.html')), code, 'the build exists');
    for (const [device, opts] of DEVICES) {
      const ctx = await browser.newContext({ ...opts, colorScheme: 'light' });
      const page = await ctx.newPage();
      for (const rel of PAGES) {
        const where = `[${code}] ${rel} (${device})`;
        await page.goto(pathToFileURL(path.join(root, rel)).href, { waitUntil: 'load' });
        const seen = await page.evaluate((width) => ({
          lang: document.documentElement.lang,
          dir: document.documentElement.dir,
          doc: document.documentElement.scrollWidth,
          wide: [...document.querySelectorAll('body *')]
            .filter((e) => e.getBoundingClientRect().right > width + 1
              && !e.closest('.skip, .visually-hidden, .table-scroll, .tl-figure, .calendar-figure'))
            .slice(0, 5)
            .map((e) => `<${e.localName} class="${e.className?.baseVal ?? e.className}"> "${(e.textContent || '').trim().slice(0, 40)}" right=${Math.round(e.getBoundingClientRect().right)}`),
        }), opts.viewport.width);
        check(seen.lang === code, where, `lang="${code}"`, `lang="${seen.lang}"`);
        check(seen.dir === 'ltr' || seen.dir === 'rtl', where, 'dir is set', `dir="${seen.dir}"`);
        check(seen.doc <= opts.viewport.width, where, `no horizontal scrolling at ${opts.viewport.width} px`,
          `document is ${seen.doc} px wide`);
        check(seen.wide.length === 0, where, 'no element sticks out of the screen', seen.wide.join('; '));
        if (rel === PAGES[0] || rel === PAGES[1]) {
          const name = `${code}-${rel.split('/')[0].replace('.html', '')}-${device}.png`;
          await page.screenshot({ path: path.join(SCREENSHOT_DIR, name), fullPage: true });
        }
      }
      await ctx.close();
    }
  }
  await browser.close();
}

main().catch((e) => failures.push(`(test code): ${e.stack || e}`)).finally(() => {
  for (const f of failures) console.log(`  - ${f}`);
  console.log(`languages: ${passed} passed, ${failures.length} failed`);
  process.exit(failures.length ? 1 : 0);
});
