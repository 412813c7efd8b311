-- fixed_bugs.sql - statements that once differed from PostgreSQL 15 (they were
-- known_bugs.sql's B1-B3 and B6-B15), kept whole with their tables as a
-- regression corpus now that they match. The bugs were:
--   B1: anynonarray || text: PostgreSQL concatenates a non-string operand with text (textanycat/anytextcat); OmenDB fails 42883 operator does not exist
--   B2: bad bytes or escapes in a string literal: PostgreSQL fails 22021 (invalid byte sequence) or 22025 (invalid Unicode escape); OmenDB reports 42601 with the same message
--   B3: varchar = char(n): PostgreSQL resolves to bpchar = bpchar (blank-insensitive); OmenDB compares as text
--   B6: unknown <op> unknown with several candidate operators: PostgreSQL fails 42725 operator is not unique; OmenDB fails 42883 operator does not exist
--   B7: float(p) with p outside 1..53: PostgreSQL fails 22023; OmenDB 42601 (same message)
--   B8: common type of CASE / COALESCE (PostgreSQL's select_common_type: CASE considers ELSE first; the earlier type stays unless only it converts implicitly to the later one): numeric or bigint with real gives real, char(n) with varchar/text keeps the first; OmenDB picks double precision / text
--   B9: NULLIF's result has the type of its first argument in PostgreSQL; OmenDB uses the common type of both
--   B10: an IN list's constant elements are all evaluated in PostgreSQL (constant folding), so 1 IN (1, 1 / 0) fails 22012; OmenDB short-circuits and returns true
--   B11: the output column name of CASE is the ELSE expression's name when that is a column (FigureColname); OmenDB names it "case"
--   B12: LIKE with an ESCAPE character that is itself a wildcard ('%', '_') or multibyte: PostgreSQL treats the escape first; OmenDB treats it as a wildcard or does not recognise it
--   B13: char(n) LIKE pattern matches the blank-padded value in PostgreSQL (bpcharlike); OmenDB strips the padding
--   B14: LIMIT with a numeric argument: PostgreSQL casts it to bigint (rounding); OmenDB fails 42804
--   B15: numeric keys: PostgreSQL's unique index treats 1 and 1.0 as the same value (23505); OmenDB stores them as two keys

-- B1 ---------------------------------------------------------------
-- B1 (bool.sql): anynonarray || text
SELECT true || 'x';
-- B1 (cast.sql): anynonarray || text
SELECT 'a' || 1;
-- B1 (cast.sql): anynonarray || text
SELECT 1 || 'a';
-- B1 (cast.sql): anynonarray || text
SELECT 'x' || 1.5;
-- B1 (cast.sql): anynonarray || text
SELECT 'flag: ' || true;
-- B1 (cast.sql): anynonarray || text
SELECT NULL::int || 'a';

-- B2 ---------------------------------------------------------------
-- B2 (text.sql): bad bytes or escapes in a string literal
SELECT E'\x00';
-- B2 (text.sql): bad bytes or escapes in a string literal
SELECT E'\0';
-- B2 (text.sql): bad bytes or escapes in a string literal
SELECT E'\xff';
-- B2 (text.sql): bad bytes or escapes in a string literal
SELECT E'\xc3\x28';
-- B2 (text.sql): bad bytes or escapes in a string literal
SELECT E'\xed\xa0\x80';
-- B2 (text.sql): bad bytes or escapes in a string literal
SELECT E'\xf4\x90\x80\x80';
-- B2 (text.sql): bad bytes or escapes in a string literal
SELECT E'\xc0\xaf';
-- B2 (text.sql): bad bytes or escapes in a string literal
SELECT E'\xe2\x82';
-- B2 (text.sql): bad bytes or escapes in a string literal
SELECT E'\u12';
CREATE TABLE kb_text (id int PRIMARY KEY, t text);
-- B2 (text.sql): bad bytes or escapes in a string literal
INSERT INTO kb_text VALUES (1, E'bad\xff');
DROP TABLE kb_text;

-- B3 ---------------------------------------------------------------
-- B3 (text.sql): varchar = char(n)
SELECT 'a '::varchar = 'a'::char(2);
CREATE TABLE kb_cv (id int PRIMARY KEY, c char(5), v varchar(5));
INSERT INTO kb_cv VALUES (1, 'sp', 'sp  '), (2, 'ab', 'ab'), (3, 'x', 'y');
-- B3 (text.sql): varchar = char(n)
SELECT id FROM kb_cv WHERE c = v ORDER BY id;
-- B3 (text.sql): varchar = char(n)
SELECT id FROM kb_cv WHERE v = c ORDER BY id;
DROP TABLE kb_cv;

-- B6 ---------------------------------------------------------------
-- B6 (cast.sql): unknown <op> unknown with several candidate operators
SELECT '1' + '2';
-- B6 (cast.sql): unknown <op> unknown with several candidate operators
SELECT 'a' - 'b';

-- B7 ---------------------------------------------------------------
-- B7 (cast.sql): float(p) with p outside 1..53
SELECT float(54) '1';
-- B7 (cast.sql): float(p) with p outside 1..53
SELECT float(0) '1';

-- B8 ---------------------------------------------------------------
-- B8 (cast.sql): common type of CASE / COALESCE (PostgreSQL's select_common_type
SELECT CASE WHEN true THEN 1.5 ELSE 1::float4 END AS v;
-- B8 (cast.sql): common type of CASE / COALESCE (PostgreSQL's select_common_type
SELECT CASE WHEN true THEN 'a'::char(2) ELSE 'b'::varchar END AS v;
-- B8 (conditional.sql): common type of CASE / COALESCE (PostgreSQL's select_common_type
SELECT CASE WHEN true THEN 1.5::float4 ELSE 2::int8 END AS v;
-- B8 (conditional.sql): common type of CASE / COALESCE (PostgreSQL's select_common_type
SELECT CASE WHEN true THEN 'a'::text ELSE 'a'::char(3) END AS v;
-- B8 (conditional.sql): common type of CASE / COALESCE (PostgreSQL's select_common_type
SELECT CASE WHEN true THEN 1.5 ELSE 1::float4 END AS v;
-- B8 (conditional.sql): common type of CASE / COALESCE (PostgreSQL's select_common_type
SELECT CASE WHEN true THEN 1::float4 ELSE 1.5 END AS v;
-- B8 (conditional.sql): common type of CASE / COALESCE (PostgreSQL's select_common_type
SELECT CASE WHEN true THEN 2::int8 ELSE 1::float4 END AS v;
-- B8 (conditional.sql): common type of CASE / COALESCE (PostgreSQL's select_common_type
SELECT CASE WHEN true THEN 'a'::varchar ELSE 'b'::char(2) END AS v;
-- B8 (conditional.sql): common type of CASE / COALESCE (PostgreSQL's select_common_type
SELECT CASE WHEN true THEN 'a'::char(2) ELSE 'b'::varchar END AS v;
-- B8 (conditional.sql): common type of CASE / COALESCE (PostgreSQL's select_common_type
SELECT COALESCE(1.5::float4, 2) AS v;
-- B8 (conditional.sql): common type of CASE / COALESCE (PostgreSQL's select_common_type
SELECT COALESCE(1.5, 1::float4) AS v;
-- B8 (conditional.sql): common type of CASE / COALESCE (PostgreSQL's select_common_type
SELECT COALESCE('a'::char(2), 'b'::varchar) AS v;
-- B8 (conditional.sql): common type of CASE / COALESCE (PostgreSQL's select_common_type
SELECT COALESCE('a'::varchar, 'b'::char(2)) AS v;
-- B8 (dml.sql): common type of CASE / COALESCE (PostgreSQL's select_common_type
VALUES (1.5::float4), (2);

-- B9 ---------------------------------------------------------------
-- B9 (conditional.sql): NULLIF's result has the type of its first argument in PostgreSQL; OmenDB uses the common type of both
SELECT NULLIF(1::int2, 1) AS v;
-- B9 (conditional.sql): NULLIF's result has the type of its first argument in PostgreSQL; OmenDB uses the common type of both
SELECT NULLIF(1::int2, 2::int8) AS v;
-- B9 (conditional.sql): NULLIF's result has the type of its first argument in PostgreSQL; OmenDB uses the common type of both
SELECT NULLIF(2.5::float4, 2.5) AS v;

-- B10 ---------------------------------------------------------------
-- B10 (conditional.sql): an IN list's constant elements are all evaluated in PostgreSQL (constant folding), so 1 IN (1, 1 / 0) fails 22012; OmenDB short-circuits and returns true
SELECT 1 IN (1, 1 / 0);

-- B11 ---------------------------------------------------------------
CREATE TABLE kb_case (id int PRIMARY KEY, a int, b int);
INSERT INTO kb_case VALUES (1, 1, NULL), (2, NULL, 2);
-- B11 (conditional.sql): the output column name of CASE is the ELSE expression's name when that is a column (FigureColname); OmenDB names it "case"
SELECT id, CASE WHEN a IS NULL THEN b ELSE a END FROM kb_case ORDER BY id;
DROP TABLE kb_case;

-- B12 ---------------------------------------------------------------
-- B12 (like.sql): LIKE with an ESCAPE character that is itself a wildcard ('%', '_') or multibyte
SELECT 'ab' LIKE 'a%%' ESCAPE '%';
-- B12 (like.sql): LIKE with an ESCAPE character that is itself a wildcard ('%', '_') or multibyte
SELECT 'ab' ILIKE 'a%%' ESCAPE '%';
-- B12 (like.sql): LIKE with an ESCAPE character that is itself a wildcard ('%', '_') or multibyte
SELECT 'a_' LIKE 'a__' ESCAPE '_';
-- B12 (like.sql): LIKE with an ESCAPE character that is itself a wildcard ('%', '_') or multibyte
SELECT 'a_' ILIKE 'a__' ESCAPE '_';
-- B12 (like.sql): LIKE with an ESCAPE character that is itself a wildcard ('%', '_') or multibyte
SELECT '日%' LIKE '日é%' ESCAPE 'é';
-- B12 (like.sql): LIKE with an ESCAPE character that is itself a wildcard ('%', '_') or multibyte
SELECT '日%' ILIKE '日é%' ESCAPE 'é';
-- B12 (like.sql): LIKE with an ESCAPE character that is itself a wildcard ('%', '_') or multibyte
SELECT 'abc' LIKE '%c' ESCAPE '%';
-- B12 (like.sql): LIKE with an ESCAPE character that is itself a wildcard ('%', '_') or multibyte
SELECT 'abc' ILIKE '%c' ESCAPE '%';

-- B13 ---------------------------------------------------------------
-- B13 (like.sql): char(n) LIKE pattern matches the blank-padded value in PostgreSQL (bpcharlike); OmenDB strips the padding
SELECT 'abc'::char(5) LIKE 'abc';
-- B13 (like.sql): char(n) LIKE pattern matches the blank-padded value in PostgreSQL (bpcharlike); OmenDB strips the padding
SELECT 'abc'::char(5) LIKE 'abc  ';
-- B13 (like.sql): char(n) LIKE pattern matches the blank-padded value in PostgreSQL (bpcharlike); OmenDB strips the padding
SELECT 'abc'::char(5) LIKE 'abc__';
-- B13 (like.sql): char(n) LIKE pattern matches the blank-padded value in PostgreSQL (bpcharlike); OmenDB strips the padding
SELECT 'abc'::char(5) ILIKE 'ABC';
CREATE TABLE kb_like (id int PRIMARY KEY, c char(6));
INSERT INTO kb_like VALUES (1, 'apple'), (2, 'a\b'), (3, 'banana');
-- B13 (like.sql): char(n) LIKE pattern matches the blank-padded value in PostgreSQL (bpcharlike); OmenDB strips the padding
SELECT id FROM kb_like WHERE c LIKE 'apple' ORDER BY id;
-- B13 (like.sql): char(n) LIKE pattern matches the blank-padded value in PostgreSQL (bpcharlike); OmenDB strips the padding
SELECT id FROM kb_like WHERE c LIKE '%\\_' ORDER BY id;
-- B13 (like.sql): char(n) LIKE pattern matches the blank-padded value in PostgreSQL (bpcharlike); OmenDB strips the padding
SELECT id FROM kb_like WHERE c LIKE '%e ' ORDER BY id;
DROP TABLE kb_like;

-- B14 ---------------------------------------------------------------
-- B14 (dml.sql): LIMIT with a numeric argument
SELECT 1 LIMIT 1.5;
-- B14 (dml.sql): LIMIT with a numeric argument
SELECT 1 OFFSET 0.4;

-- B15 ---------------------------------------------------------------
CREATE TABLE kb_num_pk (k numeric PRIMARY KEY);
INSERT INTO kb_num_pk VALUES (1), (1.5), ('NaN'), (-2), (1e-20);
-- B15 (numeric_io.sql): numeric keys
INSERT INTO kb_num_pk VALUES (1.0);
-- B15 (numeric_io.sql): numeric keys
INSERT INTO kb_num_pk VALUES (1.50);
-- B15 (numeric_io.sql): numeric keys
SELECT k FROM kb_num_pk ORDER BY k;
-- B15 (numeric_io.sql): numeric keys
SELECT k FROM kb_num_pk WHERE k = 1.00;
-- B15 (numeric_io.sql): numeric keys
SELECT k FROM kb_num_pk WHERE k > 1 ORDER BY k DESC;
DROP TABLE kb_num_pk;
-- date / timestamp / timestamptz compared across types never raise: a date
-- beyond timestamp's range is above every finite timestamp, below infinity
SELECT '5000000-01-01'::date < timestamp '2000-01-01', '5000000-01-01'::date > timestamptz '2000-01-01';
SELECT '5000000-01-01'::date = timestamp 'infinity', '5000000-01-01'::date < timestamp 'infinity', timestamptz '-infinity' < '5000000-01-01'::date;
SELECT timestamp '2000-01-01' > '5000000-01-01'::date, 'infinity'::date > timestamp '294000-01-01';
CREATE TABLE fb_dates (id int PRIMARY KEY, d date);
INSERT INTO fb_dates VALUES (1, '2020-01-01'), (2, '5000000-01-01'), (3, NULL), (4, '-infinity');
SELECT id FROM fb_dates WHERE d < timestamp '2021-01-01' ORDER BY id;
SELECT id FROM fb_dates WHERE d >= now() ORDER BY id;
SELECT id, d BETWEEN timestamp '2000-01-01' AND timestamptz '3000-01-01' FROM fb_dates ORDER BY id;
SELECT d::timestamp FROM fb_dates WHERE id = 2;
DROP TABLE fb_dates;
