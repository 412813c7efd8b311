-- subqueries.sql - scalar subqueries (NULL on no row, 21000 on two),
-- IN / NOT IN and ANY / ALL with NULLs and empty sets (three-valued logic),
-- EXISTS, correlated subqueries at depth 1 and 2 (the count bug, outer
-- aggregates), derived tables and their column aliases, what may and may not
-- be pushed into a derived table, VALUES in FROM, ARRAY(subquery), and
-- INSERT / UPDATE / DELETE driven by subqueries.

-- a.x: 1, 2, NULL, 4, 2     b.y: 2, 3, NULL, 2     nn.y: 2, 3 (no NULL)     e: empty
CREATE TABLE sq_a (id int PRIMARY KEY, x int, t text);
CREATE TABLE sq_b (id int PRIMARY KEY, y int, u text);
CREATE TABLE sq_nn (id int PRIMARY KEY, y int NOT NULL);
CREATE TABLE sq_e (id int PRIMARY KEY, y int);
CREATE TABLE sq_c (id int PRIMARY KEY, bid int, aid int);
INSERT INTO sq_a VALUES (1, 1, 'a'), (2, 2, 'b'), (3, NULL, 'c'), (4, 4, NULL), (5, 2, 'e');
INSERT INTO sq_b VALUES (10, 2, 'b'), (11, 3, 'x'), (12, NULL, NULL), (13, 2, 'b');
INSERT INTO sq_nn VALUES (1, 2), (2, 3);
INSERT INTO sq_c VALUES (100, 10, 2), (101, 11, 5), (102, 13, 5), (103, 12, 3);

-- Scalar subqueries: one row is the value, no row is NULL, two rows is 21000, two columns 42601.
SELECT (SELECT 1);
SELECT (SELECT 1 AS foo);
SELECT (SELECT y FROM sq_b WHERE id = 10);
SELECT (SELECT y FROM sq_b WHERE false);
SELECT (SELECT y FROM sq_b WHERE false) IS NULL;
SELECT (SELECT y FROM sq_b);
SELECT (SELECT y FROM sq_b WHERE y = 2);
SELECT (SELECT y FROM sq_b ORDER BY id DESC LIMIT 1);
SELECT (SELECT y, u FROM sq_b WHERE id = 10);
SELECT (SELECT max(y) FROM sq_b), (SELECT min(y) FROM sq_b), (SELECT count(*) FROM sq_e);
SELECT (SELECT sum(y) FROM sq_e), (SELECT count(y) FROM sq_e);
SELECT pg_typeof((SELECT 1::int8)), pg_typeof((SELECT sum(y) FROM sq_b)), pg_typeof((SELECT NULL));
SELECT (SELECT 'lit');
SELECT (SELECT NULL::int) + 1;
SELECT 1 + (SELECT y FROM sq_b WHERE id = 11) * 2;
SELECT id FROM sq_a WHERE x = (SELECT min(y) FROM sq_b);
SELECT id FROM sq_a WHERE x = (SELECT y FROM sq_b WHERE false);
SELECT id FROM sq_a WHERE x = (SELECT NULL::int);
SELECT id FROM sq_a WHERE x > (SELECT avg(y) FROM sq_b);
SELECT id FROM sq_a WHERE x = (SELECT y FROM sq_b);
SELECT id FROM sq_a WHERE t = (SELECT u FROM sq_b WHERE id = 10);
SELECT id, (SELECT u FROM sq_b WHERE id = 11) FROM sq_a;
SELECT id FROM sq_a WHERE (SELECT true);
SELECT id FROM sq_a WHERE (SELECT NULL::boolean);
SELECT id FROM sq_a WHERE x = (SELECT nope FROM sq_b);
SELECT id FROM sq_a WHERE x = (SELECT y FROM nosuch);
SELECT id FROM sq_a WHERE x = (SELECT 'x');
SELECT id FROM sq_a WHERE x = (SELECT 'x'::text);
-- A scalar subquery that is never reached is never run: no 21000 from a branch not taken or an empty outer table.
SELECT id, CASE WHEN id > 100 THEN (SELECT y FROM sq_b) END FROM sq_a;
SELECT * FROM sq_e WHERE y = (SELECT y FROM sq_b);
SELECT id FROM sq_a WHERE false AND x = (SELECT y FROM sq_b);
SELECT id, coalesce(id, (SELECT y FROM sq_b)) FROM sq_a;

-- IN / NOT IN: duplicates in the subquery do not duplicate rows; a NULL in the list makes NOT IN never true;
-- an empty subquery makes IN false and NOT IN true, even for a NULL left side.
SELECT id FROM sq_a WHERE x IN (SELECT y FROM sq_b);
SELECT id FROM sq_a WHERE x NOT IN (SELECT y FROM sq_b);
SELECT id FROM sq_a WHERE x NOT IN (SELECT y FROM sq_b WHERE y IS NOT NULL);
SELECT id FROM sq_a WHERE x NOT IN (SELECT y FROM sq_nn);
SELECT id FROM sq_a WHERE x IN (SELECT y FROM sq_e);
SELECT id FROM sq_a WHERE x NOT IN (SELECT y FROM sq_e);
SELECT id, x IN (SELECT y FROM sq_b) AS in_b, x NOT IN (SELECT y FROM sq_b) AS not_in_b FROM sq_a;
SELECT id, x IN (SELECT y FROM sq_nn), x NOT IN (SELECT y FROM sq_nn) FROM sq_a;
SELECT id, x IN (SELECT y FROM sq_e), x NOT IN (SELECT y FROM sq_e) FROM sq_a;
SELECT id FROM sq_a WHERE NOT (x IN (SELECT y FROM sq_b));
SELECT id FROM sq_a WHERE (x IN (SELECT y FROM sq_b)) IS NULL;
SELECT id FROM sq_a WHERE (x NOT IN (SELECT y FROM sq_b)) IS NOT FALSE;
SELECT id FROM sq_a WHERE x IN (SELECT y FROM sq_b) OR id = 1;
SELECT id FROM sq_a WHERE x NOT IN (SELECT y FROM sq_b) OR id = 1;
SELECT id FROM sq_a WHERE x IN (SELECT y FROM sq_b) AND x NOT IN (SELECT y FROM sq_nn WHERE y > 2);
SELECT id FROM sq_a WHERE x IN (SELECT NULL::int);
SELECT id FROM sq_a WHERE x NOT IN (SELECT NULL::int);
SELECT NULL::int IN (SELECT y FROM sq_nn), NULL::int NOT IN (SELECT y FROM sq_e);
SELECT id FROM sq_a WHERE t IN (SELECT u FROM sq_b);
SELECT id FROM sq_a WHERE t NOT IN (SELECT u FROM sq_b WHERE u IS NOT NULL);
SELECT id FROM sq_a WHERE x IN (SELECT y + 0.0 FROM sq_b);
SELECT id FROM sq_a WHERE x::numeric IN (SELECT y / 2.0 FROM sq_b);
SELECT id FROM sq_a WHERE x IN (SELECT y::int8 * 2 FROM sq_b);
SELECT id FROM sq_a WHERE x IN (SELECT u FROM sq_b);
SELECT id FROM sq_a WHERE x IN (SELECT y, u FROM sq_b);
SELECT id FROM sq_a WHERE (x, t) IN (SELECT y, u FROM sq_b);
SELECT id FROM sq_a WHERE (x, t) NOT IN (SELECT y, u FROM sq_b WHERE id <> 12);
SELECT id FROM sq_a WHERE (x, t) IN (SELECT y FROM sq_b);
SELECT id FROM sq_a WHERE x IN (SELECT y FROM sq_b ORDER BY id LIMIT 1);
SELECT id FROM sq_a WHERE x IN (SELECT max(y) FROM sq_b GROUP BY u);
SELECT id FROM sq_a WHERE x IN (SELECT DISTINCT y FROM sq_b);
SELECT id FROM sq_a WHERE id IN (SELECT aid FROM sq_c) AND x IN (SELECT y FROM sq_b);
SELECT count(*) FROM sq_a WHERE x IN (SELECT g FROM generate_series(1, 1000) g);
SELECT count(*) FROM generate_series(1, 1000) g WHERE g NOT IN (SELECT h * 2 FROM generate_series(1, 400) h);
-- IN / NOT IN lists (no subquery) follow the same three-valued logic.
SELECT id FROM sq_a WHERE x NOT IN (1, NULL);
SELECT id FROM sq_a WHERE x IN (1, NULL);
SELECT id, x IN (2, NULL), x NOT IN (2, 3) FROM sq_a;

-- Correlated IN.
SELECT id FROM sq_a a WHERE x IN (SELECT y FROM sq_b b WHERE b.id > a.id + 8);
SELECT id FROM sq_a a WHERE id IN (SELECT aid FROM sq_c c WHERE c.bid IN (SELECT b.id FROM sq_b b WHERE b.y = a.x));
SELECT id FROM sq_a a WHERE a.x NOT IN (SELECT b.y FROM sq_b b WHERE b.u = a.t);

-- EXISTS / NOT EXISTS: only whether a row comes back, never its values.
SELECT id FROM sq_a a WHERE EXISTS (SELECT 1 FROM sq_b b WHERE b.y = a.x);
SELECT id FROM sq_a a WHERE NOT EXISTS (SELECT 1 FROM sq_b b WHERE b.y = a.x);
SELECT id FROM sq_a a WHERE EXISTS (SELECT 1 FROM sq_b b WHERE b.y <> a.x);
SELECT id FROM sq_a a WHERE NOT EXISTS (SELECT 1 FROM sq_b b WHERE b.y IS NOT DISTINCT FROM a.x);
SELECT id, EXISTS (SELECT 1 FROM sq_b b WHERE b.u = a.t) FROM sq_a a;
SELECT EXISTS (SELECT NULL), EXISTS (SELECT 1 WHERE false), EXISTS (SELECT * FROM sq_e), NOT EXISTS (SELECT * FROM sq_e);
SELECT EXISTS (SELECT count(*) FROM sq_e), EXISTS (SELECT 1 FROM sq_e HAVING count(*) > 0);
SELECT EXISTS (SELECT 1 FROM sq_b LIMIT 0), EXISTS (SELECT 1 FROM sq_b OFFSET 4), EXISTS (SELECT 1 FROM sq_b OFFSET 3);
SELECT EXISTS (SELECT 1 / 0 FROM sq_b);
SELECT EXISTS (SELECT y FROM sq_b WHERE y / 0 = 1);
SELECT id FROM sq_a WHERE EXISTS (SELECT 1 FROM sq_b);
SELECT id FROM sq_a WHERE NOT EXISTS (SELECT 1 FROM sq_e);
SELECT id FROM sq_a a WHERE EXISTS (SELECT 1 FROM sq_b b WHERE b.y = a.x) OR a.x IS NULL;
SELECT id FROM sq_a a WHERE EXISTS (SELECT 1 FROM sq_b b WHERE b.y = a.x) AND NOT EXISTS (SELECT 1 FROM sq_c c WHERE c.aid = a.id);
SELECT id FROM sq_a a WHERE EXISTS (SELECT b.y, b.u FROM sq_b b WHERE b.id = a.id + 9);
SELECT id FROM sq_a a WHERE EXISTS (SELECT 1 FROM sq_b b WHERE a.id = 1);
SELECT id FROM sq_a a WHERE EXISTS (SELECT max(b.y) FROM sq_b b WHERE b.y = a.x);
SELECT id FROM sq_a a WHERE EXISTS (SELECT b.y FROM sq_b b WHERE b.y = a.x GROUP BY b.y HAVING count(*) > 1);

-- ANY / SOME / ALL: empty set gives false / true (even for NULL); NULLs make an undecided answer NULL.
SELECT id FROM sq_a WHERE x = ANY (SELECT y FROM sq_b);
SELECT id FROM sq_a WHERE x = SOME (SELECT y FROM sq_b);
SELECT id FROM sq_a WHERE x < ANY (SELECT y FROM sq_b);
SELECT id FROM sq_a WHERE x < ALL (SELECT y FROM sq_b);
SELECT id FROM sq_a WHERE x < ALL (SELECT y FROM sq_nn);
SELECT id FROM sq_a WHERE x >= ALL (SELECT y FROM sq_nn);
SELECT id FROM sq_a WHERE x <> ALL (SELECT y FROM sq_b);
SELECT id FROM sq_a WHERE x <> ALL (SELECT y FROM sq_nn);
SELECT id FROM sq_a WHERE x > ALL (SELECT y FROM sq_e);
SELECT id FROM sq_a WHERE x = ANY (SELECT y FROM sq_e);
SELECT id, x > ANY (SELECT y FROM sq_b), x > ALL (SELECT y FROM sq_b), x <= ALL (SELECT y FROM sq_nn) FROM sq_a;
SELECT id, x = ANY (SELECT y FROM sq_e), x = ALL (SELECT y FROM sq_e) FROM sq_a;
SELECT NULL::int = ALL (SELECT y FROM sq_e), NULL::int = ANY (SELECT y FROM sq_nn), 2 = ALL (SELECT 2 UNION ALL SELECT NULL);
SELECT id FROM sq_a WHERE t > ANY (SELECT u FROM sq_b);
SELECT id FROM sq_a WHERE (x, t) = ANY (SELECT y, u FROM sq_b);
SELECT id FROM sq_a WHERE (x, t) <> ALL (SELECT y, u FROM sq_b WHERE y IS NOT NULL);
SELECT id FROM sq_a WHERE x = ANY (SELECT ARRAY[1, 2]);
SELECT id FROM sq_a WHERE x = ANY (ARRAY(SELECT y FROM sq_b));
SELECT id FROM sq_a WHERE x LIKE ANY (SELECT u FROM sq_b);
SELECT id FROM sq_a WHERE t LIKE ANY (SELECT u || '%' FROM sq_b);
SELECT id FROM sq_a a WHERE x > ALL (SELECT y FROM sq_b b WHERE b.id <= a.id + 8);
SELECT id FROM sq_a WHERE x = ALL (SELECT y FROM sq_b WHERE y = 2);

-- Correlated scalar subqueries: count() of no rows is 0 (the count bug), sum() is NULL; two rows for one outer row is 21000.
SELECT a.id, (SELECT count(*) FROM sq_b b WHERE b.y = a.x) FROM sq_a a;
SELECT a.id, (SELECT count(b.u) FROM sq_b b WHERE b.y = a.x) FROM sq_a a;
SELECT a.id, (SELECT sum(b.id) FROM sq_b b WHERE b.y = a.x) FROM sq_a a;
SELECT a.id, coalesce((SELECT max(b.id) FROM sq_b b WHERE b.y = a.x), -1) FROM sq_a a;
SELECT a.id FROM sq_a a WHERE (SELECT count(*) FROM sq_b b WHERE b.y = a.x) = 0;
SELECT a.id FROM sq_a a WHERE (SELECT count(*) FROM sq_b b WHERE b.y = a.x) < 2;
SELECT a.id FROM sq_a a WHERE (SELECT sum(b.id) FROM sq_b b WHERE b.y = a.x) IS NULL;
SELECT a.id, (SELECT count(*) FROM sq_b b WHERE b.y = a.x) + (SELECT count(*) FROM sq_c c WHERE c.aid = a.id) FROM sq_a a;
SELECT a.id, (SELECT max(y) FROM sq_b b WHERE b.y <= a.x) FROM sq_a a;
SELECT a.id, (SELECT b.id FROM sq_b b WHERE b.y = a.x ORDER BY b.id LIMIT 1) FROM sq_a a;
SELECT a.id, (SELECT b.id FROM sq_b b WHERE b.y = a.x) FROM sq_a a;
SELECT a.id, (SELECT b.id FROM sq_b b WHERE b.y = a.x) FROM sq_a a WHERE a.id = 1;
SELECT a.id, (SELECT b.id FROM sq_b b WHERE b.y = a.x) FROM sq_a a WHERE a.x <> 2 OR a.x IS NULL;
SELECT a.id, (SELECT a.x + b.y FROM sq_b b WHERE b.id = 11) FROM sq_a a;
SELECT a.id, (SELECT a.t) FROM sq_a a;
SELECT a.id, (SELECT sum(b.y + a.x) FROM sq_b b) FROM sq_a a;
SELECT a.id FROM sq_a a ORDER BY (SELECT count(*) FROM sq_b b WHERE b.y = a.x) DESC, a.id;
SELECT a.id FROM sq_a a WHERE a.x = (SELECT b.y FROM sq_b b WHERE b.id = a.id + 8);
-- An aggregate whose arguments are only outer columns belongs to the outer query.
SELECT a.x, (SELECT count(*) FROM sq_b b WHERE b.y = a.x) FROM sq_a a GROUP BY a.x;
SELECT count(*), (SELECT a.x) FROM sq_a a;
SELECT a.x, (SELECT a.t) FROM sq_a a GROUP BY a.x;
SELECT id FROM sq_a a WHERE EXISTS (SELECT 1 FROM sq_b b WHERE count(a.x) > 0);

-- Correlation at depth 2: the innermost subquery references the outermost query.
SELECT a.id FROM sq_a a WHERE EXISTS (SELECT 1 FROM sq_b b WHERE b.y = a.x AND EXISTS (SELECT 1 FROM sq_c c WHERE c.bid = b.id AND c.aid = a.id));
SELECT a.id FROM sq_a a WHERE EXISTS (SELECT 1 FROM sq_b b WHERE b.y = a.x AND NOT EXISTS (SELECT 1 FROM sq_c c WHERE c.bid = b.id AND c.aid = a.id));
SELECT a.id, (SELECT (SELECT a.x * 10 + b.y) FROM sq_b b WHERE b.id = 11) FROM sq_a a;
SELECT a.id, (SELECT count(*) FROM sq_b b WHERE b.y > (SELECT min(c.aid) FROM sq_c c WHERE c.aid >= a.id)) FROM sq_a a;
SELECT a.id, (SELECT string_agg(b.id::text, ',' ORDER BY b.id) FROM sq_b b WHERE b.id IN (SELECT c.bid FROM sq_c c WHERE c.aid = a.id)) FROM sq_a a;
SELECT a.id FROM sq_a a WHERE a.id IN (SELECT c.aid FROM sq_c c WHERE c.bid IN (SELECT b.id FROM sq_b b WHERE b.u = a.t));
SELECT a.id FROM sq_a a WHERE (SELECT (SELECT count(*) FROM sq_c c WHERE c.aid = a.id AND c.bid = b.id) FROM sq_b b WHERE b.id = 13) > 0;

-- Correlated subqueries in HAVING and over grouped output.
SELECT x, count(*) FROM sq_a a GROUP BY x HAVING count(*) >= (SELECT count(*) FROM sq_b b WHERE b.y = a.x);
SELECT x FROM sq_a a GROUP BY x HAVING EXISTS (SELECT 1 FROM sq_b b WHERE b.y = a.x);
SELECT x, sum(id) FROM sq_a a GROUP BY x HAVING sum(id) > (SELECT min(b.y) FROM sq_b b);
SELECT x FROM sq_a a GROUP BY x HAVING max(a.id) IN (SELECT aid FROM sq_c);
SELECT t FROM sq_a a GROUP BY t HAVING (SELECT count(*) FROM sq_b b WHERE b.u = a.t) = 2;
SELECT x, (SELECT max(b.id) FROM sq_b b WHERE b.y = a.x) FROM sq_a a GROUP BY x HAVING count(*) > 1;
SELECT x FROM sq_a a GROUP BY x HAVING EXISTS (SELECT 1 FROM sq_b b WHERE b.y = a.id);

-- Derived tables: column aliases (full and partial), names from the select list, LIMIT and DISTINCT ON inside.
SELECT * FROM (SELECT id, x FROM sq_a) s;
SELECT s.c1, s.c2 FROM (SELECT id, x FROM sq_a) AS s(c1, c2);
SELECT * FROM (SELECT id, x FROM sq_a) AS s(c1);
SELECT * FROM (SELECT id, x FROM sq_a) AS s(c1, c2, c3);
SELECT s.id FROM (SELECT id, x FROM sq_a) AS s(c1, c2);
SELECT * FROM (SELECT 1, 2 + 3, 'x', sum(4)) s;
SELECT * FROM (SELECT 1 AS a, 2 AS a) s;
SELECT a FROM (SELECT 1 AS a, 2 AS a) s;
SELECT * FROM (SELECT id FROM sq_a);
SELECT * FROM (SELECT id FROM sq_a ORDER BY id DESC LIMIT 2) s;
SELECT * FROM (SELECT id FROM sq_a ORDER BY id LIMIT 2) s WHERE id > 1;
SELECT * FROM (SELECT id FROM sq_a ORDER BY id OFFSET 3) s WHERE id < 5;
SELECT * FROM (SELECT x, count(*) AS c FROM sq_a GROUP BY x) s WHERE c > 1;
SELECT * FROM (SELECT x, count(*) AS c FROM sq_a GROUP BY x) s WHERE x = 2;
SELECT * FROM (SELECT x, count(*) AS c FROM sq_a GROUP BY x) s WHERE x IS NULL;
SELECT * FROM (SELECT count(*) AS c FROM sq_a WHERE x > 100) s;
SELECT * FROM (SELECT count(*) AS c FROM sq_a WHERE x > 100) s WHERE c = 0;
SELECT * FROM (SELECT x, 1 AS one FROM sq_a) s WHERE one = 1 AND x > 1;
SELECT z FROM (SELECT * FROM (SELECT id + 1 AS z FROM sq_a) s1 WHERE z > 2) s2 WHERE z < 6;
SELECT s.x, count(*) FROM (SELECT x FROM sq_a UNION ALL SELECT y FROM sq_b) s GROUP BY s.x;
SELECT max(c) FROM (SELECT x, count(*) AS c FROM sq_a GROUP BY x) s;
SELECT * FROM (SELECT * FROM sq_e) s;
SELECT * FROM (SELECT id, x / 0 AS boom FROM sq_a) s WHERE false;
SELECT * FROM (SELECT id, x, t FROM sq_a WHERE x > 1) AS s(p, q) WHERE q = 2;
SELECT s.* FROM (SELECT id, t FROM sq_a) s WHERE t IS NULL;

-- VALUES in FROM: default column names, type resolution across rows, aliases.
SELECT * FROM (VALUES (1, 'a'), (2, 'b')) AS v(n, s);
SELECT * FROM (VALUES (1, 'a'), (2, 'b')) AS v;
SELECT column1, column2 FROM (VALUES (1, 'a'), (2, 'b')) v;
SELECT n, pg_typeof(n) FROM (VALUES (1), (2.5)) v(n);
SELECT n, pg_typeof(n) FROM (VALUES (NULL), (1)) v(n);
SELECT n, pg_typeof(n) FROM (VALUES ('1'), (2)) v(n);
SELECT n, pg_typeof(n) FROM (VALUES ('a'), ('b')) v(n);
SELECT n, pg_typeof(n) FROM (VALUES (1::int2), (100000)) v(n);
SELECT * FROM (VALUES (1), ('x')) v(n);
SELECT * FROM (VALUES (1, 2), (3)) v(a, b);
SELECT * FROM (VALUES (1)) v(a, b);
SELECT * FROM (VALUES ((SELECT max(id) FROM sq_a)), ((SELECT min(id) FROM sq_b))) v(m);
SELECT a.id, v.label FROM sq_a a JOIN (VALUES (1, 'one'), (2, 'two')) v(k, label) ON a.x = v.k;
SELECT v.k FROM (VALUES (1), (2), (NULL)) v(k) WHERE v.k NOT IN (SELECT y FROM sq_nn);
SELECT v.k FROM (VALUES (1), (2), (NULL)) v(k) WHERE NOT EXISTS (SELECT 1 FROM sq_nn WHERE y = v.k);
SELECT * FROM (VALUES (1, 2)) v(a, b) WHERE (SELECT v.a + v.b) = 3;

-- ARRAY(subquery): order kept from the subquery's ORDER BY, empty is '{}', one column only.
SELECT ARRAY(SELECT y FROM sq_b ORDER BY id);
SELECT ARRAY(SELECT y FROM sq_b ORDER BY y NULLS FIRST, id);
SELECT ARRAY(SELECT y FROM sq_b WHERE false);
SELECT ARRAY(SELECT y, u FROM sq_b);
SELECT a.id, ARRAY(SELECT b.id FROM sq_b b WHERE b.y = a.x ORDER BY b.id) FROM sq_a a;
SELECT ARRAY(SELECT ARRAY[id, y] FROM sq_b WHERE y IS NOT NULL ORDER BY id);
SELECT pg_typeof(ARRAY(SELECT u FROM sq_b));

-- Subqueries in other clauses: ON, CASE, function arguments, LIMIT, select list of an aggregate query.
SELECT a.id, b.id FROM sq_a a JOIN sq_b b ON a.x = b.y AND b.id = (SELECT max(id) FROM sq_b);
SELECT id, CASE WHEN x IN (SELECT y FROM sq_nn) THEN 'in' WHEN x IS NULL THEN 'null' ELSE 'out' END FROM sq_a;
SELECT id, greatest(x, (SELECT max(y) FROM sq_b)) FROM sq_a;
SELECT id FROM sq_a ORDER BY id LIMIT (SELECT count(*) FROM sq_nn);
SELECT id FROM sq_a ORDER BY id OFFSET (SELECT min(y) FROM sq_b);
SELECT count(*), (SELECT count(*) FROM sq_b) FROM sq_a;
SELECT sum((SELECT count(*) FROM sq_b b WHERE b.y = a.x)) FROM sq_a a;

-- INSERT ... SELECT and VALUES with subqueries: the source is read before any row is inserted.
CREATE TABLE sq_ins (id int PRIMARY KEY, v int, s text);
INSERT INTO sq_ins SELECT id, x, t FROM sq_a WHERE x IN (SELECT y FROM sq_b);
INSERT INTO sq_ins SELECT id + 100, (SELECT max(y) FROM sq_b), 'max' FROM sq_a WHERE id = 1;
INSERT INTO sq_ins VALUES (200, (SELECT count(*) FROM sq_a), 'cnt'), (201, (SELECT y FROM sq_b WHERE false), 'none');
INSERT INTO sq_ins VALUES (202, (SELECT y FROM sq_b), 'err');
INSERT INTO sq_ins SELECT * FROM (VALUES (300, 1, 'v'), (301, NULL, 'w')) v;
INSERT INTO sq_ins SELECT id + 1000, v, s FROM sq_ins;
INSERT INTO sq_ins (id, v) SELECT g, g FROM generate_series(500, 502) g WHERE NOT EXISTS (SELECT 1 FROM sq_ins WHERE id = g - 1);
INSERT INTO sq_ins (id, v) SELECT max(id) + 1, count(*) FROM sq_ins;
INSERT INTO sq_ins (id, s) SELECT id + 2000, (SELECT u FROM sq_b b WHERE b.y = a.x ORDER BY b.id LIMIT 1) FROM sq_a a WHERE a.id < 3;
INSERT INTO sq_ins SELECT id, x, t FROM sq_a WHERE id = (SELECT min(id) FROM sq_a);
SELECT * FROM sq_ins ORDER BY id;

-- UPDATE and DELETE with subqueries in WHERE and SET: subqueries see the table as it was before the statement.
UPDATE sq_ins SET v = (SELECT max(y) FROM sq_b) WHERE id = 2;
UPDATE sq_ins SET v = (SELECT y FROM sq_b WHERE false) WHERE id = 5;
UPDATE sq_ins SET v = (SELECT y FROM sq_b) WHERE id = 2;
UPDATE sq_ins SET v = (SELECT y FROM sq_b) WHERE false;
UPDATE sq_ins u SET s = (SELECT t FROM sq_a a WHERE a.id = u.id - 1000) WHERE u.id > 1000 AND u.id < 2000;
UPDATE sq_ins SET v = v + 1 WHERE id IN (SELECT id + 1000 FROM sq_a WHERE x = 2);
UPDATE sq_ins SET v = 0 WHERE v NOT IN (SELECT y FROM sq_b);
UPDATE sq_ins SET v = -v WHERE v NOT IN (SELECT y FROM sq_nn);
UPDATE sq_ins SET v = (SELECT count(*) FROM sq_ins) WHERE id >= 500 AND id < 1000;
UPDATE sq_ins u SET v = (SELECT count(*) FROM sq_ins w WHERE w.id < u.id) WHERE id > 2000;
DELETE FROM sq_ins WHERE id IN (SELECT id + 1000 FROM sq_a WHERE t IS NOT NULL);
DELETE FROM sq_ins WHERE EXISTS (SELECT 1 FROM sq_b WHERE sq_b.y = sq_ins.v) AND id < 100;
DELETE FROM sq_ins WHERE v > (SELECT avg(v) FROM sq_ins);
DELETE FROM sq_ins WHERE v NOT IN (SELECT y FROM sq_b);
DELETE FROM sq_ins WHERE v = ANY (SELECT y FROM sq_e);
DELETE FROM sq_ins WHERE id = (SELECT id FROM sq_ins);
-- Row comparisons with subqueries, ARRAY(SELECT ...), EXISTS's ignored
-- select list, subqueries in LIMIT / OFFSET.
SELECT id FROM sq_a WHERE (x, t) IN (SELECT y, u FROM sq_b) ORDER BY id;
SELECT id FROM sq_a WHERE (x, t) NOT IN (SELECT y, u FROM sq_b) ORDER BY id;
SELECT id FROM sq_a WHERE (x, t) NOT IN (SELECT y, u FROM sq_b WHERE y IS NOT NULL AND u IS NOT NULL) ORDER BY id;
SELECT id, (x, id) > ANY (SELECT y, id FROM sq_b) FROM sq_a ORDER BY id;
SELECT id, (x, id) <= ALL (SELECT y, id FROM sq_b WHERE y IS NOT NULL) FROM sq_a ORDER BY id;
SELECT id FROM sq_a a WHERE (a.x, a.t) IN (SELECT b.y, b.u FROM sq_b b WHERE b.id > a.id) ORDER BY id;
SELECT id FROM sq_a WHERE (x, t, id) IN (SELECT y, u FROM sq_b);
SELECT (1, 'b') IN (SELECT y, u FROM sq_b), (2, 'b') IN (SELECT y, u FROM sq_b), (NULL, 'b') IN (SELECT y, u FROM sq_b);
SELECT ARRAY(SELECT id FROM sq_a ORDER BY id DESC);
SELECT ARRAY(SELECT t FROM sq_a ORDER BY id), ARRAY(SELECT x FROM sq_a WHERE x IS NULL);
SELECT a.id, ARRAY(SELECT b.u FROM sq_b b WHERE b.y = a.x ORDER BY b.id) FROM sq_a a ORDER BY a.id;
SELECT ARRAY(SELECT ARRAY[id, id * 2] FROM sq_a ORDER BY id);
SELECT ARRAY(SELECT ARRAY[id] FROM sq_a UNION ALL SELECT ARRAY[1, 2]);
SELECT ARRAY(SELECT NULL::int[] FROM sq_a);
SELECT ARRAY(SELECT '{}'::int[]);
SELECT array_length(ARRAY(SELECT g FROM generate_series(1, 5000) g), 1);
SELECT ARRAY(SELECT 'x');
SELECT EXISTS (SELECT 1 / 0 FROM sq_b), EXISTS (SELECT DISTINCT 1 / 0 FROM sq_e ORDER BY 1);
SELECT EXISTS (SELECT count(*) FROM sq_e), EXISTS (SELECT 1 FROM sq_e GROUP BY y);
SELECT id FROM sq_a ORDER BY id LIMIT (SELECT count(*) FROM sq_b) OFFSET (SELECT min(id) FROM sq_nn);
SELECT id FROM sq_a ORDER BY id LIMIT (SELECT y FROM sq_b WHERE id = 12);
SELECT id FROM sq_a ORDER BY id LIMIT (SELECT -1);

UPDATE sq_ins SET (v, s) = (SELECT y, u FROM sq_b WHERE id = 11) WHERE id = 300;
UPDATE sq_ins SET (v, s) = (SELECT y, u FROM sq_b WHERE false) WHERE id = 301;
UPDATE sq_ins SET (v, s) = (SELECT y, u FROM sq_b) WHERE id = 301;
SELECT * FROM sq_ins ORDER BY id;
DROP TABLE sq_ins;

DROP TABLE sq_a;
DROP TABLE sq_b;
DROP TABLE sq_nn;
DROP TABLE sq_e;
DROP TABLE sq_c;
