#!/bin/sh
# types_compare.sh — diff OmenDB's type input/output and casts against a live
# PostgreSQL 15, value by value, including the exact error texts.
#
# Usage (a PostgreSQL 15 must be running; libpq environment selects it):
#   PGHOST=/tmp/pg PGPORT=55432 PGUSER=postgres test/unit/types_compare.sh [build/test/test_types]
#
# For each case, the same input lines go through
#   - OmenDB: test_types --io TYPE | --cast FROM TO | --assign FROM TO
#   - PostgreSQL: INSERT of the line as a literal into a column of TYPE (input
#     function with the column's typmod), then format('%s', …) (the output
#     function), or v::TO (explicit) / INSERT … SELECT into a TO column
#     (assignment); an error becomes "ERR <sqlstate> <message>".
# and the outputs must be identical. Inputs: ~17,000 float8 and ~6,000
# float4 values (random bit patterns, powers of two and ten, short decimals,
# subnormals, extremes), integer/bool/numeric/string literals and generated
# values around every range edge. Exit status 1 if any case differs.
set -eu
BIN=${1:-build/test/test_types}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

python3 - "$WORK" <<'PY'
import random, struct, sys, os
random.seed(20240601)
W = sys.argv[1]
def put(name, vals):
    with open(os.path.join(W, name), 'w', encoding='utf-8') as f:
        for v in vals:
            f.write(v + '\n')
def d2f(x):
    return struct.unpack('<f', struct.pack('<f', x))[0]

f8 = []
while len(f8) < 4000:
    x = struct.unpack('<d', struct.pack('<Q', random.getrandbits(64)))[0]
    if x == x and abs(x) != float('inf'):
        f8.append(repr(x))
for _ in range(3000):
    f8.append('%de%d' % (random.randint(1, 10 ** random.randint(1, 17)), random.randint(-330, 310)))
for e in range(-1074, 1024):
    f8.append(repr(2.0 ** e))
    if e > -1074:
        f8.append(repr(2.0 ** e * (1 - 2 ** -53)))
for e in range(-325, 309):
    f8 += ['1e%d' % e, '5e%d' % e, '9.999999999999999e%d' % e, '1.7976931348623157e%d' % e]
for i in range(1500):
    f8 += [repr(i / 10), repr(i / 1000), repr(i * 0.1), repr(i / 3)]
f8 += ['0', '-0', '123456789012345', '1234567890123456', '9007199254740991', '9007199254740992',
       '9007199254740993', '1.7976931348623157e308', '5e-324', '2.2250738585072014e-308', '1e15', '1e14',
       '99999999999999.99', '999999999999999.9', '0.0001', '0.00009999', '1e-5', 'NaN', '-Infinity', ' inf ',
       '1e400', '-1e400', '1e-400', '  ', '', 'abc', '1.5x', '0x1p3', '+.5', '-.5e-3', '1e+', '.e1', 'infinityx']
put('f8', f8)

f4 = []
while len(f4) < 3000:
    x = struct.unpack('<f', struct.pack('<I', random.getrandbits(32)))[0]
    if x == x and abs(x) != float('inf'):
        f4.append('%.9g' % x)
for e in range(-149, 128):
    f4.append('%.9g' % (2.0 ** e))
    if e > -149:
        f4.append('%.9g' % d2f(2.0 ** e * (1 - 2 ** -24)))
for e in range(-46, 40):
    f4 += ['1e%d' % e, '3e%d' % e, '3.4028235e%d' % e]
for i in range(1500):
    f4.append('%.9g' % d2f(i / 10))
    f4.append(repr(i / 7))
f4 += ['0', '-0', '123456', '1234567', '16777216', '16777217', '3.4028235e38', '3.4028236e38', '1.4e-45',
       '7e-46', '0.1', '1e6', 'NaN', '-inf', '1e39', '1e-46', '']
put('f4', f4)

ints = ['0', '-0', '+0', ' 12 ', '\t7\t', '007', '+5', '-5', '', ' ', '+', '-', '- 1', '1 2', '12a', '1.5', '1e3',
        '0x10', '1_000', '１２']
for b in (15, 31, 63):
    for d in range(-3, 4):
        ints += [str(2 ** b + d), str(-(2 ** b) + d)]
ints += ['99999999999', '99999999999999999999999', '2147483648x', '21474836480x', '-2147483648x']
for _ in range(300):
    ints.append(str(random.randint(-2 ** 64, 2 ** 64) >> random.randint(0, 64)))
put('ints', ints)

bools = []
for w in ('true', 'false', 'yes', 'no', 'on', 'off'):
    for k in range(1, len(w) + 2):
        bools += [w[:k], w[:k].upper(), ' ' + w[:k] + ' ', w[:k] + 'x']
bools += ['1', '0', '10', '01', '', ' ', 'o', 'O', '2', '-1', 't r', 'yess', 'truee', 'TrUe']
put('bools', bools)

def rnum():
    s = random.choice(['', '-', '+'])
    s += ''.join(random.choice('0123456789') for _ in range(random.randint(0, 25)))
    if random.random() < 0.7:
        s += '.' + ''.join(random.choice('0123456789') for _ in range(random.randint(0, 25)))
    if random.random() < 0.3:
        s += random.choice('eE') + random.choice(['', '+', '-']) + str(random.randint(0, 40))
    return s
nums = [rnum() for _ in range(1500)]
nums += ['1e3', '007.50', '-0', 'NaN', 'nan', '-0.00', '.5', '5.', '1.50e1', '123e-5', ' -Infinity ', 'inf',
         '+inf', '-inf', 'Infinity', '+Infinity', '1e 5', '1e+ 5', '0e-5', '000', '-000.000', '0.0e3', '0.000e2',
         '1 e5', '1e', '.', '-', '-nan', '+NaN', 'NaNx', '12.3.4', '', ' ', '1e131071', '1e131072', '1e-16383',
         '1e-16384', '1.5e-16383', '1e1073741823', '1e-1073741823', '1e99999999999', '0e1073741822', '9.5',
         '-9.5', '0.5', '-0.5', '2.5', '-2.5', '32767.5', '-32768.5', '-32768.49', '2147483647.5',
         '2147483647.49999', '-2147483648.5', '9223372036854775807.5', '-9223372036854775808.4',
         '-9223372036854775808.5', '99999.995', '999.994', '1e-3', '0.0049', '0.005', '-0.005', '123.456e2',
         '3.4028235e38', '3.5e38', '1e-46', '1e308', '1.8e308', '1e-324', '5e-324', '1e-400']
put('nums', nums)

strs = ['', 'a', 'ab', 'abc', 'abcd', 'abc ', 'abc   ', 'ab  d', ' abc', 'äöü', 'äö', 'ä', 'äö  ', '日本語テキスト',
        '😀😀😀😀', '😀 ', 'a\tb', '  ', 'abc\t', 'x' * 50]
put('strs', strs)
PY

SETUP="set client_min_messages = warning;"
FAIL=0

# run NAME MODE FROM TO INPUTFILE
run() {
    name=$1 mode=$2 from=$3 to=$4 file=$WORK/$5
    # A literal cast to a type without typmod is its input function; with a
    # typmod, or for an assignment, the value goes through a table column.
    case "$mode:$from" in
    io:*"("*) body="delete from x; execute format('insert into x values (%L)', s); select format('%s', v) into r from x;" ;;
    io:*) body="execute format('select format(''%%s'', %L::$from)', s) into r;" ;;
    cast:*"("*) body="delete from x; execute format('insert into x values (%L)', s); select format('%s', v::$to) into r from x;" ;;
    cast:*) body="execute format('select format(''%%s'', (%L::$from)::$to)', s) into r;" ;;
    assign:*) body="delete from x; delete from y; execute format('insert into x values (%L)', s); insert into y select v from x; select format('%s', w) into r from y;" ;;
    esac
    "$BIN" "--$mode" "$from" "$to" <"$file" >"$WORK/ours" 2>&1 || true
    psql -X -q -A -t -v ON_ERROR_STOP=1 >"$WORK/pg" 2>&1 <<SQL || true
$SETUP
create temp table inp (n serial, s text);
\copy inp(s) from '$file' with (format csv, delimiter E'\x02', quote E'\x01', force_not_null (s))
create temp table x (v $from);
create temp table y (w $to);
create function pg_temp.f(s text) returns text language plpgsql as \$f\$
declare r text;
begin
  $body
  return r;
exception when others then
  return 'ERR ' || sqlstate || ' ' || sqlerrm;
end \$f\$;
select pg_temp.f(s) from inp order by n;
SQL
    # OmError messages hold 1024 bytes; PostgreSQL's may be longer (a 131072-digit number).
    cut -c1-1000 "$WORK/ours" >"$WORK/ours.c" && mv "$WORK/ours.c" "$WORK/ours"
    cut -c1-1000 "$WORK/pg" >"$WORK/pg.c" && mv "$WORK/pg.c" "$WORK/pg"
    if cmp -s "$WORK/ours" "$WORK/pg"; then
        echo "ok   $name ($(wc -l <"$WORK/pg") values)"
    else
        echo "FAIL $name"
        paste -d '\n' "$WORK/$5" "$WORK/ours" "$WORK/pg" | cut -c1-200 |
            awk 'NR%3==1{i=$0} NR%3==2{o=$0} NR%3==0 && o!=$0 {print "  in:   " i "\n  ours: " o "\n  pg:   " $0}' | head -30
        FAIL=1
    fi
}

run "float8 in/out" io float8 text f8
run "float4 in/out" io float4 text f4
run "int2 in" io int2 text ints
run "int4 in" io int4 text ints
run "int8 in" io int8 text ints
run "bool in" io bool text bools
run "numeric in" io numeric text nums
run "numeric(5,2) in" io "numeric(5,2)" text nums
run "numeric(3,-2) in" io "numeric(3,-2)" text nums
run "numeric(4,6) in" io "numeric(4,6)" text nums
run "text in" io text text strs
run "varchar(3) in" io "varchar(3)" text strs
run "char(3) in" io "char(3)" text strs
run "bpchar in" io bpchar text strs
run "float8 -> float4" assign float8 float4 f8
run "float8 -> int2" assign float8 int2 nums
run "float8 -> int4" assign float8 int4 nums
run "float8 -> int8" assign float8 int8 nums
run "float4 -> int4" assign float4 int4 nums
run "float4 -> int8" assign float4 int8 f4
run "float8 -> numeric" assign float8 numeric f8
run "float4 -> numeric" assign float4 numeric f4
run "float8 -> numeric(6,2)" assign float8 "numeric(6,2)" nums
run "float4 -> float8" cast float4 float8 f4
run "numeric -> int2" assign numeric int2 nums
run "numeric -> int4" assign numeric int4 nums
run "numeric -> int8" assign numeric int8 nums
run "numeric -> float8" cast numeric float8 nums
run "numeric -> float4" cast numeric float4 nums
run "numeric -> numeric(7,3)" assign numeric "numeric(7,3)" nums
run "numeric -> text" assign numeric text nums
run "numeric -> varchar(4) explicit" cast numeric "varchar(4)" nums
run "int8 -> int4" assign int8 int4 ints
run "int8 -> int2" assign int8 int2 ints
run "int4 -> int2" assign int4 int2 ints
run "int8 -> float4" cast int8 float4 ints
run "int8 -> float8" cast int8 float8 ints
run "int8 -> numeric(10,2)" assign int8 "numeric(10,2)" ints
run "int4 -> bool" cast int4 bool ints
run "bool -> int4" cast bool int4 bools
run "bool -> text" assign bool text bools
run "bool -> char(3)" cast bool "char(3)" bools
run "bool -> varchar(4)" assign bool "varchar(4)" bools
run "int4 -> varchar(3) explicit" cast int4 "varchar(3)" ints
run "int4 -> varchar(3) assignment" assign int4 "varchar(3)" ints
run "float8 -> text" assign float8 text f8
run "float4 -> text" assign float4 text f4
run "text -> varchar(3) explicit" cast text "varchar(3)" strs
run "text -> varchar(3) assignment" assign text "varchar(3)" strs
run "text -> char(3) explicit" cast text "char(3)" strs
run "text -> char(3) assignment" assign text "char(3)" strs
run "char(5) -> text" cast "char(5)" text strs
run "char(5) -> varchar(3) assignment" assign "char(5)" "varchar(3)" strs
run "char(2) -> char(4)" assign "char(2)" "char(4)" strs
run "varchar -> char(2) explicit" cast varchar "char(2)" strs
run "text -> int4" cast text int4 ints
run "text -> bool" cast text bool bools
run "text -> numeric(5,2)" cast text "numeric(5,2)" nums
run "text -> float8" cast text float8 f8
run "char(30) -> float4" cast "char(30)" float4 f4
exit $FAIL
