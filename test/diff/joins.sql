-- joins.sql - every join form against PostgreSQL 15: INNER, LEFT, RIGHT,
-- FULL, CROSS, comma lists, USING (the merged column), NATURAL, self joins,
-- 3- to 5-way joins, non-equi conditions, ON vs WHERE for outer joins, NULL
-- and duplicate keys, empty inputs, mixed key types, LATERAL (subqueries and
-- functions in FROM run per left row), aggregates above joins, and the
-- name-resolution errors (42702, 42P01, 42P10, 42712). Statements that do not
-- match yet are in joins_pending.sql.
-- Unordered results are compared as multisets; ORDER BY only where the order
-- itself is probed.
CREATE TABLE jn_a (id int PRIMARY KEY, k int, v text);
CREATE TABLE jn_b (id int PRIMARY KEY, k int, w text);
CREATE TABLE jn_c (id int PRIMARY KEY, k int, z text NOT NULL);
CREATE TABLE jn_d (id int PRIMARY KEY, cid int, note text);
CREATE TABLE jn_e (id int PRIMARY KEY, k int);
CREATE TABLE jn_f (id int PRIMARY KEY, k int, flag boolean);
INSERT INTO jn_a VALUES (1, 1, 'a1'), (2, 2, 'a2'), (3, 2, 'a3'), (4, NULL, 'a4'), (5, 5, 'a5');
INSERT INTO jn_b VALUES (10, 2, 'b10'), (11, 2, 'b11'), (12, 3, 'b12'), (13, NULL, 'b13'), (14, 1, NULL);
INSERT INTO jn_c VALUES (20, 1, 'c20'), (21, 2, 'c21'), (22, 3, 'c22'), (23, 4, 'c23'), (24, NULL, 'c24');
INSERT INTO jn_d VALUES (30, 20, 'd30'), (31, 21, 'd31'), (32, 21, 'd32'), (33, 99, 'd33'), (34, NULL, 'd34');
INSERT INTO jn_f VALUES (40, 1, true), (41, 2, false), (42, 5, NULL), (43, NULL, true);

-- Inner join: many-to-many on duplicate keys (a.k=2 twice, b.k=2 twice gives 4 rows), NULL keys never match.
SELECT a.id, b.id FROM jn_a a JOIN jn_b b ON a.k = b.k;
SELECT a.id, b.id FROM jn_a a INNER JOIN jn_b b ON a.k = b.k ORDER BY a.id, b.id;
SELECT a.id, b.id FROM jn_a a INNER JOIN jn_b b ON a.k = b.k ORDER BY b.id DESC, a.id DESC;
SELECT * FROM jn_a a JOIN jn_b b ON a.k = b.k;
SELECT a.*, b.w FROM jn_a a JOIN jn_b b ON a.k = b.k;
SELECT b.*, a.* FROM jn_a a JOIN jn_b b ON a.k = b.k;
SELECT count(*) FROM jn_a a JOIN jn_b b ON a.k = b.k;
SELECT a.id, b.id FROM jn_a a JOIN jn_b b ON b.k = a.k;
SELECT a.id, b.id FROM jn_a a JOIN jn_b b ON a.k = b.k WHERE a.k IS NULL;
SELECT a.id, b.id FROM jn_a a JOIN jn_b b ON a.k = b.k OR (a.k IS NULL AND b.k IS NULL);
SELECT a.id, b.id FROM jn_a a JOIN jn_b b ON a.k IS NOT DISTINCT FROM b.k;
SELECT a.id, b.id FROM jn_a a JOIN jn_b b ON NOT (a.k <> b.k);
SELECT a.id, b.id FROM jn_a a JOIN jn_b b ON (a.k = b.k) IS NOT FALSE;
SELECT a.id, b.id FROM jn_a a JOIN jn_b b ON a.k = b.k AND a.v < 'a3';
SELECT a.id, b.id FROM jn_a a JOIN jn_b b ON a.k = b.k AND b.w IS NULL;
SELECT a.id, b.id FROM jn_a a JOIN jn_b b USING (k) WHERE b.w IS NULL;

-- LEFT / RIGHT / FULL: the preserved side keeps rows whose key is NULL or unmatched.
SELECT a.id, b.id FROM jn_a a LEFT JOIN jn_b b ON a.k = b.k;
SELECT a.id, a.k, b.id, b.k FROM jn_a a LEFT OUTER JOIN jn_b b ON a.k = b.k ORDER BY a.id, b.id;
SELECT a.id, b.id FROM jn_a a LEFT JOIN jn_b b ON a.k = b.k ORDER BY b.id NULLS FIRST, a.id;
SELECT a.id, b.id FROM jn_a a LEFT JOIN jn_b b ON a.k = b.k ORDER BY b.id DESC, a.id;
SELECT a.id, b.id FROM jn_a a RIGHT JOIN jn_b b ON a.k = b.k;
SELECT a.id, b.id FROM jn_a a RIGHT OUTER JOIN jn_b b ON a.k = b.k ORDER BY b.id, a.id;
SELECT a.id, b.id FROM jn_b b LEFT JOIN jn_a a ON a.k = b.k;
SELECT a.id, b.id FROM jn_a a FULL JOIN jn_b b ON a.k = b.k;
SELECT a.id, b.id FROM jn_a a FULL OUTER JOIN jn_b b ON a.k = b.k ORDER BY a.id, b.id;
SELECT a.id, b.id FROM jn_a a FULL JOIN jn_b b ON a.k = b.k ORDER BY a.id NULLS FIRST, b.id NULLS FIRST;
SELECT count(*), count(a.id), count(b.id) FROM jn_a a FULL JOIN jn_b b ON a.k = b.k;
SELECT count(*), count(a.id), count(b.id) FROM jn_a a LEFT JOIN jn_b b ON a.k = b.k;
SELECT count(*), count(a.id), count(b.id) FROM jn_a a RIGHT JOIN jn_b b ON a.k = b.k;
SELECT * FROM jn_a a LEFT JOIN jn_b b ON a.k = b.k WHERE a.id = 4;
SELECT b.* FROM jn_a a LEFT JOIN jn_b b ON a.k = b.k WHERE a.id = 5;

-- ON vs WHERE for outer joins: a condition in ON never removes preserved rows; in WHERE it does.
SELECT a.id, b.id FROM jn_a a LEFT JOIN jn_b b ON a.k = b.k AND b.id > 10;
SELECT a.id, b.id FROM jn_a a LEFT JOIN jn_b b ON a.k = b.k WHERE b.id > 10;
SELECT a.id, b.id FROM jn_a a LEFT JOIN jn_b b ON a.k = b.k AND a.id > 2;
SELECT a.id, b.id FROM jn_a a LEFT JOIN jn_b b ON a.k = b.k WHERE a.id > 2;
SELECT a.id, b.id FROM jn_a a LEFT JOIN jn_b b ON a.k = b.k AND a.id IN (1, 4);
SELECT a.id, b.id FROM jn_a a LEFT JOIN jn_b b ON a.k = b.k WHERE b.id IS NULL;
SELECT a.id, b.id FROM jn_a a LEFT JOIN jn_b b ON a.k = b.k AND b.id IS NULL;
SELECT a.id, b.id FROM jn_a a LEFT JOIN jn_b b ON a.k = b.k WHERE b.w IS NULL;
SELECT a.id, b.id FROM jn_a a LEFT JOIN jn_b b ON a.k = b.k WHERE coalesce(b.w, 'none') = 'none';
SELECT a.id, b.id FROM jn_a a LEFT JOIN jn_b b ON a.k = b.k WHERE b.w IS DISTINCT FROM 'b10';
SELECT a.id, b.id FROM jn_a a LEFT JOIN jn_b b ON a.k = b.k WHERE b.k IS NULL OR b.k = 2;
SELECT a.id, b.id FROM jn_a a LEFT JOIN jn_b b ON a.k = b.k WHERE NOT (b.id > 10);
SELECT a.id, b.id FROM jn_a a LEFT JOIN jn_b b ON a.k = b.k WHERE (b.id > 10) IS NOT TRUE;
SELECT a.id, b.id FROM jn_a a LEFT JOIN jn_b b ON a.k = b.k WHERE CASE WHEN b.id IS NULL THEN true ELSE b.id = 11 END;
SELECT a.id, b.id FROM jn_a a RIGHT JOIN jn_b b ON a.k = b.k AND b.k > 1;
SELECT a.id, b.id FROM jn_a a RIGHT JOIN jn_b b ON a.k = b.k WHERE a.id IS NULL;
SELECT a.id, b.id FROM jn_a a FULL JOIN jn_b b ON a.k = b.k AND a.id < 3;
SELECT a.id, b.id FROM jn_a a FULL JOIN jn_b b ON a.k = b.k AND b.id <> 10;
SELECT a.id, b.id FROM jn_a a FULL JOIN jn_b b ON a.k = b.k WHERE a.id IS NULL OR b.id IS NULL;
SELECT a.id, b.id FROM jn_a a FULL JOIN jn_b b ON a.k = b.k WHERE a.id > 1;
SELECT a.id, b.id FROM jn_a a FULL JOIN jn_b b ON a.k = b.k WHERE b.id < 12;

-- Constants and non-strict expressions from the null-extended side must be NULL for unmatched rows.
SELECT a.id, s.one FROM jn_a a LEFT JOIN (SELECT k, 1 AS one FROM jn_b) s ON a.k = s.k;
SELECT a.id, s.one FROM jn_a a LEFT JOIN (SELECT k, 1 AS one FROM jn_b) s ON a.k = s.k WHERE s.one IS NULL;
SELECT a.id, s.cw FROM jn_a a LEFT JOIN (SELECT k, coalesce(w, 'nul') AS cw FROM jn_b) s ON a.k = s.k;
SELECT a.id, s.isn FROM jn_a a LEFT JOIN (SELECT k, w IS NULL AS isn FROM jn_b) s ON a.k = s.k;
SELECT count(s.one), count(*) FROM jn_a a LEFT JOIN (SELECT k, 1 AS one FROM jn_b) s ON a.k = s.k;
SELECT a.id, b.id + 1, b.w || '!', coalesce(b.id, -1) FROM jn_a a LEFT JOIN jn_b b ON a.k = b.k;
SELECT a.id, s.one FROM jn_a a FULL JOIN (SELECT k, 'x'::text AS one FROM jn_b) s ON a.k = s.k;

-- Constant conditions: ON true is a cross join; ON false / ON NULL keep only what an outer join preserves.
SELECT count(*) FROM jn_a a JOIN jn_b b ON true;
SELECT a.id, b.id FROM jn_a a JOIN jn_b b ON false;
SELECT a.id, b.id FROM jn_a a LEFT JOIN jn_b b ON false;
SELECT a.id, b.id FROM jn_a a RIGHT JOIN jn_b b ON false;
SELECT a.id, b.id FROM jn_a a FULL JOIN jn_b b ON false;
SELECT a.id, b.id FROM jn_a a JOIN jn_b b ON NULL;
SELECT a.id, b.id FROM jn_a a LEFT JOIN jn_b b ON NULL::boolean;
SELECT a.id, b.id FROM jn_a a LEFT JOIN jn_b b ON 1 = 0;
SELECT a.id, b.id FROM jn_a a JOIN jn_b b ON 1;
SELECT a.id, b.id FROM jn_a a JOIN jn_b b ON 'yes';
SELECT a.id, b.id FROM jn_a a JOIN jn_b b ON a.v;

-- Conditions that reference one side only.
SELECT a.id, b.id FROM jn_a a JOIN jn_b b ON a.id = 1;
SELECT a.id, b.id FROM jn_a a JOIN jn_b b ON b.id = 12;
SELECT a.id, b.id FROM jn_a a LEFT JOIN jn_b b ON b.id = 12;
SELECT a.id, b.id FROM jn_a a LEFT JOIN jn_b b ON a.id = 1;
SELECT a.id, b.id FROM jn_a a RIGHT JOIN jn_b b ON a.id = 1;
SELECT a.id, b.id FROM jn_a a LEFT JOIN jn_b b ON a.k IS NULL;

-- Non-equi and expression conditions.
SELECT a.id, b.id FROM jn_a a JOIN jn_b b ON a.k < b.k;
SELECT a.id, b.id FROM jn_a a JOIN jn_b b ON a.k >= b.k;
SELECT a.id, b.id FROM jn_a a JOIN jn_b b ON a.k <> b.k;
SELECT a.id, b.id FROM jn_a a JOIN jn_b b ON a.k + 1 = b.k;
SELECT a.id, b.id FROM jn_a a LEFT JOIN jn_b b ON a.k + 1 = b.k;
SELECT a.id, b.id FROM jn_a a JOIN jn_b b ON a.k * 2 = b.k + 1;
SELECT a.id, b.id FROM jn_a a JOIN jn_b b ON a.k BETWEEN b.k - 1 AND b.k;
SELECT a.id, b.id FROM jn_a a JOIN jn_b b ON a.k = b.k OR a.id + 9 = b.id;
SELECT a.id, b.id FROM jn_a a LEFT JOIN jn_b b ON a.k = b.k OR b.k IS NULL;
SELECT a.id, b.id FROM jn_a a JOIN jn_b b ON a.k = b.k AND a.id + b.id > 13;
SELECT a.id, b.id FROM jn_a a JOIN jn_b b ON a.id % 2 = b.id % 2 AND a.k < b.k;
SELECT a.id, b.id FROM jn_a a JOIN jn_b b ON substr(a.v, 2) = substr(b.w, 3);
SELECT a.id, b.id FROM jn_a a JOIN jn_b b ON a.k IN (b.k, b.k + 3);
SELECT a.id, b.id FROM jn_a a JOIN jn_b b ON a.k = b.k AND b.id / (b.id - 10) > 0;
SELECT a.id, b.id FROM jn_a a FULL JOIN jn_b b ON a.k = b.k + 0;

-- CROSS JOIN and comma lists.
SELECT count(*) FROM jn_a CROSS JOIN jn_b;
SELECT a.id, b.id FROM jn_a a CROSS JOIN jn_b b WHERE a.id = 1;
SELECT a.id, b.id FROM jn_a a, jn_b b WHERE a.k = b.k;
SELECT a.id, b.id FROM jn_a a, jn_b b WHERE a.k = b.k AND b.id < 12;
SELECT a.id, b.id, c.id FROM jn_a a, jn_b b, jn_c c WHERE a.k = b.k AND b.k = c.k;
SELECT count(*) FROM jn_a, jn_b, jn_e;
SELECT count(*) FROM jn_a a1, jn_a a2, jn_a a3;
SELECT count(*) FROM jn_a, jn_b WHERE jn_a.k = jn_b.k;
SELECT a.id, b.id FROM jn_a a, jn_b b WHERE a.k = b.k OR a.k IS NULL;
SELECT a.id, g FROM jn_a a, generate_series(1, 2) g WHERE a.id < 3;
SELECT a.id, x.c FROM jn_a a, (VALUES (1), (2)) x(c) WHERE a.k = x.c;
-- A comma binds looser than JOIN: ON cannot see a table left of the comma.
SELECT 1 FROM jn_a a, jn_b b JOIN jn_c c ON a.k = c.k;
SELECT count(*) FROM jn_a a, jn_b b JOIN jn_c c ON b.k = c.k;

-- USING: one merged column first, unqualified; LEFT takes the left value, RIGHT the right, FULL COALESCE.
SELECT * FROM jn_a JOIN jn_b USING (k);
SELECT * FROM jn_a JOIN jn_b USING (id);
SELECT * FROM jn_a JOIN jn_b USING (id, k);
SELECT k FROM jn_a JOIN jn_b USING (k);
SELECT k, jn_a.k, jn_b.k FROM jn_a JOIN jn_b USING (k);
SELECT * FROM jn_a LEFT JOIN jn_b USING (k);
SELECT * FROM jn_a RIGHT JOIN jn_b USING (k);
SELECT * FROM jn_a FULL JOIN jn_b USING (k);
SELECT k, jn_a.k AS ak, jn_b.k AS bk FROM jn_a FULL JOIN jn_b USING (k);
SELECT k, a.id, b.id FROM jn_a a FULL JOIN jn_b b USING (k) ORDER BY k NULLS FIRST, a.id NULLS FIRST, b.id NULLS FIRST;
SELECT k, count(*) FROM jn_a FULL JOIN jn_b USING (k) GROUP BY k;
SELECT count(*) FROM jn_a FULL JOIN jn_b USING (k) WHERE k IS NULL;
SELECT k FROM jn_a RIGHT JOIN jn_b USING (k) WHERE jn_a.k IS NULL;
SELECT k FROM jn_a LEFT JOIN jn_b USING (k) WHERE jn_b.k IS NULL;
SELECT a.id, b.id FROM jn_a a JOIN jn_b b USING (k) WHERE k > 1;
SELECT * FROM jn_a JOIN jn_b USING (k) JOIN jn_c USING (k);
SELECT k FROM jn_a FULL JOIN jn_b USING (k) FULL JOIN jn_c USING (k);
SELECT * FROM jn_a JOIN jn_b USING (nope);
SELECT * FROM jn_a JOIN jn_c USING (w);
SELECT * FROM jn_a JOIN jn_b USING (k, k);
SELECT id FROM jn_a JOIN jn_b USING (k);
SELECT * FROM jn_a a JOIN jn_b USING (k) JOIN jn_c USING (id);

-- NATURAL: joins on every common column name; no common column is a cross join.
CREATE TABLE jn_n1 (k int, v text);
CREATE TABLE jn_n2 (k int, w text);
CREATE TABLE jn_n3 (q int);
INSERT INTO jn_n1 VALUES (1, 'x'), (2, 'y'), (NULL, 'z'), (2, 'yy');
INSERT INTO jn_n2 VALUES (2, 'p'), (3, 'q'), (NULL, 'r');
INSERT INTO jn_n3 VALUES (7), (8);
SELECT * FROM jn_n1 NATURAL JOIN jn_n2;
SELECT * FROM jn_n1 NATURAL LEFT JOIN jn_n2;
SELECT * FROM jn_n1 NATURAL RIGHT JOIN jn_n2;
SELECT * FROM jn_n1 NATURAL FULL JOIN jn_n2;
SELECT * FROM jn_n1 NATURAL JOIN jn_n3;
SELECT * FROM jn_a NATURAL JOIN jn_b;
SELECT * FROM jn_a NATURAL JOIN jn_e;
SELECT * FROM jn_n1 NATURAL JOIN jn_n1 x;
SELECT * FROM jn_n1 a NATURAL JOIN (SELECT k, 'x' AS v FROM jn_n2) s;

-- Self joins and table aliases.
SELECT x.id, y.id FROM jn_a x JOIN jn_a y ON x.k = y.k AND x.id < y.id;
SELECT x.id, y.id FROM jn_a x JOIN jn_a y ON x.k = y.k;
SELECT x.id, y.id FROM jn_a x JOIN jn_a y ON x.id = y.id + 1;
SELECT x.id, y.id FROM jn_a x LEFT JOIN jn_a y ON y.id = x.id + 1;
SELECT x.id AS pid, y.id AS nid FROM jn_a x LEFT JOIN jn_a y ON y.id = x.id - 1 ORDER BY x.id;
SELECT jn_a.id, y.id FROM jn_a JOIN jn_a y ON jn_a.id = y.id;
SELECT * FROM jn_a JOIN jn_a ON true;
SELECT * FROM jn_a a JOIN jn_b a ON true;
SELECT * FROM jn_a, jn_a;
SELECT 1 FROM jn_a a, jn_a b, jn_b a;
SELECT jn_a.id FROM jn_a a;
SELECT jn_a.id FROM jn_a a JOIN jn_b b ON true;
SELECT a.id FROM jn_a a JOIN jn_b b ON jn_b.k = a.k;
SELECT jn_b.id FROM jn_a;
SELECT zz.id FROM jn_a a JOIN jn_b b ON true;
SELECT a.nope FROM jn_a a JOIN jn_b b ON true;
SELECT nope FROM jn_a a JOIN jn_b b ON true;
SELECT x, y FROM jn_a AS a(x, y) JOIN jn_b AS b(x) ON a.x + 9 = b.x;
SELECT * FROM jn_a AS a(x) JOIN jn_b AS b(x) USING (x);
SELECT * FROM jn_a AS a(p, q, r) JOIN jn_b AS b(p, q) USING (q);
SELECT a.id FROM jn_a AS a(p, q, r);
SELECT * FROM jn_a AS a(p, q, r, s);

-- Ambiguous columns (42702) and references to tables not in FROM (42P01).
SELECT id FROM jn_a, jn_b;
SELECT k FROM jn_a a JOIN jn_b b ON a.k = b.k;
SELECT a.id FROM jn_a a JOIN jn_b b ON a.k = b.k WHERE id = 1;
SELECT 1 FROM jn_a a JOIN jn_b b ON id = 10;
SELECT v, w, z FROM jn_a a JOIN jn_b b ON a.k = b.k JOIN jn_c c ON c.k = b.k;
SELECT a.id FROM jn_a a JOIN jn_b b ON a.k = b.k ORDER BY k;
SELECT a.id AS x, b.id AS x FROM jn_a a JOIN jn_b b ON a.k = b.k ORDER BY x;
SELECT a.id FROM jn_a a JOIN jn_b b ON a.k = b.k ORDER BY id;
SELECT a.id, b.id FROM jn_a a JOIN jn_b b ON a.k = b.k ORDER BY id;
SELECT 1 FROM jn_a a JOIN jn_b b ON a.k = c.k JOIN jn_c c ON true;
SELECT 1 FROM jn_a a JOIN jn_b b ON a.k = b.k WHERE c.k = 1;
SELECT 1 FROM jn_a a JOIN (jn_b b JOIN jn_c c ON a.k = c.k) ON true;

-- 3- to 5-way joins; outer joins above and below inner joins; parenthesised join trees.
SELECT a.id, b.id, c.id FROM jn_a a JOIN jn_b b ON a.k = b.k JOIN jn_c c ON b.k = c.k;
SELECT a.id, b.id, c.id FROM jn_a a LEFT JOIN jn_b b ON a.k = b.k LEFT JOIN jn_c c ON c.k = b.k;
SELECT a.id, b.id, c.id FROM jn_a a LEFT JOIN jn_b b ON a.k = b.k LEFT JOIN jn_c c ON c.k = a.k;
SELECT a.id, b.id, c.id FROM jn_a a LEFT JOIN jn_b b ON a.k = b.k JOIN jn_c c ON c.k = b.k;
SELECT a.id, b.id, c.id FROM jn_a a LEFT JOIN jn_b b ON a.k = b.k JOIN jn_c c ON c.k = a.k;
SELECT a.id, b.id, c.id FROM jn_a a LEFT JOIN (jn_b b JOIN jn_c c ON b.k = c.k) ON a.k = b.k;
SELECT a.id, b.id, c.id FROM jn_a a LEFT JOIN (jn_b b LEFT JOIN jn_c c ON b.k + 1 = c.k) ON a.k = b.k;
SELECT a.id, b.id, c.id FROM (jn_a a LEFT JOIN jn_b b ON a.k = b.k) RIGHT JOIN jn_c c ON c.k = b.k;
SELECT a.id, b.id, c.id FROM jn_a a FULL JOIN jn_b b ON a.k = b.k FULL JOIN jn_c c ON coalesce(a.k, b.k) = c.k;
SELECT a.id, b.id, c.id FROM jn_a a RIGHT JOIN jn_b b ON a.k = b.k RIGHT JOIN jn_c c ON b.k = c.k;
SELECT a.id, b.id, c.id FROM jn_a a JOIN jn_b b ON a.k = b.k RIGHT JOIN jn_c c ON a.k = c.k;
SELECT c.id, d.id FROM jn_c c LEFT JOIN jn_d d ON d.cid = c.id;
SELECT c.id, d.id FROM jn_c c FULL JOIN jn_d d ON d.cid = c.id;
SELECT a.id, c.id, d.id FROM jn_a a JOIN jn_c c ON c.k = a.k LEFT JOIN jn_d d ON d.cid = c.id;
SELECT a.id, b.id, c.id, d.id FROM jn_a a JOIN jn_b b ON a.k = b.k JOIN jn_c c ON c.k = b.k JOIN jn_d d ON d.cid = c.id;
SELECT a.id, b.id, c.id, d.id, f.id FROM jn_a a JOIN jn_b b ON a.k = b.k JOIN jn_c c ON c.k = b.k JOIN jn_d d ON d.cid = c.id JOIN jn_f f ON f.k = a.k;
SELECT a.id, b.id, c.id, d.id, f.id FROM jn_a a LEFT JOIN jn_b b ON a.k = b.k LEFT JOIN jn_c c ON c.k = a.k LEFT JOIN jn_d d ON d.cid = c.id LEFT JOIN jn_f f ON f.k = a.k;
SELECT a.id, f.id FROM jn_a a JOIN jn_f f ON f.k = a.k AND f.flag;
SELECT a.id, f.id FROM jn_a a LEFT JOIN jn_f f ON f.k = a.k AND f.flag;
SELECT a.id, f.id FROM jn_a a LEFT JOIN jn_f f ON f.k = a.k WHERE f.flag IS NOT TRUE;
SELECT a.id, f.id FROM jn_a a LEFT JOIN jn_f f ON f.k = a.k AND NOT f.flag;
SELECT count(*) FROM jn_a a JOIN jn_b b ON a.k = b.k JOIN jn_c c ON c.k = a.k JOIN jn_d d ON d.cid = c.id;

-- Empty tables on either side.
SELECT * FROM jn_a a JOIN jn_e e ON a.k = e.k;
SELECT a.id, e.id FROM jn_a a LEFT JOIN jn_e e ON a.k = e.k;
SELECT a.id, e.id FROM jn_e e LEFT JOIN jn_a a ON a.k = e.k;
SELECT a.id, e.id FROM jn_a a RIGHT JOIN jn_e e ON a.k = e.k;
SELECT a.id, e.id FROM jn_e e RIGHT JOIN jn_a a ON a.k = e.k;
SELECT a.id, e.id FROM jn_a a FULL JOIN jn_e e ON a.k = e.k;
SELECT a.id, e.id FROM jn_e e FULL JOIN jn_a a ON a.k = e.k;
SELECT count(*) FROM jn_a CROSS JOIN jn_e;
SELECT count(*) FROM jn_e CROSS JOIN jn_a;
SELECT count(*) FROM jn_a a LEFT JOIN jn_e e ON true;
SELECT * FROM jn_e x JOIN jn_e y USING (k);
SELECT * FROM jn_e x FULL JOIN jn_e y USING (k);
SELECT count(*), sum(a.id) FROM jn_a a JOIN jn_e e ON true;
SELECT a.id, b.id, e.id FROM jn_a a JOIN jn_b b ON a.k = b.k LEFT JOIN jn_e e ON e.k = a.k;
SELECT a.id, b.id FROM jn_a a JOIN jn_b b ON a.k = b.k LEFT JOIN jn_e e ON e.k = a.k WHERE e.id IS NULL;

-- Mixed key types: int2/int4/int8, int = numeric, int = float8, text = varchar, char(n) padding, big int8 keys.
CREATE TABLE jn_m1 (id int PRIMARY KEY, i2 int2, i4 int4, i8 int8, n numeric, f float8, t text, vc varchar(5), c char(3));
CREATE TABLE jn_m2 (id int PRIMARY KEY, i2 int2, i4 int4, i8 int8, n numeric, f float8, t text, vc varchar(5), c char(3));
INSERT INTO jn_m1 VALUES (1, 1, 1, 1, 1.0, 1.0, 'x', 'x', 'x'), (2, 2, 2, 4294967298, 2.5, 2.5, 'y ', 'y ', 'y'),
  (3, NULL, 3, 3, 3.00, 0.1, 'z', 'z', 'z  '), (4, 4, NULL, -1, NULL, NULL, NULL, NULL, NULL);
INSERT INTO jn_m2 VALUES (1, 1, 1, 1, 1, 1, 'x', 'x', 'x'), (2, 2, 2, 2, 2.50, 2.5, 'y', 'y', 'y '),
  (3, 3, 3, 3, 3, 0.3, 'z  ', 'z  ', 'z'), (4, -1, -1, 4294967295, 4.0, -1, '', '', '');
SELECT x.id, y.id FROM jn_m1 x JOIN jn_m2 y ON x.i4 = y.i8;
SELECT x.id, y.id FROM jn_m1 x JOIN jn_m2 y ON x.i8 = y.i4;
SELECT x.id, y.id FROM jn_m1 x JOIN jn_m2 y ON x.i2 = y.i8;
SELECT x.id, y.id FROM jn_m1 x JOIN jn_m2 y ON x.i8 = y.i8;
SELECT x.id, y.id FROM jn_m1 x JOIN jn_m2 y ON x.i8::int4 = y.i4;
SELECT x.id, y.id FROM jn_m1 x JOIN jn_m2 y ON x.i4 = y.n;
SELECT x.id, y.id FROM jn_m1 x JOIN jn_m2 y ON x.n = y.n;
SELECT x.id, y.id FROM jn_m1 x JOIN jn_m2 y ON x.n = y.i4;
SELECT x.id, y.id FROM jn_m1 x JOIN jn_m2 y ON x.i4 = y.f;
SELECT x.id, y.id FROM jn_m1 x JOIN jn_m2 y ON x.f = y.f;
SELECT x.id, y.id FROM jn_m1 x JOIN jn_m2 y ON x.n = y.f;
SELECT x.id, y.id FROM jn_m1 x JOIN jn_m2 y ON x.f * 3 = y.f;
SELECT x.id, y.id FROM jn_m1 x JOIN jn_m2 y ON x.t = y.t;
SELECT x.id, y.id FROM jn_m1 x JOIN jn_m2 y ON x.t = y.vc;
SELECT x.id, y.id FROM jn_m1 x JOIN jn_m2 y ON x.vc = y.vc;
SELECT x.id, y.id FROM jn_m1 x JOIN jn_m2 y ON x.c = y.c;
SELECT x.id, y.id FROM jn_m1 x JOIN jn_m2 y ON x.c = y.t;
SELECT x.id, y.id FROM jn_m1 x JOIN jn_m2 y ON x.t = y.c;
SELECT x.id, y.id FROM jn_m1 x JOIN jn_m2 y ON x.c = y.vc;
SELECT x.id, y.id FROM jn_m1 x JOIN jn_m2 y ON x.c::text = y.t;
SELECT x.id, y.id FROM jn_m1 x JOIN jn_m2 y ON x.i4 = y.t;
SELECT x.id, y.id FROM jn_m1 x JOIN jn_m2 y ON x.i4::text = y.t;
SELECT i8, pg_typeof(i8) FROM jn_m1 JOIN (SELECT id, i4 AS i8 FROM jn_m2) s USING (i8);
SELECT n, pg_typeof(n) FROM (SELECT i4 AS n FROM jn_m1) s JOIN jn_m2 USING (n);
SELECT n, pg_typeof(n) FROM jn_m2 JOIN (SELECT i4 AS n FROM jn_m1) s USING (n);
SELECT n FROM (SELECT i4 AS n FROM jn_m1) s FULL JOIN jn_m2 USING (n);
SELECT c, pg_typeof(c) FROM jn_m1 JOIN jn_m2 USING (c);
SELECT t, pg_typeof(t) FROM (SELECT c AS t FROM jn_m1) s JOIN jn_m2 USING (t);
SELECT t FROM (SELECT vc AS t FROM jn_m1) s JOIN jn_m2 USING (t);
SELECT * FROM (SELECT i4 AS t FROM jn_m1) s JOIN jn_m2 USING (t);
SELECT x.i8, y.i8 FROM generate_series(4294967296, 4294967300) x(i8) JOIN generate_series(1, 5) y(i8) ON x.i8 = y.i8;
SELECT count(*) FROM generate_series(4294967296, 4294967300) x(i8) JOIN jn_m2 y ON x.i8 = y.i8 + 1;
SELECT x.id, y.id FROM jn_m1 x JOIN jn_m2 y ON x.i8 = y.i8 + 3;

-- Numbers of rows beyond a toy size: hash buckets, duplicates, NULLs.
SELECT count(*), sum(x), sum(y) FROM generate_series(1, 300) x JOIN generate_series(1, 300) y ON x = y;
SELECT count(*) FROM generate_series(1, 200) x JOIN generate_series(1, 200) y ON x % 10 = y % 10;
SELECT count(*), count(y) FROM generate_series(1, 200) x LEFT JOIN generate_series(1, 300, 3) y ON x = y;
SELECT count(*), count(x), count(y) FROM generate_series(1, 200, 2) x FULL JOIN generate_series(1, 200, 3) y ON x = y;
SELECT count(*) FROM generate_series(1, 100) x JOIN generate_series(1, 100) y ON x < y;
SELECT count(*) FROM (SELECT CASE WHEN g % 3 = 0 THEN NULL ELSE g % 7 END AS k FROM generate_series(1, 100) g) x JOIN (SELECT CASE WHEN g % 5 = 0 THEN NULL ELSE g % 7 END AS k FROM generate_series(1, 100) g) y USING (k);

-- LATERAL: subqueries and set-returning functions that see the row to their left.
SELECT a.id, g FROM jn_a a, LATERAL generate_series(1, a.id) g;
SELECT a.id, g FROM jn_a a, generate_series(1, a.id) g;
SELECT a.id, g FROM jn_a a CROSS JOIN LATERAL generate_series(1, a.k) g;
SELECT a.id, g FROM jn_a a LEFT JOIN LATERAL generate_series(1, a.k) g ON true;
SELECT a.id, g FROM jn_a a LEFT JOIN LATERAL generate_series(1, a.k) g ON g > 1;
SELECT a.id, g FROM jn_a a JOIN LATERAL generate_series(a.k, 2) g ON true;
SELECT a.id, u FROM jn_a a, unnest(ARRAY[a.k, a.id]) u;
SELECT a.id, u, o FROM jn_a a, unnest(ARRAY[a.v, 'z']) WITH ORDINALITY AS x(u, o);
SELECT a.id, x, y FROM jn_a a, unnest(ARRAY[a.id, a.id * 2], ARRAY['p']) AS u(x, y);
SELECT a.id, s.c FROM jn_a a, LATERAL (SELECT count(*) AS c FROM jn_b b WHERE b.k = a.k) s;
SELECT a.id, s.c FROM jn_a a, LATERAL (SELECT count(*) AS c FROM jn_b b WHERE b.k = a.k GROUP BY b.k) s;
SELECT a.id, s.m FROM jn_a a, LATERAL (SELECT max(b.id) AS m FROM jn_b b WHERE b.k = a.k) s;
SELECT a.id, s.w FROM jn_a a LEFT JOIN LATERAL (SELECT b.w FROM jn_b b WHERE b.k = a.k ORDER BY b.id LIMIT 1) s ON true;
SELECT a.id, s.id FROM jn_a a JOIN LATERAL (SELECT b.id FROM jn_b b WHERE b.k = a.k ORDER BY b.id DESC LIMIT 1) s ON true;
SELECT a.id, s.id FROM jn_a a JOIN LATERAL (SELECT b.id FROM jn_b b WHERE b.k >= a.k ORDER BY b.id LIMIT 2) s ON s.id > 10;
SELECT a.id, s.x, t.y FROM jn_a a, LATERAL (SELECT a.id * 10 AS x) s, LATERAL (SELECT s.x + 1 AS y) t;
SELECT a.id, s.x FROM jn_a a LEFT JOIN LATERAL (SELECT a.id AS x WHERE a.k > 1) s ON true;
SELECT * FROM jn_a a, (SELECT * FROM jn_b b WHERE b.k = a.k) s;
SELECT * FROM LATERAL (SELECT a.id) s, jn_a a;
SELECT 1 FROM jn_a a RIGHT JOIN LATERAL (SELECT a.id) s ON true;
SELECT 1 FROM jn_a a FULL JOIN LATERAL (SELECT a.id) s ON true;

-- Aggregates and GROUP BY above joins: count(col) vs count(*) over null-extended rows.
SELECT a.id, count(b.id), count(*) FROM jn_a a LEFT JOIN jn_b b ON a.k = b.k GROUP BY a.id;
SELECT a.k, count(*), sum(b.id) FROM jn_a a JOIN jn_b b ON a.k = b.k GROUP BY a.k;
SELECT b.k, sum(a.id), min(a.v), max(b.w) FROM jn_a a RIGHT JOIN jn_b b ON a.k = b.k GROUP BY b.k;
SELECT a.id, count(b.id) FROM jn_a a LEFT JOIN jn_b b ON a.k = b.k GROUP BY a.id HAVING count(b.id) = 0;
SELECT count(DISTINCT a.id), count(DISTINCT b.id) FROM jn_a a JOIN jn_b b ON a.k = b.k;
SELECT sum(a.id * b.id) FROM jn_a a CROSS JOIN jn_b b;
SELECT DISTINCT a.k FROM jn_a a JOIN jn_b b ON a.k = b.k;
SELECT DISTINCT b.w FROM jn_a a LEFT JOIN jn_b b ON a.k = b.k;
SELECT c.id, count(d.id) AS n FROM jn_c c LEFT JOIN jn_d d ON d.cid = c.id GROUP BY c.id ORDER BY n DESC, c.id;
SELECT s.k, s.n, c.id FROM (SELECT k, count(*) AS n FROM jn_b GROUP BY k) s JOIN jn_c c ON c.k = s.k;
SELECT s.k, s.n, a.id FROM jn_a a LEFT JOIN (SELECT k, count(*) AS n FROM jn_b GROUP BY k) s ON s.k = a.k;

-- ORDER BY and LIMIT over joins.
SELECT a.id, b.id FROM jn_a a JOIN jn_b b ON a.k = b.k ORDER BY b.id DESC, a.id LIMIT 3;
SELECT a.id, b.id FROM jn_a a JOIN jn_b b ON a.k = b.k ORDER BY a.id + b.id, a.id LIMIT 2 OFFSET 1;
SELECT a.v, b.w FROM jn_a a LEFT JOIN jn_b b ON a.k = b.k ORDER BY b.w NULLS FIRST, a.v;
SELECT a.v, b.w FROM jn_a a FULL JOIN jn_b b ON a.k = b.k ORDER BY coalesce(a.v, b.w, '~'), b.w;


-- LATERAL over more shapes: chains, aggregates, LIMIT, VALUES, UNION, errors on the right side,
-- outputs past a batch, laterals inside correlated subqueries, the RIGHT JOIN rules.
CREATE TABLE jn_la (id int PRIMARY KEY, k int, v text);
CREATE TABLE jn_lb (id int PRIMARY KEY, k int, w text);
INSERT INTO jn_la VALUES (1, 1, 'a1'), (2, 2, 'a2'), (3, 2, 'a3'), (4, NULL, 'a4'), (5, 5, 'a5');
INSERT INTO jn_lb VALUES (10, 2, 'b10'), (11, 2, 'b11'), (12, 3, 'b12'), (13, NULL, 'b13'), (14, 1, NULL);
SELECT count(*), sum(g) FROM generate_series(1, 300) x, generate_series(1, x) g;
SELECT count(*), sum(g), count(g) FROM generate_series(1, 3000) x LEFT JOIN LATERAL generate_series(x, x + (x % 3) - 1) g ON true;
SELECT x, g FROM generate_series(1, 3) x LEFT JOIN LATERAL generate_series(1, x - 1) g ON true;
SELECT a.id, s.c, t.d FROM jn_la a, LATERAL (SELECT count(*) AS c FROM jn_lb b WHERE b.k = a.k) s, LATERAL (SELECT s.c * 2 + a.id AS d) t;
SELECT a.id, (SELECT sum(g) FROM generate_series(1, a.id) g) FROM jn_la a;
SELECT a.id, (SELECT max(s.w) FROM jn_lb b, LATERAL (SELECT b.w || a.v AS w) s WHERE b.k = a.k) FROM jn_la a;
SELECT a.id, s.* FROM jn_la a LEFT JOIN LATERAL (SELECT b.id AS bid, b.w FROM jn_lb b WHERE b.k = a.k) s ON s.bid > 10;
SELECT a.id, s.* FROM jn_la a JOIN LATERAL (SELECT b.id AS bid, b.w FROM jn_lb b WHERE b.k = a.k) s ON s.bid > 10 WHERE a.id > 1;
SELECT a.id, s.* FROM jn_la a, LATERAL (SELECT b.id AS bid FROM jn_lb b WHERE b.k = a.k) s WHERE s.bid + a.id > 13;
SELECT a.id, g FROM jn_la a, generate_series(1, a.id) g WHERE g > 3 ORDER BY a.id, g;
SELECT a.id, g, b.id FROM jn_la a JOIN jn_lb b ON a.k = b.k, generate_series(a.id, b.id / 5) g;
SELECT a.id, g FROM jn_la a, LATERAL generate_series(1, a.id) g, jn_lb b WHERE b.id = g + 9;
SELECT * FROM jn_la a, LATERAL (SELECT * FROM jn_lb b WHERE b.k = a.k ORDER BY b.id DESC LIMIT 1) s ORDER BY a.id;
SELECT a.id, s.k, s.n FROM jn_la a, LATERAL (SELECT b.k, count(*) AS n FROM jn_lb b WHERE b.id > a.id + 8 GROUP BY b.k) s;
SELECT a.id, x FROM jn_la a, LATERAL (VALUES (a.id), (a.k)) v(x);
SELECT a.id, x FROM jn_la a, LATERAL (SELECT a.id UNION ALL SELECT a.k) v(x);
SELECT a.id, s.z FROM jn_la a, LATERAL (SELECT 1 / (a.id - 3) AS z) s;
SELECT a.id, s.z FROM jn_la a, LATERAL (SELECT a.k / 0 AS z) s WHERE a.id = 4;
SELECT a.id FROM jn_la a, LATERAL (SELECT a.id AS q WHERE false) s;
SELECT a.id, s.q FROM jn_la a LEFT JOIN LATERAL (SELECT a.id AS q WHERE false) s ON true;
SELECT x.id, y.u FROM jn_la x, LATERAL (SELECT u FROM unnest(ARRAY[x.id, x.k]) u WHERE u IS NOT NULL) y;
SELECT count(*) FROM jn_la a, jn_lb b, LATERAL (SELECT a.id + b.id AS s) t WHERE t.s % 2 = 0;
SELECT a.id, t.s FROM jn_la a LEFT JOIN jn_lb b ON a.k = b.k, LATERAL (SELECT coalesce(b.id, -a.id) AS s) t;
SELECT a.id, t.s FROM jn_la a RIGHT JOIN jn_lb b ON a.k = b.k, LATERAL (SELECT coalesce(a.id, -b.id) AS s) t;
SELECT 1 FROM jn_la a FULL JOIN generate_series(1, a.id) g ON true;
SELECT 1 FROM jn_la a RIGHT JOIN LATERAL generate_series(1, a.id) g ON true;
SELECT 1 FROM jn_la a, jn_lb b RIGHT JOIN LATERAL (SELECT b.id) s ON true;
SELECT a.id, s.bid FROM jn_la a, jn_lb b RIGHT JOIN LATERAL (SELECT a.id AS bid) s ON s.bid = b.id - 9;
SELECT 1 FROM jn_la a, LATERAL (SELECT a.nope) s;
SELECT 1 FROM jn_la a, LATERAL (SELECT nope.id) s;
SELECT 1 FROM jn_la a JOIN LATERAL (SELECT b.id FROM jn_lb b WHERE b.k = a.k) s ON a.id = b.id;
SELECT a.id, (SELECT count(*) FROM generate_series(1, a.id) g, LATERAL generate_series(g, a.id) h) FROM jn_la a;
SELECT a.id, g FROM jn_la a, generate_series(1, 2) g WHERE a.id < 3;
SELECT a.id, g FROM jn_la a, LATERAL generate_series(1, 2) g WHERE a.id < 3;
SELECT a.id, x FROM jn_la a, LATERAL (SELECT a.k) s(x);
SELECT a.id, x.k FROM jn_la a, LATERAL (SELECT * FROM jn_lb WHERE jn_lb.k = a.k) x WHERE x.id IS NOT NULL;
DROP TABLE jn_la, jn_lb;


-- FULL JOIN needs a hashable / mergeable condition (0A000 otherwise); a constant FALSE conjunct decides the ON alone.
SELECT a.id, b.id FROM jn_a a FULL JOIN jn_b b ON a.id = 1 AND b.id = 12;
SELECT a.id, b.id FROM jn_a a JOIN jn_b b ON b.id / 0 = 1 AND false;
SELECT a.id, b.id FROM jn_a a FULL JOIN jn_b b ON a.k < b.k;

CREATE TABLE jn_fa (id int, k int, arr int[]);
CREATE TABLE jn_fb (id int, k int, arr int[]);
INSERT INTO jn_fa VALUES (1, 1, '{1}'), (2, 2, '{2}');
INSERT INTO jn_fb VALUES (1, 2, '{2}'), (3, 3, '{3}');
SELECT * FROM jn_fa a FULL JOIN jn_fb b ON a.id = 1 AND b.id = 12;
SELECT * FROM jn_fa a FULL JOIN jn_fb b ON true;
SELECT * FROM jn_fa a FULL JOIN jn_fb b ON 1 = 0;
SELECT * FROM jn_fa a FULL JOIN jn_fb b ON NULL;
SELECT * FROM jn_fa a FULL JOIN jn_fb b ON a.k = b.k AND a.id = 1;
SELECT * FROM jn_fa a FULL JOIN jn_fb b ON a.k = b.k OR a.id = 1;
SELECT * FROM jn_fa a FULL JOIN jn_fb b ON a.k IS NOT DISTINCT FROM b.k;
SELECT * FROM jn_fa a FULL JOIN jn_fb b ON a.arr = b.arr;
SELECT * FROM jn_fa a FULL JOIN jn_fb b ON a.k = a.id;
SELECT * FROM jn_fa a FULL JOIN jn_fb b ON a.k = b.k AND a.k = a.id;
SELECT * FROM jn_fa a FULL JOIN jn_fb b ON a.k + b.k = 3;
SELECT * FROM jn_fa a FULL JOIN jn_fb b ON random() > 2;
SELECT * FROM jn_fa a FULL JOIN jn_fb b ON now() < '2000-01-01';
SELECT * FROM jn_fa a FULL JOIN jn_fb b ON a.k = b.k AND random() > 2;
SELECT * FROM jn_fa a FULL JOIN jn_fb b ON a.k::text = b.k::text;
SELECT * FROM jn_fa a FULL JOIN jn_fb b ON a.k = 1;
SELECT * FROM jn_fa a FULL JOIN jn_fb b ON (a.k = b.k) = true;
SELECT * FROM jn_fa a FULL JOIN jn_fb b ON a.k = b.k AND false;
SELECT * FROM jn_fa a FULL JOIN jn_fb b ON a.k = b.k AND NULL;
SELECT * FROM jn_fa a FULL JOIN jn_fb b ON 1 = 1 AND a.k < b.k;
SELECT * FROM jn_fa a FULL JOIN jn_fb b ON a.k < b.k AND false;
SELECT * FROM jn_fa a FULL JOIN jn_fb b USING (k);
SELECT * FROM jn_fa jn_fa a NATURAL FULL JOIN b;
SELECT * FROM jn_fa a JOIN jn_fb b ON b.id / 0 = 1 AND NULL;
SELECT * FROM jn_fa a LEFT JOIN jn_fb b ON b.id / 0 = 1 AND false;
SELECT * FROM jn_fa a FULL JOIN jn_fb b ON b.id / 0 = 1 AND false;
SELECT * FROM jn_fa a JOIN jn_fb b ON false AND b.id / 0 = 1;
SELECT * FROM jn_fa a JOIN jn_fb b ON (b.id / 0 = 1 AND false) OR false;
SELECT * FROM jn_fa a JOIN jn_fb b ON b.id / 0 = 1 AND (false AND true);
SELECT * FROM jn_fa a JOIN jn_fb b ON b.id / 0 = 1 AND NULL::boolean;
SELECT * FROM jn_fa a LEFT JOIN jn_fb b ON a.id / 0 = 1 AND false;
SELECT * FROM jn_fa a JOIN jn_fb b ON a.k = b.k AND false AND b.id / 0 = 1;
SELECT * FROM jn_fa a FULL JOIN jn_fb b ON a.k = b.k FULL JOIN jn_fb c ON a.k < c.k;
SELECT * FROM jn_fa a FULL JOIN jn_fb b ON a.k = b.k FULL JOIN jn_fb c ON coalesce(a.k, b.k) = c.k;
SELECT * FROM jn_fa a FULL JOIN (SELECT * FROM jn_fb WHERE k > 2) b ON a.k < b.k;
SELECT * FROM jn_fa a FULL JOIN jn_fb b ON a.k = b.k WHERE a.k < b.k;
DROP TABLE jn_fa, jn_fb;


-- JOIN ... USING (k) AS j names the merged columns only (PostgreSQL 14+).
SELECT j.k, jn_a.id FROM jn_a JOIN jn_b USING (k) AS j;
SELECT j.* FROM jn_a FULL JOIN jn_b USING (k) AS j;
SELECT j.id FROM jn_a JOIN jn_b USING (k) AS j;

CREATE TABLE jn_ua (id int, k int, v text);
CREATE TABLE jn_ub (id int, k int, w text);
INSERT INTO jn_ua VALUES (1, 1, 'a'), (2, 2, 'b'), (3, NULL, 'c');
INSERT INTO jn_ub VALUES (1, 2, 'x'), (4, 3, 'y');
SELECT j.k, jn_ua.id FROM jn_ua JOIN jn_ub USING (k) AS j;
SELECT j.* FROM jn_ua FULL JOIN jn_ub USING (k) AS j;
SELECT j.* FROM jn_ua LEFT JOIN jn_ub USING (k, id) AS j;
SELECT j.id FROM jn_ua JOIN jn_ub USING (k) AS j;
SELECT k, j.k FROM jn_ua RIGHT JOIN jn_ub USING (k) AS j;
SELECT * FROM jn_ua JOIN jn_ub USING (k) AS jn_ua;
SELECT * FROM jn_ua JOIN jn_ub USING (k) AS j;
SELECT j.k FROM (jn_ua JOIN jn_ub USING (k) AS j) AS t;
SELECT t.k FROM (jn_ua JOIN jn_ub USING (k) AS j) AS t;
SELECT j.k FROM jn_ua JOIN jn_ub USING (k) AS j WHERE j.k > 1 ORDER BY j.k;
SELECT j.k, count(*) FROM jn_ua JOIN jn_ub USING (k) AS j GROUP BY j.k;
DROP TABLE jn_ua, jn_ub;


-- Whole-row references: IS [NOT] NULL over the fields, ::text as record_out writes it (NULL for a missing row).
SELECT a.id, b IS NULL AS whole_null FROM jn_a a LEFT JOIN jn_b b ON a.k = b.k;
SELECT a::text, b::text FROM jn_a a JOIN jn_b b ON a.k = b.k AND a.id = 1;
SELECT b::text, b IS NULL, a::text FROM jn_a a LEFT JOIN jn_b b ON a.k = b.k WHERE a.id = 5;

CREATE TABLE jn_wa (id int PRIMARY KEY, k int, v text);
CREATE TABLE jn_wb (id int PRIMARY KEY, k int, w text, f float8, d date, n numeric, b bool);
CREATE TABLE jn_wc (x int, y text);
INSERT INTO jn_wa VALUES (1, 1, 'a1'), (2, 2, 'a b'), (3, NULL, ''), (4, 4, 'q"u\o(t),e'), (5, 5, NULL);
INSERT INTO jn_wb VALUES (10, 2, 'x', 1.5, '2020-01-02', 1.50, true), (11, 4, NULL, NULL, NULL, NULL, NULL);
INSERT INTO jn_wc VALUES (NULL, NULL), (1, 'c');
SELECT a.id, a::text FROM jn_wa a;
SELECT a.id, b::text, b IS NULL, b IS NOT NULL FROM jn_wa a LEFT JOIN jn_wb b ON a.k = b.k;
SELECT a.id, b.*::text FROM jn_wa a LEFT JOIN jn_wb b ON a.k = b.k;
SELECT a.id, (b.*) IS NULL FROM jn_wa a LEFT JOIN jn_wb b ON a.k = b.k;
SELECT c::text, c IS NULL, c IS NOT NULL FROM jn_wc c;
SELECT c IS NULL FROM jn_wa a LEFT JOIN jn_wc c ON a.id = c.x;
SELECT a::varchar FROM jn_wa a WHERE id = 1;
SELECT a::int FROM jn_wa a;
SELECT s::text FROM (SELECT id, v FROM jn_wa) s;
SELECT a.id FROM jn_wa a WHERE a IS NOT NULL;
SELECT a.id FROM jn_wa a WHERE a::text LIKE '%a%';
SELECT (SELECT b::text FROM jn_wb b WHERE b.k = a.k LIMIT 1) FROM jn_wa a;
SELECT zz::text FROM jn_wa a;
SELECT id::text FROM jn_wa a;
SELECT j::text FROM (jn_wa a JOIN jn_wb b ON a.k = b.k) j;
SELECT g::text FROM generate_series(1, 2) g;
DROP TABLE jn_wa, jn_wb, jn_wc;


-- UPDATE ... FROM and DELETE ... USING are joins too (each target row matched at most once here).
CREATE TABLE jn_u (id int PRIMARY KEY, k int, v text);
INSERT INTO jn_u VALUES (1, 1, 'u1'), (2, 2, 'u2'), (3, 3, 'u3'), (4, NULL, 'u4');
UPDATE jn_u SET v = c.z FROM jn_c c WHERE c.k = jn_u.k AND c.id < 22;
SELECT * FROM jn_u ORDER BY id;
UPDATE jn_u u SET v = u.v || '+' FROM jn_c c WHERE c.k = u.k + 1;
SELECT * FROM jn_u ORDER BY id;
UPDATE jn_u SET k = 0 FROM jn_e WHERE jn_e.k = jn_u.k;
DELETE FROM jn_u u USING jn_b b WHERE b.k = u.k AND b.id = 12;
SELECT * FROM jn_u ORDER BY id;
DELETE FROM jn_u USING jn_c c, jn_d d WHERE d.cid = c.id AND c.k = jn_u.k;
SELECT * FROM jn_u ORDER BY id;
UPDATE jn_u SET v = 'x' FROM jn_c c WHERE c.k = k;
DELETE FROM jn_u USING jn_u;
DROP TABLE jn_u;

-- UPDATE ... FROM / DELETE ... USING: each target row once however many rows it joins; SET and WHERE see the items.
CREATE TABLE jn_ut (id int PRIMARY KEY, k int, v text);
CREATE TABLE jn_un (k int, v text);
CREATE TABLE jn_us (k int, w text);
INSERT INTO jn_ut VALUES (1, 1, 'a'), (2, 2, 'b'), (3, 2, 'c'), (4, NULL, 'd');
INSERT INTO jn_un VALUES (1, 'x'), (1, 'x'), (2, 'y'), (NULL, 'z');
INSERT INTO jn_us VALUES (2, 's1'), (2, 's1'), (1, 's2'), (3, 's3');
UPDATE jn_ut t SET v = t.v || s.w FROM jn_us s WHERE s.k = t.k;
SELECT * FROM jn_ut ORDER BY id;
UPDATE jn_un n SET v = n.v || '!' FROM jn_us s WHERE s.k = n.k AND s.w = 's2';
SELECT * FROM jn_un ORDER BY k, v;
UPDATE jn_un SET k = jn_ut.id FROM jn_ut WHERE jn_ut.k = jn_un.k AND jn_ut.id <> 3;
SELECT * FROM jn_un ORDER BY k, v;
UPDATE jn_ut SET id = id + 10 FROM jn_us WHERE jn_us.k = jn_ut.k AND jn_us.w = 's1';
SELECT * FROM jn_ut ORDER BY id;
UPDATE jn_ut SET v = s.w FROM (SELECT k, max(w) AS w FROM jn_us GROUP BY k) s WHERE s.k = jn_ut.k;
SELECT * FROM jn_ut ORDER BY id;
UPDATE jn_ut a SET v = b.v FROM jn_ut b WHERE b.id = a.id + 1;
SELECT * FROM jn_ut ORDER BY id;
UPDATE jn_ut SET v = 'q' FROM jn_us, jn_un WHERE jn_us.k = jn_ut.k AND jn_un.k = jn_us.k + 10;
SELECT * FROM jn_ut ORDER BY id;
UPDATE jn_ut SET v = 'w' FROM generate_series(1, 3) g WHERE g = jn_ut.k;
SELECT * FROM jn_ut ORDER BY id;
UPDATE jn_ut SET v = 'e' FROM jn_us WHERE jn_us.k = jn_ut.k AND jn_ut.id IN (SELECT id FROM jn_ut WHERE id > 11);
SELECT * FROM jn_ut ORDER BY id;
UPDATE jn_ut SET k = NULL FROM jn_us WHERE jn_us.k = jn_ut.k AND jn_us.w = 's3';
UPDATE jn_ut SET nope = 1 FROM jn_us;
UPDATE jn_ut SET v = nope FROM jn_us;
UPDATE jn_ut SET v = w FROM jn_us s WHERE s.k = jn_ut.k AND jn_ut.id = 1;
SELECT * FROM jn_ut ORDER BY id;
UPDATE jn_ut SET v = 'x' FROM jn_ut;
UPDATE jn_ut t SET v = 'x' FROM jn_us t;
DELETE FROM jn_un USING jn_us s WHERE s.k = jn_un.k AND s.w = 's2';
SELECT * FROM jn_un ORDER BY k, v;
DELETE FROM jn_ut USING jn_us s, jn_us s2 WHERE s.k = jn_ut.k AND s2.k = s.k;
SELECT * FROM jn_ut ORDER BY id;
DELETE FROM jn_ut t USING jn_ut u WHERE u.id = t.id - 1;
SELECT * FROM jn_ut ORDER BY id;
DELETE FROM jn_ut USING generate_series(1, 100) g WHERE g = jn_ut.id;
SELECT * FROM jn_ut ORDER BY id;
DELETE FROM jn_un USING jn_us WHERE true;
SELECT count(*) FROM jn_un;
DELETE FROM jn_ut USING jn_us WHERE jn_us.k = k;
DROP TABLE jn_ut, jn_un, jn_us;


-- LATERAL subqueries correlated only in WHERE run as ordinary joins; the others per row, inside subqueries too.
CREATE TABLE jn_da (id int PRIMARY KEY, k int);
CREATE TABLE jn_db (id int PRIMARY KEY, k int, w text);
INSERT INTO jn_da VALUES (1, 1), (2, 2), (3, NULL), (4, 2);
INSERT INTO jn_db VALUES (10, 2, 'x'), (11, 2, NULL), (12, 1, 'z'), (13, NULL, 'n');
SELECT * FROM jn_da a, LATERAL (SELECT b.id, b.w FROM jn_db b WHERE b.k = a.k) s;
SELECT * FROM jn_da a LEFT JOIN LATERAL (SELECT b.id, 1 AS one FROM jn_db b WHERE b.k = a.k AND b.w IS NOT NULL) s ON s.id > 10;
SELECT * FROM jn_da a LEFT JOIN LATERAL (SELECT b.id, 'c' AS c FROM jn_db b WHERE b.k = a.k) s ON true;
SELECT (SELECT count(*) FROM jn_da a, LATERAL (SELECT b.id FROM jn_db b WHERE b.k = a.k) s);
SELECT g, (SELECT count(s.id) FROM jn_da a LEFT JOIN LATERAL (SELECT b.id FROM jn_db b WHERE b.k = a.k AND b.id > g) s ON true) FROM generate_series(9, 12) g;
SELECT * FROM jn_da a, LATERAL (SELECT b.id FROM jn_db b WHERE b.k = a.k OR b.id = a.id + 9) s;
SELECT * FROM jn_da a, LATERAL (SELECT b.id FROM jn_db b WHERE b.k < a.k AND b.id / (b.id - 10) > 0) s;
SELECT * FROM jn_da a, LATERAL (SELECT b.id FROM jn_db b, jn_da c WHERE b.k = c.k AND c.id = a.id) s;
SELECT * FROM jn_da a, LATERAL (SELECT b.id FROM jn_db b WHERE b.k = a.k AND EXISTS (SELECT 1 FROM jn_da c WHERE c.k = b.k AND c.id <> a.id)) s;
SELECT * FROM jn_da a, LATERAL (SELECT b.id, a.id AS aid FROM jn_db b WHERE b.k = a.k) s;
SELECT * FROM jn_da a, LATERAL (SELECT b.id FROM jn_db b WHERE b.k = a.k) s, LATERAL (SELECT c.k FROM jn_da c WHERE c.id = s.id - 9) t;
SELECT a.id, s.id FROM jn_da a JOIN LATERAL (SELECT b.id FROM jn_db b WHERE b.k = a.k) s ON s.id <> 11 WHERE a.id > 1;
SELECT count(*) FROM generate_series(1, 3000) x, LATERAL (SELECT y FROM generate_series(1, 3000) y WHERE y = x) s;
DROP TABLE jn_da, jn_db;


-- LATERAL edges: HAVING with outer columns, column aliases, nested laterals, USING after a lateral, CTEs,
-- set operations, semi joins over laterals, UPDATE / DELETE targets out of FROM's reach (42P10), named function columns.
CREATE TABLE jn_ea (id int PRIMARY KEY, k int, v text);
CREATE TABLE jn_eb (id int PRIMARY KEY, k int, w text);
INSERT INTO jn_ea VALUES (1, 1, 'a1'), (2, 2, 'a2'), (3, NULL, 'a3');
INSERT INTO jn_eb VALUES (10, 2, 'b10'), (11, 2, NULL), (12, 1, 'b12');
SELECT * FROM jn_ea a, LATERAL (SELECT count(*) FROM jn_eb b WHERE b.k = a.k HAVING count(*) > a.id - 1) s;
SELECT * FROM jn_ea a, LATERAL (SELECT b.id, b.w FROM jn_eb b WHERE b.k = a.k) AS s(x, y) WHERE s.x > 10;
SELECT a.id, s.* FROM jn_ea a, LATERAL (SELECT * FROM jn_eb b, LATERAL (SELECT a.id + b.id AS z) t WHERE b.k = a.k) s;
SELECT * FROM jn_ea a CROSS JOIN LATERAL (SELECT a.k) s(k) JOIN jn_eb b USING (k);
WITH w AS (SELECT a.id, g FROM jn_ea a, generate_series(1, a.id) g) SELECT * FROM w;
SELECT a.id, g FROM jn_ea a, generate_series(1, a.id) g UNION ALL SELECT 0, 0;
SELECT a.id FROM jn_ea a WHERE EXISTS (SELECT 1 FROM jn_eb b, LATERAL (SELECT b.k * 2 AS d) t WHERE t.d = a.k * 2);
SELECT a.id FROM jn_ea a WHERE a.k IN (SELECT t.d FROM jn_eb b, LATERAL (SELECT b.k AS d) t);
UPDATE jn_ea SET v = g::text FROM generate_series(1, jn_ea.k) g;
UPDATE jn_ea SET v = s.w FROM (SELECT * FROM jn_eb b WHERE b.k = jn_ea.k) s;
UPDATE jn_ea SET v = s.w FROM LATERAL (SELECT b.w FROM jn_eb b WHERE b.k = jn_ea.k) s;
DELETE FROM jn_ea USING (SELECT * FROM jn_eb b WHERE b.k = jn_ea.k) s;
SELECT * FROM jn_ea a, LATERAL (SELECT a.*) s;
SELECT * FROM jn_ea a, LATERAL (SELECT a.v, b.w FROM jn_eb b WHERE b.k = a.k ORDER BY b.w NULLS FIRST) s;
SELECT * FROM jn_ea a LEFT JOIN LATERAL (SELECT DISTINCT b.k FROM jn_eb b WHERE b.k >= a.k) s ON true;
SELECT * FROM jn_ea a, LATERAL (SELECT b.id FROM jn_eb b WHERE b.k = a.k OFFSET 1) s;
SELECT * FROM jn_ea a JOIN LATERAL (SELECT * FROM jn_eb b WHERE b.k = a.k) s ON s.k = a.k AND s.id > a.id;
SELECT * FROM jn_ea a, LATERAL unnest(ARRAY[a.v, a.v || 'x'], ARRAY[a.id]) WITH ORDINALITY u(p, q, o);
SELECT * FROM jn_ea a, LATERAL jsonb_array_elements(jsonb_build_array(a.id, a.v)) e;
SELECT * FROM jn_ea a, ROWS FROM (generate_series(1, a.id), generate_series(a.id, 2)) r;
SELECT * FROM jn_ea a, generate_series(1, (SELECT max(b.id) - 9 FROM jn_eb b WHERE b.k = a.k)) g;
SELECT * FROM jn_ea a, LATERAL (SELECT * FROM jn_eb b WHERE b.k = a.k) s, LATERAL (SELECT s.w || a.v AS c) t;
SELECT count(*) FROM jn_ea a, LATERAL (SELECT random() AS r FROM jn_eb b WHERE b.k = a.k) s;
DROP TABLE jn_ea, jn_eb;


-- constant folding decides an ON condition with NOT true
SELECT a.id, b.id FROM jn_a a JOIN jn_b b ON a.id / 0 = 1 AND NOT true;


-- LATERAL, USING aliases and UPDATE ... FROM / DELETE ... USING through views.
CREATE TABLE jn_va (id int PRIMARY KEY, k int);
CREATE TABLE jn_vb (id int PRIMARY KEY, k int, w text);
INSERT INTO jn_va VALUES (1, 1), (2, 2), (3, NULL);
INSERT INTO jn_vb VALUES (10, 2, 'x'), (11, 2, NULL), (12, 1, 'z');
CREATE VIEW jn_vv AS SELECT a.id, g FROM jn_va a, generate_series(1, a.id) g;
SELECT * FROM jn_vv;
CREATE VIEW jn_vw AS SELECT a.id, s.w FROM jn_va a LEFT JOIN LATERAL (SELECT b.w FROM jn_vb b WHERE b.k = a.k ORDER BY b.id LIMIT 1) s ON true;
SELECT * FROM jn_vw;
CREATE VIEW jn_vx AS SELECT j.k, a.id FROM jn_va a JOIN jn_vb b USING (k) AS j;
SELECT * FROM jn_vx;
SELECT * FROM jn_va a, LATERAL (SELECT * FROM jn_vv v WHERE v.id = a.id) s;
UPDATE jn_vb SET w = 'v' || v.g FROM jn_vv v WHERE v.id = jn_vb.id - 9 AND v.g = 1;
SELECT * FROM jn_vb ORDER BY id;
DELETE FROM jn_vb USING jn_vw v WHERE v.w = jn_vb.w;
SELECT * FROM jn_vb ORDER BY id;
DROP VIEW jn_vv, jn_vw, jn_vx;
DROP TABLE jn_va, jn_vb;


-- WITH over UPDATE ... FROM / DELETE ... USING, CTEs around and inside LATERAL items.
CREATE TABLE jn_ca (id int PRIMARY KEY, k int, v text);
INSERT INTO jn_ca VALUES (1, 1, 'a'), (2, 2, 'b'), (3, NULL, 'c');
WITH w AS (SELECT 2 AS k, 'z' AS t) UPDATE jn_ca SET v = w.t FROM w WHERE w.k = jn_ca.k;
SELECT * FROM jn_ca ORDER BY id;
WITH w AS (SELECT 1 AS k) DELETE FROM jn_ca USING w WHERE w.k = jn_ca.k;
SELECT * FROM jn_ca ORDER BY id;
WITH w AS (SELECT id, g FROM jn_ca a, generate_series(1, a.id) g) SELECT * FROM w;
WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 3) SELECT r.n, g FROM r, LATERAL generate_series(1, r.n) g;
SELECT a.id, s.n FROM jn_ca a, LATERAL (WITH q AS (SELECT a.id * 2 AS n) SELECT n FROM q) s;
DROP TABLE jn_ca;


-- Aggregates with ORDER BY over a join.
SELECT a.k, string_agg(b.id::text, ',' ORDER BY b.id) FROM jn_a a LEFT JOIN jn_b b ON a.k = b.k GROUP BY a.k;

DROP TABLE jn_a, jn_b, jn_c, jn_d, jn_e, jn_f, jn_n1, jn_n2, jn_n3, jn_m1, jn_m2;
