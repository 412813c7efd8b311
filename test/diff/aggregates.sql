-- difftest: pending "aggregates beyond count arrive with the aggregates issue"
-- aggregates.sql - sum, avg, min, max and count over the numeric types: the
-- result types (sum of bigint is numeric, avg of integers is numeric), NULLs
-- skipped, NaN, and overflow of the running sum.

CREATE TABLE agg_t (id int PRIMARY KEY, i int, b bigint, n numeric, f float8, r real, t text);
INSERT INTO agg_t VALUES (1, 1, 9223372036854775807, 1.5, 1.5, 1.5, 'b'), (2, 2, 1, 2.25, 'NaN', 2.5, 'a'),
  (3, NULL, NULL, NULL, NULL, NULL, NULL), (4, 2, -1, -0.75, -1e308, 0.25, 'c');
SELECT sum(n), avg(n), min(n), max(n), count(n) FROM agg_t;
SELECT sum(i), avg(i), min(i), max(i), count(i), count(*) FROM agg_t;
SELECT sum(b), avg(b), min(b), max(b) FROM agg_t;
SELECT sum(f), avg(f), min(f), max(f) FROM agg_t;
SELECT sum(r), avg(r), min(r), max(r) FROM agg_t;
SELECT min(t), max(t) FROM agg_t;
SELECT sum(n) FROM agg_t WHERE false;
SELECT avg(n::numeric(5,2)), sum(i::int2), sum(i::int8) FROM agg_t;
SELECT sum(t) FROM agg_t;
UPDATE agg_t SET n = 'NaN' WHERE id = 1;
SELECT sum(n), avg(n), min(n), max(n) FROM agg_t;
UPDATE agg_t SET f = 1e308 WHERE id = 2;
SELECT sum(f) FROM agg_t WHERE id = 2 OR id = 1;
UPDATE agg_t SET f = 1e308 WHERE id = 1;
SELECT sum(f) FROM agg_t;
DROP TABLE agg_t;
