#!/usr/bin/env bash
# report.sh - pagefail report: the page of the corpus, of this machine's
# --root snapshot, and of a simulation.  Without a browser: one HTML file
# with no script and nothing to fetch; every chart an svg.chart with a
# title and a description; the overview's count is scan's; each kind's
# heat map and curve say the free blocks of the report it shows, as scan
# -j reads them; the machine's zones are status -j's; the sweep's first
# run fails as often as simulate -j's.  With Debian's chromium
# (tests/report/chromium.py): no console error, every chart drawn (its
# box's pixels not blank), screenshots kept in report-shots/ of the
# test's directory.  And bad input: one line, an exit status.
#
#   tests/cli/report.sh PAGEFAIL SOURCE_DIR
. "$(dirname "$0")/lib.sh"
shots=${PF_REPORT_SHOTS:-$OLDPWD/report-shots}
corpus=(tests/fixtures/corpus/*.log)
scn=tests/fixtures/scenarios/small.scn

"$pf" report -o "$tmp/corpus.html" "${corpus[@]}" 2>"$tmp/corpus.err"
check corpus-written "[ $? -eq 0 ] && [ -s $tmp/corpus.html ]"
"$pf" snapshot -q "$tmp/snap" 2>/dev/null
"$pf" report --root "$tmp/snap" -o "$tmp/root.html" 2>"$tmp/root.err"
check root-written "[ $? -eq 0 ] && [ -s $tmp/root.html ]"
"$pf" report --simulate $scn -o "$tmp/sim.html"
check sim-written "[ $? -eq 0 ] && [ -s $tmp/sim.html ]"
"$pf" scan -j "${corpus[@]}" >"$tmp/scan.jsonl" 2>/dev/null
"$pf" status -j --root "$tmp/snap" >"$tmp/status.json" 2>/dev/null
"$pf" simulate -j $scn >"$tmp/sim.json"

# the page's own structure, read with Python's HTML parser
cat >"$tmp/page.py" <<'PY'
import html.parser, json, re, sys

class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.charts, self.stack, self.bad, self.text = {}, [], [], []
        self.chart = None
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("script", "link", "img", "iframe", "object") or \
           any(k.startswith("on") for k in a) or "src" in a:
            self.bad.append(tag)
        if tag == "svg" and "chart" in (a.get("class") or ""):
            self.chart = {"id": a.get("id"), "title": "", "desc": ""}
            self.charts[a.get("id")] = self.chart
        self.stack.append(tag)
    def handle_endtag(self, tag):
        if self.stack:
            self.stack.pop()
        if tag == "svg":
            self.chart = None
    def handle_data(self, d):
        self.text.append(d)
        if self.chart is not None and self.stack and self.stack[-1] in ("title", "desc") \
           and self.stack[-2:-1] == ["svg"]:
            self.chart[self.stack[-1]] += d

def load(path):
    p = Page()
    p.feed(open(path, encoding="utf-8").read())
    return p

def free_blocks(desc):
    m = re.search(r"free blocks per order:((?: \d+(?: \(\w*\))?)+)", desc)
    return [int(x) for x in re.findall(r" (\d+)", m.group(1))] if m else None
PY

check corpus-self-contained "python3 -c '
import sys; sys.path.insert(0, \"$tmp\"); import page
for f in (\"corpus\", \"root\", \"sim\"):
    p = page.load(\"$tmp/%s.html\" % f)
    assert not p.bad, (f, p.bad)
    assert p.charts, f
    for c in p.charts.values():
        assert c[\"title\"].strip() and c[\"desc\"].strip(), (f, c[\"id\"])
'"
check corpus-count "python3 -c '
import sys, re; sys.path.insert(0, \"$tmp\"); import page
n = sum(1 for l in open(\"$tmp/scan.jsonl\") if l.startswith(\"{\\\"source\"))
t = \" \".join(page.load(\"$tmp/corpus.html\").text)
m = re.search(r\"(\\d+) page allocation failure reports?\", t)
assert n > 0 and m and int(m.group(1)) == n, (n, m and m.group(0))
'"
# each kind's pictures: the free blocks of the report it shows, per zone
check corpus-zones "python3 -c '
import sys, re, json, html; sys.path.insert(0, \"$tmp\"); import page
reps = {}
for l in open(\"$tmp/scan.jsonl\"):
    r = json.loads(l)
    if \"source\" in r:
        reps[(r[\"source\"], r[\"line\"])] = r
src = open(\"$tmp/corpus.html\").read()
p = page.load(\"$tmp/corpus.html\")
checked = 0
for art in re.finditer(r\"<article id=\\\"(k\\d+)\\\">(.*?)</article>\", src, re.S):
    kid, body = art.groups()
    m = re.search(r\"shown here</dt><dd>([^<]*):(\\d+)</dd>\", body)
    r = reps[(html.unescape(m.group(1)), int(m.group(2)))]
    for z in re.findall(r\"id=\\\"(%s-z(\\d+))-heat\\\"\" % kid, body):
        zone = r[\"zones\"][int(z[1])]
        want = zone[\"free_blocks\"]
        got = page.free_blocks(p.charts[z[0] + \"-heat\"][\"desc\"])
        assert got == want, (kid, z, got, want)
        curve = p.charts[z[0] + \"-curve\"][\"desc\"]
        total = sum(n << o for o, n in enumerate(want))
        assert \" order 0: %d;\" % total in curve, (kid, z, total)
        checked += 1
assert checked >= 5, checked
print(\"  %d zones of kinds held to scan -j\" % checked)
'"
check root-zones "python3 -c '
import sys, json; sys.path.insert(0, \"$tmp\"); import page
st = json.load(open(\"$tmp/status.json\"))
zones = [z for z in st[\"zones\"] if z.get(\"free_blocks\")]
p = page.load(\"$tmp/root.html\")
heat = [c for c in p.charts if c.startswith(\"m-z\") and c.endswith(\"-heat\")]
assert len(heat) == len(zones) and zones, (len(heat), len(zones))
'"
check sim-sweep "python3 -c '
import sys, json, re; sys.path.insert(0, \"$tmp\"); import page
s = json.load(open(\"$tmp/sim.json\"))
p = page.load(\"$tmp/sim.html\")
d = p.charts[\"sim-sweep\"][\"desc\"]
vals = re.findall(r\" (\\d+): (\\d+);\", d)
assert len(vals) == 4 and int(vals[0][0]) == s[\"min_free_kbytes\"], vals
assert int(vals[0][1]) == s[\"failures\"], (vals, s[\"failures\"])
assert [int(v) for v, _ in vals] == [s[\"min_free_kbytes\"] * k for k in (1, 2, 4, 8)]
assert \"sim-series\" in p.charts
'"

# bad input: one line, an exit status, nothing written
fails no-output 2 "pagefail: report: -o FILE.html is needed (- for standard output)" report "${corpus[0]}"
fails sweep-alone 2 "pagefail: --sweep goes with --simulate" report --sweep vm.min_free_kbytes=1,2 -o "$tmp/x.html"
fails bad-dir 1 "pagefail: cannot write '$tmp/no/such/r.html': no such file or directory" report -o "$tmp/no/such/r.html" "${corpus[0]}"
check bad-dir-nothing "[ ! -e $tmp/no ]"
"$pf" report -o - "${corpus[0]}" >"$tmp/stdout.html"
check stdout "head -c 15 $tmp/stdout.html | grep -q '<!DOCTYPE html>'"

# in a browser: Debian's chromium, when it is there
if "$top/tests/report/chromium.py" --help >/dev/null 2>&1; then
	rm -rf "$shots"
	"$top/tests/report/chromium.py" --shots "$shots" \
		"$tmp/corpus.html" "$tmp/root.html" "$tmp/sim.html"
	check chromium "[ $? -eq 0 ] && ls $shots/*-chart-*.png >/dev/null"
else
	bad chromium "tests/report/chromium.py cannot run (scripts/deps.sh check installs chromium)"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
