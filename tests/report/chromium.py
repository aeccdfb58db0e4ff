#!/usr/bin/python3
# chromium.py - load HTML reports in headless Chromium and check what a
# reader would see: no console error or uncaught exception; every chart
# (svg.chart) has <title> and <desc> text, a box over 10x10 px, and paints
# more than its background.  Prints the render time (loadEventEnd from the
# start of navigation); --max-ms fails a slower page; --shots DIR saves
# DIR/NAME-chart-NN.png for each chart and DIR/NAME-page.png.
#
#   tests/report/chromium.py [--shots DIR] [--max-ms N] [--allow-no-charts]
#                            FILE.html...
#
# "ok FILE: ..." per file, or "FAIL FILE: ..." per problem.  Exit 0 all
# passed, 1 a failure, 2 usage, 77 skipped: Debian's chromium,
# python3-websocket or python3-pil is missing (hence /usr/bin/python3, not
# the first python3 on PATH).  One chromium, in a process group and a
# temporary profile of its own, serves every file in a tab of its own; it
# is killed and the profile removed however the script ends.

import argparse, base64, io, json, os, shutil, signal, subprocess, sys, tempfile, time
from pathlib import Path

SYSTEM_PYTHON = "/usr/bin/python3"
FILE_SECONDS = 60  # everything one file takes, load to last screenshot
BROWSER_SECONDS = 20  # chromium's start, and each call to the browser itself
PAGE_MAX_HEIGHT = 16000

websocket = Image = None  # imported by import_deps()


def import_deps():
    """The two modules outside the stdlib, or exit 77 naming the missing."""
    global websocket, Image
    try:
        import websocket
        from PIL import Image
        websocket.create_connection  # pip's other "websocket" has none
        return
    except (ImportError, AttributeError) as e:
        missing = str(e)
    # a pyenv or venv python3 does not see Debian's dist-packages: try Debian's
    here = os.path.realpath(sys.executable)
    if here != os.path.realpath(SYSTEM_PYTHON) and os.access(SYSTEM_PYTHON, os.X_OK):
        os.execv(SYSTEM_PYTHON, [SYSTEM_PYTHON, *sys.argv])
    print(f"skip: {missing} (Debian packages python3-websocket, python3-pil)")
    sys.exit(77)


class Timeout(Exception):
    """A wait ran past its deadline: the browser's state is unknown."""


class CdpError(Exception):
    """Chromium answered, with an error."""


class Deadline:
    def __init__(self, seconds):
        self.seconds = seconds
        self.end = time.monotonic() + seconds

    def left(self, what):
        left = self.end - time.monotonic()
        if left <= 0:
            raise Timeout(f"timed out ({self.seconds:g} s) {what}")
        return left


class Cdp:
    """One DevTools websocket: numbered calls, and the events met meanwhile."""

    def __init__(self, url, deadline):
        self.deadline = deadline
        # Chromium 111+ refuses a client that sends an Origin it was not told of.
        self.ws = websocket.create_connection(
            url, timeout=deadline.left("connecting to " + url), suppress_origin=True)
        self.last_id = 0
        self.events = []

    def _recv(self, what):
        self.ws.settimeout(self.deadline.left(what))
        try:
            return json.loads(self.ws.recv())
        except websocket.WebSocketTimeoutException:
            raise Timeout(f"timed out ({self.deadline.seconds:g} s) {what}") from None

    def call(self, method, **params):
        self.last_id += 1
        self.ws.send(json.dumps({"id": self.last_id, "method": method, "params": params}))
        while True:
            msg = self._recv("waiting for " + method)
            if msg.get("id") == self.last_id:
                if "error" in msg:
                    raise CdpError(f"{method}: {msg['error'].get('message')}")
                return msg.get("result", {})
            if "method" in msg:
                self.events.append(msg)

    def wait_event(self, method, start=0):
        """Index after the first `method` event at or after events[start]."""
        while True:
            for i in range(start, len(self.events)):
                if self.events[i]["method"] == method:
                    return i + 1
            start = len(self.events)
            self.events.append(self._recv("waiting for " + method))

    def eval(self, expr):
        res = self.call("Runtime.evaluate", expression=expr, returnByValue=True,
                        awaitPromise=True)
        if "exceptionDetails" in res:
            raise CdpError("script failed: " + describe_exception(res["exceptionDetails"]))
        return res["result"].get("value")

    def close(self):
        ignoring(self.ws.close, timeout=1)  # a broken socket is closed enough


class Browser:
    """A headless chromium in a process group and a profile of its own."""

    def __init__(self, exe):
        self.exe, self.proc, self.profile, self.cdp = exe, None, None, None

    def start(self):
        self.profile = tempfile.mkdtemp(prefix="pagefail-chromium.")
        flags = ["--headless=new", "--disable-gpu", "--remote-debugging-port=0",
                 "--user-data-dir=" + self.profile, "--window-size=1280,900",
                 "--hide-scrollbars", "--no-first-run", "--no-default-browser-check",
                 "--disable-extensions", "--disable-background-networking",
                 "--mute-audio"]
        if os.geteuid() == 0:
            flags.append("--no-sandbox")  # its sandbox will not start as root
        self.log = os.path.join(self.profile, "stderr.log")
        with open(self.log, "wb") as log:
            # a new session is a new process group: stop() kills the zygote and
            # renderers with it, and nothing else
            self.proc = subprocess.Popen([self.exe, *flags, "about:blank"],
                                         stdin=subprocess.DEVNULL, stdout=log,
                                         stderr=log, start_new_session=True)
        self.port, path = self._active_port(Deadline(BROWSER_SECONDS))
        self.cdp = Cdp(f"ws://127.0.0.1:{self.port}{path}", Deadline(BROWSER_SECONDS))

    def _active_port(self, deadline):
        # with port 0 chromium picks a free one and writes it, then the
        # browser target's path, to DevToolsActivePort in its profile
        name = os.path.join(self.profile, "DevToolsActivePort")
        while True:
            if self.proc.poll() is not None:
                tail = Path(self.log).read_text(errors="replace").strip().splitlines()[-3:]
                raise CdpError(f"chromium exited {self.proc.returncode}: " + " / ".join(tail))
            try:
                lines = Path(name).read_text().split()
                if len(lines) == 2:
                    return int(lines[0]), lines[1]
            except (OSError, ValueError):
                pass
            deadline.left("waiting for chromium's DevToolsActivePort")
            time.sleep(0.05)

    def browser_call(self, method, **params):
        self.cdp.deadline = Deadline(BROWSER_SECONDS)
        return self.cdp.call(method, **params)

    def open_tab(self, deadline):
        target = self.browser_call("Target.createTarget", url="about:blank")["targetId"]
        return target, Cdp(f"ws://127.0.0.1:{self.port}/devtools/page/{target}", deadline)

    def close_tab(self, target):
        ignoring(self.browser_call, "Target.closeTarget", targetId=target)

    def stop(self):
        if self.cdp:  # a clean exit first; it may hang up before it answers
            self.cdp.deadline = Deadline(3)
            ignoring(self.cdp.call, "Browser.close")
        if self.proc:
            ignoring(self.proc.wait, timeout=5)
            ignoring(os.killpg, self.proc.pid, signal.SIGKILL)  # whatever is left
            ignoring(self.proc.wait, timeout=5)
            # crashpad runs in a session of its own, out of the group's reach,
            # and goes when chromium has gone: wait for it, then make sure
            reap_children(Deadline(3))
            for pid in adopted():
                ignoring(os.kill, pid, signal.SIGKILL)
            reap_children(Deadline(3))
        if self.profile:
            shutil.rmtree(self.profile, ignore_errors=True)
        self.proc = self.cdp = self.profile = None


def ignoring(fn, *args, **kwargs):
    """fn(...), any failure ignored: for cleanup that must go on regardless."""
    try:
        return fn(*args, **kwargs)
    except Exception:
        return None


def become_subreaper():
    """Adopt chromium's orphans: it exits before its zygotes and crash
    handler, and an init that reaps lazily (containers) would keep them."""
    import ctypes
    PR_SET_CHILD_SUBREAPER = 36
    ignoring(lambda: ctypes.CDLL(None).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0))


def adopted():
    """Our children, chromium's orphans all: the script starts nothing else."""
    pids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:  # after "(comm)": state, ppid, ...
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == os.getpid():
                pids.append(int(stat.parent.name))
        except (OSError, IndexError, ValueError):
            pass  # gone meanwhile
    return pids


def reap_children(deadline):
    """Collect our dead children until none is left, or the deadline."""
    while time.monotonic() < deadline.end:
        try:
            if os.waitpid(-1, os.WNOHANG)[0] == 0:
                time.sleep(0.02)  # one is still running
        except ChildProcessError:
            return


def describe_exception(details):
    exc = details.get("exception") or {}
    text = (exc.get("description") or details.get("text") or "exception").splitlines()[0]
    return f"{text} (line {details['lineNumber'] + 1})" if "lineNumber" in details else text


def console_problems(events):
    problems = []
    for ev in events:
        method, p = ev["method"], ev.get("params", {})
        if method == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
            args = " ".join(str(a.get("value", a.get("description", a.get("type"))))
                            for a in p.get("args", []))
            problems.append(f"console {p['type']}: {args}")
        elif method == "Runtime.exceptionThrown":
            problems.append("exception: " + describe_exception(p["exceptionDetails"]))
        elif method == "Log.entryAdded" and p["entry"].get("level") == "error":
            entry = p["entry"]
            if "favicon" not in entry.get("url", "") + entry.get("text", ""):
                problems.append(f"console error ({entry.get('source')}): {entry.get('text')}")
    return list(dict.fromkeys(problems))  # the same message twice says nothing new


# loadEventEnd is set only after the load handlers return, which can be
# just after Page.loadEventFired reaches us: poll for it a little.
RENDER_JS = """new Promise(resolve => {
  const t0 = Date.now();
  (function poll() {
    const nav = performance.getEntriesByType('navigation')[0];
    if (nav && nav.loadEventEnd > 0) return resolve(nav.loadEventEnd - nav.startTime);
    if (Date.now() - t0 > 5000) return resolve(null);
    setTimeout(poll, 10);
  })();
})"""

# Scrolled to the top, viewport and document coordinates agree.
CHARTS_JS = """(() => {
  scrollTo(0, 0);
  return Array.from(document.querySelectorAll('svg.chart'), svg => {
    const text = tag => (svg.querySelector(':scope > ' + tag)?.textContent || '').trim();
    const r = svg.getBoundingClientRect();
    return {id: svg.id, title: text('title'), desc: text('desc'),
            x: r.left + scrollX, y: r.top + scrollY, width: r.width, height: r.height};
  });
})()"""


def screenshot(page, x, y, width, height):
    res = page.call("Page.captureScreenshot", format="png", captureBeyondViewport=True,
                    clip={"x": x, "y": y, "width": width, "height": height, "scale": 1})
    return base64.b64decode(res["data"])


def blank_reason(png):
    """Why the image shows nothing but background, or None when it shows more."""
    img = Image.open(io.BytesIO(png)).convert("RGB")
    total = img.width * img.height
    colours = img.getcolors(total)
    if len(colours) < 2:
        return "one colour"
    other = (total - max(colours)[0]) / total
    if other < 0.005:
        return f"only {other:.2%} of pixels differ from the background"
    return None


def check_chart(page, n, chart, shot_base):
    label = f"chart {n} ({chart['id'] or chart['title'][:60] or 'no id, no title'})"
    problems = [f"{label} has no <{tag}> text" for tag in ("title", "desc") if not chart[tag]]
    box = chart["x"], chart["y"], chart["width"], chart["height"]
    if box[2] <= 10 or box[3] <= 10:
        return problems + [f"{label} box is {box[2]:g}x{box[3]:g} px"]
    png = screenshot(page, *box)
    if shot_base:
        Path(f"{shot_base}-chart-{n:02d}.png").write_bytes(png)
    blank = blank_reason(png)
    return problems + ([f"{label} blank: {blank}"] if blank else [])


def save_page_shot(page, shot_base):
    metrics = page.call("Page.getLayoutMetrics")
    size = metrics.get("cssContentSize") or metrics["contentSize"]
    png = screenshot(page, 0, 0, size["width"], min(size["height"], PAGE_MAX_HEIGHT))
    Path(f"{shot_base}-page.png").write_bytes(png)


def load(page, path):
    for domain in ("Runtime", "Log", "Page"):
        page.call(domain + ".enable")
    nav = page.call("Page.navigate", url=Path(path).resolve().as_uri())
    if nav.get("errorText"):
        raise CdpError("cannot load: " + nav["errorText"])
    # a load event may still be the blank tab's: wait for the file's own
    start = 0
    while True:
        start = page.wait_event("Page.loadEventFired", start)
        if page.eval("document.readyState == 'complete' && location.protocol == 'file:'"):
            return


def inspect_page(page, path, opts):
    """Problems, chart count and render time (ms or None) of one loaded file."""
    load(page, path)
    ms = page.eval(RENDER_JS)
    problems = []
    if ms is not None and opts.max_ms is not None and ms > opts.max_ms:
        problems.append(f"render {ms:.0f} ms, over --max-ms {opts.max_ms:g}")
    charts = page.eval(CHARTS_JS)
    if not charts and not opts.allow_no_charts:
        problems.append("no charts (nothing matches svg.chart)")
    shot_base = None
    if opts.shots:
        shot_base = os.path.join(opts.shots, Path(path).name.removesuffix(".html"))
    for n, chart in enumerate(charts, 1):
        problems += check_chart(page, n, chart, shot_base)
    if shot_base:
        save_page_shot(page, shot_base)
    # last, so that errors logged while we looked are counted too
    return console_problems(page.events) + problems, len(charts), ms


def check_file(browser, path, opts):
    """Report one file; True when it passed."""
    if not os.path.isfile(path):
        print(f"FAIL {path}: no such file")
        return False
    try:
        target, page = browser.open_tab(Deadline(FILE_SECONDS))
        try:
            problems, n, ms = inspect_page(page, path, opts)
        finally:
            page.close()
            browser.close_tab(target)
    except CdpError as e:
        problems, n, ms = [str(e)], 0, None
    except (Timeout, OSError, ValueError, websocket.WebSocketException) as e:
        problems, n, ms = [str(e) or type(e).__name__], 0, None
        browser.stop()  # after a hang or a dropped socket its state is unknown
        browser.start()
    for problem in problems:
        print(f"FAIL {path}: {problem}")
    if not problems:
        render = "?" if ms is None else f"{ms:.0f}"
        print(f"ok {path}: {n} chart{'s' * (n != 1)}, render {render} ms")
    return not problems


def parse_args():
    ap = argparse.ArgumentParser(description="Check HTML reports in headless Chromium.")
    ap.add_argument("--shots", metavar="DIR", help="save chart and page screenshots here")
    ap.add_argument("--max-ms", type=float, metavar="N", help="fail a render slower than N ms")
    ap.add_argument("--allow-no-charts", action="store_true", help="a page without charts passes")
    ap.add_argument("files", nargs="+", metavar="FILE.html")
    return ap.parse_args()  # exits 2 on a usage error


def main():
    opts = parse_args()
    import_deps()
    exe = shutil.which("chromium")
    if not exe:
        print("skip: chromium is not installed (Debian package chromium)")
        return 77
    # SIGTERM as an exception, so the finally below still kills chromium
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    sys.stdout.reconfigure(line_buffering=True)  # each verdict out as it comes
    become_subreaper()
    browser = Browser(exe)
    try:
        if opts.shots:
            os.makedirs(opts.shots, exist_ok=True)
        browser.start()
        results = [check_file(browser, path, opts) for path in opts.files]
    except (CdpError, Timeout, OSError, ValueError, websocket.WebSocketException) as e:
        print(f"FAIL: {e}")
        return 1
    except KeyboardInterrupt:
        return 130
    finally:
        browser.stop()
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
