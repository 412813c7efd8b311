-- grouping_sets.sql - GROUP BY GROUPING SETS / ROLLUP / CUBE / (), GROUP BY DISTINCT,
-- grouping() and its errors, GROUP BY on a primary key (functionally dependent columns),
-- and GROUP BY name ambiguity.
-- Rows of the sets come in no particular order: compared as multisets unless ORDER BY.

CREATE TABLE gs_t (id int PRIMARY KEY, g text, h int, i2 int2, i4 int4, i8 int8, n numeric,
  f4 real, f8 float8, t text, d date, ts timestamp, iv interval, b boolean);
INSERT INTO gs_t VALUES
  (1, 'a', 1, 1, 10, 9223372036854775807, 1.5, 0.5, 0.25, 'p', '2024-01-01', '2024-01-01 10:00', '1 day', true),
  (2, 'a', 2, 2, 20, 9223372036854775807, 2.25, 1.5, 0.5, 'q', '2024-02-29', '2024-01-01 11:30', '2 hours', true),
  (3, 'b', 1, -3, 30, -5, -0.125, 2, 1, 'r', '2023-12-31', '2023-06-15 00:00', '1 mon', false),
  (4, 'b', 2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (5, NULL, 1, 5, 50, 5, 10, -1, -2, 'p', '2024-01-01', '2024-03-01 00:00:01', '-3 days', true),
  (6, NULL, NULL, 6, 60, 6, 3.333, 4, 8, 'Z', '1999-12-31', '2000-01-01 00:00', '1 year 2 mons', false),
  (7, 'c', 3, 7, 70, 7, 0, 0, 0, '', '2000-01-01', '1970-01-01 00:00', '00:00:00.5', true),
  (8, 'a', 1, 1, 10, 1, 1.50, 0.5, 0.25, 'p', '2024-01-01', '2024-01-01 10:00', '1 day', true);
CREATE TABLE gs_e (id int PRIMARY KEY, g text, x int, n numeric, t text, b boolean);
CREATE TABLE gs_y (k int, v text);

-- One empty grouping set: one row, even over no rows.
SELECT count(*) FROM gs_e GROUP BY ();
SELECT count(*) FROM gs_t GROUP BY ();

-- Columns of a table whose primary key is grouped; output name ambiguity.
SELECT id, g, t FROM gs_t GROUP BY id;
SELECT id, g, count(*) FROM gs_t WHERE id < 4 GROUP BY id ORDER BY id;
SELECT g AS x, h AS x FROM gs_t GROUP BY x;

-- GROUPING SETS, ROLLUP, CUBE and grouping().
SELECT g, h, count(*) FROM gs_t GROUP BY ROLLUP (g, h);
SELECT g, h, count(*), grouping(g), grouping(h), grouping(g, h) FROM gs_t GROUP BY ROLLUP (g, h);
SELECT g, h, count(*), grouping(g, h) FROM gs_t GROUP BY CUBE (g, h);
SELECT g, h, sum(i4) FROM gs_t GROUP BY GROUPING SETS ((g), (h), ());
SELECT g, h, sum(i4) FROM gs_t GROUP BY GROUPING SETS ((g, h), (g));
SELECT g, count(*) FROM gs_t GROUP BY GROUPING SETS ((g), (g));
SELECT g, count(*) FROM gs_t GROUP BY DISTINCT GROUPING SETS ((g), (g));
SELECT g, h, count(*) FROM gs_t GROUP BY g, ROLLUP (h);
SELECT g, h, count(*) FROM gs_t GROUP BY DISTINCT ROLLUP (g, h), ROLLUP (g);
SELECT count(*) FROM gs_t GROUP BY GROUPING SETS (());
SELECT count(*) FROM gs_e GROUP BY GROUPING SETS ((), (g));
SELECT g, count(*) FROM gs_e GROUP BY ROLLUP (g);
SELECT g, count(*) FROM gs_e GROUP BY CUBE (g);
SELECT g, b, count(*) FROM gs_t GROUP BY CUBE (g, b) HAVING count(*) > 1;
SELECT g, grouping(g), count(*) FROM gs_t GROUP BY ROLLUP (g) ORDER BY grouping(g), g;
SELECT CASE WHEN grouping(g) = 1 THEN 'all' ELSE coalesce(g, 'null') END AS label, sum(i4) FROM gs_t GROUP BY ROLLUP (g);
SELECT g, h, string_agg(id::text, ',' ORDER BY id) FROM gs_t GROUP BY GROUPING SETS ((g), (h));
SELECT g, string_agg(t, ',' ORDER BY t DESC), array_agg(DISTINCT h), percentile_disc(0.5) WITHIN GROUP (ORDER BY i4) FROM gs_t GROUP BY ROLLUP (g);
SELECT g, string_agg(g, ',' ORDER BY g), array_agg(DISTINCT id), percentile_cont(0.5) WITHIN GROUP (ORDER BY id), stddev(id) FROM gs_e GROUP BY GROUPING SETS ((), (g), ());
SELECT h % 2 AS p, count(*) FROM gs_t GROUP BY ROLLUP (h % 2);
SELECT g, h, count(*) FROM gs_t GROUP BY ROLLUP ((g, h));
SELECT g, h, count(*) FROM gs_t GROUP BY GROUPING SETS (g, ROLLUP (h));
SELECT g, count(*), grouping(h) FROM gs_t GROUP BY g;
SELECT g, h FROM gs_t GROUP BY ROLLUP (g);
SELECT grouping(count(*)) FROM gs_t;
SELECT grouping(g) FROM gs_t;

-- Mixtures, nesting, limits, HAVING / ORDER BY over grouping(), dependent columns with sets.
SELECT g, h, count(*) FROM gs_t GROUP BY (g, h);
SELECT g, h, count(*) FROM gs_t GROUP BY (), g, h;
SELECT count(*) FROM gs_t GROUP BY (), ();
SELECT count(*) FROM gs_t GROUP BY GROUPING SETS ((), ());
SELECT count(*) FROM gs_y GROUP BY GROUPING SETS ((), ());
SELECT count(*) FROM gs_y GROUP BY GROUPING SETS ((), (k), ());
SELECT g, h, b, count(*), grouping(g, h, b), grouping(b, g) FROM gs_t GROUP BY CUBE (g, h, b) ORDER BY 5, 1, 2, 3;
SELECT g, h, count(*) FROM gs_t GROUP BY GROUPING SETS (g, (g, h), ROLLUP (h), CUBE (b), ()) ORDER BY 1, 2, 3;
SELECT g, h, count(*) FROM gs_t GROUP BY GROUPING SETS (GROUPING SETS (g, h), GROUPING SETS ((g, h)));
SELECT g, h, count(*) FROM gs_t GROUP BY ROLLUP (g), CUBE (h);
SELECT g, h, count(*) FROM gs_t GROUP BY DISTINCT ROLLUP (g), CUBE (h, g);
SELECT g, h, count(*) FROM gs_t GROUP BY ROLLUP ((g, h), b);
SELECT 1 FROM gs_t GROUP BY CUBE(id,g,h,i4,t,b,id,g,h,i4,t,b,id);
SELECT count(*) FROM gs_t GROUP BY CUBE(id,g,h,i4,t,b), CUBE(id,g,h,i4,t,b), ROLLUP(g);
SELECT count(*) FROM gs_t WHERE grouping(g) = 0 GROUP BY g;
SELECT sum(grouping(g)) FROM gs_t GROUP BY g;
SELECT grouping(g, g) FROM gs_t GROUP BY g;
SELECT g, count(*) FROM gs_t GROUP BY ROLLUP (g) HAVING grouping(g) = 1;
SELECT g, count(*) FROM gs_t GROUP BY ROLLUP (g) HAVING g IS NULL;
SELECT g, sum(i4) FILTER (WHERE b), max(t), grouping(g) FROM gs_t GROUP BY ROLLUP (g) ORDER BY g NULLS FIRST, 4;
SELECT g, count(DISTINCT h) FROM gs_t GROUP BY ROLLUP (g) ORDER BY 1;
SELECT upper(g) AS u, count(*) FROM gs_t GROUP BY ROLLUP (upper(g)) ORDER BY u, 2;
SELECT g || 'x', count(*) FROM gs_t GROUP BY ROLLUP (g) ORDER BY 1, 2;
SELECT 1 AS one, count(*) FROM gs_t GROUP BY ROLLUP (1);
SELECT g AS x, count(*) FROM gs_t GROUP BY CUBE (x) ORDER BY 1;
SELECT id, g, t FROM gs_t GROUP BY ROLLUP (id);
SELECT id, g, t FROM gs_t GROUP BY id, ROLLUP (h) ORDER BY id, h;
SELECT x.id, x.g, y.v FROM gs_t x JOIN gs_y y ON x.id = y.k GROUP BY x.id;
SELECT x.id, x.g, count(*) FROM gs_t x JOIN gs_t y ON x.id = y.id GROUP BY x.id ORDER BY 1;
SELECT x.id, y.g FROM gs_t x JOIN gs_t y ON x.id = y.id GROUP BY x.id;
SELECT s.id, s.g FROM (SELECT * FROM gs_t) s GROUP BY s.id;
SELECT DISTINCT g, grouping(g) FROM gs_t GROUP BY ROLLUP (g);
SELECT count(*) FROM (SELECT g, h, count(*) FROM gs_t GROUP BY CUBE (g, h)) s;
SELECT g, (SELECT count(*) FROM gs_y) FROM gs_t GROUP BY ROLLUP (g);
SELECT grouping(id) FROM gs_t GROUP BY g;
SELECT count(*) FROM gs_t a JOIN gs_t b ON grouping(a.g) > 0;
SELECT count(*) FILTER (WHERE grouping(g) > 1) FROM gs_t GROUP BY g;

-- Grouping sets and DISTINCT ON inside subqueries, CTEs, set operations and joins.
CREATE TABLE gs_q (id int PRIMARY KEY, g text, h int);
INSERT INTO gs_q VALUES (1,'a',1),(2,'a',2),(3,'b',1),(4,'b',2),(5,NULL,1),(6,NULL,NULL),(7,'c',3),(8,'a',1);
SELECT id, (SELECT DISTINCT ON (g) id FROM gs_q t2 WHERE t2.h = t1.h ORDER BY g, id DESC LIMIT 1) FROM gs_q t1 ORDER BY id;
SELECT id, (SELECT count(*) FROM (SELECT g FROM gs_q t2 WHERE t2.h = t1.h GROUP BY ROLLUP (g)) s) FROM gs_q t1 ORDER BY id;
SELECT id FROM gs_q t1 WHERE EXISTS (SELECT 1 FROM gs_q t2 WHERE t2.h = t1.h GROUP BY CUBE (g) HAVING count(*) > 2) ORDER BY id;
SELECT id FROM gs_q t1 WHERE id IN (SELECT DISTINCT ON (g) id FROM gs_q ORDER BY g, id) ORDER BY id;
WITH c AS (SELECT g, h, count(*) AS n FROM gs_q GROUP BY CUBE (g, h)) SELECT count(*), sum(n) FROM c;
SELECT g, count(*) FROM gs_q GROUP BY ROLLUP (g) UNION SELECT g, count(*) FROM gs_q GROUP BY g ORDER BY 1, 2;
SELECT a.g, b.cnt FROM gs_q a JOIN (SELECT g, count(*) cnt FROM gs_q GROUP BY ROLLUP (g)) b ON a.g = b.g ORDER BY a.id;
SELECT DISTINCT ON (a.g) a.g, b.id FROM gs_q a JOIN gs_q b ON a.h = b.h ORDER BY a.g, b.id DESC;

-- Correlated subqueries above grouping sets: a grouped column reads the set's key (NULL where rolled up).
SELECT h, (SELECT count(*) FROM gs_q t2 WHERE t2.h = t1.h) FROM gs_q t1 GROUP BY ROLLUP (h) ORDER BY 1, 2;
SELECT g, h, (SELECT max(id) FROM gs_q t2 WHERE t2.g = t1.g AND t2.h = t1.h) FROM gs_q t1 GROUP BY CUBE (g, h) ORDER BY 1, 2, 3;
SELECT id, (SELECT t1.g || x.g FROM gs_q x WHERE x.id = 1) FROM gs_q t1 GROUP BY id ORDER BY id;
SELECT g, (SELECT t1.h) FROM gs_q t1 GROUP BY ROLLUP (g);
SELECT id, g, (SELECT count(*) FROM gs_q t2 WHERE t2.g = t1.g) FROM gs_q t1 GROUP BY ROLLUP (id) ORDER BY 1;

DROP TABLE gs_t;
DROP TABLE gs_e;
DROP TABLE gs_y;
DROP TABLE gs_q;
