#!/usr/bin/env python3
"""A save through the browser editor on a large site, timed, with the editor's memory.

    benches/edit-save.py MINHBACH SITE [RUNS]

Starts `MINHBACH edit` on SITE (a corpus of `gen-corpus`; it is changed and put back),
waits for the first build, then RUNS times (default 3): saves a new title for one
exemplar through the editor's JSON API as the editor's page does (token cookie, Origin,
CSRF header), waits until the preview has rebuilt, and puts the title back the same way.
Prints the first build, each save (the answer of the API: the change checked and
written, and when the exemplar's page in the preview first showed the new title), and
the peak resident memory of the editor process (VmHWM); with LOG=1, what the editor
printed about each build. Linux only (/proc).

Then the same without the editor, as a text editor saves: RUNS times the exemplar's file
and a unit's name in content/data/units.yaml written directly, each timed until its page
in the preview shows the change (the page polled every 2 ms), then until the rest of the
site is built; each put back the same way.
"""

import http.client
import json
import os
import re
import socket
import subprocess
import sys
import threading
import time


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    binary, site = sys.argv[1], os.path.abspath(sys.argv[2])
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    port = free_port()
    started = time.monotonic()
    proc = subprocess.Popen(
        [binary, "edit", "--no-open", "--port", str(port), "--root", site],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    log = []
    threading.Thread(target=lambda: log.extend(proc.stdout), daemon=True).start()

    def wait_for(pattern, since):
        while True:
            for line in log[since:]:
                m = re.search(pattern, line)
                if m:
                    return m
            if proc.poll() is not None:
                sys.exit("the editor stopped:\n" + "".join(log))
            time.sleep(0.02)

    token = wait_for(r"/_edit/\?token=(\w+)", 0).group(1)
    wait_for(r"Built \d+ pages", 0)
    print(f"first build {1000 * (time.monotonic() - started):.0f} ms")

    host = f"127.0.0.1:{port}"
    cookie = f"minhbach_edit={token}"

    def request(method, path, body=None, csrf=None):
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
        headers = {"Host": host, "Cookie": cookie}
        if body is not None:
            headers.update(
                {"Origin": f"http://{host}", "X-Minhbach-Csrf": csrf,
                 "Content-Type": "application/json"}
            )
        c.request(method, path, body=body, headers=headers)
        r = c.getresponse()
        return r.status, r.read().decode()

    _, page = request("GET", "/_edit/")
    csrf = re.search(r'name="minhbach-csrf" content="(\w+)"', page).group(1)
    folder = os.path.join(site, "content", "exemplars")
    name = sorted(n for n in os.listdir(folder) if n.endswith(".vi.md"))[len(os.listdir(folder)) // 4]
    path = f"content/exemplars/{name}"
    with open(os.path.join(site, path), encoding="utf-8") as f:
        title = re.search(r'^title: "?(.*?)"?$', f.read(), re.M).group(1)

    page_of = f"/guong-dien-hinh/{name[: -len('.vi.md')]}/"

    def shows(page, text, t0, found):
        """Polls `page` until it has `text`; puts the time since t0 in found[0]."""
        while True:
            status, body = request("GET", page)
            if status == 200 and text in body:
                found.append(1000 * (time.monotonic() - t0))
                return
            time.sleep(0.002)

    def save(new_title):
        since = len(log)
        t0 = time.monotonic()
        found = []
        poll = threading.Thread(target=shows, args=(page_of, html(new_title), t0, found))
        poll.start()
        body = json.dumps({"path": path, "files": {"vi": {"fields": {"title": new_title}}}})
        status, answer = request("POST", "/_edit/api/save", body.encode(), csrf)
        if status != 200:
            sys.exit(f"save answered {status}: {answer}")
        saved = time.monotonic()
        poll.join()
        wait_for(r"Rebuilt in", since)
        return 1000 * (saved - t0), found[0]

    def html(text):
        return text.replace("&", "&amp;").replace('"', "&quot;")

    def peak():
        with open(f"/proc/{proc.pid}/status") as f:
            return int(re.search(r"VmHWM:\s+(\d+) kB", f.read()).group(1)) // 1024

    print(f"peak after the first build {peak()} MB")
    for run in range(runs):
        s, shown = save(f"{title} (sửa {run})")
        print(f"save {s:.0f} ms; the page showed it after {shown:.0f} ms")
        save(title)
    print(f"peak after the saves {peak()} MB")

    def file_edit(rel, old, new, page, expect):
        """Writes the change as a text editor does; times it until `page` shows `expect`."""
        full = os.path.join(site, rel)
        with open(full, encoding="utf-8") as f:
            text = f.read()
        since = len(log)
        t0 = time.monotonic()
        found = []
        poll = threading.Thread(target=shows, args=(page, html(expect), t0, found))
        poll.start()
        with open(full, "w", encoding="utf-8") as f:
            f.write(text.replace(old, new, 1))
        poll.join()
        wait_for(r"\(the rest of the site\)|Rebuilt in", since)
        rest = 1000 * (time.monotonic() - t0)
        since = len(log)
        with open(full, "w", encoding="utf-8") as f:
            f.write(text)
        wait_for(r"\(the rest of the site\)|Rebuilt in", since)
        return found[0], rest

    units = os.path.join(site, "content", "data", "units.yaml")
    with open(units, encoding="utf-8") as f:
        unit = re.search(r'- id: (\S+)\n  name: \{ vi: "([^"]+)"', f.read())
    named = unit.group(2)
    edits = [
        ("a title", path, f'title: "{title}"', f'title: "{title} (tệp)"', page_of,
         f"{title} (tệp)"),
        ("a unit's name", "content/data/units.yaml", f'vi: "{named}"',
         f'vi: "{named} (tệp)"', f"/guong-dien-hinh/don-vi/{unit.group(1)}/", f"{named} (tệp)"),
    ]
    for what, rel, old, new, page, expect in edits:
        for run in range(runs):
            shown, rest = file_edit(rel, old, new, page, expect)
            print(f"file edit, {what}: the page showed it after {shown:.0f} ms, "
                  f"the whole site after {rest:.0f} ms")
    print(f"peak {peak()} MB")
    if os.environ.get("LOG"):
        print("".join(line for line in log if "uilt" in line))
    proc.terminate()
    proc.wait()


if __name__ == "__main__":
    main()
