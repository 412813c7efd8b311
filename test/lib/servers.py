"""servers.py - start a throwaway database server for one test.

Two engines behind one interface, so every test can run against OmenDB and,
to check the test's own expectations, against a real PostgreSQL 15:

    OmenServer(binary)      build/omendb on a free port, fresh data directory
    PgServer()              a temporary PostgreSQL 15 cluster (initdb'd here)

Both: start(), stop() -> exit status (SIGTERM, the clean shutdown path),
kill9(), alive(), host, port, log_tail().  The data directory survives stop()
and kill9(), so start() again is a restart on the same data; cleanup()
removes everything.  Ports are picked below the kernel's ephemeral range so a
client socket of a parallel test cannot be holding the port.

Standard library only (Debian's /usr/bin/python3).
"""

import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pgmini  # noqa: E402

HOST = "127.0.0.1"
PG_BIN = "/usr/lib/postgresql/15/bin"
STOP_TIMEOUT = float(os.environ.get("OMENDB_TEST_STOP_TIMEOUT", "30"))
START_TIMEOUT = float(os.environ.get("OMENDB_TEST_START_TIMEOUT", "30"))
SANITIZER_MARKS = ("ERROR: AddressSanitizer", "ERROR: LeakSanitizer", "runtime error:",
                   "WARNING: ThreadSanitizer", "SUMMARY: UndefinedBehaviorSanitizer")


def _exit_on_signal(signum, frame):
    # Turn SIGTERM (meson's timeout, a Ctrl-C'd make) into SystemExit so the
    # context managers below stop the server and remove the temp directory.
    sys.exit(128 + signum)


signal.signal(signal.SIGTERM, _exit_on_signal)


def free_port():
    """A TCP port on 127.0.0.1 that nothing listens on right now, chosen
    outside the ephemeral range (32768-60999 on Linux)."""
    rng = random.Random(os.getpid() ^ int(time.time() * 1000))
    for _ in range(200):
        port = rng.randint(20000, 32000)
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            s.bind((HOST, port))
            return port
        except OSError:
            continue
        finally:
            s.close()
    raise RuntimeError("no free port found")


class ServerError(Exception):
    pass


class _Base:
    engine = "?"

    def __init__(self, keep=False):
        self.tmp = tempfile.mkdtemp(prefix="omendb-test-")
        os.chmod(self.tmp, 0o755)
        self.keep = keep
        self.proc = None
        self.port = None
        self.host = HOST
        self.logfile = os.path.join(self.tmp, "server.log")
        self.starts = 0

    # -- common -------------------------------------------------------------
    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def connect(self, **kw):
        return pgmini.PgConn.connect(self.host, self.port, **kw)

    def connect_free(self, wait=5.0, **kw):
        """connect(), retrying while the server answers 53300: a session
        that just closed (wait_ready's probe, a test's previous client) may
        hold its slot for a moment after the client's close."""
        deadline = time.monotonic() + wait
        while True:
            try:
                return self.connect(**kw)
            except pgmini.PgError as e:
                if e.sqlstate != "53300" or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def wait_ready(self, timeout=START_TIMEOUT):
        """Wait until a client completes startup.  Raise ServerError if the
        process exits first or the timeout passes."""
        deadline = time.monotonic() + timeout
        last = None
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise ServerError("%s exited with status %s during startup"
                                  % (self.engine, self.proc.returncode))
            try:
                c = self.connect(timeout=2.0)
                c.close()
                return
            except (OSError, pgmini.ProtocolError, pgmini.PgError) as e:
                last = e
            time.sleep(0.05)
        raise ServerError("%s did not accept connections within %.0fs (last: %s)"
                          % (self.engine, timeout, last))

    def start(self, timeout=START_TIMEOUT):
        """Start the server; retry on another port if the first start dies
        before accepting (a port race), at most 3 times."""
        keep_port = self.port is not None   # a restart reuses its port
        for attempt in range(3):
            if not keep_port or attempt > 0:
                self.port = free_port()
            self._spawn()
            self.starts += 1
            try:
                self.wait_ready(timeout)
                return self
            except ServerError:
                if self.proc.poll() is None or attempt == 2 or "in use" not in self.log_tail(4000):
                    self.kill9()
                    raise
        return self

    def stop(self, timeout=STOP_TIMEOUT):
        """SIGTERM (clean shutdown); return the exit status (None on timeout,
        after which the process was killed)."""
        if self.proc is None:
            return None
        if self.proc.poll() is None:
            self.proc.send_signal(self._term_signal())
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
                self._after_exit()
                return None
        self._after_exit()
        return self.proc.returncode

    def kill9(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self._after_exit()

    def _term_signal(self):
        return signal.SIGTERM

    def _after_exit(self):
        pass

    def log_tail(self, nbytes=6000):
        try:
            with open(self.logfile, "rb") as f:
                f.seek(0, os.SEEK_END)
                size = f.tell()
                f.seek(max(0, size - nbytes))
                return f.read().decode("utf-8", "replace")
        except OSError:
            return ""

    def sanitizer_report(self):
        """Sanitizer lines found in the server log, or ''."""
        try:
            with open(self.logfile, "rb") as f:
                text = f.read().decode("utf-8", "replace")
        except OSError:
            return ""
        if any(m in text for m in SANITIZER_MARKS):
            return text[-20000:]
        return ""

    def cleanup(self):
        self.kill9()
        if not self.keep:
            shutil.rmtree(self.tmp, ignore_errors=True)
        else:
            print("kept test directory %s" % self.tmp, file=sys.stderr)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.cleanup()
        return False


class OmenServer(_Base):
    engine = "omendb"

    def __init__(self, binary, max_connections=None, log_level="info", extra_args=(),
                 keep=False):
        super().__init__(keep)
        self.binary = os.path.abspath(binary)
        if not os.access(self.binary, os.X_OK):
            raise ServerError("server binary %s not found (build first)" % self.binary)
        self.data_dir = os.path.join(self.tmp, "data")   # created by the server
        self.max_connections = max_connections
        self.log_level = log_level
        self.extra_args = list(extra_args)

    def _spawn(self):
        args = [self.binary, "--data-dir", self.data_dir, "--port", str(self.port),
                "--listen-addresses", HOST, "--log-level", self.log_level]
        if self.max_connections is not None:
            args += ["--max-connections", str(self.max_connections)]
        args += self.extra_args
        env = {k: v for k, v in os.environ.items() if not k.startswith("OMENDB_")}
        log = open(self.logfile, "ab")
        log.write(("=== start: %s\n" % " ".join(args)).encode())
        log.flush()
        # cwd is the private temp dir so no stray ./omendb.toml is read.
        self.proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=log,
                                     stderr=subprocess.STDOUT, cwd=self.tmp, env=env)
        log.close()


ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
PG_VERSION_FILE = os.path.join(ROOT, "scripts", "pg-version")


def _version_tuple(text):
    return tuple(int(x) for x in text.split("."))


def pg_installed_version():
    """The installed PostgreSQL 15 server's version ('15.20'), or None."""
    try:
        out = subprocess.run([os.path.join(PG_BIN, "postgres"), "--version"],
                             capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    # "postgres (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)"
    parts = out.split()
    return parts[2] if len(parts) > 2 else None


def check_pg_version():
    """Refuse (ServerError) a PostgreSQL older than the minor release the
    expectations were verified on (scripts/pg-version): minors change
    behaviour, and a wall of differences would hide the cause.  Prints the
    version compared against."""
    with open(PG_VERSION_FILE) as f:
        want = f.read().strip()
    have = pg_installed_version()
    if have is None:
        raise ServerError("cannot tell the PostgreSQL version (%s/postgres --version)" % PG_BIN)
    if _version_tuple(have) < _version_tuple(want):
        raise ServerError("PostgreSQL %s is installed, but the expectations were verified on %s "
                          "(scripts/pg-version): run scripts/install-deps.sh to upgrade it"
                          % (have, want))
    print("comparing against PostgreSQL %s (expectations verified on %s)" % (have, want),
          file=sys.stderr, flush=True)
    return have


class PgServer(_Base):
    """A temporary PostgreSQL 15 cluster.  initdb and postgres refuse to run
    as root, so as root they run as the 'postgres' user."""
    engine = "postgresql"

    def __init__(self, keep=False, fast_stop=False):
        super().__init__(keep)
        if not os.access(os.path.join(PG_BIN, "postgres"), os.X_OK):
            raise ServerError("PostgreSQL 15 server not installed (%s)" % PG_BIN)
        self.version = check_pg_version()
        self.as_user = "postgres" if os.geteuid() == 0 else None
        self.data_dir = os.path.join(self.tmp, "data")
        self.fast_stop = fast_stop
        if self.as_user:
            shutil.chown(self.tmp, user=self.as_user)
        env = self._env()
        with open(self.logfile, "ab") as log:
            r = subprocess.run([os.path.join(PG_BIN, "initdb"), "-D", self.data_dir,
                                "-U", "postgres", "--auth=trust", "-E", "UTF8",
                                "--locale=C", "--no-sync"],
                               stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                               cwd=self.tmp, env=env, user=self.as_user)
        if r.returncode != 0:
            raise ServerError("initdb failed:\n" + self.log_tail())

    def _env(self):
        env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
        env["LC_ALL"] = "C"
        env.pop("LANG", None)
        env["TZ"] = "UTC"
        if self.as_user:
            env["HOME"] = self.tmp
        return env

    def _spawn(self):
        args = [os.path.join(PG_BIN, "postgres"), "-D", self.data_dir, "-p", str(self.port),
                "-k", self.tmp, "-c", "listen_addresses=" + HOST,
                "-c", "fsync=off", "-c", "max_connections=20", "-c", "shared_buffers=16MB",
                "-c", "TimeZone=UTC", "-c", "log_min_messages=warning"]
        log = open(self.logfile, "ab")
        self.proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=log,
                                     stderr=subprocess.STDOUT, cwd=self.tmp, env=self._env(),
                                     user=self.as_user)
        log.close()

    def _term_signal(self):
        # SIGTERM is PostgreSQL's "smart" shutdown (waits for every client);
        # SIGINT ("fast") is what OmenDB's SIGTERM is modelled on.
        return signal.SIGINT if self.fast_stop else signal.SIGTERM

    def _after_exit(self):
        # A kill -9'd postmaster leaves its children to notice and exit; wait
        # for them so a restart does not find the old shared memory in use.
        pidfile = os.path.join(self.data_dir, "postmaster.pid")
        deadline = time.monotonic() + 10
        while os.path.exists(pidfile) and time.monotonic() < deadline:
            try:
                with open(pidfile) as f:
                    pid = int(f.readline())
                os.kill(pid, 0)
            except (OSError, ValueError):
                break
            time.sleep(0.05)
        # Children of a killed postmaster notice its death and exit; give
        # them a moment so the next postmaster's shared memory check passes.
        if self.proc is not None and self.proc.returncode == -signal.SIGKILL:
            time.sleep(1.0)


def make_server(engine, binary=None, **kw):
    if engine == "omendb":
        return OmenServer(binary, **kw)
    if engine == "postgresql":
        kw.pop("max_connections", None)
        kw.pop("log_level", None)
        kw.pop("extra_args", None)
        return PgServer(**kw)
    raise ValueError("unknown engine %r" % engine)
