// Reads a statusgen build through the npm `statuspage.io` client, as a user of that client
// would read a real Statuspage page, and checks what it gets against the client's own
// TypeScript declarations (dist/interfaces/Result.d.ts: keys, types and enum values) and
// against what the Kakao site says at the given moment.
//
// usage: node statuspage-io.cjs BASE_URL (43|after)   with NODE_PATH holding the client

'use strict';

const fs = require('fs');
const path = require('path');
const { Statuspage } = require('statuspage.io');

const [base, moment] = process.argv.slice(2);
let passed = 0;
let failed = 0;

function check(ok, what, detail) {
  if (ok) {
    passed += 1;
    if (process.env.STATUSGEN_VERBOSE === '1') console.log(`ok - ${what}`);
  } else {
    failed += 1;
    console.log(`not ok - ${what}${detail === undefined ? '' : `: ${JSON.stringify(detail)}`}`);
  }
}

// The client's declarations: `export interface NAME ... { key: type; }` and
// `export declare enum NAME { A = "a" }`, read from the installed package.
function declarations() {
  const main = require.resolve('statuspage.io');
  const file = path.join(path.dirname(main), 'interfaces', 'Result.d.ts');
  const text = fs.readFileSync(file, 'utf8');
  const enums = {};
  for (const m of text.matchAll(/export declare enum (\w+) \{([^}]*)\}/g)) {
    enums[m[1]] = [...m[2].matchAll(/"([^"]+)"/g)].map(v => v[1]);
  }
  const interfaces = {};
  for (const m of text.matchAll(/export interface (\w+)[^{]*\{\n((?:    [^\n]*\n)*?)\}/g)) {
    const fields = {};
    // Only the interface's own level: nested blocks (Page's `page: {`) are read separately.
    for (const f of m[2].matchAll(/^    (\w+): ([^;{]+);$/gm)) fields[f[1]] = f[2].trim();
    interfaces[m[1]] = fields;
  }
  const page = text.match(/page: \{\n((?:        [^\n]*\n)*?)    \};/);
  interfaces.PageObject = {};
  for (const f of page[1].matchAll(/^        (\w+): ([^;]+);$/gm)) interfaces.PageObject[f[1]] = f[2].trim();
  return { enums, interfaces };
}

const decl = declarations();
for (const [name, least] of Object.entries({ PageObject: 5, Component: 13, Incident: 11, IncidentUpdate: 7 })) {
  const count = Object.keys(decl.interfaces[name] || {}).length;
  check(count >= least, `the client declares ${name} with ${least}+ keys`, count);
}

function fits(value, type) {
  if (type.endsWith('[]')) return Array.isArray(value);
  return type.split('|').map(t => t.trim()).some(t => {
    if (t === 'null') return value === null;
    if (['string', 'number', 'boolean'].includes(t)) return typeof value === t;
    if (decl.enums[t]) return decl.enums[t].includes(value);
    return value !== undefined;
  });
}

// Every key the client declares is there, with the declared type or enum value.
function conforms(object, name, where) {
  for (const [key, type] of Object.entries(decl.interfaces[name] || {})) {
    check(fits(object[key], type), `${where}.${key} is ${type}`, object[key]);
  }
}

function conformsAll(data, where) {
  conforms(data.page, 'PageObject', `${where}.page`);
  for (const c of data.components || []) conforms(c, 'Component', `${where} component ${c.name}`);
  for (const i of data.incidents || []) {
    conforms(i, 'Incident', `${where} incident`);
    for (const u of i.incident_updates) conforms(u, 'IncidentUpdate', `${where} update ${u.display_at}`);
  }
}

async function main() {
  const client = new Statuspage('statusgen');
  client.setApiUrl(base);
  const summary = await client.api.getSummary();
  const status = await client.api.getStatus();
  const components = await client.api.getComponents();
  const all = await client.api.incidents.getAll();
  const unresolved = await client.api.incidents.getUnresolved();
  const upcoming = await client.api.scheduledMaintenances.getUpcoming();
  for (const [name, data] of Object.entries({ summary, status, components, all, unresolved })) {
    conformsAll(data, name);
  }
  check(Array.isArray(upcoming.scheduled_maintenances) && upcoming.scheduled_maintenances.length === 0,
    'no scheduled maintenance', upcoming);

  const leaves = components.components.filter(c => !c.group);
  const named = n => leaves.find(c => c.name === n) || {};
  check(leaves.length === 13, '13 services as components', leaves.length);
  check(summary.page.time_zone === 'Asia/Seoul', 'page time zone', summary.page);
  const fire = all.incidents[0] || {};
  check(all.incidents.length === 1, 'one incident in incidents.json', all.incidents.length);
  check(fire.impact === 'critical', 'impact critical', fire.impact);
  const updates = fire.incident_updates || [];
  const times = updates.map(u => Date.parse(u.display_at));
  check(times.every((t, i) => i === 0 || times[i - 1] >= t), 'updates newest first', times);

  if (moment === '43') {
    check(status.status.indicator === 'minor', 'indicator minor at hour 43', status.status);
    check(summary.status.description === 'Minor Service Outage', 'description', summary.status);
    check(named('카카오톡').status === 'degraded_performance', 'KakaoTalk degraded', named('카카오톡'));
    check(named('카카오페이').status === 'operational', 'KakaoPay operational', named('카카오페이'));
    check(unresolved.incidents.length === 1 && summary.incidents.length === 1, 'one unresolved incident');
    check(fire.status === 'identified' && fire.resolved_at === null, 'identified, not resolved', fire.status);
    check(updates.length === 5, 'five updates published by hour 43', updates.length);
    check(updates[0].display_at === '2022-10-17T10:30:00+09:00', 'latest update at hour 43', updates[0]);
  } else {
    check(status.status.indicator === 'none', 'indicator none after resolution', status.status);
    check(status.status.description === 'All Systems Operational', 'description', status.status);
    check(leaves.every(c => c.status === 'operational'), 'every component operational');
    check(unresolved.incidents.length === 0 && summary.incidents.length === 0, 'nothing unresolved');
    check(fire.status === 'postmortem', 'postmortem published', fire.status);
    check(fire.resolved_at === '2022-10-20T23:00:00+09:00', 'resolved at hour 127.5', fire.resolved_at);
    check(updates.length === 10 && updates[0].status === 'resolved', 'all ten updates, resolved first');
  }
}

main()
  .catch(error => {
    failed += 1;
    console.log(`not ok - the client failed: ${error && error.stack ? error.stack : error}`);
  })
  .finally(() => {
    console.log(`statuspage.io (${moment}): ${passed} passed, ${failed} failed`);
    process.exitCode = failed === 0 && passed > 0 ? 0 : 1;
  });
