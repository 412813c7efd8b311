"""pgmini.py - a minimal PostgreSQL v3 protocol client for the tests.

Standard library only (Debian's /usr/bin/python3).  It speaks just enough of
the protocol for the protocol-abuse and crash tests: SSLRequest, startup with
trust authentication, and the simple Query flow.  It also exposes the raw
message helpers so a test can build malformed traffic by hand.

    conn = PgConn.connect("127.0.0.1", port)
    res = conn.query("SELECT 1")      # list of Result, one per statement
    res[0].rows == [["1"]]
    conn.close()
"""

import socket
import struct

PROTOCOL_3 = 196608           # 3.0
SSL_REQUEST_CODE = 80877103
GSSENC_REQUEST_CODE = 80877104
CANCEL_REQUEST_CODE = 80877102


class PgError(Exception):
    """An ErrorResponse from the server (fields: dict of one-letter codes)."""

    def __init__(self, fields):
        self.fields = fields
        super().__init__("%s %s: %s" % (fields.get("S", "?"), fields.get("C", "?"),
                                        fields.get("M", "?")))

    @property
    def sqlstate(self):
        return self.fields.get("C")


class ProtocolError(Exception):
    """The server broke the protocol, or closed the connection unexpectedly."""


class Result:
    """The outcome of one statement of a simple Query."""

    def __init__(self):
        self.columns = []   # list of (name, table_oid, attnum, type_oid, typlen, typmod, format)
        self.rows = []      # list of lists of str or None
        self.tag = None     # CommandComplete tag
        self.error = None   # dict of ErrorResponse fields
        self.empty = False  # EmptyQueryResponse

    def __repr__(self):
        return "Result(tag=%r, rows=%r, error=%r, empty=%r)" % (
            self.tag, self.rows, self.error, self.empty)


def startup_packet(user="postgres", database="postgres", version=PROTOCOL_3, **params):
    body = struct.pack("!I", version)
    kv = {"user": user, "database": database}
    kv.update(params)
    for k, v in kv.items():
        if v is None:
            continue
        body += k.encode() + b"\0" + v.encode() + b"\0"
    body += b"\0"
    return struct.pack("!I", len(body) + 4) + body


def message(mtype, payload=b""):
    """A regular (typed) protocol message."""
    return mtype + struct.pack("!I", len(payload) + 4) + payload


def query_message(sql):
    return message(b"Q", sql.encode() + b"\0")


def parse_error_fields(payload):
    fields = {}
    i = 0
    while i < len(payload) and payload[i] != 0:
        code = chr(payload[i])
        end = payload.index(b"\0", i + 1)
        fields[code] = payload[i + 1:end].decode("utf-8", "replace")
        i = end + 1
    return fields


def recv_exact(sock, n):
    """Read exactly n bytes; raise ProtocolError on EOF."""
    buf = bytearray()
    while len(buf) < n:
        chunk = sock.recv(n - len(buf))
        if not chunk:
            raise ProtocolError("connection closed by server after %d of %d bytes"
                                % (len(buf), n))
        buf += chunk
    return bytes(buf)


def read_message(sock):
    """One typed message from the server: (type byte, payload)."""
    head = recv_exact(sock, 5)
    mtype = head[:1]
    (length,) = struct.unpack("!I", head[1:])
    if length < 4 or length > 256 * 1024 * 1024:
        raise ProtocolError("server sent bad message length %d for type %r" % (length, mtype))
    return mtype, recv_exact(sock, length - 4)


def read_until_close(sock, timeout):
    """Read everything the server sends until it closes the connection.

    Returns (data, closed): closed is False when the timeout struck first."""
    sock.settimeout(timeout)
    data = bytearray()
    try:
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                return bytes(data), True
            data += chunk
    except socket.timeout:
        return bytes(data), False
    except (ConnectionResetError, BrokenPipeError):
        return bytes(data), True


def split_messages(data):
    """Split raw server bytes into (type, payload) pairs; a trailing partial
    message is returned as ('partial', rest)."""
    out = []
    i = 0
    while i < len(data):
        if len(data) - i < 5:
            out.append(("partial", data[i:]))
            break
        mtype = data[i:i + 1]
        (length,) = struct.unpack("!I", data[i + 1:i + 5])
        if length < 4 or i + 1 + length > len(data):
            out.append(("partial", data[i:]))
            break
        out.append((mtype, data[i + 5:i + 1 + length]))
        i += 1 + length
    return out


class PgConn:
    def __init__(self, sock):
        self.sock = sock
        self.params = {}
        self.backend_key = None
        self.status = None      # last ReadyForQuery status: b'I', b'T' or b'E'
        self.notices = []

    @classmethod
    def connect(cls, host, port, user="postgres", database="postgres", timeout=10.0,
                ssl_request=False, **params):
        sock = socket.create_connection((host, port), timeout=timeout)
        try:
            if ssl_request:
                sock.sendall(struct.pack("!II", 8, SSL_REQUEST_CODE))
                answer = recv_exact(sock, 1)
                if answer != b"N":
                    raise ProtocolError("SSLRequest answered %r, expected b'N'" % answer)
            sock.sendall(startup_packet(user, database, **params))
            conn = cls(sock)
            conn._finish_startup()
            return conn
        except BaseException:
            sock.close()
            raise

    def _finish_startup(self):
        while True:
            mtype, payload = read_message(self.sock)
            if mtype == b"R":
                (code,) = struct.unpack("!I", payload[:4])
                if code != 0:
                    raise ProtocolError("authentication method %d requested; tests expect trust"
                                        % code)
            elif mtype == b"S":
                name, value, _ = payload.split(b"\0", 2)
                self.params[name.decode()] = value.decode()
            elif mtype == b"K":
                self.backend_key = struct.unpack("!II", payload)
            elif mtype == b"N":
                self.notices.append(parse_error_fields(payload))
            elif mtype == b"E":
                raise PgError(parse_error_fields(payload))
            elif mtype == b"Z":
                self.status = payload
                return
            else:
                raise ProtocolError("unexpected message %r during startup" % mtype)

    def query(self, sql):
        """Run a simple Query; return the list of Result (one per statement,
        the erroring one included).  Waits for ReadyForQuery."""
        self.sock.sendall(query_message(sql))
        return self.read_results()

    def read_results(self):
        results = []
        cur = None
        while True:
            mtype, payload = read_message(self.sock)
            if cur is None and mtype in (b"T", b"D", b"C", b"E", b"I"):
                cur = Result()
            if mtype == b"T":
                (n,) = struct.unpack("!H", payload[:2])
                pos = 2
                for _ in range(n):
                    end = payload.index(b"\0", pos)
                    name = payload[pos:end].decode()
                    pos = end + 1
                    cur.columns.append((name,) + struct.unpack("!IhIhih", payload[pos:pos + 18]))
                    pos += 18
            elif mtype == b"D":
                (n,) = struct.unpack("!H", payload[:2])
                pos = 2
                row = []
                for _ in range(n):
                    (ln,) = struct.unpack("!i", payload[pos:pos + 4])
                    pos += 4
                    if ln < 0:
                        row.append(None)
                    else:
                        row.append(payload[pos:pos + ln].decode())
                        pos += ln
                cur.rows.append(row)
            elif mtype == b"C":
                cur.tag = payload.rstrip(b"\0").decode()
                results.append(cur)
                cur = None
            elif mtype == b"I":
                cur.empty = True
                results.append(cur)
                cur = None
            elif mtype == b"E":
                cur.error = parse_error_fields(payload)
                results.append(cur)
                cur = None
            elif mtype == b"N":
                self.notices.append(parse_error_fields(payload))
            elif mtype == b"S":
                name, value, _ = payload.split(b"\0", 2)
                self.params[name.decode()] = value.decode()
            elif mtype == b"Z":
                self.status = payload
                return results
            else:
                raise ProtocolError("unexpected message %r in query response" % mtype)

    def scalar(self, sql):
        """Run one statement that returns one value; raise PgError on error."""
        res = self.query(sql)
        for r in res:
            if r.error:
                raise PgError(r.error)
        if len(res) != 1 or len(res[0].rows) != 1 or len(res[0].rows[0]) != 1:
            raise ProtocolError("expected one value from %r, got %r" % (sql, res))
        return res[0].rows[0][0]

    def execute(self, sql):
        """Run statements; raise PgError on the first error; return the last tag."""
        res = self.query(sql)
        for r in res:
            if r.error:
                raise PgError(r.error)
        return res[-1].tag if res else None

    def close(self):
        try:
            self.sock.sendall(message(b"X"))
        except OSError:
            pass
        self.sock.close()
