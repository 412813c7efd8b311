\set VERBOSITY default
CREATE TABLE errs (id int PRIMARY KEY, name text NOT NULL, n smallint);
INSERT INTO errs VALUES (1, 'a', 1);
SELECT * FROM nope;
SELECT id, name
  FROM nope2
  WHERE id = 1;
INSERT INTO errs VALUES (1, 'dup', 2);
INSERT INTO errs VALUES (2, NULL, 2);
INSERT INTO errs (id) VALUES (3);
SELEC 1;
SELECT id, FROM errs;
SELECT 1 +;
SELECT 2147483647 + 1;
INSERT INTO errs VALUES (3, 'c', 40000);
SELECT 1 / 0;
SELECT n % 0 FROM errs;
SELECT 'abc'::int;
INSERT INTO errs VALUES ('x', 'c', 1);
SELECT nosuchcolumn FROM errs;
SELECT 'a'::text + 1;
DROP TABLE nope;
DROP TABLE IF EXISTS nope;
CREATE TABLE errs (x int);
SELECT * FROM errs;
BEGIN;
INSERT INTO errs VALUES (5, 'e', 5);
INSERT INTO errs VALUES (1, 'dup', 1);
SELECT * FROM errs;
COMMIT;
BEGIN;
SELECT 1 / 0;
SELECT 1;
ROLLBACK;
BEGIN;
INSERT INTO errs VALUES (6, 'f', 6);
COMMIT;
SELECT * FROM errs ORDER BY id;
DROP TABLE errs;
