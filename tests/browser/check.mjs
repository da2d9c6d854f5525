// Browser test of the site statusgen renders. Called by run.sh, which builds the sites,
// serves them and sets the variables below; see run.sh for how to run it.
//
//   CHROMIUM          browser binary (default /usr/bin/chromium)
//   SITE_NOW_URL      http://127.0.0.1:P/           build at 2022-10-17T10:30:00+09:00 (hour 43)
//   SITE_NOW_DIR      its output folder (also opened as file://)
//   SITE_LATER_URL    http://127.0.0.1:Q/           build at 2022-10-21T00:00:00+09:00
//   SITE_LATER_DIR
//   SITE_SUB_URL      http://127.0.0.1:R/status/    hour-43 build with --base-url of that URL
//   SITE_SUB_DIR
//   SITE_NOBASE_URL   http://127.0.0.1:S/status/    hour-43 build without a base URL
//   SITE_NOBASE_DIR
//   SITE_MAINT_URL    http://127.0.0.1:T/status/    examples/github-pages during its maintenance
//   SITE_MAINT_DIR
//   SITE_LONG_URL     http://127.0.0.1:U/           tests/fixtures/build/long (spans of years)
//   SITE_LONG_DIR
//   SCREENSHOT_DIR    where the screenshots (and requests.txt) go
//
// Every assertion is one check. The last line is `browser: N passed, M failed`; the exit
// code is 1 when M > 0 (or when anything throws), with every failure printed with its URL.

import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const CHROME_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
const PAGE_TIMEOUT_MS = 15_000;
const FETCH_TIMEOUT_MS = 10_000;
const WATCHDOG_MS = Number(process.env.BROWSER_TEST_WATCHDOG_MS || 380_000);
const MAX_PAGES_PER_SITE = 200;

const SERVICES = ['kakaotalk', 'daum', 'kakaomap', 'kakao-t', 'piccoma', 'melon', 'gift',
  'channel', 'login', 'kakaopay', 'kakao-games', 'kakao-webtoon', 'zigzag'];
const HOUR43_RECOVERING = ['daum', 'kakaomap', 'kakao-t', 'piccoma', 'melon', 'gift', 'channel', 'login'];
const HOUR43_OPERATIONAL = ['kakaopay', 'kakao-games', 'kakao-webtoon', 'zigzag'];
const INCIDENT_PATH = 'incidents/kakao-pangyo-fire/index.html';
const EXPECTED_PAGES = ['index.html', 'history/index.html', INCIDENT_PATH,
  ...SERVICES.map((s) => `services/${s}/index.html`)];

function env(name, fallback) {
  const v = process.env[name] ?? fallback;
  if (v === undefined || v === '') die(`environment variable ${name} is not set (run tests/browser/run.sh)`);
  return v;
}
function die(msg) {
  console.error(`browser: FATAL: ${msg}`);
  console.log('browser: 0 passed, 1 failed');
  process.exit(1);
}

// ---------------------------------------------------------------- results

let passed = 0;
const failures = [];
const notes = [];
const requestLog = [];

function check(ok, where, what, detail) {
  if (ok) { passed++; return true; }
  const line = `${where}: ${what}${detail ? `\n      ${String(detail).split('\n').join('\n      ')}` : ''}`;
  failures.push(line);
  console.log(`FAIL ${line}`);
  return false;
}
function note(where, what) {
  notes.push(`${where}: ${what}`);
}

const watchdog = setTimeout(() => {
  failures.push(`(whole run): did not finish within ${WATCHDOG_MS / 1000} s`);
  finish(true);
}, WATCHDOG_MS);

let finished = false;
function finish(fromWatchdog = false) {
  if (finished) return;
  finished = true;
  clearTimeout(watchdog);
  try {
    fs.writeFileSync(path.join(SCREENSHOT_DIR, 'requests.txt'),
      requestLog.map((r) => `${r.site}\t${r.page}\t${r.method}\t${r.url}`).join('\n') + '\n');
  } catch { /* the screenshot dir is reported below anyway */ }
  if (notes.length) {
    console.log(`\nnotes (${notes.length}, not failures):`);
    for (const n of notes) console.log(`  - ${n}`);
  }
  console.log(`\nrequests made by the browser: ${requestLog.length} (listed in ${path.join(SCREENSHOT_DIR, 'requests.txt')})`);
  console.log(`screenshots: ${SCREENSHOT_DIR}`);
  if (failures.length) {
    console.log(`\nfailures (${failures.length}):`);
    for (const f of failures) console.log(`  - ${f}`);
  }
  console.log(`browser: ${passed} passed, ${failures.length} failed`);
  process.exit(failures.length || fromWatchdog ? 1 : 0);
}

// ---------------------------------------------------------------- configuration

const CHROMIUM = env('CHROMIUM', '/usr/bin/chromium');
const SCREENSHOT_DIR = env('SCREENSHOT_DIR');
fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });

function siteFrom(prefix, name, moment, opts) {
  let base = env(`${prefix}_URL`);
  if (!base.endsWith('/')) base += '/';
  const dir = path.resolve(env(`${prefix}_DIR`));
  if (!fs.existsSync(path.join(dir, 'index.html'))) die(`${dir}/index.html does not exist`);
  return { name, moment, base, dir, kind: 'http', ...opts };
}
const now = siteFrom('SITE_NOW', 'now', 'hour43', { shots: true, kakao: true });
const later = siteFrom('SITE_LATER', 'later', 'resolved', { shots: true, kakao: true });
const sub = siteFrom('SITE_SUB', 'subpath', 'hour43', { kakao: true });
const nobase = siteFrom('SITE_NOBASE', 'nobase', 'hour43', { kakao: true });
const maint = siteFrom('SITE_MAINT', 'maintenance', 'window', {});
const long = siteFrom('SITE_LONG', 'long', 'years', {});
const nowFile = { name: 'now-file', moment: 'hour43', kind: 'file', dir: now.dir,
  base: pathToFileURL(now.dir + path.sep).href };
const subFile = { name: 'subpath-file', moment: 'hour43', kind: 'file', dir: sub.dir,
  base: pathToFileURL(sub.dir + path.sep).href, indexOnly: true };

// ---------------------------------------------------------------- link resolution

const statusCache = new Map(); // url without fragment -> {status, type, text?}

async function resolveUrl(site, url) {
  const key = `${site.kind}|${url}`;
  if (statusCache.has(key)) return statusCache.get(key);
  let res;
  if (site.kind === 'file') {
    const p = fileURLToPath(url);
    let st = null;
    try { st = fs.statSync(p); } catch { /* missing */ }
    if (!st) res = { status: 404 };
    else if (st.isDirectory()) res = { status: 'directory (a browser shows a file listing, not index.html)' };
    else res = { status: 200, type: p.endsWith('.html') ? 'text/html' : '', path: p };
  } else {
    res = await httpStatus(url);
  }
  statusCache.set(key, res);
  return res;
}

async function httpStatus(url) {
  const attempt = async (method) => {
    const r = await fetch(url, { method, redirect: 'manual', signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
    const out = { status: r.status, type: (r.headers.get('content-type') || '').split(';')[0].trim(),
      location: r.headers.get('location') };
    if (method === 'GET') out.body = await r.text(); else await r.arrayBuffer().catch(() => {});
    return out;
  };
  try {
    let r = await attempt('HEAD');
    if (r.status === 405 || r.status === 501) r = await attempt('GET');
    return r;
  } catch (e) {
    return { status: `request error: ${e.message}` };
  }
}

async function pageText(site, url) {
  if (site.kind === 'file') return fs.readFileSync(fileURLToPath(url), 'utf8');
  const r = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
  return r.text();
}

function stripHash(u) { const x = new URL(u); x.hash = ''; return x.href; }
function rel(site, u) { return u.startsWith(site.base) ? u.slice(site.base.length) || '(root)' : u; }
function isHtml(res, url) {
  return res.type === 'text/html' || (!res.type && /\.html?$|\/$/.test(new URL(url).pathname));
}

// ---------------------------------------------------------------- one page

const BROWSER_DEFAULT_BODY_MARGIN = '8px';

async function visit(ctx, site, url, { expect404 = false, fulfillWith = null } = {}) {
  const page = await ctx.newPage();
  page.setDefaultTimeout(PAGE_TIMEOUT_MS);
  const where = `[${site.name}] ${url}`;
  const ev = { console: [], pageErrors: [], failed: [], bad: [], foreign: [] };
  const siteOrigin = site.kind === 'file' ? 'file://' : new URL(site.base).origin;
  const docUrl = stripHash(url);

  page.on('console', (m) => {
    const type = m.type();
    const text = m.text();
    const loc = m.location();
    if (expect404 && type === 'error' && /status of 404/.test(text) && loc.url && stripHash(loc.url) === docUrl) return;
    if (type === 'error') ev.console.push(`console.error: ${text}${loc.url ? ` (${loc.url})` : ''}`);
    else if (type === 'warning') {
      if (/content.security.policy|CSP/i.test(text)) ev.console.push(`CSP warning: ${text}`);
      else note(where, `console warning: ${text}`);
    }
  });
  page.on('pageerror', (e) => ev.pageErrors.push(String(e && e.stack || e)));
  page.on('request', (r) => {
    const u = r.url();
    requestLog.push({ site: site.name, page: url, method: r.method(), url: u });
    const ok = u.startsWith('data:') || (site.kind === 'file' ? u.startsWith('file://') : u.startsWith(siteOrigin + '/'));
    if (!ok) ev.foreign.push(u);
  });
  page.on('requestfailed', (r) => ev.failed.push(`${r.url()} (${r.failure()?.errorText})`));
  page.on('response', (r) => {
    if (r.status() < 400) return;
    if (expect404 && stripHash(r.url()) === docUrl && r.status() === 404) return;
    ev.bad.push(`${r.status()} ${r.url()}`);
  });

  if (fulfillWith) {
    await page.route(docUrl, (route) => route.fulfill({ status: 404, contentType: 'text/html; charset=utf-8', body: fulfillWith }));
  }

  let resp = null;
  try {
    resp = await page.goto(url, { waitUntil: 'load', timeout: PAGE_TIMEOUT_MS });
  } catch (e) {
    check(false, where, 'page loads', e.message);
    await page.close();
    return null;
  }
  if (site.kind === 'http') {
    const st = resp ? resp.status() : 'no response';
    check(st === (expect404 ? 404 : 200), where, `document status is ${expect404 ? 404 : 200}`, `got ${st}`);
  }

  const dom = await page.evaluate(() => {
    const abs = (v) => { try { return new URL(v, document.baseURI).href; } catch { return `invalid:${v}`; } };
    const refs = [];
    for (const el of document.querySelectorAll('[href], [src], [srcset], [action], [poster], [data]')) {
      for (const attr of ['href', 'src', 'action', 'poster', 'data', 'xlink:href']) {
        const v = el.getAttribute(attr);
        if (v !== null && !(attr === 'data' && el.localName !== 'object')) {
          refs.push({ tag: el.localName, attr, rel: el.getAttribute('rel'), raw: v, abs: abs(v) });
        }
      }
      const ss = el.getAttribute('srcset');
      if (ss) for (const part of ss.split(',')) {
        const v = part.trim().split(/\s+/)[0];
        if (v) refs.push({ tag: el.localName, attr: 'srcset', raw: v, abs: abs(v) });
      }
    }
    const handlers = [];
    for (const el of document.querySelectorAll('*')) {
      for (const a of el.attributes) if (/^on/i.test(a.name)) handlers.push(`<${el.localName} ${a.name}>`);
    }
    const bodyStyle = getComputedStyle(document.body);
    const banner = document.querySelector('.banner');
    return {
      scripts: [...document.querySelectorAll('script')].map((s) => s.outerHTML.slice(0, 120)),
      handlers,
      refs,
      ids: [...document.querySelectorAll('[id]')].map((e) => e.id),
      names: [...document.querySelectorAll('a[name]')].map((e) => e.getAttribute('name')),
      csp: (window.__cspViolations || []).slice(),
      bodyMargin: bodyStyle.marginTop,
      bannerDisplay: banner ? getComputedStyle(banner).display : null,
      bannerBg: banner ? getComputedStyle(banner).backgroundColor : null,
      stylesheets: [...document.styleSheets].map((s) => { try { return { href: s.href, rules: s.cssRules.length }; } catch (e) { return { href: s.href, rules: -1 }; } }),
      title: document.title,
    };
  });

  check(ev.console.length === 0, where, 'no console error / CSP warning', ev.console.join('\n'));
  check(dom.csp.length === 0, where, 'no CSP violation (securitypolicyviolation events)', dom.csp.join('\n'));
  check(ev.pageErrors.length === 0, where, 'no page error', ev.pageErrors.join('\n'));
  check(ev.failed.length === 0, where, 'no failed request', ev.failed.join('\n'));
  check(ev.bad.length === 0, where, 'no response with status >= 400', ev.bad.join('\n'));
  check(ev.foreign.length === 0, where, `no request outside ${siteOrigin}`, ev.foreign.join('\n'));
  check(dom.scripts.length === 0, where, 'no <script> element in the DOM', dom.scripts.join('\n'));
  check(dom.handlers.length === 0, where, 'no inline event-handler attribute', dom.handlers.join(', '));
  check(dom.title.trim() !== '', where, 'document has a title');
  // (cssRules of a file:// sheet can't be read: rules -1 there; the computed style tells.)
  check(dom.stylesheets.some((s) => s.rules !== 0) && dom.bodyMargin !== BROWSER_DEFAULT_BODY_MARGIN, where,
    'stylesheet loaded and applied (body margin is not the browser default 8px)',
    `body margin ${dom.bodyMargin}; sheets ${JSON.stringify(dom.stylesheets)}`);

  // Links and references.
  const basePath = site.kind === 'http' ? new URL(site.base).pathname : null;
  const broken = [];
  const toCrawl = [];
  for (const ref of dom.refs) {
    const raw = ref.raw.trim();
    if (/^javascript:/i.test(raw)) { broken.push(`${ref.tag}[${ref.attr}]="${raw}": javascript: URL`); continue; }
    if (/^(mailto|tel|sms):/i.test(raw)) continue;
    if (ref.abs.startsWith('invalid:')) { broken.push(`${ref.tag}[${ref.attr}]="${raw}": not a valid URL`); continue; }
    const u = new URL(ref.abs);
    if (u.protocol === 'data:') continue;
    const sameOrigin = site.kind === 'file' ? u.protocol === 'file:' : u.origin === new URL(site.base).origin;
    if (!sameOrigin) { note(where, `external ${ref.tag}[${ref.attr}] ${ref.abs} (not requested, not checked)`); continue; }
    if (site.kind === 'http' && !u.pathname.startsWith(basePath)) {
      broken.push(`${ref.tag}[${ref.attr}]="${raw}" → ${ref.abs}: leaves the site root ${basePath}`);
      continue;
    }
    if (site.kind === 'file' && !stripHash(ref.abs).startsWith(site.base)) {
      broken.push(`${ref.tag}[${ref.attr}]="${raw}" → ${ref.abs}: leaves the output folder`);
      continue;
    }
    const target = stripHash(ref.abs);
    const frag = u.hash ? decodeURIComponent(u.hash.slice(1)) : '';
    if (target === docUrl) {
      if (frag && !dom.ids.includes(frag) && !dom.names.includes(frag)) broken.push(`${ref.tag}[${ref.attr}]="${raw}": no element with id "${frag}" on this page`);
      continue;
    }
    const res = await resolveUrl(site, target);
    if (res.status !== 200) {
      broken.push(`${ref.tag}[${ref.attr}]="${raw}" → ${target}: ${res.status}${res.location ? ` → ${res.location}` : ''}`);
      continue;
    }
    if (frag) {
      const html = await pageText(site, target);
      const esc = frag.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      if (!new RegExp(`\\s(id|name)=["']?${esc}["'\\s>]`).test(html)) broken.push(`${ref.tag}[${ref.attr}]="${raw}": ${target} has no element with id "${frag}"`);
    }
    if (ref.tag === 'a' && isHtml(res, target)) toCrawl.push(target);
  }
  check(broken.length === 0, where, `every link and reference resolves (${dom.refs.length} on the page)`, [...new Set(broken)].join('\n'));

  return { page, dom, toCrawl };
}

// ---------------------------------------------------------------- checks beyond one page

async function statesOn(page) {
  return page.evaluate(() => {
    const out = {};
    for (const el of document.querySelectorAll('[data-service]')) {
      (out[el.getAttribute('data-service')] ||= []).push(el.getAttribute('data-state'));
    }
    return out;
  });
}

async function kakaoFacts(site, page, url) {
  const where = `[${site.name}] ${url}`;
  const states = await statesOn(page);
  const items = await page.evaluate(() => document.querySelectorAll('li.service[data-service]').length);
  check(items === 13, where, 'index lists 13 services (li.service[data-service])', `found ${items}`);
  const is = (id, allowed) => {
    const got = states[id] || [];
    check(got.length > 0 && got.every((s) => allowed.includes(s)), where,
      `[data-service="${id}"] data-state is ${allowed.join(' or ')}`, `got ${JSON.stringify(got)}`);
  };
  if (site.moment === 'hour43') {
    is('kakaotalk', ['degraded']);
    for (const id of HOUR43_RECOVERING) is(id, ['degraded', 'partial_outage']);
    for (const id of HOUR43_OPERATIONAL) is(id, ['operational']);
  } else {
    for (const id of SERVICES) is(id, ['operational']);
    const banner = await page.evaluate(() => document.querySelector('.banner')?.getAttribute('data-state'));
    check(banner === 'operational', where, 'banner data-state is operational', `got ${banner}`);
  }
  const phase = await page.evaluate(() => document.querySelector('[data-incident="kakao-pangyo-fire"]')?.getAttribute('data-phase'));
  const wantPhase = site.moment === 'hour43' ? 'ongoing' : 'resolved';
  check(phase === wantPhase, where, `incident kakao-pangyo-fire data-phase is ${wantPhase}`, `got ${phase}`);
}

async function axeCheck(site, page, url, scheme, label = scheme) {
  const where = `[${site.name}] ${url} (${label})`;
  await page.emulateMedia({ colorScheme: scheme });
  // Audit what a reader can disclose too: open every <details>.
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
  const run = await page.evaluate(async (src) => {
    // Evaluated through the DevTools protocol, so the page's CSP does not block it and no
    // <script> element is added.
    (0, eval)(src);
    const r = await window.axe.run(document, { resultTypes: ['violations', 'passes'] });
    return { passes: r.passes.length, version: window.axe.version, violations: r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map((n) => `${n.target.join(' ')} — ${n.failureSummary.replace(/\s+/g, ' ')}`) })) };
  }, AXE_SOURCE);
  check(run.passes > 0, where, `axe-core ${run.version} ran (${run.passes} rules passed)`);
  check(run.violations.length === 0, where, 'axe-core: no violation of any impact',
    run.violations.map((v) => `${v.impact} ${v.id}: ${v.help}\n  ${v.nodes.join('\n  ')}`).join('\n'));
  await page.emulateMedia({ colorScheme: 'light' });
}

async function screenshots(browser, site, url, label) {
  for (const [device, opts] of [
    ['desktop', { viewport: { width: 1280, height: 900 } }],
    ['phone', { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }],
  ]) {
    const ctx = await browser.newContext({ ...opts, colorScheme: 'light', locale: 'ko-KR', timezoneId: 'Asia/Seoul' });
    const page = await ctx.newPage();
    page.setDefaultTimeout(PAGE_TIMEOUT_MS);
    const where = `[${site.name}] ${url} (${device})`;
    const foreign = [];
    page.on('request', (r) => {
      requestLog.push({ site: site.name, page: `${url} (${device} screenshot)`, method: r.method(), url: r.url() });
      if (!r.url().startsWith(new URL(site.base).origin + '/') && !r.url().startsWith('data:')) foreign.push(r.url());
    });
    try {
      await page.goto(url, { waitUntil: 'load' });
      const file = path.join(SCREENSHOT_DIR, `${label}-${site.name}-${device}.png`);
      await page.screenshot({ path: file, fullPage: true });
      check(fs.statSync(file).size > 1000, where, `screenshot written to ${file}`);
      // On a phone the layout viewport grows to fit wide content, so compare with the
      // device width rather than window.innerWidth.
      const overflow = await page.evaluate((view) => ({
        doc: document.documentElement.scrollWidth, view,
        wide: [...document.querySelectorAll('body *')]
          .filter((e) => e.getBoundingClientRect().right > view + 1)
          .slice(0, 5).map((e) => `<${e.localName} class="${e.className?.baseVal ?? e.className}"> right=${Math.round(e.getBoundingClientRect().right)}`),
      }), opts.viewport.width);
      check(foreign.length === 0, where, 'no request to another origin', foreign.join('\n'));
      check(overflow.doc <= overflow.view, where, `no horizontal scrolling at ${overflow.view}px width`,
        `document is ${overflow.doc}px wide; ${overflow.wide.join('; ')}`);
    } catch (e) {
      check(false, where, 'screenshot', e.message);
    }
    await ctx.close();
  }
}

// Files that point back at the pages: the Atom feeds' <link href> (relative ones resolve
// against the feed's own URL) and, when the build has a base URL, the sitemap's <loc>s.
async function checkXmlLinks(site) {
  const basePath = new URL(site.base).pathname;
  const files = listFiles(site.dir, '.xml');
  for (const f of files) {
    const url = site.base + f;
    const xml = fs.readFileSync(path.join(site.dir, f), 'utf8');
    const unesc = (v) => v.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    let targets;
    if (f === 'sitemap.xml') {
      if (site !== sub) continue; // no base URL: see the report (a sitemap needs absolute URLs)
      targets = [...xml.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => unesc(m[1]));
      const relative = targets.filter((t) => !/^https?:\/\//.test(t));
      check(targets.length >= EXPECTED_PAGES.length && relative.length === 0, `[${site.name}] ${url}`,
        `sitemap lists >= ${EXPECTED_PAGES.length} absolute URLs`, `${targets.length} locs; relative: ${relative.join(', ')}`);
    } else if (/<feed[\s>]/.test(xml)) {
      if (/xml:base=/.test(xml)) note(`[${site.name}] ${url}`, 'feed uses xml:base; its links were resolved against the feed URL only');
      targets = [...xml.matchAll(/<link\b[^>]*?\bhref="([^"]*)"/g)].map((m) => unesc(m[1]));
    } else continue;
    const broken = [];
    for (const t of new Set(targets)) {
      let abs;
      try { abs = new URL(t, url).href; } catch { broken.push(`${t}: not a valid URL`); continue; }
      const u = new URL(abs);
      if (u.origin !== new URL(site.base).origin || !u.pathname.startsWith(basePath)) { broken.push(`${t} → ${abs}: outside ${site.base}`); continue; }
      const res = await resolveUrl(site, stripHash(abs));
      if (res.status !== 200) broken.push(`${t} → ${abs}: ${res.status}${res.location ? ` → ${res.location}` : ''}`);
    }
    check(broken.length === 0, `[${site.name}] ${url}`, `every link in ${f} resolves (${targets.length})`, broken.join('\n'));
  }
}

// ---------------------------------------------------------------- every page type

const MISSING = 'no-such-page/deeper/page.html';
// Per site: the pages to audit, and which of them are open at "now" (a "now" line to see).
const AUDITS = [
  [now, [['index.html'], [INCIDENT_PATH, 'open'], ['history/index.html'], ['services/kakaotalk/index.html'],
    ['embed/index.html'], [MISSING, '404']]],
  [later, [['index.html'], [INCIDENT_PATH], ['history/index.html'], ['services/channel/index.html'],
    ['embed/index.html'], [MISSING, '404']]],
  [maint, [['index.html'], ['incidents/database-upgrade/index.html', 'open'], ['incidents/payments-outage/index.html'],
    ['history/index.html'], ['services/database/index.html'], ['embed/index.html'], [MISSING, '404']]],
  [long, [['index.html'], ['incidents/archive-migration/index.html', 'open'], ['incidents/search-slow/index.html', 'open'],
    ['history/index.html'], ['services/search/index.html'], ['embed/index.html'], [MISSING, '404']]],
];
const LAYOUTS = [
  ['390px', { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }],
  ['1280px', { viewport: { width: 1280, height: 900 } }],
];

async function openAudited(ctx, site, rp, kind) {
  const page = await ctx.newPage();
  page.setDefaultTimeout(PAGE_TIMEOUT_MS);
  const url = site.base + rp;
  if (kind === '404') {
    // As a host serves it: the 404 page's bytes at a missing URL, two folders deep.
    const body = fs.readFileSync(path.join(site.dir, '404.html'), 'utf8');
    await page.route(url, (route) => route.fulfill({ status: 404, contentType: 'text/html; charset=utf-8', body }));
  }
  await page.goto(url, { waitUntil: 'load' });
  return { page, url };
}

// axe-core with no violation of any impact on every page type, light and dark, phone and
// desktop; on a phone, charts that fit without scrolling sideways, "now" on screen, text
// of 11 px or more and a legend that wraps.
async function auditSite(browser, site, pages) {
  for (const [layout, opts] of LAYOUTS) {
    for (const scheme of ['light', 'dark']) {
      const ctx = await browser.newContext({ ...opts, colorScheme: scheme, locale: 'ko-KR', timezoneId: 'Asia/Seoul' });
      for (const [rp, kind] of pages) {
        const where = `[${site.name}] ${site.base}${rp} (${layout}, ${scheme})`;
        try {
          const { page, url } = await openAudited(ctx, site, rp, kind);
          await axeCheck(site, page, url, scheme, `${layout}, ${scheme}`);
          if (layout === '390px' && scheme === 'light') {
            await phoneCharts(page, where, kind === 'open');
            if (rp === INCIDENT_PATH) await sortedChart(page, where, 390);
          }
          await page.close();
        } catch (e) {
          check(false, where, 'page audited', e.message);
        }
      }
      await ctx.close();
    }
  }
}

async function phoneCharts(page, where, open) {
  const width = 390;
  const facts = await page.evaluate((view) => {
    const charts = [...document.querySelectorAll('svg.timeline, svg.calendar')]
      .filter((svg) => svg.getBoundingClientRect().width > 0);
    const scrolling = [];
    for (const svg of charts) {
      for (let el = svg.parentElement; el && el !== document.documentElement; el = el.parentElement) {
        if (el.scrollWidth > el.clientWidth + 1) {
          scrolling.push(`<${el.localName} class="${el.className}"> scrollWidth ${el.scrollWidth} > clientWidth ${el.clientWidth}`);
        }
      }
      const r = svg.getBoundingClientRect();
      if (r.left < -1 || r.right > view + 1) scrolling.push(`<svg class="${svg.className.baseVal}"> spans ${Math.round(r.left)}..${Math.round(r.right)}`);
    }
    const small = [...document.querySelectorAll('svg.timeline text, svg.calendar text')]
      .filter((t) => t.getBoundingClientRect().width > 0)
      .map((t) => ({ text: t.textContent, size: parseFloat(getComputedStyle(t).fontSize) }))
      .filter((t) => t.size < 11);
    const nows = [...document.querySelectorAll('svg.timeline .tl-now line')]
      .filter((l) => l.getBoundingClientRect().height > 0)
      .map((l) => { const r = l.getBoundingClientRect(); return { left: r.left, right: r.right }; });
    const legends = [...document.querySelectorAll('.tl-legend')]
      .filter((l) => l.scrollWidth > l.clientWidth + 1 || l.getBoundingClientRect().right > view + 1).length;
    return { charts: charts.length, scrolling, small: small.slice(0, 5), nows, legends, doc: document.documentElement.scrollWidth };
  }, width);
  if (facts.charts === 0) return;
  check(facts.scrolling.length === 0 && facts.doc <= width, where,
    `no element that holds a chart scrolls sideways at ${width}px (${facts.charts} charts)`, facts.scrolling.join('\n'));
  check(facts.small.length === 0, where, 'chart text is 11 px or larger', JSON.stringify(facts.small));
  check(facts.legends === 0, where, 'the legend wraps inside the screen');
  if (open) {
    check(facts.nows.length > 0 && facts.nows.every((n) => n.left >= 0 && n.right <= width), where,
      `the "now" line is inside the ${width}px viewport`, JSON.stringify(facts.nows));
  }
}

// Sorted by time to recover (the link to #by-recovery, no script), the chart's lanes trade
// places: the same rows, none over another, Kakao Games (the first to recover) on top, all
// inside the screen; the link back puts them in catalog order again.
async function sortedChart(page, where, width) {
  const lanes = () => page.evaluate(() => [...document.querySelectorAll('svg.timeline .tl-lane')]
    .filter((g) => g.getBoundingClientRect().height > 0)
    .map((g) => {
      // The row from its bar: the name's box depends on its glyphs.
      const r = g.getBoundingClientRect();
      const bar = g.querySelector('rect').getBoundingClientRect();
      return { name: g.querySelector('text').textContent, top: Math.round(bar.top + window.scrollY), left: r.left, right: r.right };
    }));
  const order = (list) => [...list].sort((a, b) => a.top - b.top).map((l) => l.name);
  const tops = (list) => list.map((l) => l.top).sort((a, b) => a - b).join(',');
  const catalog = await lanes();
  await page.click('a[href="#by-recovery"]');
  const sorted = await lanes();
  check(catalog.length === 13 && sorted.length === 13 && tops(sorted) === tops(catalog), where,
    'sorted by time to recover, the 13 lanes take the same 13 rows', `${tops(catalog)} / ${tops(sorted)}`);
  check(order(sorted)[0] === '카카오게임즈' && order(sorted).join() !== order(catalog).join(), where,
    'sorted by time to recover, Kakao Games comes first', order(sorted).join(', '));
  check(sorted.every((l) => l.left >= -1 && l.right <= width + 1), where,
    `sorted, every lane is inside the ${width}px viewport`, JSON.stringify(sorted));
  await page.click('a[href="#timeline"]');
  check(order(await lanes()).join() === order(catalog).join(), where, 'the link back restores catalog order');
}

// The 404 page of a build without a base URL, served two folders deep under a sub-path:
// styled from its own bytes, with nothing failing to load.
async function notFoundWithoutBase(browser, site) {
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, colorScheme: 'light' });
  const url = `${site.base}no-such-page/deeper/page.html`;
  const where = `[${site.name}] ${url}`;
  const failed = [];
  const page = await ctx.newPage();
  page.on('requestfailed', (r) => failed.push(`${r.url()} (${r.failure()?.errorText})`));
  page.on('response', (r) => { if (r.status() >= 400 && r.url() !== url) failed.push(`${r.status()} ${r.url()}`); });
  page.on('console', (m) => { if (m.type() === 'error' && !/status of 404/.test(m.text())) failed.push(`console: ${m.text()}`); });
  const body = fs.readFileSync(path.join(site.dir, '404.html'), 'utf8');
  await page.route(url, (route) => route.fulfill({ status: 404, contentType: 'text/html; charset=utf-8', body }));
  await page.goto(url, { waitUntil: 'load' });
  const style = await page.evaluate(() => ({
    margin: getComputedStyle(document.body).marginTop,
    font: getComputedStyle(document.body).fontFamily,
    h1: document.querySelector('h1')?.textContent || '',
  }));
  check(style.margin !== BROWSER_DEFAULT_BODY_MARGIN && /system-ui/.test(style.font), where,
    '404.html without a base URL is styled at any depth', JSON.stringify(style));
  check(failed.length === 0, where, '404.html loads nothing that fails', failed.join('\n'));
  const shot = path.join(SCREENSHOT_DIR, '404-nobase-phone.png');
  await page.screenshot({ path: shot, fullPage: true });
  await ctx.close();
}

// ---------------------------------------------------------------- a whole site

function listFiles(dir, ext) {
  const out = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(ext)) out.push(path.relative(dir, p).split(path.sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}
const listHtml = (dir) => listFiles(dir, '.html');

async function newContext(browser, extra = {}) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: 'light',
    locale: 'ko-KR', timezoneId: 'Asia/Seoul', ...extra });
  // CSP violations are also reported as events; collect them (runs via the DevTools
  // protocol, not as a <script> element, and is not subject to the page's CSP).
  await ctx.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`);
    }, true);
  });
  return ctx;
}

async function crawlSite(browser, site) {
  console.log(`\n== ${site.name}: ${site.base}`);
  const ctx = await newContext(browser);
  const start = site.base + 'index.html';
  const seen = new Set([start]);
  const queue = [start];
  const visited = [];
  let capped = false;
  while (queue.length) {
    if (visited.length >= MAX_PAGES_PER_SITE) { capped = true; break; }
    const url = queue.shift();
    const r = await visit(ctx, site, url);
    visited.push(url);
    if (!r) continue;
    const rp = rel(site, url);
    if (rp === 'index.html' && site.kind === 'http' && site.kakao) await kakaoFacts(site, r.page, url);
    if (rp === 'index.html' && site.kind === 'file') {
      check(r.dom.bannerDisplay === 'flex' && r.dom.bannerBg && r.dom.bannerBg !== 'rgba(0, 0, 0, 0)', `[${site.name}] ${url}`,
        '.banner is styled from file:// (display flex, a background colour)',
        `display ${r.dom.bannerDisplay}, background ${r.dom.bannerBg}`);
      if (site.moment === 'hour43') await kakaoFacts({ ...site, name: site.name }, r.page, url);
    }
    await r.page.close();
    if (site.indexOnly) break;
    for (const t of r.toCrawl) if (!seen.has(t)) { seen.add(t); queue.push(t); }
  }
  check(!capped, `[${site.name}] ${site.base}`, `crawl stays under ${MAX_PAGES_PER_SITE} pages`);
  console.log(`   crawled ${visited.length} pages`);
  if (site.indexOnly) { await ctx.close(); return; }

  const reached = new Set(visited.map((u) => rel(site, u)));
  const missing = site.kakao ? EXPECTED_PAGES.filter((p) => !reached.has(p)) : [];
  check(missing.length === 0, `[${site.name}] ${site.base}`, `crawl from index.html reaches all ${EXPECTED_PAGES.length} expected pages`, `not reached: ${missing.join(', ')}`);

  // HTML files in the output that no link leads to: check them as pages too.
  for (const f of listHtml(site.dir)) {
    if (reached.has(f)) continue;
    // 404.html is only ever served by a host, at a missing URL (checked below): its links are
    // root-relative, so opening it from the folder is not expected to work.
    if (f === '404.html' && site.kind === 'file') continue;
    if (f !== '404.html') note(`[${site.name}] ${site.base}${f}`, 'not linked from any crawled page; checked directly');
    const r = await visit(ctx, site, site.base + f);
    if (r) await r.page.close();
  }

  if (site.kind === 'http') await checkXmlLinks(site);

  if (site.kind === 'http') {
    // A missing URL: the server answers 404; a host like GitHub Pages then serves 404.html
    // at that (nested) URL, so its links must work from any depth.
    const missingUrl = `${site.base}no-such-page-${process.pid}/deeper/page.html`;
    const st = await httpStatus(missingUrl);
    check(st.status === 404, `[${site.name}] ${missingUrl}`, 'a missing URL answers 404', `got ${st.status}`);
    const body404 = fs.readFileSync(path.join(site.dir, '404.html'), 'utf8');
    const r = await visit(ctx, site, missingUrl, { expect404: true, fulfillWith: body404 });
    if (r) {
      const h1 = await r.page.evaluate(() => document.querySelector('h1')?.textContent || '');
      check(h1.trim() !== '', `[${site.name}] ${missingUrl}`, '404 page shows a heading', `h1 "${h1}"`);
      await r.page.close();
    }
  }
  await ctx.close();
}

// ---------------------------------------------------------------- main

async function main() {
  if (!fs.existsSync(CHROMIUM)) die(`${CHROMIUM} does not exist`);
  let browser;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROME_ARGS, headless: true, timeout: 30_000 });
  } catch (e) {
    die(`chromium could not be launched (${CHROMIUM}): ${e.message}`);
  }
  console.log(`chromium ${browser.version()}`);
  check(true, CHROMIUM, 'browser launches');

  for (const site of [now, later, sub, maint, long, nowFile, subFile]) await crawlSite(browser, site);

  console.log('\n== every page type: axe-core in light and dark at 390 and 1280 px, charts on a phone');
  for (const [site, pages] of AUDITS) await auditSite(browser, site, pages);
  await notFoundWithoutBase(browser, nobase);

  console.log('\n== screenshots');
  for (const site of [now, later]) {
    await screenshots(browser, site, site.base + 'index.html', 'index');
    await screenshots(browser, site, site.base + INCIDENT_PATH, 'incident');
  }
  await browser.close();
}

main().then(() => finish(), (e) => {
  failures.push(`(test code): ${e && e.stack || e}`);
  console.log(`FAIL (test code): ${e && e.stack || e}`);
  finish();
});
