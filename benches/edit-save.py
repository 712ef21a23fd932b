#!/usr/bin/env python3
"""A save through the browser editor on a large site, timed, with the editor's memory.

    benches/edit-save.py MINHBACH SITE [RUNS]

Starts `MINHBACH edit` on SITE (a corpus of `gen-corpus`; it is changed and put back),
waits for the first build, then RUNS times (default 3): saves a new title for one
exemplar through the editor's JSON API as the editor's page does (token cookie, Origin,
CSRF header), waits until the preview has rebuilt, and puts the title back the same way.
Prints the first build, each save (the answer of the API: the change checked and
written) and each rebuild after it (until the terminal says it rebuilt), and the peak
resident memory of the editor process (VmHWM); with LOG=1, what the editor printed about
each build. Linux only (/proc).
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

    def save(new_title):
        since = len(log)
        t0 = time.monotonic()
        body = json.dumps({"path": path, "files": {"vi": {"fields": {"title": new_title}}}})
        status, answer = request("POST", "/_edit/api/save", body.encode(), csrf)
        if status != 200:
            sys.exit(f"save answered {status}: {answer}")
        saved = time.monotonic()
        wait_for(r"Rebuilt in", since)
        return 1000 * (saved - t0), 1000 * (time.monotonic() - saved)

    for run in range(runs):
        s, r = save(f"{title} (sửa {run})")
        print(f"save {s:.0f} ms, then preview rebuilt in {r:.0f} ms")
        save(title)
    with open(f"/proc/{proc.pid}/status") as f:
        peak = re.search(r"VmHWM:\s+(\d+) kB", f.read()).group(1)
    print(f"peak {int(peak) // 1024} MB")
    if os.environ.get("LOG"):
        print("".join(line for line in log if "uilt" in line))
    proc.terminate()
    proc.wait()


if __name__ == "__main__":
    main()
