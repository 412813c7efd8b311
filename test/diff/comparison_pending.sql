-- difftest: pending "needs row-value IS [NOT] DISTINCT FROM, row IN (row list), row BETWEEN, row = ANY(array of rows), and PostgreSQL's collation derivation (42P21 for two different explicit collations in one operation)"
-- comparison_pending.sql - the statements of comparison.sql that OmenDB does
-- not support yet.
SELECT (1, NULL) IS NOT DISTINCT FROM (1, NULL);
SELECT (1, 2) IS DISTINCT FROM (1, 3);
SELECT (1, 2) IN ((1, 2), (3, 4));
SELECT (1, 2) IN ((1, NULL));
SELECT (1, 2) BETWEEN (1, 1) AND (1, 3);
SELECT (2, 1) > ANY(ARRAY[ROW(1, 5), ROW(3, 0)]);
SELECT 'a' COLLATE "C" < 'B' COLLATE "POSIX";
CREATE TABLE cmp_t (id int PRIMARY KEY, a int, b int, s text);
INSERT INTO cmp_t VALUES (1, 1, 2, 'b'), (2, 2, 1, 'A'), (3, NULL, 5, 'a'), (4, 3, NULL, NULL), (5, NULL, NULL, 'C');
SELECT id FROM cmp_t WHERE (a, b) IS NOT DISTINCT FROM (NULL, NULL) ORDER BY id;
DROP TABLE cmp_t;
