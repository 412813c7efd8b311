#!/usr/bin/python3
"""corruption.py - a damaged data directory ends in a clear error, never a signal.

    corruption.py [--binary build/omendb] [--keep] [CASE...]
    corruption.py --stress N     random damage with N seeds per kind, and a tally

A database with three tables (a primary key, a UNIQUE text column, a keyless
table, a sequence) is built once and stopped cleanly; each case damages a
copy of it and then:
  - `omendb --check DIR` must exit 1 and print a "corrupt:" line (0 where
    the damage is harmless), never die of a signal;
  - the server started on the copy must either refuse to start (exit
    status 1, a log line naming the problem), or start and answer every
    query with the right rows or an error (XX001 for damaged values), or
    exit with status 1 and a log line (a fault inside storage) - never a
    negative return code (a signal), never a wrong value.

Cases:
  check_clean       --check on an intact copy: exit 0, nothing changed; with a
                    server running: exit 2
  truncated_half    data.mdb cut to half its size
  zero_bytes        data.mdb truncated to 0 bytes in an initialised directory
  missing_data      data.mdb removed (OMENDB_VERSION still there)
  overwritten_pages eight pages (not the meta pages) overwritten with random bytes
  byte_flips        200 bytes flipped at random offsets (fixed seed)
  meta_page         the magic number of the second meta page zeroed: refused
  branch_pointer    a branch page's child pointer duplicated: --check's page walk
                    reports it (the checksums cannot)
  row_flip          one byte of one row value flipped: XX001 naming the table
  garbage_lock      lock.mdb replaced by garbage (8192, 100, 0 bytes): starts and
                    works as before
  bad_marker        OMENDB_VERSION holding another format version: refused
  map_grows         a 1 MB starting map grows under 30 MB of writes, in small and in
                    one big transaction; the default map leaves data.mdb small
  disk_full         (tmpfs) 53100 "could not extend file", rollback, reads go on,
                    writes work again once space is freed; skipped (with a
                    message) where mounting is not permitted
Standard library only.
"""

import argparse
import os
import random
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "lib"))
import pgmini  # noqa: E402
import servers  # noqa: E402

SEED = 20261204
N_ROWS = 3000


class Skip(Exception):
    pass


def eq(what, got, want):
    if got != want:
        raise AssertionError("%s: got %r, expected %r" % (what, got, want))


def build_base(binary, keep):
    """Create the reference database; return (server object holding the temp
    dir, expected table contents)."""
    srv = servers.OmenServer(binary, keep=keep)
    srv.start()
    c = srv.connect()
    c.execute("CREATE TABLE t (id int PRIMARY KEY, v text UNIQUE, f double precision)")
    c.execute("CREATE TABLE k (a bigint, b text)")
    c.execute("CREATE TABLE w (id bigint PRIMARY KEY, pad text)")
    c.execute("CREATE SEQUENCE s")
    for lo in range(0, N_ROWS, 500):
        c.execute("INSERT INTO t VALUES " + ",".join(
            "(%d, 'value %d', %d.5)" % (i, i, i) for i in range(lo, lo + 500)))
    c.execute("INSERT INTO k VALUES " + ",".join("(%d, 'k%d')" % (i, i) for i in range(200)))
    c.execute("INSERT INTO w VALUES " + ",".join(
        "(%d, '%s')" % (i, "p" * 300) for i in range(400)))
    c.scalar("SELECT nextval('s')")
    expected = {
        "t": {(str(i), "value %d" % i, "%d.5" % i) for i in range(N_ROWS)},
        "k": {(str(i), "k%d" % i) for i in range(200)},
        "w": {(str(i), "p" * 300) for i in range(400)},
    }
    c.close()
    st = srv.stop()
    if st != 0:
        raise AssertionError("base server exit status %s" % st)
    return srv, expected


def run_check(binary, data_dir):
    r = subprocess.run([binary, "--check", data_dir], capture_output=True, text=True,
                       timeout=120)
    if r.returncode < 0:
        raise AssertionError("omendb --check died of signal %d\n%s%s"
                             % (-r.returncode, r.stdout[-3000:], r.stderr[-3000:]))
    return r.returncode, r.stdout + r.stderr


def expect_check_corrupt(binary, data_dir, pattern=None):
    rc, out = run_check(binary, data_dir)
    if rc != 1 or "corrupt" not in out.lower():
        raise AssertionError("omendb --check: exit %d, expected 1 with a corrupt: line\n%s"
                             % (rc, out[-3000:]))
    if pattern and not re.search(pattern, out):
        raise AssertionError("omendb --check output lacks %r\n%s" % (pattern, out[-3000:]))
    print("  --check: exit 1, %s" % [l for l in out.splitlines() if "corrupt" in l.lower()][0][:160])


def spawn(srv, timeout=30):
    """Start srv's process; return 'ready' once it answers a startup (an
    error such as FATAL 28000 from a damaged catalog is an answer too), or
    'exited'."""
    srv.port = servers.free_port()
    srv._spawn()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if srv.proc.poll() is not None:
            return "exited"
        try:
            srv.connect(timeout=2.0).close()
            return "ready"
        except pgmini.PgError:
            return "ready"
        except (OSError, pgmini.ProtocolError):
            time.sleep(0.05)
    raise servers.ServerError("server neither answered nor exited within %ds" % timeout)


def log_since_start(srv):
    text = srv.log_tail(200000)
    return text[text.rfind("=== start:"):]


def expect_exit1(srv, words):
    """The server has exited: status 1 and a log line with all words."""
    rc = srv.proc.wait(30)
    log = log_since_start(srv)
    if rc < 0:
        raise AssertionError("server died of signal %d\n%s" % (-rc, log[-3000:]))
    if rc != 1:
        raise AssertionError("server exit status %d, expected 1\n%s" % (rc, log[-3000:]))
    lines = [l for l in log.splitlines() if "level=error" in l or "FATAL" in l]
    if not lines:
        raise AssertionError("server exited 1 without an error log line\n%s" % log[-3000:])
    for w in words:
        if not any(w in l for l in lines):
            raise AssertionError("no error log line mentions %r\n%s" % (w, "\n".join(lines)))
    return lines[0]


QUERIES = [
    ("t", "SELECT id, v, f FROM t"),
    ("k", "SELECT a, b FROM k"),
    ("w", "SELECT id, pad FROM w"),
    ("t", "SELECT id, v, f FROM t WHERE id = 1234"),
    ("t", "SELECT id, v, f FROM t WHERE id = 7"),
    (None, "SELECT count(*) FROM t"),
    (None, "SELECT nextval('s')"),
    (None, "INSERT INTO t VALUES (100000, 'new', 0.5)"),
    (None, "DELETE FROM t WHERE id = 10"),
    (None, "UPDATE w SET pad = 'x' WHERE id = 3"),
]


def exercise(srv, expected):
    """Run QUERIES on a started server. Every result is right (rows among
    the expected ones) or an error; XX001 where a value is damaged. Stops
    at the first lost connection. Returns (errors by SQLSTATE, lost)."""
    codes = {}
    try:
        c = srv.connect()
    except pgmini.PgError as e:
        return {"connect: %s" % e: 1}, False   # answered with an error: fine
    except (OSError, pgmini.ProtocolError) as e:
        return {"connect: %s" % e: 1}, True
    for table, sql in QUERIES:
        try:
            res = c.query(sql)
        except (OSError, pgmini.ProtocolError):
            return codes, True
        r = res[0]
        if r.error:
            code = r.error.get("C")
            codes[code] = codes.get(code, 0) + 1
            if code == "XX001" and not r.error.get("M"):
                raise AssertionError("XX001 without a message")
            if code not in ("XX001", "XX000", "42P01", "53100", "58030", "25P02", "23505"):
                raise AssertionError("%s: unexpected error %r" % (sql, r.error))
            continue
        if table:
            bad = [row for row in r.rows if tuple(row) not in expected[table]]
            if bad:
                raise AssertionError("%s returned wrong rows, e.g. %r" % (sql, bad[:3]))
    c.close()
    return codes, False


def finish(srv, lost):
    """After exercise: the server either still runs (then it must stop with
    0) or exited with 1 and a storage log line."""
    if lost:
        try:
            srv.proc.wait(10)   # the connection went: the process is on its way out
        except subprocess.TimeoutExpired:
            pass
    if srv.proc.poll() is None:
        st = srv.stop()
        if st != 0:
            raise AssertionError("exit status %s after SIGTERM\n%s" % (st, log_since_start(srv)[-3000:]))
        return "stopped cleanly"
    line = expect_exit1(srv, [])
    if "storage" not in line and "FATAL" not in line:
        raise AssertionError("exit 1 but the log line does not name storage: %s" % line)
    return "exit 1: " + line[:200]


def damaged_copy(base, binary, keep):
    srv = servers.OmenServer(binary, keep=keep)
    shutil.copytree(base.data_dir, srv.data_dir)
    return srv


def data_file(srv):
    return os.path.join(srv.data_dir, "data.mdb")


PAGE = 4096


def start_and_judge(srv, expected, refused_words=None):
    how = spawn(srv)
    if how == "exited":
        line = expect_exit1(srv, refused_words or [])
        print("  server refused to start: %s" % line[:200])
        return "refused"
    codes, lost = exercise(srv, expected)
    print("  server started; errors %r%s; %s" % (codes, ", connection lost" if lost else "",
                                                finish(srv, lost)))
    if srv.sanitizer_report():
        raise AssertionError("sanitizer report in server log\n" + srv.sanitizer_report()[-3000:])
    return "ran"


def case_truncated_half(base, expected, binary, keep):
    with damaged_copy(base, binary, keep) as srv:
        f = data_file(srv)
        os.truncate(f, os.path.getsize(f) // 2)
        expect_check_corrupt(binary, srv.data_dir, r"truncated")
        how = start_and_judge(srv, expected, ["data.mdb", "truncated"])
        eq("truncated file", how, "refused")


def case_zero_bytes(base, expected, binary, keep):
    with damaged_copy(base, binary, keep) as srv:
        os.truncate(data_file(srv), 0)
        expect_check_corrupt(binary, srv.data_dir, r"empty")
        eq("0-byte file", start_and_judge(srv, expected, ["data.mdb", "empty"]), "refused")
        eq("file left alone", os.path.getsize(data_file(srv)), 0)


def case_missing_data(base, expected, binary, keep):
    with damaged_copy(base, binary, keep) as srv:
        os.unlink(data_file(srv))
        expect_check_corrupt(binary, srv.data_dir, r"missing")
        eq("missing file", start_and_judge(srv, expected, ["data.mdb", "missing"]), "refused")
        eq("not recreated", os.path.exists(data_file(srv)), False)


def case_overwritten_pages(base, expected, binary, keep):
    rng = random.Random(SEED)
    with damaged_copy(base, binary, keep) as srv:
        f = data_file(srv)
        npages = os.path.getsize(f) // PAGE
        pages = rng.sample(range(2, npages), 8)
        with open(f, "r+b") as fh:
            for p in pages:
                fh.seek(p * PAGE)
                fh.write(bytes(rng.getrandbits(8) for _ in range(PAGE)))
        print("  overwrote pages %s of %d" % (sorted(pages), npages))
        expect_check_corrupt(binary, srv.data_dir)
        start_and_judge(srv, expected)


def case_byte_flips(base, expected, binary, keep):
    rng = random.Random(SEED + 1)
    with damaged_copy(base, binary, keep) as srv:
        f = data_file(srv)
        size = os.path.getsize(f)
        with open(f, "r+b") as fh:
            data = bytearray(fh.read())
            for _ in range(200):
                off = rng.randrange(2 * PAGE, size)  # the meta pages have their own case
                data[off] ^= 1 << rng.randrange(8)
            fh.seek(0)
            fh.write(data)
        expect_check_corrupt(binary, srv.data_dir)
        start_and_judge(srv, expected)


def case_meta_page(base, expected, binary, keep):
    with damaged_copy(base, binary, keep) as srv:
        with open(data_file(srv), "r+b") as fh:
            fh.seek(PAGE + 16)                 # meta page 1's magic number
            fh.write(b"\0\0\0\0")
        expect_check_corrupt(binary, srv.data_dir, r"Meta page 1")
        eq("damaged meta page", start_and_judge(srv, expected, ["data.mdb", "damaged"]),
           "refused")


def case_branch_pointer(base, expected, binary, keep):
    """A branch page's second child pointer made equal to its first: every
    row has a good checksum, so only --check's page walk sees it (a scan
    returns that leaf's rows twice; src/storage/README.md)."""
    with damaged_copy(base, binary, keep) as srv:
        f = data_file(srv)
        with open(f, "r+b") as fh:
            data = bytearray(fh.read())
        done = False
        for pg in range(2, len(data) // PAGE):
            p = pg * PAGE
            flags, lower = struct.unpack_from("<HH", data, p + 10)
            if flags != 0x01 or (lower - 16) // 2 < 3:
                continue
            offs = struct.unpack_from("<%dH" % ((lower - 16) // 2), data, p + 16)
            child0 = data[p + offs[0]:p + offs[0] + 6]
            data[p + offs[1]:p + offs[1] + 6] = child0   # lo, hi, flags: the pgno
            done = True
            break
        if not done:
            raise AssertionError("no branch page with three children in data.mdb")
        with open(f, "r+b") as fh:
            fh.write(data)
        expect_check_corrupt(binary, srv.data_dir, r"already reached from a tree|out of order")
        start_and_judge(srv, expected)


def case_row_flip(base, expected, binary, keep):
    with damaged_copy(base, binary, keep) as srv:
        f = data_file(srv)
        with open(f, "r+b") as fh:
            data = bytearray(fh.read())
            # the row value (text then the double), not the unique index key
            at = data.find(b"value 1234" + struct.pack("<d", 1234.5))
            if at < 0:
                raise AssertionError("row text not found in data.mdb")
            data[at + 2] ^= 0x20               # 'value 1234' -> 'vAlue 1234'
            fh.seek(0)
            fh.write(data)
        expect_check_corrupt(binary, srv.data_dir, r'table "t" key 0x[0-9a-f]+: invalid checksum')
        eq("starts", spawn(srv), "ready")
        c = srv.connect()
        for sql in ("SELECT * FROM t WHERE id = 1234", "SELECT count(*) FROM t WHERE v LIKE 'v%'"):
            r = c.query(sql)[0]
            if not r.error or r.error.get("C") != "XX001":
                raise AssertionError("%s: expected XX001, got %r" % (sql, r))
            if 'invalid row checksum in table "t"' not in r.error.get("M", ""):
                raise AssertionError("message: %r" % r.error.get("M"))
        print("  XX001: %s (%s)" % (r.error.get("M"), r.error.get("D")))
        # the other tables are still served (a scan of t meets the row, as
        # PostgreSQL's scan meets a damaged page)
        eq("other table", c.scalar("SELECT count(*) FROM k"), "200")
        c.close()
        eq("exit", srv.stop(), 0)


def case_check_clean(base, expected, binary, keep):
    with damaged_copy(base, binary, keep) as srv:
        before = sorted((n, os.path.getsize(os.path.join(srv.data_dir, n)))
                        for n in os.listdir(srv.data_dir))
        rc, out = run_check(binary, srv.data_dir)
        eq("--check on an intact copy (exit)", rc, 0)
        summary = out.strip().splitlines()[-1]
        want = r"OK: 3 tables, %d rows, %d index entries, \d+ records: 0 problems$" % (
            N_ROWS + 600, N_ROWS)
        if not re.match(want, summary):
            raise AssertionError("summary %r, expected %r" % (summary, want))
        after = sorted((n, os.path.getsize(os.path.join(srv.data_dir, n)))
                       for n in os.listdir(srv.data_dir))
        eq("--check changed nothing", after, before)
        srv.start()
        rc, out = run_check(binary, srv.data_dir)
        eq("--check while a server runs (exit)", rc, 2)
        if "Another server" not in out:
            raise AssertionError("--check output: %s" % out)
        eq("exit", srv.stop(), 0)
        print("  %s" % summary)


def case_garbage_lock(base, expected, binary, keep):
    for size in (8192, 100, 0):
        garbage_lock(base, expected, binary, keep, size)


def garbage_lock(base, expected, binary, keep, size):
    rng = random.Random(SEED + 2)
    with damaged_copy(base, binary, keep) as srv:
        with open(os.path.join(srv.data_dir, "lock.mdb"), "wb") as fh:
            fh.write(bytes(rng.getrandbits(8) for _ in range(size)))
        rc, out = run_check(binary, srv.data_dir)
        eq("--check on a garbage lock file (exit)", rc, 0)
        eq("starts", spawn(srv), "ready")
        codes, lost = exercise(srv, expected)
        eq("errors", (codes, lost), ({}, False))
        c = srv.connect()
        eq("rows", c.scalar("SELECT count(*) FROM t"), str(N_ROWS))
        c.close()
        eq("exit", srv.stop(), 0)
        print("  %d bytes of garbage: LMDB rebuilt the lock file; all queries answered" % size)


def case_bad_marker(base, expected, binary, keep):
    with damaged_copy(base, binary, keep) as srv:
        with open(os.path.join(srv.data_dir, "OMENDB_VERSION"), "w") as fh:
            fh.write("1\n")
        expect_check_corrupt(binary, srv.data_dir, r"incompatible")
        eq("old format", start_and_judge(srv, expected, ["incompatible"]), "refused")


def mount_tmpfs(size):
    d = tempfile.mkdtemp(prefix="omendb-full-")
    os.chmod(d, 0o755)
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=%s" % size, "tmpfs", d],
                       capture_output=True, text=True)
    if r.returncode != 0:
        os.rmdir(d)
        raise Skip("cannot mount a tmpfs here (%s)" % (r.stderr.strip() or "not permitted"))
    return d


def case_disk_full(base, expected, binary, keep):
    mnt = mount_tmpfs("16m")
    try:
        srv = servers.OmenServer(binary, keep=keep)
        srv.data_dir = os.path.join(mnt, "data")
        with srv:
            srv.start()
            c = srv.connect()
            c.execute("CREATE TABLE big (id int PRIMARY KEY, pad text)")
            c.execute("INSERT INTO big VALUES (0, 'first')")
            # Leave about 2 MB free.
            st = os.statvfs(mnt)
            filler = os.path.join(mnt, "filler")
            with open(filler, "wb") as fh:
                fh.write(b"\0" * max(0, st.f_bavail * st.f_frsize - 2 * 1024 * 1024))
            err = None
            i = 1
            for _ in range(200):
                sql = "INSERT INTO big SELECT g, repeat('x', 1000) FROM generate_series(%d, %d) g" % (
                    i, i + 499)
                r = c.query(sql)[0]
                if r.error:
                    err = r.error
                    break
                i += 500
            if not err:
                raise AssertionError("the disk never filled")
            if err.get("C") != "53100":
                raise AssertionError("expected 53100, got %r" % err)
            want = 'could not extend file "%s": No space left on device' % os.path.join(
                srv.data_dir, "data.mdb")
            eq("message", err.get("M"), want)
            print("  53100: %s (hint: %s)" % (err.get("M"), err.get("H")))
            # rolled back: the failed statement left nothing
            eq("rows after the failed insert", c.scalar("SELECT count(*) FROM big"), str(i))
            eq("reads go on", c.query("SELECT pad FROM big WHERE id = 0")[0].rows, [["first"]])
            os.unlink(filler)
            r = c.query("INSERT INTO big SELECT g, repeat('y', 1000) FROM generate_series(%d, %d) g"
                        % (i, i + 499))[0]
            if r.error:
                raise AssertionError("insert after freeing space: %r" % r.error)
            eq("rows after freeing space", c.scalar("SELECT count(*) FROM big"), str(i + 500))
            c.close()
            eq("exit", srv.stop(), 0)
            srv.start()
            c = srv.connect()
            eq("rows after restart", c.scalar("SELECT count(*) FROM big"), str(i + 500))
            c.close()
            eq("exit", srv.stop(), 0)
    finally:
        subprocess.run(["umount", mnt], capture_output=True)
        try:
            os.rmdir(mnt)
        except OSError:
            pass


def case_map_grows(base, expected, binary, keep):
    """--map-size-mb 1: the map grows as the data does; no 53100 reaches
    the client, neither in a run of statements nor in one transaction
    writing 20 MB, and the file stays small under the default 1 TiB map."""
    srv = servers.OmenServer(binary, keep=keep, extra_args=["--map-size-mb", "1"])
    with srv:
        srv.start()
        c = srv.connect()
        c.execute("CREATE TABLE g (id int PRIMARY KEY, pad text)")
        for lo in range(0, 6000, 300):
            r = c.query("INSERT INTO g SELECT x, repeat('z', 1000) FROM generate_series(%d, %d) x"
                        % (lo, lo + 299))[0]
            if r.error:
                raise AssertionError("insert at %d: %r" % (lo, r.error))
        eq("rows", c.scalar("SELECT count(*) FROM g"), "6000")
        # one statement writing far more than the whole map: the transaction
        # is replayed on a grown map, the client sees nothing of it
        c.execute("BEGIN")
        c.execute("INSERT INTO g SELECT x, repeat('q', 1000) FROM generate_series(10000, 29999) x")
        c.execute("DELETE FROM g WHERE id < 3000")
        c.execute("COMMIT")
        eq("rows after the big transaction", c.scalar("SELECT count(*) FROM g"), "23000")
        c.close()
        log = log_since_start(srv)
        grown = log.count("event=storage_map_grown")
        if grown < 2:
            raise AssertionError("the map did not grow (%d growths logged)" % grown)
        if "event=storage_txn_replayed" not in log:
            raise AssertionError("the big transaction was not replayed on a grown map")
        eq("exit", srv.stop(), 0)
        size = os.path.getsize(os.path.join(srv.data_dir, "data.mdb"))
        print("  map grew %d times; data.mdb is %.1f MB" % (grown, size / 1e6))
        rc, out = run_check(binary, srv.data_dir)
        eq("--check after growth and replays (exit)", (rc, out if rc else ""), (0, ""))
    # replays inside deletes and unique-index writes: an UPDATE that triples
    # every row of a table with a UNIQUE column, from a 1 MB map
    srv = servers.OmenServer(binary, keep=keep, extra_args=["--map-size-mb", "1"])
    with srv:
        srv.start()
        c = srv.connect()
        c.execute("CREATE TABLE u (id int PRIMARY KEY, k text UNIQUE, pad text)")
        c.execute("INSERT INTO u SELECT x, 'k' || x, repeat('a', 500) FROM generate_series(1, 4000) x")
        c.execute("UPDATE u SET pad = repeat('w', 3000) WHERE id > 0")
        eq("updated rows", c.scalar("SELECT count(*) FROM u WHERE pad = repeat('w', 3000)"), "4000")
        r = c.query("INSERT INTO u VALUES (9999, 'k77', 'dup')")[0]
        eq("unique after replays", r.error and r.error.get("C"), "23505")
        c.close()
        log = log_since_start(srv)
        replays = log.count("event=storage_txn_replayed")
        if replays < 1:
            raise AssertionError("no replay in the UPDATE run")
        eq("exit", srv.stop(), 0)
        rc, out = run_check(binary, srv.data_dir)
        eq("--check after the UPDATE (exit)", (rc, out if rc else ""), (0, ""))
        print("  UPDATE of 4000 rows from a 1 MB map: %d replays, --check clean" % replays)
    srv = servers.OmenServer(binary, keep=keep)
    with srv:
        srv.start()
        c = srv.connect()
        c.execute("CREATE TABLE h (id int)")
        c.close()
        eq("exit", srv.stop(), 0)
        size = os.path.getsize(os.path.join(srv.data_dir, "data.mdb"))
        if size > 4 * 1024 * 1024:
            raise AssertionError("data.mdb is %d bytes under the default map" % size)
        print("  default (1 TiB) map: data.mdb is %d bytes" % size)


def stress(binary, n):
    """Random damage with n seeds per kind; every run must pass the same
    judgement as the cases. Prints a tally of --check's first finding."""
    global SEED
    import collections
    import contextlib
    import io
    tally = collections.Counter()
    failed = 0
    base, expected = build_base(binary, False)
    with base:
        for i in range(n):
            for fn in (case_byte_flips, case_overwritten_pages):
                SEED = 1000 + 7 * i
                buf = io.StringIO()
                try:
                    with contextlib.redirect_stdout(buf):
                        fn(base, expected, binary, False)
                except Exception as e:  # noqa: BLE001
                    failed += 1
                    print("FAIL seed %d %s: %s" % (SEED, fn.__name__, str(e)[:2000]))
                m = re.search(r"--check: exit 1, corrupt: ([a-z-]+(?: [a-z-]+)?)", buf.getvalue())
                tally[m.group(1) if m else "?"] += 1
    for what, k in tally.most_common():
        print("%5d  --check first reported: %s" % (k, what))
    print("%d runs, %d failed" % (2 * n, failed))
    return 1 if failed else 0


CASES = [(name[5:], fn) for name, fn in sorted(globals().items()) if name.startswith("case_")]


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--binary", default=os.path.join(HERE, "..", "..", "build", "omendb"))
    ap.add_argument("--keep", action="store_true")
    ap.add_argument("--stress", type=int, metavar="N",
                    help="instead of the cases: byte_flips and overwritten_pages with N seeds "
                         "each, and a tally of how each ended")
    ap.add_argument("cases", nargs="*")
    a = ap.parse_args()
    binary = os.path.abspath(a.binary)
    if a.stress:
        return stress(binary, a.stress)
    cases = [(n, f) for n, f in CASES if not a.cases or n in a.cases]
    try:
        base, expected = build_base(binary, a.keep)
    except (servers.ServerError, AssertionError) as e:
        print("corruption.py: could not build the base database: %s\n0 passed, 1 failed" % e)
        return 1
    passed = failed = skipped = 0
    with base:
        for name, fn in cases:
            t0 = time.monotonic()
            try:
                fn(base, expected, binary, a.keep)
                passed += 1
                print("ok   %-18s %.2fs" % (name, time.monotonic() - t0))
            except Skip as e:
                skipped += 1
                print("skip %-18s %s" % (name, e))
            except Exception as e:  # noqa: BLE001 - report every failure the same way
                failed += 1
                print("FAIL %-18s %s: %s" % (name, type(e).__name__, e))
            sys.stdout.flush()
    print("%d passed, %d failed, %d skipped" % (passed, failed, skipped))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
