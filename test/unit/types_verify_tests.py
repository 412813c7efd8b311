#!/usr/bin/env python3
"""types_verify_tests.py — run every IO(...) and CAST(...) assertion of
test/unit/test_types.c through a live PostgreSQL 15 and report any expected
string PostgreSQL disagrees with (inputs with invalid UTF-8 or NUL are skipped:
PostgreSQL rejects them before any type sees them).

Usage: PGHOST=/tmp/pg PGPORT=55432 PGUSER=postgres python3 test/unit/types_verify_tests.py
"""
import os, re, subprocess, sys
src = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'test_types.c'), encoding='utf-8').read()
def cstr(tok):
    # decode a C string literal body (handles \x.., \t, \n, \", \\, \0)
    out = bytearray(); i = 0; b = tok.encode('utf-8')
    while i < len(b):
        c = b[i]
        if c == 0x5c:
            n = b[i+1]
            if n == ord('x'):
                m = re.match(rb'[0-9a-fA-F]{1,2}', b[i+2:i+4]); out.append(int(m.group(0), 16)); i += 2 + len(m.group(0)); continue
            out.append({ord('t'): 9, ord('n'): 10, ord('"'): 34, ord('\\'): 92, ord('0'): 0}[n]); i += 2; continue
        out.append(c); i += 1
    return bytes(out)
S = r'"((?:[^"\\]|\\.)*)"'
cases = []
for m in re.finditer(r'\bIO\(\s*' + S + r',\s*' + S + r',\s*' + S + r'\s*\);', src):
    cases.append(('io', m.group(1), None, None, cstr(m.group(2)), cstr(m.group(3))))
for m in re.finditer(r'\bCAST\(\s*' + S + r',\s*' + S + r',\s*(EX|AS|IM),\s*' + S + r',\s*' + S + r'\s*\);', src):
    cases.append(('cast', m.group(1), m.group(2), m.group(3), cstr(m.group(4)), cstr(m.group(5))))
pre = b"""\\set QUIET on
create function pg_temp.io(typ text, s text) returns text language plpgsql as $f$
declare r text;
begin
  execute format('create temp table tt (v %s) on commit drop', typ);
  execute format('insert into tt values (%L)', s);
  execute 'select format(''%s'', v) from tt' into r;
  return r;
exception when others then return 'ERR ' || sqlstate || ' ' || sqlerrm;
end $f$;
create function pg_temp.ca(f text, t text, cc text, s text) returns text language plpgsql as $f$
declare r text;
begin
  execute format('create temp table t2 (w %s) on commit drop', t);
  if f = 'unknown' then
    if cc = 'EX' then execute format('select format(''%%s'', %L::%s)', s, t) into r; return r; end if;
    execute format('insert into t2 values (%L)', s);
  else
    execute format('create temp table tt (v %s) on commit drop', f);
    execute format('insert into tt values (%L)', s);
    if cc = 'EX' then execute format('select format(''%%s'', v::%s) from tt', t) into r; return r; end if;
    execute 'insert into t2 select v from tt';
  end if;
  execute 'select format(''%s'', w) from t2' into r;
  return r;
exception when others then return 'ERR ' || sqlstate || ' ' || sqlerrm;
end $f$;
\\pset tuples_only on
\\pset format unaligned
"""
def q(b):
    return b"$q$" + b + b"$q$"
body = bytearray(pre)
for c in cases:
    if c[0] == 'io':
        body += b"select '>' || pg_temp.io(" + q(c[1].encode()) + b", " + q(c[4]) + b");\n"
    else:
        body += b"select '>' || pg_temp.ca(" + q(c[1].encode()) + b", " + q(c[2].encode()) + b", '" + c[3].encode() + b"', " + q(c[4]) + b");\n"
r = subprocess.run(['psql', '-X', '-v', 'VERBOSITY=sqlstate', '-f', '-'], input=bytes(body), capture_output=True)
lines = r.stdout.split(b'\n')
errs = [l for l in r.stderr.split(b'\n') if l]
bad = 0
ok = 0
outs = [l[1:] for l in lines if l.startswith(b'>')]
k = 0
for c in cases:
    try:
        c[4].decode('utf-8'); valid = b'\x00' not in c[4]
    except UnicodeDecodeError:
        valid = False
    if not valid:
        continue
    got = outs[k]; k += 1
    if got != c[5]:
        bad += 1; print('MISMATCH', c[:4], c[4], '\n   test:', c[5], '\n   pg:  ', got)
    else:
        ok += 1
print('agree:', ok, ' disagree:', bad)
sys.exit(1 if bad or ok == 0 else 0)
