-- difftest: pending "subqueries arrive with the joins/GROUP BY/subqueries issue"
-- subqueries_pending.sql - the statements of subqueries.sql's area that do not match PostgreSQL yet.

CREATE TABLE sq_a (id int PRIMARY KEY, x int, t text);
CREATE TABLE sq_b (id int PRIMARY KEY, y int, u text);
CREATE TABLE sq_nn (id int PRIMARY KEY, y int NOT NULL);
CREATE TABLE sq_e (id int PRIMARY KEY, y int);
CREATE TABLE sq_c (id int PRIMARY KEY, bid int, aid int);
INSERT INTO sq_a VALUES (1, 1, 'a'), (2, 2, 'b'), (3, NULL, 'c'), (4, 4, NULL), (5, 2, 'e');
INSERT INTO sq_b VALUES (10, 2, 'b'), (11, 3, 'x'), (12, NULL, NULL), (13, 2, 'b');
INSERT INTO sq_nn VALUES (1, 2), (2, 3);
INSERT INTO sq_c VALUES (100, 10, 2), (101, 11, 5), (102, 13, 5), (103, 12, 3);
SELECT s FROM (SELECT id, t FROM sq_a WHERE id < 3) s;
SELECT id FROM sq_a a ORDER BY id LIMIT (SELECT a.id);
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
DELETE FROM sq_ins WHERE id = (SELECT min(id) FROM sq_ins) RETURNING id, v;
SELECT * FROM sq_ins ORDER BY id;
DROP TABLE sq_ins;
DROP TABLE sq_a;
DROP TABLE sq_b;
DROP TABLE sq_nn;
DROP TABLE sq_e;
DROP TABLE sq_c;
