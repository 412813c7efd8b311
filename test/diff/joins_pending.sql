-- difftest: pending "joins: whole-row references, join aliases, FULL JOIN refusals, UPDATE ... FROM"
-- joins_pending.sql - the join statements that do not match PostgreSQL 15
-- yet (the matching ones are in joins.sql, with the same tables).

-- a.k: 1, 2, 2, NULL, 5      b.k: 2, 2, 3, NULL, 1      c.k: 1, 2, 3, 4, NULL
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
-- PostgreSQL refuses a FULL JOIN whose condition cannot be merged or hashed (0A000).

-- NATURAL: joins on every common column name; no common column is a cross join.
CREATE TABLE jn_n1 (k int, v text);
CREATE TABLE jn_n2 (k int, w text);
CREATE TABLE jn_n3 (q int);
INSERT INTO jn_n1 VALUES (1, 'x'), (2, 'y'), (NULL, 'z'), (2, 'yy');
INSERT INTO jn_n2 VALUES (2, 'p'), (3, 'q'), (NULL, 'r');
INSERT INTO jn_n3 VALUES (7), (8);

-- Mixed key types: int2/int4/int8, int = numeric, int = float8, text = varchar, char(n) padding, big int8 keys.
CREATE TABLE jn_m1 (id int PRIMARY KEY, i2 int2, i4 int4, i8 int8, n numeric, f float8, t text, vc varchar(5), c char(3));
CREATE TABLE jn_m2 (id int PRIMARY KEY, i2 int2, i4 int4, i8 int8, n numeric, f float8, t text, vc varchar(5), c char(3));
INSERT INTO jn_m1 VALUES (1, 1, 1, 1, 1.0, 1.0, 'x', 'x', 'x'), (2, 2, 2, 4294967298, 2.5, 2.5, 'y ', 'y ', 'y'),
  (3, NULL, 3, 3, 3.00, 0.1, 'z', 'z', 'z  '), (4, 4, NULL, -1, NULL, NULL, NULL, NULL, NULL);
INSERT INTO jn_m2 VALUES (1, 1, 1, 1, 1, 1, 'x', 'x', 'x'), (2, 2, 2, 2, 2.50, 2.5, 'y', 'y', 'y '),
  (3, 3, 3, 3, 3, 0.3, 'z  ', 'z  ', 'z'), (4, -1, -1, 4294967295, 4.0, -1, '', '', '');
SELECT a.k, string_agg(b.id::text, ',' ORDER BY b.id) FROM jn_a a LEFT JOIN jn_b b ON a.k = b.k GROUP BY a.k;

-- Whole-row references over joins.

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


-- needs general constant folding (NOT true is false) before the join sees the ON condition.
SELECT a.id, b.id FROM jn_a a JOIN jn_b b ON a.id / 0 = 1 AND NOT true;


-- Whole rows need a record type: printing one (type record; a table's row type has an OID that
-- differs from run to run, so `SELECT a FROM jn_a a` cannot be compared here), and the
-- NULL-extended row of an item without a NOT NULL column.
CREATE TABLE jn_wc (x int, y text);
INSERT INTO jn_wc VALUES (NULL, NULL), (1, 'c');
SELECT c::text FROM jn_a a LEFT JOIN jn_wc c ON a.id = c.x;
SELECT s FROM (SELECT id, v FROM jn_a) s;
DROP TABLE jn_wc;

DROP TABLE jn_a, jn_b, jn_c, jn_d, jn_e, jn_f, jn_n1, jn_n2, jn_n3, jn_m1, jn_m2;
