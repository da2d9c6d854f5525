"""Checks the Prometheus textfile that PyPI's `statuspage-prometheus-exporter` wrote after
polling a statusgen build's summary.json, as it polls real Statuspage pages.

usage: python check_exporter.py FILE.prom (43|after)
"""

import re
import os
import sys

path, moment = sys.argv[1], sys.argv[2]
samples = []
for line in open(path, encoding="utf-8"):
    m = re.match(r'^(\w+)\{(.*)\} (\S+)$', line.strip())
    if m:
        labels = dict(re.findall(r'(\w+)="((?:[^"\\]|\\.)*)"', m.group(2)))
        samples.append((m.group(1), labels, float(m.group(3))))

passed = failed = 0
VERBOSE = os.environ.get("STATUSGEN_VERBOSE") == "1"


def check(ok, what, detail=None):
    global passed, failed
    if ok:
        passed += 1
        if VERBOSE:
            print(f"ok - {what}")
    else:
        failed += 1
        print(f"not ok - {what}: {detail!r}")


def metric(name):
    return [(labels, value) for (n, labels, value) in samples if n == name]


service = metric("statuspage_service_status")
check(len(service) == 1, "one service status", service)
probe = metric("statuspage_probe_check")
check(all(v == 1.0 for _, v in probe) and probe, "the probe read the page", probe)
components = {labels["component_name"]: value for labels, value in metric("statuspage_component_status")}
check(len(components) >= 13, "every component exported", sorted(components))
incidents = [(labels, v) for labels, v in metric("statuspage_incident_info") if v == 1.0]

if moment == "43":
    check(service and service[0][1] == 0.0, "service not operational at hour 43", service)
    check(components.get("카카오톡") == 0.0, "KakaoTalk impaired", components.get("카카오톡"))
    check(components.get("카카오페이") == 1.0, "KakaoPay operational", components.get("카카오페이"))
    check(len(incidents) == 1, "one active incident", incidents)
    if incidents:
        labels = incidents[0][0]
        check(labels.get("impact") == "critical", "impact label", labels)
        check(labels.get("started_at") == "2022-10-15T15:30:00+09:00", "started_at label", labels)
        check("카카오톡" in labels.get("affected_components", ""), "affected components", labels)
        check(labels.get("shortlink", "").endswith("incidents/kakao-pangyo-fire/"), "shortlink", labels)
else:
    check(service and service[0][1] == 1.0, "service operational after resolution", service)
    check(all(v == 1.0 for v in components.values()), "every component operational", components)
    check(not incidents, "no active incident", incidents)

print(f"statuspage-prometheus-exporter ({moment}): {passed} passed, {failed} failed")
sys.exit(0 if failed == 0 and passed > 0 else 1)
