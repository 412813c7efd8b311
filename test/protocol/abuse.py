#!/usr/bin/python3
"""abuse.py - protocol-abuse tests: malformed and hostile traffic must never
take the server down or disturb other clients.

    abuse.py [--engine omendb|postgresql] [--binary build/omendb] [--keep] [CASE...]

Starts a fresh server, keeps one "bystander" session open through the whole
run, and for each case: sends the abuse on a new raw socket, checks how the
server answered (for post-startup abuse OmenDB must send ErrorResponse 08P01
and close, as issue 2 asks; PostgreSQL may close silently), then checks that
a fresh normal client still completes startup and gets an answer to a query,
and that the server process is alive.  At the end the bystander must still
work and the server must exit 0 on SIGTERM.  Standard library only.
"""

import argparse
import os
import random
import socket
import struct
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "lib"))
import pgmini  # noqa: E402
import servers  # noqa: E402
from pgmini import message, startup_packet, split_messages, read_until_close  # noqa: E402

CLOSE_TIMEOUT = 10.0


class Ctx:
    def __init__(self, srv, engine):
        self.srv = srv
        self.engine = engine
        self.strict = engine == "omendb"

    def raw(self):
        return socket.create_connection((self.srv.host, self.srv.port), timeout=10)

    def started(self):
        """A raw socket past startup (ReadyForQuery read)."""
        s = self.raw()
        s.sendall(startup_packet())
        while True:
            t, _ = pgmini.read_message(s)
            if t == b"Z":
                return s
            if t == b"E":
                raise AssertionError("startup failed")


def errors_in(data):
    """ErrorResponse field dicts in raw server bytes."""
    return [pgmini.parse_error_fields(p) for t, p in split_messages(data) if t == b"E"]


def expect_close(ctx, sock, what, want_error=None, strict_error=None):
    """Read until the server closes sock.  want_error: SQLSTATE that any
    ErrorResponse sent must carry (None: any); strict_error: a SQLSTATE that
    must be sent when testing OmenDB."""
    data, closed = read_until_close(sock, CLOSE_TIMEOUT)
    sock.close()
    if not closed:
        raise AssertionError("%s: server kept the connection open for %.0fs" % (what, CLOSE_TIMEOUT))
    msgs = split_messages(data)
    for t, p in msgs:
        if t == "partial":
            raise AssertionError("%s: server sent a truncated message: %r" % (what, p[:40]))
        if t not in (b"E", b"N", b"R", b"S"):   # PostgreSQL reports a bad role after AuthenticationOk
            raise AssertionError("%s: unexpected message %r before close" % (what, t))
    errs = errors_in(data)
    for e in errs:
        if want_error and e.get("C") != want_error:
            raise AssertionError("%s: ErrorResponse %s (%s), expected %s"
                                 % (what, e.get("C"), e.get("M"), want_error))
    if ctx.strict and strict_error:
        if not any(e.get("C") == strict_error for e in errs):
            raise AssertionError("%s: expected ErrorResponse %s before close, got %r"
                                 % (what, strict_error, errs))
    return errs


def healthy(ctx):
    """A fresh client completes startup and gets an answer (rows or an
    error) followed by ReadyForQuery."""
    if not ctx.srv.alive():
        raise AssertionError("server process is gone (exit status %s)" % ctx.srv.proc.returncode)
    c = ctx.srv.connect(timeout=10)
    try:
        res = c.query("SELECT 1")
        if not res or (res[0].error is None and res[0].rows != [["1"]]):
            raise AssertionError("health query answered %r" % res)
        if c.status != b"I":
            raise AssertionError("ReadyForQuery status %r after SELECT 1" % c.status)
    finally:
        c.close()


# ------------------------------------------------------------------ cases

def case_normal_startup(ctx):
    c = ctx.srv.connect(application_name="abuse_test")
    try:
        p = c.params
        need = {"server_encoding": "UTF8", "client_encoding": "UTF8", "DateStyle": "ISO, MDY",
                "integer_datetimes": "on", "standard_conforming_strings": "on",
                "is_superuser": "on", "session_authorization": "postgres",
                "application_name": "abuse_test"}
        for k, v in need.items():
            if p.get(k) != v:
                raise AssertionError("ParameterStatus %s = %r, expected %r" % (k, p.get(k), v))
        if not p.get("server_version", "").startswith("15"):
            raise AssertionError("server_version %r is not 15.x" % p.get("server_version"))
        if "TimeZone" not in p:
            raise AssertionError("no TimeZone ParameterStatus")
        if c.backend_key is None:
            raise AssertionError("no BackendKeyData")
        if c.status != b"I":
            raise AssertionError("first ReadyForQuery status %r" % c.status)
    finally:
        c.close()


def case_ssl_request(ctx):
    c = ctx.srv.connect(ssl_request=True)
    c.close()


def case_gssenc_request(ctx):
    s = ctx.raw()
    s.sendall(struct.pack("!II", 8, pgmini.GSSENC_REQUEST_CODE))
    a = pgmini.recv_exact(s, 1)
    if a == b"G" and not ctx.strict:    # a PostgreSQL built with GSSAPI accepts
        s.close()
        return
    if a != b"N":
        raise AssertionError("GSSENCRequest answered %r" % a)
    s.sendall(startup_packet())
    while True:
        t, _ = pgmini.read_message(s)
        if t == b"Z":
            break
        if t == b"E":
            raise AssertionError("startup after GSSENCRequest failed")
    s.sendall(message(b"X"))
    s.close()


def case_unknown_role(ctx):
    s = ctx.raw()
    s.sendall(startup_packet(user="no_such_role"))
    errs = expect_close(ctx, s, "unknown role", want_error="28000")
    if not errs or errs[0].get("S") != "FATAL" or \
            errs[0].get("M") != 'role "no_such_role" does not exist':
        raise AssertionError("unknown role answered %r" % errs)


def case_unknown_database(ctx):
    s = ctx.raw()
    s.sendall(startup_packet(database="no_such_db"))
    errs = expect_close(ctx, s, "unknown database", want_error="3D000")
    if not errs or errs[0].get("S") != "FATAL" or \
            errs[0].get("M") != 'database "no_such_db" does not exist':
        raise AssertionError("unknown database answered %r" % errs)


def case_no_user(ctx):
    s = ctx.raw()
    body = struct.pack("!I", pgmini.PROTOCOL_3) + b"database\0postgres\0\0"
    s.sendall(struct.pack("!I", len(body) + 4) + body)
    errs = expect_close(ctx, s, "startup without user")
    if not errs:
        raise AssertionError("startup without user: no ErrorResponse")


def case_startup_short_length(ctx):
    for length in (0, 3, 4, 7):
        s = ctx.raw()
        s.sendall(struct.pack("!I", length) + b"\0\0\0\0\0\0\0\0")
        expect_close(ctx, s, "startup length %d" % length)


def case_startup_huge_length(ctx):
    s = ctx.raw()
    s.sendall(struct.pack("!II", 0x7fffffff, pgmini.PROTOCOL_3) + b"user\0postgres\0")
    expect_close(ctx, s, "startup length 0x7fffffff")


def case_wrong_protocol_version(ctx):
    # A 2.0 client gets its error in the old format (PostgreSQL sends 'E' and
    # a bare string): only the close is checked there.
    s = ctx.raw()
    s.sendall(startup_packet(version=0x00020000))
    data, closed = read_until_close(s, CLOSE_TIMEOUT)
    s.close()
    if not closed:
        raise AssertionError("protocol 2.0: connection not closed")
    for version in (0x00040000, 0x12345678):
        s = ctx.raw()
        s.sendall(startup_packet(version=version))
        errs = expect_close(ctx, s, "protocol version %#x" % version)
        if not errs:
            raise AssertionError("protocol version %#x: no ErrorResponse" % version)


def case_startup_no_terminator(ctx):
    s = ctx.raw()
    body = struct.pack("!I", pgmini.PROTOCOL_3) + b"user\0postgres"
    s.sendall(struct.pack("!I", len(body) + 4) + body)
    errs = expect_close(ctx, s, "startup packet without terminator")
    if not errs:
        raise AssertionError("startup packet without terminator: no ErrorResponse")


def case_random_bytes_before_startup(ctx):
    rng = random.Random(20240601)
    for i in range(25):
        s = ctx.raw()
        n = rng.choice([1, 3, 5, 8, 16, 100, 1000, 5000])
        data = bytes(rng.getrandbits(8) for _ in range(n))
        if i % 5 == 0:   # a plausible length prefix with garbage after it
            data = struct.pack("!I", min(n, 9000)) + data
        try:
            s.sendall(data)
        except OSError:
            pass
        read_until_close(s, 0.3)
        s.close()
        if i % 5 == 4:
            healthy(ctx)


def case_random_bytes_after_startup(ctx):
    rng = random.Random(77)
    for i in range(15):
        s = ctx.started()
        n = rng.choice([1, 5, 9, 64, 512, 4096])
        data = bytes(rng.getrandbits(8) for _ in range(n))
        try:
            s.sendall(data)
        except OSError:
            pass
        read_until_close(s, 0.3)
        s.close()
        if i % 5 == 4:
            healthy(ctx)


def case_unknown_message_type(ctx):
    for t in (b"!", b"z", b"\x00"):
        s = ctx.started()
        s.sendall(message(t, b"abc"))
        expect_close(ctx, s, "unknown message type %r" % t, want_error="08P01",
                     strict_error="08P01")


def case_bad_length_after_startup(ctx):
    for length in (0, 2, 3):
        s = ctx.started()
        s.sendall(b"Q" + struct.pack("!I", length) + b"SELECT 1\0")
        expect_close(ctx, s, "Query with length %d" % length, want_error="08P01",
                     strict_error="08P01")


def case_huge_length_after_startup(ctx):
    s = ctx.started()
    s.sendall(b"Q" + struct.pack("!I", 0x7ffffff0) + b"SELECT 1")
    expect_close(ctx, s, "Query with length 0x7ffffff0", want_error="08P01",
                 strict_error="08P01")


def case_query_without_nul(ctx):
    s = ctx.started()
    s.sendall(message(b"Q", b"SELECT 1"))   # the string lacks its terminator
    data, closed = read_until_close(s, 1.0)
    s.close()
    if not errors_in(data):
        raise AssertionError("Query without NUL terminator: no ErrorResponse (got %r)" % data[:80])


def case_disconnect_mid_startup(ctx):
    pkt = startup_packet()
    for cut in (1, 4, 6, len(pkt) - 1):
        s = ctx.raw()
        s.sendall(pkt[:cut])
        s.close()
    # and with a reset instead of a clean close
    s = ctx.raw()
    s.sendall(pkt[:10])
    s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    s.close()


def case_disconnect_mid_message(ctx):
    full = pgmini.query_message("SELECT 1")
    for cut in (1, 3, 5, len(full) - 1):
        s = ctx.started()
        s.sendall(full[:cut])
        s.close()
    s = ctx.started()
    s.sendall(b"Q" + struct.pack("!I", 100000) + b"SELECT " * 100)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    s.close()


def case_disconnect_without_terminate(ctx):
    for _ in range(5):
        s = ctx.started()
        s.close()


def case_disconnect_while_answering(ctx):
    # queries sent, socket closed before reading the answers
    for _ in range(5):
        s = ctx.started()
        s.sendall(pgmini.query_message("SELECT 1") * 50)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        s.close()


def case_cancel_request_bogus(ctx):
    s = ctx.raw()
    s.sendall(struct.pack("!IIII", 16, pgmini.CANCEL_REQUEST_CODE, 12345, 67890))
    data, closed = read_until_close(s, CLOSE_TIMEOUT)
    s.close()
    if not closed:
        raise AssertionError("CancelRequest: connection not closed")


def case_many_connections(ctx):
    conns = [ctx.srv.connect() for _ in range(8)]
    for c in conns:
        c.query("SELECT 1")
    for c in conns:
        c.close()


def case_slow_startup(ctx):
    # a startup packet that arrives byte by byte is still a valid startup
    pkt = startup_packet()
    s = ctx.raw()
    for i in range(len(pkt)):
        s.sendall(pkt[i:i + 1])
        time.sleep(0.002)
    while True:
        t, _ = pgmini.read_message(s)
        if t == b"Z":
            break
        if t == b"E":
            raise AssertionError("byte-by-byte startup failed")
    s.sendall(message(b"X"))
    s.close()


def case_too_many_connections(ctx):
    # A separate server with max_connections = 3: the fourth session is
    # refused with FATAL 53300, and a slot freed is usable again.
    if ctx.engine != "omendb":
        return      # the shared PostgreSQL cluster has its own limits
    with servers.OmenServer(ctx.srv.binary, max_connections=3) as small:
        small.start()
        conns = [small.connect_free() for _ in range(3)]
        s = socket.create_connection((small.host, small.port), timeout=10)
        s.sendall(startup_packet())
        errs = expect_close(ctx, s, "connection beyond max_connections", want_error="53300")
        if not errs or errs[0].get("S") != "FATAL" or \
                errs[0].get("M") != "sorry, too many clients already":
            raise AssertionError("connection beyond max_connections answered %r" % errs)
        conns.pop().close()
        deadline = time.monotonic() + 5
        while True:     # the server may notice the closed session a moment later
            try:
                small.connect().close()
                break
            except pgmini.PgError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        for c in conns:
            c.close()
        st = small.stop()
        if st != 0:
            raise AssertionError("small server exit status %s" % st)


CASES = [(name[5:], fn) for name, fn in sorted(globals().items()) if name.startswith("case_")]


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--engine", default="omendb", choices=["omendb", "postgresql"])
    ap.add_argument("--binary", default=os.path.join(HERE, "..", "..", "build", "omendb"))
    ap.add_argument("--keep", action="store_true")
    ap.add_argument("cases", nargs="*")
    a = ap.parse_args()
    cases = [(n, f) for n, f in CASES if not a.cases or n in a.cases]
    try:
        srv = servers.make_server(a.engine, a.binary, keep=a.keep)
    except servers.ServerError as e:
        print("abuse.py: %s" % e)
        print("0 passed, 1 failed")
        return 1
    passed = failed = 0
    with srv:
        try:
            srv.start()
        except servers.ServerError as e:
            print("abuse.py: %s\n--- server log ---\n%s" % (e, srv.log_tail()))
            print("0 passed, 1 failed")
            return 1
        ctx = Ctx(srv, a.engine)
        bystander = srv.connect()
        for name, fn in cases:
            t0 = time.monotonic()
            try:
                fn(ctx)
                healthy(ctx)
                passed += 1
                print("ok   %-32s %.2fs" % (name, time.monotonic() - t0))
            except Exception as e:  # noqa: BLE001 - report every failure the same way
                failed += 1
                print("FAIL %-32s %s: %s" % (name, type(e).__name__, e))
                if not srv.alive():
                    print("server died; stopping")
                    break
            sys.stdout.flush()
        final = []
        try:
            r = bystander.query("SELECT 1")
            if not r:
                final.append("bystander session got no answer")
            bystander.close()
        except Exception as e:  # noqa: BLE001
            final.append("bystander session broken: %s" % e)
        if not srv.alive():
            final.append("server died (exit status %s)" % srv.proc.returncode)
        else:
            st = srv.stop()
            if st != 0:
                final.append("server exit status %s after SIGTERM (expected 0)" % st)
        if srv.sanitizer_report():
            final.append("sanitizer report in server log")
        for f in final:
            print("FAIL final: %s" % f)
            failed += 1
        if failed and srv.engine == "omendb":
            print("--- server log (tail) ---\n%s" % (srv.sanitizer_report() or srv.log_tail(4000)))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
