-- difftest: pending "row = ANY(array of rows) needs record arrays; 42P21 needs PostgreSQL's collation derivation"
-- comparison_pending.sql - the statements of comparison.sql that OmenDB does
-- not support yet.
SELECT (2, 1) > ANY(ARRAY[ROW(1, 5), ROW(3, 0)]);
SELECT 'a' COLLATE "C" < 'B' COLLATE "POSIX";
