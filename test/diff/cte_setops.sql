-- cte_setops.sql - UNION / INTERSECT / EXCEPT [ALL] with duplicates
-- and NULLs (NULLs compare equal in set operations), their precedence and
-- parentheses, result types and column names, ORDER BY / LIMIT / FETCH (WITH
-- TIES) on the whole result; WITH (referenced twice, column aliases,
-- shadowing, MATERIALIZED, volatile, data-modifying), WITH RECURSIVE
-- (counting, trees, cycles stopped by UNION, LIMIT over an endless
-- recursion) and their errors. SEARCH / CYCLE: cte_setops_pending.sql.

-- a.x: 1, 2, 2, NULL, NULL, 3      b.x: 2, 3, NULL, 4, 2
CREATE TABLE so_a (id int PRIMARY KEY, x int, t text);
CREATE TABLE so_b (id int PRIMARY KEY, x int, t text);
CREATE TABLE so_e (id int PRIMARY KEY, x int, t text);
INSERT INTO so_a VALUES (1, 1, 'a'), (2, 2, 'b'), (3, 2, 'b'), (4, NULL, NULL), (5, NULL, NULL), (6, 3, 'c');
INSERT INTO so_b VALUES (10, 2, 'b'), (11, 3, 'x'), (12, NULL, NULL), (13, 4, 'd'), (14, 2, 'b');

-- UNION removes duplicates (within a branch too, NULLs as one value); UNION ALL keeps every row.
SELECT x FROM so_a UNION SELECT x FROM so_b;
SELECT x FROM so_a UNION ALL SELECT x FROM so_b;
SELECT x FROM so_a UNION SELECT x FROM so_e;
SELECT x FROM so_e UNION SELECT x FROM so_e;
SELECT x FROM so_a UNION ALL SELECT x FROM so_e;
SELECT x, t FROM so_a UNION SELECT x, t FROM so_b;
SELECT x, t FROM so_a UNION ALL SELECT x, t FROM so_b;
SELECT 1 FROM generate_series(1, 3) UNION SELECT 2;
SELECT count(*) FROM (SELECT x FROM so_a UNION SELECT x FROM so_b) s;
SELECT count(*) FROM (SELECT x FROM so_a UNION ALL SELECT x FROM so_b) s;
SELECT count(*), count(x) FROM (SELECT x FROM so_a UNION SELECT x FROM so_b) s;
SELECT x FROM so_a UNION SELECT x FROM so_b UNION SELECT 7;
SELECT x FROM so_a UNION ALL SELECT x FROM so_b UNION SELECT x FROM so_a;
SELECT x FROM so_a UNION SELECT x FROM so_b UNION ALL SELECT x FROM so_a;

-- INTERSECT / EXCEPT and their ALL forms: NULL matches NULL; ALL counts multiplicities.
SELECT x FROM so_a INTERSECT SELECT x FROM so_b;
SELECT x FROM so_a INTERSECT ALL SELECT x FROM so_b;
SELECT x FROM so_a EXCEPT SELECT x FROM so_b;
SELECT x FROM so_a EXCEPT ALL SELECT x FROM so_b;
SELECT x FROM so_b EXCEPT SELECT x FROM so_a;
SELECT x FROM so_b EXCEPT ALL SELECT x FROM so_a;
SELECT x, t FROM so_a INTERSECT SELECT x, t FROM so_b;
SELECT x, t FROM so_a EXCEPT SELECT x, t FROM so_b;
SELECT x, t FROM so_a EXCEPT ALL SELECT x, t FROM so_b;
SELECT x FROM so_a INTERSECT SELECT x FROM so_e;
SELECT x FROM so_a EXCEPT SELECT x FROM so_e;
SELECT x FROM so_a EXCEPT ALL SELECT x FROM so_e;
SELECT x FROM so_e EXCEPT SELECT x FROM so_a;
SELECT x FROM so_a INTERSECT SELECT x FROM so_a;
SELECT x FROM so_a INTERSECT ALL SELECT x FROM so_a;
SELECT x FROM so_a EXCEPT SELECT x FROM so_a;
SELECT x FROM so_a EXCEPT ALL SELECT x FROM so_a WHERE x = 2;
VALUES (1), (1), (1), (2) EXCEPT ALL VALUES (1), (3);
VALUES (1), (1), (1), (2) INTERSECT ALL VALUES (1), (1), (2), (2);
VALUES (NULL::int), (NULL) INTERSECT ALL VALUES (NULL::int), (NULL), (NULL);
VALUES (1, NULL::int), (1, NULL) EXCEPT VALUES (1, NULL::int);
VALUES (1, NULL::int), (1, NULL) EXCEPT ALL VALUES (1, NULL::int);
-- An untyped NULL-only VALUES list resolves to text, which does not match integer.
VALUES (NULL::int), (NULL) INTERSECT ALL VALUES (NULL), (NULL), (NULL);

-- Precedence: INTERSECT binds tighter than UNION and EXCEPT, which are left-associative; parentheses override.
SELECT x FROM so_a UNION SELECT x FROM so_b INTERSECT SELECT 4;
(SELECT x FROM so_a UNION SELECT x FROM so_b) INTERSECT SELECT 4;
SELECT x FROM so_a EXCEPT SELECT x FROM so_b UNION SELECT 2;
SELECT x FROM so_a EXCEPT (SELECT x FROM so_b UNION SELECT 1);
SELECT 2 UNION SELECT x FROM so_a EXCEPT SELECT x FROM so_b;
SELECT x FROM so_a EXCEPT SELECT x FROM so_b INTERSECT SELECT 1;
(SELECT x FROM so_a EXCEPT SELECT x FROM so_b) INTERSECT SELECT 1;
SELECT x FROM so_a INTERSECT SELECT x FROM so_b EXCEPT SELECT NULL::int;
SELECT x FROM so_a UNION ALL (SELECT x FROM so_b EXCEPT ALL SELECT 2);
((SELECT 1 UNION SELECT 2) UNION (SELECT 3 INTERSECT SELECT 3)) EXCEPT (SELECT 2);

-- ORDER BY, LIMIT, OFFSET and FETCH apply to the whole result; ORDER BY sees the result's column names only.
SELECT x FROM so_a UNION SELECT x FROM so_b ORDER BY x;
SELECT x FROM so_a UNION SELECT x FROM so_b ORDER BY x DESC NULLS LAST;
SELECT x FROM so_a UNION ALL SELECT x FROM so_b ORDER BY 1 NULLS FIRST;
SELECT x AS v FROM so_a UNION SELECT x FROM so_b ORDER BY v;
SELECT x FROM so_a UNION SELECT x AS v FROM so_b ORDER BY v;
SELECT x FROM so_a UNION SELECT x FROM so_b ORDER BY x + 1;
SELECT x FROM so_a UNION SELECT x FROM so_b ORDER BY so_a.x;
SELECT x, t FROM so_a UNION SELECT x, t FROM so_b ORDER BY 2, 1;
SELECT x, t FROM so_a UNION SELECT x, t FROM so_b ORDER BY 3;
SELECT x FROM so_a UNION SELECT x FROM so_b ORDER BY x LIMIT 2;
SELECT x FROM so_a UNION ALL SELECT x FROM so_b ORDER BY x LIMIT 3 OFFSET 2;
SELECT x FROM so_a UNION SELECT x FROM so_b ORDER BY x OFFSET 1 ROWS FETCH FIRST 2 ROWS ONLY;
SELECT x FROM so_a UNION ALL SELECT x FROM so_b ORDER BY x FETCH FIRST 2 ROWS WITH TIES;
SELECT x FROM so_a UNION ALL SELECT x FROM so_b ORDER BY x DESC NULLS LAST FETCH NEXT 1 ROW WITH TIES;
SELECT x FROM so_a UNION ALL SELECT x FROM so_b ORDER BY x NULLS FIRST FETCH FIRST 1 ROW WITH TIES;
SELECT x FROM so_a UNION ALL SELECT x FROM so_b LIMIT 0;
SELECT count(*) FROM (SELECT x FROM so_a UNION ALL SELECT x FROM so_b LIMIT 4) s;
(SELECT x FROM so_a ORDER BY x LIMIT 2) UNION ALL (SELECT x FROM so_b ORDER BY x DESC NULLS LAST LIMIT 1);
(SELECT x FROM so_a WHERE x IS NOT NULL ORDER BY x DESC LIMIT 1) UNION (SELECT x FROM so_b ORDER BY x LIMIT 1) ORDER BY 1;
(SELECT x FROM so_a ORDER BY x NULLS FIRST LIMIT 3) EXCEPT ALL (SELECT x FROM so_b ORDER BY id LIMIT 1);
SELECT x FROM so_a LIMIT 1 UNION SELECT x FROM so_b;
SELECT x FROM so_a ORDER BY x UNION SELECT x FROM so_b;

-- Result types and column names: the first branch names the columns; types resolve like CASE (int+numeric is numeric).
SELECT 1 AS a UNION SELECT 2 AS b;
SELECT 1 UNION SELECT 2;
SELECT 1 AS a, 2 AS b UNION ALL SELECT 3 AS b, 4 AS a;
SELECT v, pg_typeof(v) FROM (SELECT 1 AS v UNION ALL SELECT 2.5) s;
SELECT v, pg_typeof(v) FROM (SELECT 1::int2 AS v UNION ALL SELECT 2::int8) s;
SELECT v, pg_typeof(v) FROM (SELECT 1 AS v UNION ALL SELECT 2::float8) s;
SELECT v, pg_typeof(v) FROM (SELECT 1.5 AS v UNION ALL SELECT 2::real) s;
SELECT v, pg_typeof(v) FROM (SELECT 'a' AS v UNION ALL SELECT 'b') s;
SELECT v, pg_typeof(v) FROM (SELECT NULL AS v UNION ALL SELECT NULL) s;
SELECT v, pg_typeof(v) FROM (SELECT NULL AS v UNION ALL SELECT 1) s;
SELECT v, pg_typeof(v) FROM (SELECT '1' AS v UNION ALL SELECT 2) s;
SELECT v, pg_typeof(v) FROM (SELECT 'a'::varchar(3) AS v UNION ALL SELECT 'bcde'::varchar(5)) s;
SELECT v, pg_typeof(v) FROM (SELECT 'a'::char(3) AS v UNION ALL SELECT 'b'::text) s;
SELECT v, pg_typeof(v) FROM (SELECT 'a'::char(3) AS v UNION ALL SELECT 'b'::char(5)) s;
SELECT v, pg_typeof(v) FROM (SELECT '2024-01-01'::date AS v UNION ALL SELECT '2024-01-02 10:00'::timestamp) s;
SELECT v, pg_typeof(v) FROM (SELECT ARRAY[1] AS v UNION ALL SELECT ARRAY[2.5]) s;
SELECT v, pg_typeof(v) FROM (SELECT true AS v UNION SELECT NULL) s;
SELECT 1 UNION SELECT 'a';
SELECT 1 UNION SELECT 'a'::text;
SELECT 1 INTERSECT SELECT '1'::text;
SELECT 'a'::text EXCEPT SELECT 1;
SELECT true UNION SELECT 1;
SELECT NULL UNION SELECT NULL UNION SELECT 1;
SELECT 1 UNION (SELECT NULL UNION SELECT NULL);
SELECT 1, 2 UNION SELECT 3;
SELECT 1 UNION SELECT 2, 3;
SELECT x FROM so_a INTERSECT SELECT x, t FROM so_b;
SELECT * FROM so_a UNION SELECT * FROM so_b;
-- Equal values of different spelling are one value: numerics, char(n) padding, -0 and 0, NaN.
SELECT count(*) FROM (SELECT 1.0 UNION SELECT 1 UNION SELECT 1.00) s;
SELECT count(*) FROM (SELECT 'a'::char(3) UNION SELECT 'a  '::char(3)) s;
SELECT count(*) FROM (SELECT 'a'::text UNION SELECT 'a '::text) s;
SELECT count(*) FROM (SELECT 0.0::float8 UNION SELECT -0.0::float8) s;
SELECT count(*) FROM (SELECT 'NaN'::float8 UNION SELECT 'NaN'::float8 UNION SELECT 'NaN'::numeric) s;
SELECT count(*) FROM (SELECT '1 day'::interval UNION SELECT '24 hours'::interval) s;
SELECT v FROM (SELECT ARRAY[1, NULL] AS v UNION SELECT ARRAY[1, NULL]) s;

-- Set operations inside other queries.
SELECT id FROM so_a WHERE x IN (SELECT x FROM so_b UNION SELECT 1);
SELECT id FROM so_a WHERE x NOT IN (SELECT x FROM so_b WHERE x IS NOT NULL EXCEPT SELECT 2);
SELECT id FROM so_a WHERE EXISTS (SELECT x FROM so_b WHERE so_b.x = so_a.x INTERSECT SELECT 3);
SELECT (SELECT 5 UNION SELECT 5);
SELECT (SELECT 5 UNION SELECT 6);
SELECT s.x, count(*) FROM (SELECT x FROM so_a UNION ALL SELECT x FROM so_b) s GROUP BY s.x;
SELECT x, count(*) FROM so_a GROUP BY x UNION ALL SELECT x, count(*) FROM so_b GROUP BY x;
SELECT DISTINCT x FROM (SELECT x FROM so_a UNION ALL SELECT x FROM so_b) s ORDER BY x;
SELECT x FROM so_a UNION SELECT x FROM so_b WHERE x > 2;
SELECT sum(x) FROM so_a UNION ALL SELECT sum(x) FROM so_e;
SELECT a.id, u.x FROM so_a a JOIN (SELECT x FROM so_b UNION SELECT 1) u ON a.x = u.x;
SELECT x FROM so_a UNION SELECT x FROM so_b WHERE x = (SELECT max(x) FROM so_a);

-- WITH: a CTE referenced twice, column aliases, CTEs referencing earlier CTEs, shadowing a table.
WITH c AS (SELECT x FROM so_a WHERE x IS NOT NULL) SELECT * FROM c;
WITH c AS (SELECT x FROM so_a) SELECT count(*) FROM c c1 JOIN c c2 ON c1.x = c2.x;
WITH c AS (SELECT x FROM so_a) SELECT (SELECT count(*) FROM c), (SELECT count(x) FROM c);
WITH c AS (SELECT x FROM so_a) SELECT x FROM c UNION ALL SELECT x FROM c;
WITH c(p, q) AS (SELECT id, x FROM so_a) SELECT p, q FROM c WHERE q = 2;
WITH c(p) AS (SELECT id, x FROM so_a) SELECT * FROM c WHERE p < 3;
WITH c(p, q, r, s) AS (SELECT id, x FROM so_a) SELECT * FROM c;
WITH c1 AS (SELECT x FROM so_a), c2 AS (SELECT x FROM c1 WHERE x > 1) SELECT * FROM c2;
WITH c1 AS (SELECT x FROM so_a), c2 AS (SELECT x FROM so_b), c3 AS (SELECT x FROM c1 INTERSECT SELECT x FROM c2) SELECT * FROM c3;
WITH c1 AS (SELECT * FROM c2), c2 AS (SELECT 1) SELECT * FROM c1;
WITH c AS (SELECT 1), c AS (SELECT 2) SELECT * FROM c;
WITH so_a AS (SELECT 100 AS id) SELECT * FROM so_a;
WITH so_a AS (SELECT 100 AS id) SELECT (SELECT count(*) FROM so_a), (SELECT count(*) FROM public.so_a);
WITH c AS (SELECT 1 AS v) SELECT * FROM c, c;
WITH c AS (SELECT 1 AS v) SELECT * FROM c c1, c c2;
WITH c AS (SELECT x, count(*) AS n FROM so_a GROUP BY x) SELECT x, n FROM c WHERE n > 1;
WITH c AS (SELECT x FROM so_b) SELECT id FROM so_a WHERE x IN (SELECT x FROM c);
WITH c AS (SELECT x FROM so_b) SELECT id FROM so_a WHERE x NOT IN (SELECT x FROM c);
WITH c AS (SELECT * FROM so_e) SELECT count(*) FROM c;
WITH c AS (SELECT x / 0 AS boom FROM so_a) SELECT 1;
WITH c AS (SELECT x / 0 AS boom FROM so_a) SELECT count(*) FROM c;
WITH c AS (SELECT id FROM so_a ORDER BY id DESC LIMIT 2) SELECT * FROM c ORDER BY id;
SELECT (WITH c AS (SELECT 7 AS v) SELECT v FROM c);
SELECT * FROM (WITH c AS (SELECT x FROM so_a) SELECT x FROM c WHERE x = 2) s;
SELECT id FROM so_a a WHERE EXISTS (WITH c AS (SELECT x FROM so_b) SELECT 1 FROM c WHERE c.x = a.x);
WITH c AS (SELECT 1 AS v) SELECT * FROM c WHERE v IN (WITH d AS (SELECT 1 AS w) SELECT w FROM d);
WITH c AS (SELECT 1 AS v) SELECT * FROM (WITH c AS (SELECT 2 AS v) SELECT v FROM c) s, c;
WITH c AS (SELECT 1 AS v) SELECT nope FROM c;
WITH c AS (SELECT 1 AS v) SELECT * FROM d;

-- MATERIALIZED / NOT MATERIALIZED give the same rows; a materialized CTE runs once (one nextval for both references).
WITH c AS MATERIALIZED (SELECT x FROM so_a) SELECT x FROM c WHERE x = 2;
WITH c AS NOT MATERIALIZED (SELECT x FROM so_a) SELECT x FROM c WHERE x = 2;
WITH c AS NOT MATERIALIZED (SELECT x FROM so_a) SELECT count(*) FROM c c1 JOIN c c2 USING (x);
WITH c AS MATERIALIZED (SELECT id FROM so_a ORDER BY id LIMIT 3) SELECT * FROM c WHERE id > 1;
CREATE SEQUENCE so_seq;
WITH c AS MATERIALIZED (SELECT nextval('so_seq') AS v) SELECT c1.v, c2.v FROM c c1, c c2;
WITH c AS (SELECT nextval('so_seq') AS v) SELECT c1.v = c2.v FROM c c1, c c2;
WITH c AS (SELECT nextval('so_seq') AS v) SELECT v FROM c UNION ALL SELECT v FROM c;
SELECT currval('so_seq');
DROP SEQUENCE so_seq;

-- Data-modifying WITH: the statement's queries see the table as before it; an unreferenced DML CTE still runs.
CREATE TABLE so_w (id int PRIMARY KEY, v int);
INSERT INTO so_w VALUES (1, 10), (2, 20), (3, 30), (4, 40);
WITH d AS (DELETE FROM so_w WHERE id = 1 RETURNING *) SELECT * FROM d;
WITH d AS (DELETE FROM so_w WHERE id = 2 RETURNING *) SELECT (SELECT count(*) FROM so_w), (SELECT count(*) FROM d);
WITH d AS (DELETE FROM so_w WHERE id = 3 RETURNING 1) SELECT 1;
SELECT * FROM so_w ORDER BY id;
WITH i AS (INSERT INTO so_w VALUES (5, 50), (6, 60) RETURNING id, v) SELECT sum(v) FROM i;
WITH u AS (UPDATE so_w SET v = v + 1 WHERE id > 4 RETURNING id, v) SELECT * FROM u ORDER BY id;
WITH c AS (SELECT 7 AS id, 70 AS v) INSERT INTO so_w SELECT * FROM c;
INSERT INTO so_w WITH c AS (SELECT 8 AS id, 80 AS v) SELECT * FROM c;
WITH c AS (SELECT id FROM so_w WHERE v > 60) DELETE FROM so_w WHERE id IN (SELECT id FROM c);
WITH c AS (SELECT max(v) AS m FROM so_w) UPDATE so_w SET v = (SELECT m FROM c) WHERE id = 4;
SELECT * FROM so_w ORDER BY id;
WITH d AS (DELETE FROM so_w RETURNING *) SELECT count(*) FROM d;
SELECT count(*) FROM so_w;
DROP TABLE so_w;

-- WITH RECURSIVE: counting, accumulating, a fixed point reached through UNION's duplicate removal.
WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 10) SELECT * FROM r;
WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 1000) SELECT count(*), sum(n), max(n) FROM r;
WITH RECURSIVE r(n) AS (VALUES (1) UNION ALL SELECT n + 1 FROM r WHERE n < 5) SELECT * FROM r ORDER BY n DESC;
WITH RECURSIVE r(n, f) AS (SELECT 1, 1::numeric UNION ALL SELECT n + 1, f * (n + 1) FROM r WHERE n < 25) SELECT n, f FROM r WHERE n IN (20, 25);
WITH RECURSIVE fib(i, a, b) AS (SELECT 1, 0::numeric, 1::numeric UNION ALL SELECT i + 1, b, a + b FROM fib WHERE i < 100) SELECT a FROM fib WHERE i = 100;
WITH RECURSIVE r(s) AS (SELECT 'a'::text UNION ALL SELECT s || 'b' FROM r WHERE length(s) < 4) SELECT s FROM r;
WITH RECURSIVE r(s) AS (SELECT 'a' UNION ALL SELECT s || 'b' FROM r WHERE length(s) < 4) SELECT s, pg_typeof(s) FROM r;
WITH RECURSIVE r(n) AS (SELECT 1 UNION SELECT n % 3 + 1 FROM r) SELECT * FROM r;
WITH RECURSIVE r(n) AS (VALUES (1), (1) UNION SELECT n + 1 FROM r WHERE n < 3) SELECT * FROM r;
WITH RECURSIVE r(n) AS (VALUES (1), (1) UNION ALL SELECT n + 1 FROM r WHERE n < 3) SELECT * FROM r;
WITH RECURSIVE r(n) AS (SELECT 1 WHERE false UNION ALL SELECT n + 1 FROM r) SELECT count(*) FROM r;
WITH RECURSIVE r(n) AS (SELECT 5 UNION ALL SELECT n + 1 FROM r WHERE false) SELECT * FROM r;
WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n * 2 FROM r WHERE n < 100), s AS (SELECT sum(n) AS t FROM r) SELECT t FROM s;
WITH RECURSIVE r AS (SELECT 1 AS n UNION ALL SELECT n + 1 FROM r WHERE n < 3) SELECT * FROM r r1 JOIN r r2 ON r1.n < r2.n;
WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 3) SELECT n, (SELECT count(*) FROM r r2 WHERE r2.n <= r.n) FROM r;
WITH RECURSIVE c AS (SELECT 1 AS v) SELECT * FROM c;
WITH RECURSIVE r(n, k) AS (SELECT 1, 1 UNION ALL SELECT n + 1, k * 2 FROM r WHERE n < 3), q(m) AS (SELECT k FROM r UNION ALL SELECT m - 1 FROM q WHERE m > 3) SELECT * FROM q;
-- An infinite UNION ALL recursion read only as far as LIMIT needs (PostgreSQL evaluates it lazily).
SET statement_timeout = '5s';
WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT n FROM r LIMIT 5;
RESET statement_timeout;

-- Tree walks: descendants with depth and path, ancestors, a graph whose cycle UNION stops.
CREATE TABLE so_tree (id int PRIMARY KEY, parent int, name text);
INSERT INTO so_tree VALUES (1, NULL, 'root'), (2, 1, 'a'), (3, 1, 'b'), (4, 2, 'aa'), (5, 4, 'aaa'), (6, 3, 'ba'), (7, 2, 'ab');
CREATE TABLE so_edge (src int, dst int);
INSERT INTO so_edge VALUES (1, 2), (2, 3), (3, 1), (3, 4), (4, 4), (5, 6);
WITH RECURSIVE d(id, depth) AS (SELECT id, 0 FROM so_tree WHERE id = 2 UNION ALL SELECT t.id, d.depth + 1 FROM so_tree t JOIN d ON t.parent = d.id) SELECT * FROM d;
WITH RECURSIVE d(id, path) AS (SELECT id, name FROM so_tree WHERE parent IS NULL UNION ALL SELECT t.id, d.path || '/' || t.name FROM so_tree t JOIN d ON t.parent = d.id) SELECT id, path FROM d ORDER BY path;
WITH RECURSIVE d(id, path) AS (SELECT id, ARRAY[id] FROM so_tree WHERE parent IS NULL UNION ALL SELECT t.id, d.path || t.id FROM so_tree t, d WHERE t.parent = d.id) SELECT id, path FROM d ORDER BY path;
WITH RECURSIVE anc(id, parent) AS (SELECT id, parent FROM so_tree WHERE id = 5 UNION ALL SELECT t.id, t.parent FROM so_tree t JOIN anc ON t.id = anc.parent) SELECT id FROM anc;
WITH RECURSIVE d(id) AS (SELECT 2 UNION ALL SELECT t.id FROM so_tree t JOIN d ON t.parent = d.id) SELECT count(*) FROM d;
WITH RECURSIVE d(id, depth) AS (SELECT id, 0 FROM so_tree WHERE parent IS NULL UNION ALL SELECT t.id, depth + 1 FROM so_tree t JOIN d ON t.parent = d.id) SELECT depth, count(*) FROM d GROUP BY depth;
WITH RECURSIVE leaf(id) AS (SELECT id FROM so_tree t WHERE NOT EXISTS (SELECT 1 FROM so_tree c WHERE c.parent = t.id) UNION SELECT p.parent FROM so_tree p JOIN leaf ON p.id = leaf.id WHERE p.parent IS NOT NULL) SELECT * FROM leaf;
WITH RECURSIVE reach(node) AS (SELECT 1 UNION SELECT e.dst FROM so_edge e JOIN reach r ON e.src = r.node) SELECT * FROM reach;
WITH RECURSIVE reach(node) AS (SELECT 5 UNION SELECT e.dst FROM so_edge e JOIN reach r ON e.src = r.node) SELECT * FROM reach;
WITH RECURSIVE p(node, path) AS (SELECT 1, ARRAY[1] UNION ALL SELECT e.dst, p.path || e.dst FROM so_edge e JOIN p ON e.src = p.node WHERE NOT e.dst = ANY (p.path)) SELECT node, path FROM p ORDER BY path;
WITH RECURSIVE p(node, depth) AS (SELECT 1, 0 UNION SELECT e.dst, p.depth + 1 FROM so_edge e JOIN p ON e.src = p.node WHERE p.depth < 4) SELECT node, min(depth) FROM p GROUP BY node;

-- Errors of recursive queries: 42P19 shapes, 42804 type of the recursive column, unions of wrong width.
WITH RECURSIVE r(n) AS (SELECT n FROM r UNION ALL SELECT 1) SELECT * FROM r;
WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r r1, r r2 WHERE r1.n < 3) SELECT * FROM r;
WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT count(*) FROM r) SELECT * FROM r;
WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT 1 FROM so_a LEFT JOIN r ON true) SELECT * FROM r;
WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n IN (SELECT n FROM r)) SELECT * FROM r;
WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r ORDER BY 1) SELECT * FROM r;
WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 0.5 FROM r WHERE n < 3) SELECT * FROM r;
WITH RECURSIVE r(s) AS (SELECT 'a'::varchar(3) UNION ALL SELECT s || 'a' FROM r WHERE length(s) < 3) SELECT * FROM r;
WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n, n FROM r) SELECT * FROM r;
WITH RECURSIVE r(n, m) AS (SELECT 1 UNION ALL SELECT n FROM r) SELECT * FROM r;
WITH RECURSIVE r(n) AS (SELECT 1 INTERSECT SELECT n + 1 FROM r) SELECT * FROM r;
WITH r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 3) SELECT * FROM r;

-- CTEs computed once inside correlated subqueries; recursive terms reading the worktable through a derived table or a scalar subquery.
CREATE TABLE so_t1 (id int PRIMARY KEY, v int);
INSERT INTO so_t1 SELECT g, g % 3 FROM generate_series(1, 10) g;
SELECT id, (WITH c AS MATERIALIZED (SELECT so_t1.v * 10 AS w) SELECT w FROM c) FROM so_t1 ORDER BY id LIMIT 3;
SELECT id FROM so_t1 WHERE EXISTS (WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < so_t1.id) SELECT 1 FROM r WHERE n = 3) ORDER BY id;
WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT (SELECT n + 1) FROM r WHERE n < 3) SELECT * FROM r;
WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM (SELECT * FROM r) s WHERE n < 3) SELECT * FROM r;
WITH RECURSIVE r(n) AS (SELECT NULL::int UNION SELECT NULL::int FROM r) SELECT * FROM r;
WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT NULL FROM r WHERE n IS NOT NULL) SELECT * FROM r;
WITH RECURSIVE r(n) AS (SELECT 1 UNION SELECT n % 5 + 1 FROM r) SELECT * FROM r ORDER BY 1;
WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 3) SELECT * FROM r ORDER BY n FETCH FIRST 1 ROW WITH TIES;
WITH x AS (SELECT random() AS r) SELECT a.r = b.r FROM x a, x b;
-- FETCH WITH TIES over a plain query; without ORDER BY it is an error.
SELECT v FROM so_t1 ORDER BY v FETCH FIRST 2 ROWS WITH TIES;
SELECT v FROM so_t1 ORDER BY v OFFSET 2 FETCH FIRST 1 ROWS WITH TIES;
SELECT v FROM so_t1 ORDER BY v DESC FETCH FIRST 0 ROWS WITH TIES;
SELECT v FROM so_t1 FETCH FIRST 2 ROWS WITH TIES;
-- Data-modifying CTEs: unread ones still write; no RETURNING to read; only at the top level; two in one statement.
WITH d AS (DELETE FROM so_t1 WHERE id > 8 RETURNING id) SELECT 1;
SELECT count(*) FROM so_t1;
WITH d AS (UPDATE so_t1 SET v = 100 WHERE id = 1) SELECT v FROM so_t1 WHERE id = 1;
SELECT v FROM so_t1 WHERE id = 1;
WITH d AS (DELETE FROM so_t1 WHERE id = 2) SELECT * FROM d;
WITH i AS (INSERT INTO so_t1 VALUES (1, 0) RETURNING *) SELECT * FROM i;
WITH d AS (DELETE FROM so_t1 WHERE id = 3 RETURNING *), e AS (DELETE FROM so_t1 WHERE id = 4 RETURNING *) SELECT (SELECT count(*) FROM d), (SELECT count(*) FROM so_t1);
WITH d AS (DELETE FROM so_t1 WHERE id = 5 RETURNING id) INSERT INTO so_t1 SELECT id + 100, 0 FROM d;
SELECT id FROM so_t1 ORDER BY id;
SELECT (WITH d AS (DELETE FROM so_t1 RETURNING 1) SELECT 1);
WITH d AS (DELETE FROM so_t1 WHERE id = 6 RETURNING so_t1.*, v + 1 AS w) SELECT * FROM d;
WITH u AS (UPDATE so_t1 SET v = v * 2 RETURNING id, v) SELECT sum(v) FROM u;
DROP TABLE so_t1;

DROP TABLE so_tree;
DROP TABLE so_edge;
DROP TABLE so_a;
DROP TABLE so_b;
DROP TABLE so_e;
