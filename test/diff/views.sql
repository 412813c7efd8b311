-- views.sql - CREATE [OR REPLACE] VIEW, views in FROM (joined, nested,
-- aggregated, with column lists and aliases), DROP VIEW with IF EXISTS,
-- RESTRICT / CASCADE, and the errors around them.

CREATE TABLE vw_t (id int PRIMARY KEY, g text, x int);
INSERT INTO vw_t VALUES (1, 'a', 10), (2, 'a', 20), (3, 'b', NULL), (4, NULL, 40);

CREATE VIEW vw_all AS SELECT * FROM vw_t;
SELECT * FROM vw_all;
SELECT id, x FROM vw_all WHERE x > 15 ORDER BY id;
CREATE VIEW vw_sum (grp, total, n) AS SELECT g, sum(x), count(*) FROM vw_t GROUP BY g;
SELECT * FROM vw_sum ORDER BY grp NULLS FIRST;
SELECT grp, total FROM vw_sum WHERE total = (SELECT max(total) FROM vw_sum);
SELECT s.grp, t.id FROM vw_sum s JOIN vw_t t ON t.g = s.grp ORDER BY t.id;
SELECT v.a, v.b FROM vw_sum AS v(a, b) ORDER BY v.a;
SELECT vw_all.id FROM vw_all WHERE vw_all.g = 'a' ORDER BY 1;
CREATE VIEW vw_nested AS SELECT grp, total * 2 AS twice FROM vw_sum WHERE grp IS NOT NULL;
SELECT * FROM vw_nested ORDER BY grp;
CREATE VIEW vw_partial (a) AS SELECT id, g FROM vw_t;
SELECT * FROM vw_partial ORDER BY a;
CREATE VIEW vw_const AS SELECT 1 AS one, 'text' AS t, NULL AS n;
SELECT one, t, n, pg_typeof(t), pg_typeof(n) FROM vw_const;
CREATE VIEW vw_ordered AS SELECT id FROM vw_t ORDER BY id DESC LIMIT 2;
SELECT * FROM vw_ordered;
SELECT count(*) FROM vw_all a, vw_all b WHERE a.id < b.id;
SELECT id FROM vw_t WHERE id IN (SELECT a FROM vw_partial WHERE g = 'a') ORDER BY id;
CREATE VIEW vw_union AS SELECT id FROM vw_t WHERE id < 2 UNION ALL SELECT x FROM vw_t WHERE x > 30;
SELECT * FROM vw_union ORDER BY 1;

-- A view sees the table's current rows.
INSERT INTO vw_t VALUES (5, 'b', 50);
SELECT * FROM vw_sum ORDER BY grp NULLS FIRST;
UPDATE vw_t SET x = 0 WHERE id = 5;
SELECT total FROM vw_sum WHERE grp = 'b';

-- CREATE OR REPLACE: same leading columns, new ones only at the end.
CREATE OR REPLACE VIEW vw_partial (a) AS SELECT id, g, x FROM vw_t;
SELECT * FROM vw_partial ORDER BY a;
CREATE OR REPLACE VIEW vw_partial AS SELECT id, g FROM vw_t;
CREATE OR REPLACE VIEW vw_partial (b) AS SELECT id, g, x FROM vw_t;
CREATE OR REPLACE VIEW vw_partial (a) AS SELECT g, id, x FROM vw_t;
CREATE OR REPLACE VIEW vw_partial (a) AS SELECT id::bigint, g, x FROM vw_t;
CREATE OR REPLACE VIEW vw_new AS SELECT 2 AS two;
SELECT * FROM vw_new;
CREATE OR REPLACE VIEW vw_t AS SELECT 1;

-- Errors.
CREATE VIEW vw_all AS SELECT 1;
CREATE VIEW vw_t AS SELECT 1;
CREATE VIEW vw_bad AS SELECT nope FROM vw_t;
CREATE VIEW vw_bad AS SELECT * FROM no_such_table;
CREATE VIEW vw_bad (a, b, c, d, e) AS SELECT id, g FROM vw_t;
CREATE VIEW vw_bad (a, a) AS SELECT id, g FROM vw_t;
CREATE VIEW vw_bad AS SELECT id, id FROM vw_t;
CREATE VIEW vw_bad AS SELECT 1 AS x, 2 AS x;
SELECT * FROM vw_bad;
SELECT nope FROM vw_all;
SELECT * FROM vw_sum AS s(a, b, c, d);
DROP VIEW vw_t;
DROP TABLE vw_all;
DROP VIEW no_such_view;
DROP VIEW IF EXISTS no_such_view;
DROP VIEW IF EXISTS no_such_view, vw_new;
SELECT * FROM vw_new;

-- Dependencies: a table or view read by a view is not dropped without CASCADE.
DROP TABLE vw_t;
DROP VIEW vw_sum;
DROP VIEW vw_sum CASCADE;
SELECT * FROM vw_nested;
DROP VIEW vw_all, vw_partial, vw_const, vw_ordered;
DROP VIEW vw_union RESTRICT;
CREATE VIEW vw_a AS SELECT id FROM vw_t;
CREATE VIEW vw_b AS SELECT id FROM vw_a;
DROP TABLE vw_t;
DROP TABLE vw_t CASCADE;
SELECT * FROM vw_b;
SELECT * FROM vw_a;
