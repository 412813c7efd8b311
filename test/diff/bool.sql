-- bool.sql - boolean: input spellings, output, three-valued logic,
-- IS [NOT] TRUE/FALSE/UNKNOWN, comparisons and ordering, casts, columns.
-- Statements on which OmenDB differs today live in known_bugs.sql, tagged
-- with their bug; move them back here when the bug is fixed.

-- Input: every spelling PostgreSQL accepts (any unique prefix, any case,
-- surrounding spaces) and some it refuses.
SELECT 't'::boolean;
SELECT 'true'::boolean;
SELECT 'TRUE'::boolean;
SELECT 'True'::boolean;
SELECT 'tr'::boolean;
SELECT 'tru'::boolean;
SELECT 'y'::boolean;
SELECT 'ye'::boolean;
SELECT 'yes'::boolean;
SELECT 'YES'::boolean;
SELECT 'on'::boolean;
SELECT 'ON'::boolean;
SELECT '1'::boolean;
SELECT 'f'::boolean;
SELECT 'false'::boolean;
SELECT 'FALSE'::boolean;
SELECT 'fa'::boolean;
SELECT 'fal'::boolean;
SELECT 'fals'::boolean;
SELECT 'n'::boolean;
SELECT 'no'::boolean;
SELECT 'NO'::boolean;
SELECT 'off'::boolean;
SELECT 'of'::boolean;
SELECT 'OFF'::boolean;
SELECT '0'::boolean;
SELECT ' true '::boolean;
SELECT '  f'::boolean;
SELECT 'o'::boolean;
SELECT ''::boolean;
SELECT ' '::boolean;
SELECT 'truex'::boolean;
SELECT 'yess'::boolean;
SELECT '2'::boolean;
SELECT '-1'::boolean;
SELECT '00'::boolean;
SELECT '01'::boolean;
SELECT '10'::boolean;
SELECT 'nope'::boolean;
SELECT 't rue'::boolean;
SELECT 'on '::boolean;
SELECT E'\t yes\n'::boolean;
SELECT true, false, TRUE AS t, FALSE AS f, NULL::boolean AS n;
SELECT boolean 't', bool 'f', CAST('yes' AS boolean), 'no'::bool;

-- Three-valued logic: every combination.
SELECT NOT true;
SELECT true AND true AS and_, true OR true AS or_;
SELECT true AND false AS and_, true OR false AS or_;
SELECT true AND NULL::boolean AS and_, true OR NULL::boolean AS or_;
SELECT NOT false;
SELECT false AND true AS and_, false OR true AS or_;
SELECT false AND false AS and_, false OR false AS or_;
SELECT false AND NULL::boolean AS and_, false OR NULL::boolean AS or_;
SELECT NOT NULL::boolean;
SELECT NULL::boolean AND true AS and_, NULL::boolean OR true AS or_;
SELECT NULL::boolean AND false AS and_, NULL::boolean OR false AS or_;
SELECT NULL::boolean AND NULL::boolean AS and_, NULL::boolean OR NULL::boolean AS or_;
SELECT true AND false OR true, true OR false AND false, NOT true OR true, NOT (true OR true);
SELECT NULL AND false, NULL OR true, NOT NULL;
SELECT true AND true AND NULL, false OR false OR NULL, true AND NULL AND false;

-- IS [NOT] TRUE / FALSE / UNKNOWN never yield NULL.
SELECT true IS TRUE, true IS NOT TRUE, true IS FALSE, true IS NOT FALSE, true IS UNKNOWN, true IS NOT UNKNOWN;
SELECT true IS NULL, true IS NOT NULL;
SELECT false IS TRUE, false IS NOT TRUE, false IS FALSE, false IS NOT FALSE, false IS UNKNOWN, false IS NOT UNKNOWN;
SELECT false IS NULL, false IS NOT NULL;
SELECT NULL::boolean IS TRUE, NULL::boolean IS NOT TRUE, NULL::boolean IS FALSE, NULL::boolean IS NOT FALSE, NULL::boolean IS UNKNOWN, NULL::boolean IS NOT UNKNOWN;
SELECT NULL::boolean IS NULL, NULL::boolean IS NOT NULL;
SELECT (1 < 2) IS TRUE, (1 > 2) IS FALSE, (1 < NULL) IS UNKNOWN;
SELECT 1 IS TRUE;
SELECT 'yes' IS TRUE;
SELECT 'maybe' IS TRUE;

-- Comparison and ordering: false < true.
SELECT true = true, true <> true, true < true, true <= true, true > true, true >= true;
SELECT true = false, true <> false, true < false, true <= false, true > false, true >= false;
SELECT false = true, false <> true, false < true, false <= true, false > true, false >= true;
SELECT false = false, false <> false, false < false, false <= false, false > false, false >= false;
SELECT true = 't', false = 'off', true < 'yes', 'f' < true;
SELECT true = 'x';
SELECT true IS DISTINCT FROM NULL, NULL::bool IS NOT DISTINCT FROM NULL, true IS DISTINCT FROM true;
SELECT true IN (false, true), false IN (true, NULL), false NOT IN (true);
SELECT true BETWEEN false AND true, false BETWEEN true AND true;

-- Operators that do not exist for boolean.
SELECT true + 1;
SELECT true + true;
SELECT -true;
SELECT NOT 1;
SELECT NOT 'x';
SELECT NOT 'true';
SELECT 1 AND true;
SELECT true AND 'f';
SELECT true AND 'maybe';
SELECT 't' OR 'f';
SELECT true = 1;
SELECT true < 1;

-- Casts.
SELECT true::int;
SELECT false::int;
SELECT 1::boolean;
SELECT 0::boolean;
SELECT 2::boolean;
SELECT -1::boolean;
SELECT true::text;
SELECT false::text;
SELECT true::varchar;
SELECT true::char(3);
SELECT true::char(10);
SELECT false::varchar(2);
SELECT 't'::text::boolean;
SELECT 'false'::varchar::boolean;
SELECT 'on'::char(2)::boolean;
SELECT '1'::text::bool;
SELECT 'x'::text::boolean;
SELECT ''::text::boolean;
SELECT 1::int8::boolean;
SELECT 1::int2::boolean;
SELECT true::int8;
SELECT true::int2;
SELECT true::float8;
SELECT 1.0::boolean;
SELECT 1.5::float8::boolean;
SELECT NULL::int::boolean;
SELECT CAST(true AS integer);
SELECT CAST(10 AS boolean);

-- Columns.
CREATE TABLE bool_t (id int PRIMARY KEY, b boolean, c bool NOT NULL);
INSERT INTO bool_t VALUES (1, true, true), (2, false, false), (3, NULL, true);
INSERT INTO bool_t VALUES (4, 'yes', 'no'), (5, 'off', 'ON'), (6, '1', '0');
INSERT INTO bool_t VALUES (7, 'maybe', true);
INSERT INTO bool_t VALUES (7, true, NULL);
INSERT INTO bool_t VALUES (7, 1, true);
INSERT INTO bool_t VALUES (7, 1::int::bool, 0::bool);
INSERT INTO bool_t VALUES (8, 1 > 0, 1 < 0), (9, NULL = 1, NOT false);
INSERT INTO bool_t (id, c) VALUES (10, 't');
SELECT * FROM bool_t ORDER BY id;
SELECT id FROM bool_t WHERE b ORDER BY id;
SELECT id FROM bool_t WHERE NOT b ORDER BY id;
SELECT id FROM bool_t WHERE b IS NOT TRUE ORDER BY id;
SELECT id FROM bool_t WHERE b IS UNKNOWN ORDER BY id;
SELECT id FROM bool_t WHERE b = c ORDER BY id;
SELECT id FROM bool_t WHERE b AND c ORDER BY id;
SELECT id FROM bool_t WHERE b OR c ORDER BY id;
SELECT id, b AND c, b OR c, NOT b FROM bool_t ORDER BY id;
SELECT id, b, c FROM bool_t ORDER BY b, c, id;
SELECT id, b FROM bool_t ORDER BY b DESC NULLS LAST, id;
SELECT b FROM bool_t WHERE id < 3 ORDER BY b;
SELECT count(*), count(b) FROM bool_t WHERE c;
SELECT id FROM bool_t WHERE b = 't' ORDER BY id;
SELECT id FROM bool_t WHERE b = 'maybe';
SELECT id FROM bool_t WHERE id;
SELECT id FROM bool_t WHERE 1;
SELECT id FROM bool_t WHERE 'true' ORDER BY id;
SELECT id FROM bool_t WHERE 'nope';
SELECT id FROM bool_t WHERE NULL;
UPDATE bool_t SET b = NOT b WHERE b IS NOT NULL;
UPDATE bool_t SET b = c WHERE b IS NULL;
UPDATE bool_t SET c = NULL WHERE id = 1;
UPDATE bool_t SET c = 'nah' WHERE id = 1;
SELECT * FROM bool_t ORDER BY id;
DELETE FROM bool_t WHERE b;
SELECT * FROM bool_t ORDER BY id;
DROP TABLE bool_t;
CREATE TABLE bool_pk (k boolean PRIMARY KEY, v int);
INSERT INTO bool_pk VALUES (true, 1), (false, 0);
INSERT INTO bool_pk VALUES ('yes', 2);
SELECT * FROM bool_pk ORDER BY k;
SELECT v FROM bool_pk WHERE k;
DROP TABLE bool_pk;
