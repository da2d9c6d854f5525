"""Reads a statusgen build's Atom feeds over HTTP with PyPI's `feedparser`, as a feed reader
would: well-formed Atom 1.0, the required elements, links that resolve (relative ones against
the feed's own URL) to pages the server has, sanitized content.

usage: python check_feeds.py BASE_URL (43|after)
"""

import os
import sys
import urllib.request

import feedparser

base, moment = sys.argv[1].rstrip("/"), sys.argv[2]
TITLE = "판교 데이터센터 화재로 카카오 서비스 장애"
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


def fetchable(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status == 200
    except OSError:
        return False


def read(rel, entries):
    url = f"{base}/{rel}"
    feed = feedparser.parse(url)
    check(not feed.bozo, f"{rel} is well-formed", feed.get("bozo_exception"))
    check(feed.version == "atom10", f"{rel} is Atom 1.0", feed.version)
    check(feed.feed.get("id", "").startswith(("urn:uuid:", "http")), f"{rel} has an absolute id", feed.feed.get("id"))
    check(bool(feed.feed.get("updated_parsed")), f"{rel} has <updated>", feed.feed.get("updated"))
    self_links = [l.href for l in feed.feed.get("links", []) if l.rel == "self"]
    check(self_links == [url], f"{rel} links to itself", self_links)
    check(len(feed.entries) == entries, f"{rel} has {entries} entries", len(feed.entries))
    for entry in feed.entries:
        check(entry.title == TITLE, "entry title", entry.title)
        check(entry.id.startswith("urn:uuid:"), "entry id is a URN", entry.id)
        check(bool(entry.get("published_parsed")) and bool(entry.get("updated_parsed")), "entry dates")
        check(entry.link == f"{base}/incidents/kakao-pangyo-fire/", "entry link resolves", entry.link)
        check(fetchable(entry.link), "entry link is served", entry.link)
        content = entry.content[0]
        check(content.type == "text/html", "entry content is HTML", content.type)
        check("<script" not in content.value.lower(), "entry content is sanitized")
        if moment == "43":
            check(entry.updated.startswith("2022-10-17T10:30:00"), "updated at hour 43", entry.updated)
            check("아직 지연되고" in content.value and "127시간 30분" not in content.value,
                  "content stops at hour 43")
        else:
            check(entry.updated.startswith("2022-10-20T23:00:00"), "updated at resolution", entry.updated)
            check("127시간 30분" in content.value, "content has the resolution")
    return feed


read("feed.xml", 1)
read("services/kakaotalk/feed.xml", 1)
read("services/zigzag/feed.xml", 1)

print(f"feedparser ({moment}): {passed} passed, {failed} failed")
sys.exit(0 if failed == 0 and passed > 0 else 1)
