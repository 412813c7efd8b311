-- distinct.sql - SELECT DISTINCT (NULLs as one value, ORDER BY over select-list expressions)
-- and SELECT DISTINCT ON (exprs): ORDER BY that must start with them (42P10), positions, names,
-- expressions, LIMIT, inside derived tables (outer conditions stay above it) and without ORDER BY.

CREATE TABLE dst_t (id int PRIMARY KEY, g text, h int, i2 int2, i4 int4, i8 int8, n numeric,
  f4 real, f8 float8, t text, d date, ts timestamp, iv interval, b boolean);
INSERT INTO dst_t VALUES
  (1, 'a', 1, 1, 10, 9223372036854775807, 1.5, 0.5, 0.25, 'p', '2024-01-01', '2024-01-01 10:00', '1 day', true),
  (2, 'a', 2, 2, 20, 9223372036854775807, 2.25, 1.5, 0.5, 'q', '2024-02-29', '2024-01-01 11:30', '2 hours', true),
  (3, 'b', 1, -3, 30, -5, -0.125, 2, 1, 'r', '2023-12-31', '2023-06-15 00:00', '1 mon', false),
  (4, 'b', 2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (5, NULL, 1, 5, 50, 5, 10, -1, -2, 'p', '2024-01-01', '2024-03-01 00:00:01', '-3 days', true),
  (6, NULL, NULL, 6, 60, 6, 3.333, 4, 8, 'Z', '1999-12-31', '2000-01-01 00:00', '1 year 2 mons', false),
  (7, 'c', 3, 7, 70, 7, 0, 0, 0, '', '2000-01-01', '1970-01-01 00:00', '00:00:00.5', true),
  (8, 'a', 1, 1, 10, 1, 1.50, 0.5, 0.25, 'p', '2024-01-01', '2024-01-01 10:00', '1 day', true);
CREATE TABLE dst_sq (id int PRIMARY KEY, x int, t text);
INSERT INTO dst_sq VALUES (1, 1, 'a'), (2, 2, 'b'), (3, NULL, 'c'), (4, 4, NULL), (5, 2, 'e');

-- SELECT DISTINCT: NULLs as one value, multiple columns, with ORDER BY (which must use select-list expressions).
SELECT DISTINCT g FROM dst_t;
SELECT DISTINCT g FROM dst_t ORDER BY g;
SELECT DISTINCT g, h FROM dst_t;
SELECT DISTINCT h % 2 FROM dst_t;
SELECT DISTINCT b FROM dst_t;
SELECT DISTINCT t FROM dst_t ORDER BY t DESC NULLS LAST;
SELECT DISTINCT i8 FROM dst_t ORDER BY 1;
SELECT DISTINCT g, count(*) FROM dst_t GROUP BY g, h;
SELECT DISTINCT count(*) FROM dst_t GROUP BY g;
SELECT DISTINCT g FROM dst_t ORDER BY h;
SELECT DISTINCT g FROM dst_t ORDER BY upper(g);
SELECT DISTINCT upper(g) FROM dst_t ORDER BY upper(g);
SELECT DISTINCT ON (g) g, id FROM dst_t ORDER BY g, id;
SELECT DISTINCT ON (g) g, id FROM dst_t ORDER BY g, id DESC;
SELECT DISTINCT ON (g) g, id, t FROM dst_t ORDER BY g NULLS FIRST, i4 DESC NULLS LAST, id;
SELECT DISTINCT ON (h) h, id FROM dst_t ORDER BY h, id LIMIT 2;
SELECT DISTINCT ON (g, h) g, h, id FROM dst_t ORDER BY g, h, id;
SELECT DISTINCT ON (h % 2) h % 2, id FROM dst_t ORDER BY h % 2, id;
SELECT DISTINCT ON (1) g, id FROM dst_t ORDER BY 1, 2;
SELECT DISTINCT ON (g) g, id FROM dst_t ORDER BY id;
SELECT DISTINCT ON (g) id FROM dst_t ORDER BY g, id;
SELECT count(DISTINCT g) FROM dst_t;
SELECT DISTINCT x FROM (VALUES (1), (NULL), (1), (NULL)) v(x);
SELECT DISTINCT x, y FROM (VALUES (1, NULL), (1, NULL), (NULL, 1)) v(x, y);
SELECT DISTINCT ARRAY[h, h] FROM dst_t;
SELECT DISTINCT t FROM dst_t LIMIT 0;
SELECT count(*) FROM (SELECT DISTINCT g % 7 FROM generate_series(1, 5000) g) s;

-- Derived tables: a condition on the result must not filter the input of DISTINCT ON.
SELECT * FROM (SELECT DISTINCT ON (x) x, id FROM dst_sq ORDER BY x, id) s WHERE id = 5;
SELECT * FROM (SELECT DISTINCT ON (x) x, id FROM dst_sq ORDER BY x, id) s WHERE x = 2;

-- More DISTINCT ON shapes, and GROUP BY / aggregate placement errors.
SELECT DISTINCT ON (g) g, id FROM dst_t ORDER BY id;
SELECT DISTINCT ON (g) g, id FROM dst_t ORDER BY id, g;
SELECT DISTINCT ON (g, h) g, h, id FROM dst_t ORDER BY g, id;
SELECT DISTINCT ON (g, h) g, h, id FROM dst_t ORDER BY h, id;
SELECT DISTINCT ON (g, h) g, h, id FROM dst_t ORDER BY h DESC, g DESC, id;
SELECT DISTINCT ON (g, h) g, h FROM dst_t ORDER BY g;
SELECT DISTINCT ON (3) g, id FROM dst_t;
SELECT DISTINCT ON (0) g, id FROM dst_t;
SELECT DISTINCT ON (g) * FROM dst_t ORDER BY g, id DESC;
SELECT DISTINCT ON (upper(g)) g, id FROM dst_t ORDER BY upper(g), id;
SELECT DISTINCT ON (g) g AS x, id FROM dst_t ORDER BY x, id;
SELECT DISTINCT ON (x) g AS x, id FROM dst_t ORDER BY x, id;
SELECT DISTINCT ON (nosuch) g FROM dst_t;
SELECT DISTINCT ON (g) g, count(*) FROM dst_t GROUP BY g, h ORDER BY g, count(*) DESC, h;
SELECT DISTINCT ON (g) g, id FROM dst_t ORDER BY g, id LIMIT 2 OFFSET 1;
SELECT count(*) FROM (SELECT DISTINCT ON (g) g FROM dst_t) s;
SELECT * FROM (SELECT DISTINCT ON (g) g, id FROM dst_t ORDER BY g, id DESC) s WHERE id < 7 ORDER BY id;
SELECT DISTINCT ON (h % 2) h, id FROM dst_t ORDER BY h % 2, id DESC;
SELECT DISTINCT ON (g) g, id FROM dst_t WHERE false;
SELECT DISTINCT ON (g) g FROM dst_t UNION ALL SELECT 'z' ORDER BY 1;
SELECT (SELECT DISTINCT ON (g) id FROM dst_t ORDER BY g, id LIMIT 1);
SELECT DISTINCT ON (t) t, id FROM dst_t ORDER BY t DESC NULLS LAST, id;
SELECT DISTINCT upper(g) FROM dst_t ORDER BY upper(g);
SELECT DISTINCT upper(g) FROM dst_t ORDER BY lower(g);
SELECT DISTINCT g, h % 2 FROM dst_t ORDER BY h % 2, g;
SELECT x FROM dst_t d(x) GROUP BY x ORDER BY x;
SELECT g AS x, h AS x FROM dst_t GROUP BY x;
SELECT g AS x, g AS x FROM dst_t GROUP BY x;
SELECT g FROM dst_t GROUP BY ();
SELECT 1 FROM dst_t GROUP BY ();

-- DISTINCT ON with FETCH ... WITH TIES; grouping sets over CTEs.
CREATE TABLE dst_w (id int PRIMARY KEY, g text, h int);
INSERT INTO dst_w VALUES (1,'a',1),(2,'a',2),(3,'b',1),(4,'b',2),(5,NULL,1),(6,NULL,NULL),(7,'c',3),(8,'a',1);
SELECT DISTINCT ON (g) g, h FROM dst_w ORDER BY g, h FETCH FIRST 2 ROWS WITH TIES;
SELECT DISTINCT ON (h) h, g FROM dst_w ORDER BY h NULLS FIRST, g FETCH FIRST 1 ROW WITH TIES;
SELECT DISTINCT ON (g) g, id FROM dst_w ORDER BY g, id FETCH FIRST 2 ROWS ONLY;
SELECT DISTINCT ON (g) g FROM dst_w FETCH FIRST 1 ROW WITH TIES;
WITH c AS (SELECT g, h, count(*) n FROM dst_w GROUP BY ROLLUP (g, h)) SELECT count(*), sum(n) FROM c;
WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r WHERE x < 5) SELECT x % 2, count(*) FROM r GROUP BY ROLLUP (x % 2) ORDER BY 1, 2;

DROP TABLE dst_t;
DROP TABLE dst_sq;
DROP TABLE dst_w;
