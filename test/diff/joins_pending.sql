-- difftest: pending "joins: aggregates of outer columns, record values"
-- joins_pending.sql - the join statements that do not match PostgreSQL 15
-- yet (the matching ones are in joins.sql, with the same tables).

-- a.k: 1, 2, 2, NULL, 5      b.k: 2, 2, 3, NULL, 1
CREATE TABLE jn_a (id int PRIMARY KEY, k int, v text);
CREATE TABLE jn_b (id int PRIMARY KEY, k int, w text);
CREATE TABLE jn_wc (x int, y text);
INSERT INTO jn_a VALUES (1, 1, 'a1'), (2, 2, 'a2'), (3, 2, 'a3'), (4, NULL, 'a4'), (5, 5, 'a5');
INSERT INTO jn_b VALUES (10, 2, 'b10'), (11, 2, 'b11'), (12, 3, 'b12'), (13, NULL, 'b13'), (14, 1, NULL);
INSERT INTO jn_wc VALUES (NULL, NULL), (1, 'c');

-- An aggregate of only the left side's columns in a LATERAL subquery belongs to the outer level,
-- where it is not allowed in FROM (42803); OmenDB refuses outer aggregates in general (0A000).
SELECT * FROM jn_a a, LATERAL (SELECT count(a.id)) s;

-- Whole rows need a record type: printing one (type record; a table's row type has an OID that
-- differs from run to run, so `SELECT a FROM jn_a a` cannot be compared here), and the
-- NULL-extended row of an item without a NOT NULL column.
SELECT c::text FROM jn_a a LEFT JOIN jn_wc c ON a.id = c.x;
SELECT s FROM (SELECT id, v FROM jn_a) s;

DROP TABLE jn_a, jn_b, jn_wc;
