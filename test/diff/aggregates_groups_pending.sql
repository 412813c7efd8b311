-- difftest: pending "GROUP BY (), GROUPING SETS, primary-key dependency and DISTINCT ON arrive with the joins/GROUP BY/subqueries issue"
-- aggregates_groups_pending.sql - what still differs of GROUP BY and the
-- aggregates: GROUP BY (), the primary-key dependency, row constructors, bit
-- strings, GROUPING SETS / ROLLUP / CUBE, SELECT DISTINCT [ON]. The aggregates
-- that match are in aggregate_functions.sql.

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

-- GROUP BY (), the primary key's functional dependency, a row in count(DISTINCT),
-- bit strings (OmenDB has no bit type yet).
SELECT count(*) FROM ag_e GROUP BY ();
SELECT count(*) FROM ag_t GROUP BY ();
SELECT id, g, t FROM ag_t GROUP BY id;
SELECT id, g, count(*) FROM ag_t WHERE id < 4 GROUP BY id ORDER BY id;
SELECT count(DISTINCT (g, h)) FROM ag_t;
SELECT bit_and(x), bit_or(x) FROM (VALUES (B'1100'), (B'1010')) v(x);

-- GROUPING SETS, ROLLUP, CUBE and grouping().
SELECT g, h, count(*) FROM ag_t GROUP BY ROLLUP (g, h);
SELECT g, h, count(*), grouping(g), grouping(h), grouping(g, h) FROM ag_t GROUP BY ROLLUP (g, h);
SELECT g, h, count(*), grouping(g, h) FROM ag_t GROUP BY CUBE (g, h);
SELECT g, h, sum(i4) FROM ag_t GROUP BY GROUPING SETS ((g), (h), ());
SELECT g, h, sum(i4) FROM ag_t GROUP BY GROUPING SETS ((g, h), (g));
SELECT g, count(*) FROM ag_t GROUP BY GROUPING SETS ((g), (g));
SELECT g, count(*) FROM ag_t GROUP BY DISTINCT GROUPING SETS ((g), (g));
SELECT g, h, count(*) FROM ag_t GROUP BY g, ROLLUP (h);
SELECT g, h, count(*) FROM ag_t GROUP BY DISTINCT ROLLUP (g, h), ROLLUP (g);
SELECT count(*) FROM ag_t GROUP BY GROUPING SETS (());
SELECT count(*) FROM ag_e GROUP BY GROUPING SETS ((), (g));
SELECT g, count(*) FROM ag_e GROUP BY ROLLUP (g);
SELECT g, count(*) FROM ag_e GROUP BY CUBE (g);
SELECT g, b, count(*) FROM ag_t GROUP BY CUBE (g, b) HAVING count(*) > 1;
SELECT g, grouping(g), count(*) FROM ag_t GROUP BY ROLLUP (g) ORDER BY grouping(g), g;
SELECT CASE WHEN grouping(g) = 1 THEN 'all' ELSE coalesce(g, 'null') END AS label, sum(i4) FROM ag_t GROUP BY ROLLUP (g);
SELECT g, h, string_agg(id::text, ',' ORDER BY id) FROM ag_t GROUP BY GROUPING SETS ((g), (h));
SELECT h % 2 AS p, count(*) FROM ag_t GROUP BY ROLLUP (h % 2);
SELECT g, h, count(*) FROM ag_t GROUP BY ROLLUP ((g, h));
SELECT g, h, count(*) FROM ag_t GROUP BY GROUPING SETS (g, ROLLUP (h));
SELECT g, count(*), grouping(h) FROM ag_t GROUP BY g;
SELECT g, h FROM ag_t GROUP BY ROLLUP (g);
SELECT grouping(count(*)) FROM ag_t;
SELECT grouping(g) FROM ag_t;

-- SELECT DISTINCT: NULLs as one value, multiple columns, with ORDER BY (which must use select-list expressions).
SELECT DISTINCT g FROM ag_t;
SELECT DISTINCT g FROM ag_t ORDER BY g;
SELECT DISTINCT g, h FROM ag_t;
SELECT DISTINCT h % 2 FROM ag_t;
SELECT DISTINCT b FROM ag_t;
SELECT DISTINCT t FROM ag_t ORDER BY t DESC NULLS LAST;
SELECT DISTINCT i8 FROM ag_t ORDER BY 1;
SELECT DISTINCT g, count(*) FROM ag_t GROUP BY g, h;
SELECT DISTINCT count(*) FROM ag_t GROUP BY g;
SELECT DISTINCT g FROM ag_t ORDER BY h;
SELECT DISTINCT g FROM ag_t ORDER BY upper(g);
SELECT DISTINCT upper(g) FROM ag_t ORDER BY upper(g);
SELECT DISTINCT ON (g) g, id FROM ag_t ORDER BY g, id;
SELECT DISTINCT ON (g) g, id FROM ag_t ORDER BY g, id DESC;
SELECT DISTINCT ON (g) g, id, t FROM ag_t ORDER BY g NULLS FIRST, i4 DESC NULLS LAST, id;
SELECT DISTINCT ON (h) h, id FROM ag_t ORDER BY h, id LIMIT 2;
SELECT DISTINCT ON (g, h) g, h, id FROM ag_t ORDER BY g, h, id;
SELECT DISTINCT ON (h % 2) h % 2, id FROM ag_t ORDER BY h % 2, id;
SELECT DISTINCT ON (1) g, id FROM ag_t ORDER BY 1, 2;
SELECT DISTINCT ON (g) g, id FROM ag_t ORDER BY id;
SELECT DISTINCT ON (g) id FROM ag_t ORDER BY g, id;
SELECT count(DISTINCT g) FROM ag_t;
SELECT DISTINCT x FROM (VALUES (1), (NULL), (1), (NULL)) v(x);
SELECT DISTINCT x, y FROM (VALUES (1, NULL), (1, NULL), (NULL, 1)) v(x, y);
SELECT DISTINCT ARRAY[h, h] FROM ag_t;
SELECT DISTINCT t FROM ag_t LIMIT 0;
SELECT count(*) FROM (SELECT DISTINCT g % 7 FROM generate_series(1, 5000) g) s;

DROP TABLE ag_t;
DROP TABLE ag_e;
