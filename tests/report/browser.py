"""A headless Chromium driven over the DevTools protocol, to open a report as a reader would.

No browser-automation package: Chromium started with `--remote-debugging-pipe` reads
protocol messages (JSON, each ending in a NUL byte) on its file descriptor 3 and writes its
answers and events on descriptor 4. A few lines of Python run before it put our two pipes
there (subprocess keeps descriptors by number, it cannot renumber them). Every wait
has a deadline and the browser is killed on the way out, so a hung browser fails one test
instead of blocking the suite.

What a page did is recorded from its events: every request it made, every exception thrown,
console error, log error and Content-Security-Policy violation.
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import json
import os
import select
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    # Without these Chromium reaches out to Google services at start-up and logs the failures.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--mute-audio",
    "--remote-debugging-pipe",
)
TIMEOUT = 30.0
"""Seconds any one step may take before the browser is presumed hung."""
VIEWPORT = (1280, 900)
_FIRST_FREE_FD = 10
"""Our pipe ends are moved at or above this, so they cannot be 3 or 4 themselves."""
_TRAMPOLINE = """
import os, sys
reads, writes = int(sys.argv[1]), int(sys.argv[2])
os.dup2(reads, 3)
os.dup2(writes, 4)
os.close(reads)
os.close(writes)
os.execv(sys.argv[3], sys.argv[3:])
"""
"""Run as `python -c`: Chromium reads the protocol on descriptor 3 and writes on 4."""


class BrowserError(Exception):
    """The browser failed, answered with an error, or did not answer in time."""


def find_chromium() -> str | None:
    """The Chromium executable on PATH, if any."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


@dataclass
class Activity:
    """What a page did while it was open."""

    requests: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    """Exceptions, console and log errors, CSP violations: each as one readable line."""


class Browser:
    """One Chromium process and its protocol pipe; use as a context manager."""

    def __init__(self, executable: str) -> None:
        self._profile = tempfile.TemporaryDirectory(prefix="dd-chromium-")
        to_browser_r, self._to_browser = _high_pipe()
        self._from_browser, from_browser_w = _high_pipe()
        self._log = open(Path(self._profile.name) / "stderr.log", "wb")
        command = [
            executable,
            *FLAGS,
            f"--user-data-dir={self._profile.name}/profile",
            f"--window-size={VIEWPORT[0]},{VIEWPORT[1]}",
            "about:blank",
        ]
        # A small Python trampoline moves our pipe ends to 3 and 4, then becomes the browser
        # (exec keeps the process id, so killing it kills the browser).
        try:
            self._process = subprocess.Popen(
                [sys.executable, "-c", _TRAMPOLINE, str(to_browser_r), str(from_browser_w)]
                + command,
                pass_fds=(to_browser_r, from_browser_w),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=self._log,
            )
        finally:
            os.close(to_browser_r)
            os.close(from_browser_w)
        self._buffer = b""
        self._next_id = 0
        self._waited: set[int] = set()
        self.events: list[dict[str, Any]] = []

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Ask the browser to quit, then kill it if it has not within a few seconds."""
        try:
            if self._process.poll() is None:
                with contextlib.suppress(BrowserError, OSError):
                    self._write({"id": -1, "method": "Browser.close"})
                try:
                    self._process.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    self._process.kill()
                    self._process.wait(timeout=5)
        finally:
            for fd in (self._to_browser, self._from_browser):
                with contextlib.suppress(OSError):
                    os.close(fd)
            self._log.close()
            self._profile.cleanup()

    def send(
        self,
        method: str,
        params: dict[str, Any] | None = None,
        session: str | None = None,
        timeout: float = TIMEOUT,
    ) -> dict[str, Any]:
        """Send a command and wait for its result; events that arrive meanwhile are kept."""
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session is not None:
            message["sessionId"] = session
        self._write(message)
        deadline = time.monotonic() + timeout
        while True:
            reply = self._read(deadline, method)
            if reply.get("id") == message["id"]:
                if "error" in reply:
                    raise BrowserError(f"{method}: {reply['error']}")
                result: dict[str, Any] = reply.get("result", {})
                return result
            if "method" in reply:
                self.events.append(reply)

    def wait_for(self, method: str, session: str, timeout: float = TIMEOUT) -> dict[str, Any]:
        """The first event `method` of `session` not yet waited for."""
        deadline = time.monotonic() + timeout
        seen = 0
        while True:
            for i in range(seen, len(self.events)):
                event = self.events[i]
                if i in self._waited or event.get("method") != method:
                    continue
                if event.get("sessionId") == session:
                    self._waited.add(i)
                    return event
            seen = len(self.events)
            message = self._read(deadline, method)
            if "method" in message:
                self.events.append(message)

    def _write(self, message: dict[str, Any]) -> None:
        data = json.dumps(message).encode("utf-8") + b"\0"
        while data:
            written = os.write(self._to_browser, data)
            data = data[written:]

    def _read(self, deadline: float, waiting_for: str) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise BrowserError(f"no answer to {waiting_for} in time{self._stderr_tail()}")
            ready, _, _ = select.select([self._from_browser], [], [], left)
            if not ready:
                continue
            chunk = os.read(self._from_browser, 1 << 20)
            if not chunk:
                raise BrowserError(f"the browser exited{self._stderr_tail()}")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        message: dict[str, Any] = json.loads(raw)
        return message

    def _stderr_tail(self) -> str:
        self._log.flush()
        tail = (Path(self._profile.name) / "stderr.log").read_bytes()[-2000:]
        return ":\n" + tail.decode("utf-8", "replace") if tail else ""


class Page:
    """A tab with the network, runtime, log, page and audit domains enabled."""

    def __init__(self, browser: Browser) -> None:
        self.browser = browser
        target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        attached = browser.send("Target.attachToTarget", {"targetId": target, "flatten": True})
        self.session: str = attached["sessionId"]
        for domain in ("Network", "Runtime", "Log", "Page", "Audits"):
            self.send(f"{domain}.enable")
        width, height = VIEWPORT
        self.send(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
        )

    def send(self, method: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        return self.browser.send(method, params, self.session)

    def open(self, url: str) -> None:
        """Navigate and wait for the load event."""
        answer = self.send("Page.navigate", {"url": url})
        if "errorText" in answer:
            raise BrowserError(f"navigation to {url} failed: {answer['errorText']}")
        self.browser.wait_for("Page.loadEventFired", self.session)

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page (awaited if it is a promise)."""
        answer = self.send(
            "Runtime.evaluate",
            {"expression": expression, "returnByValue": True, "awaitPromise": True},
        )
        if "exceptionDetails" in answer:
            raise BrowserError(f"{expression!r} threw: {_exception_text(answer)}")
        return answer["result"].get("value")

    def screenshot(self, scale: float = 0.5) -> bytes:
        """A PNG of the viewport, scaled down (decoding it in Python costs per pixel)."""
        width, height = VIEWPORT
        x, y = self.evaluate("[window.scrollX, window.scrollY]")  # the clip is in page space
        clip = {"x": x, "y": y, "width": width, "height": height, "scale": scale}
        data = self.send("Page.captureScreenshot", {"format": "png", "clip": clip})["data"]
        return base64.b64decode(data)

    def activity(self) -> Activity:
        """Requests and problems recorded on this page so far."""
        self.send("Runtime.evaluate", {"expression": "0"})  # flush events queued before now
        seen = Activity()
        for event in self.browser.events:
            if event.get("sessionId") != self.session:
                continue
            method, params = event["method"], event.get("params", {})
            if method == "Network.requestWillBeSent":
                seen.requests.append(params["request"]["url"])
            elif method == "Runtime.exceptionThrown":
                seen.problems.append(f"exception: {_exception_text(params)}")
            elif method == "Runtime.consoleAPICalled" and params.get("type") == "error":
                args = " ".join(str(a.get("value", a.get("description"))) for a in params["args"])
                seen.problems.append(f"console.error: {args}")
            elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
                entry = params["entry"]
                seen.problems.append(f"log ({entry['source']}): {entry['text']}")
            elif method == "Audits.issueAdded":
                issue = params["issue"]
                if issue["code"] == "ContentSecurityPolicyIssue":
                    seen.problems.append(f"CSP violation: {issue['details']}")
        return seen


def _exception_text(params: dict[str, Any]) -> str:
    details = params.get("exceptionDetails", {})
    exception = details.get("exception", {})
    return str(exception.get("description") or details.get("text") or details)


@contextlib.contextmanager
def page(executable: str) -> Iterator[Page]:
    """A fresh browser with one page; the browser is gone when the block exits."""
    with Browser(executable) as browser:
        yield Page(browser)


def _high_pipe() -> tuple[int, int]:
    """A pipe whose ends are at or above `_FIRST_FREE_FD` (and not inherited by default)."""
    ends = []
    for fd in os.pipe():
        ends.append(fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, _FIRST_FREE_FD))
        os.close(fd)
    return ends[0], ends[1]


@dataclass(frozen=True, slots=True)
class Picture:
    """A decoded 8-bit RGB(A) PNG: enough to tell whether anything was drawn."""

    width: int
    height: int
    pixels: list[bytes]
    """One entry per pixel: its colour channels."""

    def colours(self) -> int:
        return len(set(self.pixels))

    def share_not_white(self) -> float:
        white = {b"\xff\xff\xff", b"\xff\xff\xff\xff"}
        return sum(p not in white for p in self.pixels) / len(self.pixels)


def decode_png(data: bytes) -> Picture:
    """Decode an 8-bit RGB or RGBA, non-interlaced PNG (what Chromium writes) without Pillow."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, idat = 8, b""
    width = height = channels = 0
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            if depth != 8 or colour not in (2, 6) or interlace:
                raise ValueError(f"unsupported PNG: depth {depth}, colour type {colour}")
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        elif kind == b"IEND":
            break
    raw = zlib.decompress(idat)
    stride = width * channels
    previous = bytearray(stride)
    pixels: list[bytes] = []
    for y in range(height):
        start = y * (stride + 1)
        line = _unfilter(
            raw[start], bytearray(raw[start + 1 : start + 1 + stride]), previous, channels
        )
        pixels.extend(bytes(line[x : x + channels]) for x in range(0, stride, channels))
        previous = line
    return Picture(width, height, pixels)


def _unfilter(kind: int, line: bytearray, up: bytearray, bpp: int) -> bytearray:
    if kind == 1:
        for i in range(bpp, len(line)):
            line[i] = (line[i] + line[i - bpp]) & 0xFF
    elif kind == 2:
        for i in range(len(line)):
            line[i] = (line[i] + up[i]) & 0xFF
    elif kind == 3:
        for i in range(len(line)):
            left = line[i - bpp] if i >= bpp else 0
            line[i] = (line[i] + (left + up[i]) // 2) & 0xFF
    elif kind == 4:
        for i in range(len(line)):
            a = line[i - bpp] if i >= bpp else 0
            b, c = up[i], up[i - bpp] if i >= bpp else 0
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
    elif kind != 0:
        raise ValueError(f"unknown PNG filter {kind}")
    return line
