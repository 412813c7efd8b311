-- difftest: pending "needs jsonb and uuid input, array element assignment in UPDATE, and array_agg (aggregates)"
-- arrays_pending.sql - array statements waiting for other parts: arrays of
-- jsonb and uuid, UPDATE of an array element (a[2] = v), array_agg.

CREATE TABLE arrp_t (id int PRIMARY KEY, a int[]);
INSERT INTO arrp_t VALUES (1, '{1,2,3}');
SELECT '{"{\"a\": 1}"}'::jsonb[];
SELECT '{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}'::uuid[];
UPDATE arrp_t SET a[2] = 99 WHERE id = 1;
SELECT array_agg(x) FROM (VALUES (3), (1), (2)) v(x);
SELECT array_agg(x ORDER BY x DESC) FROM (VALUES (3), (1), (NULL)) v(x);
SELECT * FROM arrp_t;
DROP TABLE arrp_t;
