"""Drive headless chromium over the Chrome DevTools Protocol with the standard library only.

``--remote-debugging-pipe`` makes chromium read NUL-terminated JSON commands from fd 3 and write
replies and events to fd 4: no port, no websocket client, no extra dependency. Used by the
review-page browser test; small on purpose (navigate, evaluate, press a key, screenshot).
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "chrome")

#: the flags the issue asks for, plus everything that would reach the network or the user's profile
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
    "--mute-audio",
    "--remote-debugging-pipe",
)


def find_chromium() -> str | None:
    for name in CHROMIUM_NAMES:
        path = shutil.which(name)
        if path:
            return path
    return None


class CdpError(RuntimeError):
    pass


class Browser:
    """One headless chromium with one page; use as a context manager."""

    def __init__(self, executable: str, timeout: float = 30.0) -> None:
        self.timeout = timeout
        self.profile = tempfile.mkdtemp(prefix="bitext-chromium-")
        self._log = tempfile.TemporaryFile()  # noqa: SIM115 (closed in close()); chromium's chatter; a pipe nobody reads could fill
        cmd_r, self._cmd_w = os.pipe()
        self._res_r, res_w = os.pipe()
        # chromium expects the pipe on fds 3 and 4; park them high first so dup2 cannot clobber.
        high_r, high_w = (
            fcntl.fcntl(cmd_r, fcntl.F_DUPFD, 20),
            fcntl.fcntl(res_w, fcntl.F_DUPFD, 20),
        )

        def to_3_and_4() -> None:
            os.dup2(high_r, 3)
            os.dup2(high_w, 4)

        self.proc = subprocess.Popen(
            [executable, *FLAGS, f"--user-data-dir={self.profile}", "about:blank"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=self._log,
            pass_fds=(3, 4, high_r, high_w),
            preexec_fn=to_3_and_4,
        )
        for fd in (cmd_r, res_w, high_r, high_w):
            os.close(fd)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict[str, Any]] = []
        self.session: str | None = None

    # -- protocol ---------------------------------------------------------------------------

    def send(
        self, method: str, params: dict[str, Any] | None = None, *, browser: bool = False
    ) -> Any:
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if self.session and not browser:
            message["sessionId"] = self.session
        os.write(self._cmd_w, json.dumps(message).encode() + b"\0")
        reply = self._wait(lambda m: m.get("id") == self._next_id)
        if "error" in reply:
            raise CdpError(f"{method}: {reply['error']}")
        return reply.get("result", {})

    def wait_event(self, method: str) -> dict[str, Any]:
        for i, event in enumerate(self.events):
            if event.get("method") == method:
                return self.events.pop(i)
        return self._wait(lambda m: m.get("method") == method, keep=False)

    def _wait(self, done, keep: bool = True) -> dict[str, Any]:
        deadline = time.monotonic() + self.timeout
        while True:
            while b"\0" in self._buffer:
                raw, self._buffer = self._buffer.split(b"\0", 1)
                message = json.loads(raw)
                if done(message):
                    return message
                self.events.append(message)
            left = deadline - time.monotonic()
            if left <= 0 or self.proc.poll() is not None:
                raise CdpError(f"no reply from chromium (exit code {self.proc.poll()})")
            ready, _, _ = select.select([self._res_r], [], [], min(left, 1.0))
            if ready:
                chunk = os.read(self._res_r, 1 << 20)
                if not chunk:
                    raise CdpError("chromium closed the DevTools pipe")
                self._buffer += chunk

    # -- a page -----------------------------------------------------------------------------

    def open_page(self, width: int = 1280, height: int = 900) -> None:
        target = self.send("Target.createTarget", {"url": "about:blank"}, browser=True)
        attached = self.send(
            "Target.attachToTarget", {"targetId": target["targetId"], "flatten": True}, browser=True
        )
        self.session = attached["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            self.send(f"{domain}.enable")
        self.resize(width, height)

    def resize(self, width: int, height: int) -> None:
        self.send(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
        )

    def navigate(self, url: str) -> None:
        """Load ``url`` and wait for its load event (a new document: change more than the hash)."""
        self.events = [e for e in self.events if e.get("method") != "Page.loadEventFired"]
        self.send("Page.navigate", {"url": url})
        self.wait_event("Page.loadEventFired")

    def evaluate(self, expression: str) -> Any:
        result = self.send(
            "Runtime.evaluate",
            {"expression": expression, "returnByValue": True, "awaitPromise": True},
        )
        if "exceptionDetails" in result:
            raise CdpError(f"{expression!r} threw: {result['exceptionDetails']}")
        return result["result"].get("value")

    def press(self, key: str) -> None:
        """A real key press (keydown with text, keyup), as the page's keydown handler sees it."""
        named = {"Escape": 27, "Enter": 13, "Tab": 9}
        single = len(key) == 1
        code = f"Key{key.upper()}" if single and key.isalpha() else key
        vk = ord(key.upper()) if single else named.get(key, 0)
        common = {"key": key, "code": code, "windowsVirtualKeyCode": vk, "nativeVirtualKeyCode": vk}
        down = {"type": "keyDown", **common, **({"text": key} if single else {})}
        self.send("Input.dispatchKeyEvent", down)
        self.send("Input.dispatchKeyEvent", {"type": "keyUp", **common})

    def prefer_dark(self, dark: bool) -> None:
        value = "dark" if dark else "light"
        self.send(
            "Emulation.setEmulatedMedia",
            {"features": [{"name": "prefers-color-scheme", "value": value}]},
        )

    def screenshot(self, path: Path, *, full_page: bool = True) -> None:
        """PNG of the viewport, or of the whole page: for that the viewport is grown to the page,
        so rows the page lets the browser skip off screen (content-visibility) are drawn too."""
        params: dict[str, Any] = {"format": "png"}
        if full_page:
            width, height = self.evaluate("[window.innerWidth, window.innerHeight]")
            size = self.send("Page.getLayoutMetrics")["cssContentSize"]
            self.resize(width, int(size["height"]) + 1)
            self.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
            size = self.send("Page.getLayoutMetrics")["cssContentSize"]
            params["clip"] = {"x": 0, "y": 0, "width": width, "height": size["height"], "scale": 1}
            params["captureBeyondViewport"] = True
        data = self.send("Page.captureScreenshot", params)["data"]
        if full_page:
            self.resize(width, height)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data))

    def problems(self) -> list[str]:
        """Console errors, uncaught exceptions and browser log errors (CSP, failed loads) so far."""
        out = []
        for event in self.events:
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.exceptionThrown":
                out.append(f"exception: {params['exceptionDetails']}")
            elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                out.append(f"console.{params['type']}: {params.get('args')}")
            elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
                out.append(f"log: {params['entry'].get('text')} {params['entry'].get('url', '')}")
        return out

    # -- lifetime ---------------------------------------------------------------------------

    def close(self) -> None:
        try:
            if self.proc.poll() is None:
                with contextlib.suppress(CdpError, OSError):
                    self.send("Browser.close", browser=True)
                try:
                    self.proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    self.proc.kill()
                    self.proc.wait(timeout=10)
        finally:
            for fd in (self._cmd_w, self._res_r):
                with contextlib.suppress(OSError):
                    os.close(fd)
            self._log.close()
            shutil.rmtree(self.profile, ignore_errors=True)

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
