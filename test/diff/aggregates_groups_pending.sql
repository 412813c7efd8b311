-- difftest: pending "row values in aggregates and bit strings are not there yet"
-- aggregates_groups_pending.sql - what still differs of GROUP BY and the
-- aggregates: row constructors and bit strings. The aggregates that match
-- are in aggregate_functions.sql; GROUP BY (), the primary-key dependency and
-- GROUPING SETS in grouping_sets.sql; SELECT DISTINCT [ON] in distinct.sql.

CREATE TABLE ag_t (id int PRIMARY KEY, g text, h int, i2 int2, i4 int4, i8 int8, n numeric,
  f4 real, f8 float8, t text, d date, ts timestamp, iv interval, b boolean);
INSERT INTO ag_t VALUES
  (1, 'a', 1, 1, 10, 9223372036854775807, 1.5, 0.5, 0.25, 'p', '2024-01-01', '2024-01-01 10:00', '1 day', true),
  (2, 'a', 2, 2, 20, 9223372036854775807, 2.25, 1.5, 0.5, 'q', '2024-02-29', '2024-01-01 11:30', '2 hours', true),
  (3, 'b', 1, -3, 30, -5, -0.125, 2, 1, 'r', '2023-12-31', '2023-06-15 00:00', '1 mon', false),
  (4, 'b', 2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (5, NULL, 1, 5, 50, 5, 10, -1, -2, 'p', '2024-01-01', '2024-03-01 00:00:01', '-3 days', true),
  (6, NULL, NULL, 6, 60, 6, 3.333, 4, 8, 'Z', '1999-12-31', '2000-01-01 00:00', '1 year 2 mons', false),
  (7, 'c', 3, 7, 70, 7, 0, 0, 0, '', '2000-01-01', '1970-01-01 00:00', '00:00:00.5', true),
  (8, 'a', 1, 1, 10, 1, 1.50, 0.5, 0.25, 'p', '2024-01-01', '2024-01-01 10:00', '1 day', true);
CREATE TABLE ag_e (id int PRIMARY KEY, g text, x int, n numeric, t text, b boolean);

-- A row in count(DISTINCT), bit strings (OmenDB has no bit type yet).
SELECT count(DISTINCT (g, h)) FROM ag_t;
SELECT bit_and(x), bit_or(x) FROM (VALUES (B'1100'), (B'1010')) v(x);

DROP TABLE ag_t;
DROP TABLE ag_e;
