-- difftest: pending "SEARCH / CYCLE clauses and row constructors (record values) are not done yet"
-- cte_setops_pending.sql - what test/diff/cte_setops.sql does not cover yet:
-- UNION over row values, WITH RECURSIVE ... SEARCH / CYCLE.

CREATE TABLE so_tree (id int PRIMARY KEY, parent int, name text);
INSERT INTO so_tree VALUES (1, NULL, 'root'), (2, 1, 'a'), (3, 1, 'b'), (4, 2, 'aa'), (5, 4, 'aaa'), (6, 3, 'ba'), (7, 2, 'ab');
CREATE TABLE so_edge (src int, dst int);
INSERT INTO so_edge VALUES (1, 2), (2, 3), (3, 1), (3, 4), (4, 4), (5, 6);
SELECT v FROM (VALUES (ROW(1, NULL::int))) s(v) UNION SELECT ROW(1, NULL::int);
WITH RECURSIVE d(id, name) AS (SELECT id, name FROM so_tree WHERE id = 1 UNION ALL SELECT t.id, t.name FROM so_tree t JOIN d ON t.parent = d.id) SEARCH DEPTH FIRST BY id SET ord SELECT id, name FROM d ORDER BY ord;
WITH RECURSIVE d(id, name) AS (SELECT id, name FROM so_tree WHERE id = 1 UNION ALL SELECT t.id, t.name FROM so_tree t JOIN d ON t.parent = d.id) SEARCH BREADTH FIRST BY id SET ord SELECT id, name FROM d ORDER BY ord;
WITH RECURSIVE g(node) AS (SELECT 1 UNION ALL SELECT e.dst FROM so_edge e JOIN g ON e.src = g.node) CYCLE node SET is_cycle USING path SELECT node, is_cycle, path FROM g;

DROP TABLE so_tree;
DROP TABLE so_edge;
