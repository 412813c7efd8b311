-- difftest: pending "array_agg arrives with aggregates; slice assignment (a[1:2] = ...) is not implemented"
-- arrays_pending.sql - array statements waiting for other parts: array_agg.

CREATE TABLE arrp_t (id int PRIMARY KEY, a int[]);
INSERT INTO arrp_t VALUES (1, '{1,2,3}');
SELECT array_agg(x) FROM (VALUES (3), (1), (2)) v(x);
SELECT array_agg(x ORDER BY x DESC) FROM (VALUES (3), (1), (NULL)) v(x);
UPDATE arrp_t SET a[1:2] = '{5,6}' WHERE id = 1;
SELECT * FROM arrp_t;
DROP TABLE arrp_t;
