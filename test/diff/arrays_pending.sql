-- difftest: pending "slice assignment (a[1:2] = ...) is not implemented"
-- arrays_pending.sql - array statements waiting for other parts: slice assignment.

CREATE TABLE arrp_t (id int PRIMARY KEY, a int[]);
INSERT INTO arrp_t VALUES (1, '{1,2,3}');
UPDATE arrp_t SET a[1:2] = '{5,6}' WHERE id = 1;
SELECT * FROM arrp_t;
DROP TABLE arrp_t;
