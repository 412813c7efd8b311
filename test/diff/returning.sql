-- INSERT / UPDATE / DELETE ... RETURNING at the top level: the affected rows,
-- the write's own command tag.
CREATE TABLE rt_t (id int PRIMARY KEY, v int, s text DEFAULT 'd');
INSERT INTO rt_t VALUES (1, 10), (2, 20) RETURNING *;
INSERT INTO rt_t VALUES (3, 30) RETURNING id, v * 2 AS dbl, s;
INSERT INTO rt_t (id) VALUES (4) RETURNING v, s;
INSERT INTO rt_t SELECT g, g * 10 FROM generate_series(5, 7) g RETURNING id;
INSERT INTO rt_t SELECT 8 RETURNING *;
UPDATE rt_t SET v = v + 1 WHERE id <= 2 RETURNING id, v;
UPDATE rt_t SET v = 0 WHERE id = 100 RETURNING *;
DELETE FROM rt_t WHERE id = 7 RETURNING *;
DELETE FROM rt_t WHERE v > 40 RETURNING id, s;
UPDATE rt_t x SET s = 'u' WHERE x.id = 3 RETURNING x.id, x.s, rt_t.v;
UPDATE rt_t x SET s = 'u' WHERE x.id = 3 RETURNING x.id, x.s;
UPDATE rt_t SET s = 'u' WHERE id = 3 RETURNING rt_t.*;
UPDATE rt_t SET s = s || '!' RETURNING id, s, length(s);
INSERT INTO rt_t VALUES (1, 1) RETURNING *;
INSERT INTO rt_t VALUES (9, 9) RETURNING nosuch;
INSERT INTO rt_t VALUES (10, 10) RETURNING count(*);
INSERT INTO rt_t VALUES (11, NULL) RETURNING v IS NULL, coalesce(v, -1);
DELETE FROM rt_t WHERE id IN (SELECT id FROM rt_t WHERE v IS NULL) RETURNING id;
BEGIN;
INSERT INTO rt_t VALUES (20, 2) RETURNING id;
ROLLBACK;
SELECT * FROM rt_t ORDER BY id;
DELETE FROM rt_t RETURNING id;
SELECT count(*) FROM rt_t;
-- INSERT ... SELECT without a column list fills the first columns
CREATE TABLE rt_i (a int, b int DEFAULT 7, c text DEFAULT 'z', d int GENERATED ALWAYS AS IDENTITY);
INSERT INTO rt_i SELECT 1;
INSERT INTO rt_i SELECT 2, 3;
INSERT INTO rt_i SELECT g, g, 'g' FROM generate_series(4, 5) g;
INSERT INTO rt_i SELECT 1, 2, 'x', 4;
INSERT INTO rt_i SELECT 1, 2, 'x', 4, 5;
INSERT INTO rt_i (a, b) SELECT 1;
SELECT * FROM rt_i ORDER BY a, b;
DROP TABLE rt_i;
DROP TABLE rt_t;
