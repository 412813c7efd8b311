-- update_multi.sql - UPDATE ... SET (a, b) = ROW(...) / (...) / (SELECT ...):
-- one value per column, DEFAULT in a row, correlated sub-SELECTs (no row:
-- NULLs, two rows: 21000), and PostgreSQL's errors for the shapes it refuses.

CREATE TABLE um_t (id int PRIMARY KEY, a int, b text, c int DEFAULT 7);
INSERT INTO um_t VALUES (1, 1, 'x', 1), (2, 2, 'y', 2), (3, NULL, NULL, 3);
CREATE TABLE um_s (id int PRIMARY KEY, v int, w text);
INSERT INTO um_s VALUES (1, 100, 'one'), (2, 200, 'two');
UPDATE um_t SET (a, b) = (10, 'ten') WHERE id = 1;
UPDATE um_t SET (a, b) = ROW(20, 'twenty') WHERE id = 2;
UPDATE um_t SET (a, c) = (a + 1, DEFAULT) WHERE id = 2;
SELECT * FROM um_t ORDER BY id;
UPDATE um_t SET (a, b) = (SELECT v, w FROM um_s WHERE um_s.id = um_t.id);
SELECT * FROM um_t ORDER BY id;
UPDATE um_t SET (b, a) = (SELECT 'w', 9), c = 0 WHERE id = 3;
UPDATE um_t SET (a) = ROW(6) WHERE id = 1;
UPDATE um_t SET (a, b) = (SELECT v + um_t.c, w || '!' FROM um_s WHERE id = 2) WHERE id IN (1, 2);
UPDATE um_t SET (a, b) = (SELECT v, w FROM um_s WHERE false) WHERE id = 3;
SELECT * FROM um_t ORDER BY id;
UPDATE um_t SET (a, b) = (SELECT id, 'q' FROM um_s);
UPDATE um_t SET (a, b) = (1);
UPDATE um_t SET (a) = (5);
UPDATE um_t SET (a, b) = (1, 2, 3);
UPDATE um_t SET (a, b) = (SELECT 1);
UPDATE um_t SET (a, b) = (SELECT 1, 2, 3);
UPDATE um_t SET (a, a) = (1, 2);
UPDATE um_t SET (a, nope) = (1, 2);
UPDATE um_t SET (a, b) = ('x', 'y');
SELECT * FROM um_t ORDER BY id;
DROP TABLE um_t, um_s;
