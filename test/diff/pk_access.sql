-- pk_access.sql - primary-key access paths (planner/access.c): pk IN (...),
-- ranges (<, <=, >, >=, BETWEEN) on the key and on a composite key's
-- leading columns, ORDER BY pk with LIMIT over a range, and the same
-- conditions under UPDATE / DELETE. The answers must be a full scan's.

CREATE TABLE pa_i (id int PRIMARY KEY, v text);
INSERT INTO pa_i SELECT g, 'v' || g FROM generate_series(1, 5000) g;
INSERT INTO pa_i VALUES (-7, 'neg'), (0, 'zero'), (2147483647, 'max'), (-2147483648, 'min');
CREATE TABLE pa_t (k text PRIMARY KEY, n int);
INSERT INTO pa_t VALUES ('a', 1), ('ab', 2), ('abc', 3), ('b', 4), ('', 5), ('B', 6), ('é', 7), ('a b', 8);
CREATE TABLE pa_c (a int, b int, c text, PRIMARY KEY (a, b));
INSERT INTO pa_c SELECT g / 10, g % 10, 'c' || g FROM generate_series(0, 2999) g;
CREATE TABLE pa_d (d date PRIMARY KEY, x int);
INSERT INTO pa_d VALUES ('2020-01-01', 1), ('2020-02-29', 2), ('2021-01-01', 3), ('infinity', 4), ('-infinity', 5);
CREATE TABLE pa_b (id bigint PRIMARY KEY, v int);
INSERT INTO pa_b VALUES (1, 1), (3000000000, 2), (-3000000000, 3), (9223372036854775807, 4);

SELECT * FROM pa_i WHERE id IN (3, 1, 2, 3, 99999, -7);
SELECT * FROM pa_i WHERE id IN (3, NULL, 4);
SELECT * FROM pa_i WHERE id IN (NULL);
SELECT * FROM pa_i WHERE id IN (5, 6) AND v = 'v6';
SELECT * FROM pa_i WHERE id IN (5::bigint, 3000000000, 6::smallint);
SELECT * FROM pa_i WHERE id NOT IN (1, 2) AND id < 5 ORDER BY id;
SELECT id FROM pa_i WHERE id BETWEEN 100 AND 110;
SELECT id FROM pa_i WHERE id BETWEEN 110 AND 100;
SELECT id FROM pa_i WHERE id > 4995;
SELECT id FROM pa_i WHERE id >= 4995 AND id < 4998;
SELECT id FROM pa_i WHERE 4998 < id;
SELECT id FROM pa_i WHERE id < 2;
SELECT id FROM pa_i WHERE id <= -7;
SELECT count(*), min(id), max(id) FROM pa_i WHERE id > 10 AND id > 4000 AND id <= 4100 AND id < 5000;
SELECT count(*) FROM pa_i WHERE id > 3000000000;
SELECT count(*) FROM pa_i WHERE id < 3000000000;
SELECT count(*) FROM pa_i WHERE id > -3000000000 AND id < 0;
SELECT count(*) FROM pa_i WHERE id >= 2147483647;
SELECT count(*) FROM pa_i WHERE id > 2500 OR id < 3;
SELECT id FROM pa_i WHERE id > 1000 ORDER BY id LIMIT 3;
SELECT id, v FROM pa_i WHERE id > 1000 ORDER BY id LIMIT 3 OFFSET 2000;
SELECT id FROM pa_i ORDER BY id LIMIT 5;
SELECT id FROM pa_i ORDER BY id DESC LIMIT 3;
SELECT id FROM pa_i WHERE id BETWEEN 10 AND 20 ORDER BY id;
SELECT id FROM pa_i WHERE id IN (9, 4, 1) ORDER BY id;
SELECT v FROM pa_i WHERE id < 3 ORDER BY id, v;
SELECT id FROM pa_i WHERE id = 5 OR id = 6;
SELECT id FROM pa_i WHERE id > 4990.5;
SELECT id FROM pa_i WHERE id::bigint > 4998;
SELECT k FROM pa_t WHERE k > 'a' ORDER BY k;
SELECT k FROM pa_t WHERE k >= 'a' AND k < 'b';
SELECT k FROM pa_t WHERE k BETWEEN '' AND 'a';
SELECT k FROM pa_t WHERE k <= 'ab';
SELECT k FROM pa_t WHERE k IN ('a', 'zz', '', 'é');
SELECT k FROM pa_t WHERE k > 'B' ORDER BY k LIMIT 2;
SELECT a, b FROM pa_c WHERE a = 7;
SELECT a, b FROM pa_c WHERE a = 7 AND b > 6;
SELECT a, b FROM pa_c WHERE a = 7 AND b >= 6 AND b < 8;
SELECT a, b FROM pa_c WHERE a = 7 AND b <= 1;
SELECT a, b, c FROM pa_c WHERE a = 7 AND b = 3;
SELECT a, b FROM pa_c WHERE a = 7 AND b = 30;
SELECT count(*) FROM pa_c WHERE a > 290;
SELECT count(*) FROM pa_c WHERE a >= 10 AND a < 20;
SELECT a, b FROM pa_c WHERE a < 1 ORDER BY a, b LIMIT 4;
SELECT a, b FROM pa_c WHERE b = 3 AND a < 3;
SELECT a, b FROM pa_c ORDER BY a, b LIMIT 3;
SELECT a, b FROM pa_c ORDER BY a LIMIT 3;
SELECT a, b FROM pa_c WHERE a IN (1, 2) AND b = 0;
SELECT d FROM pa_d WHERE d > '2020-01-01';
SELECT d FROM pa_d WHERE d < '2021-01-01' ORDER BY d;
SELECT d FROM pa_d WHERE d BETWEEN '2020-01-01' AND 'infinity';
SELECT d FROM pa_d WHERE d IN ('2020-02-29', 'infinity');
SELECT id FROM pa_b WHERE id > 2147483647;
SELECT id FROM pa_b WHERE id < 0;
SELECT id FROM pa_b WHERE id IN (3000000000, 1, 7);
SELECT id FROM pa_b WHERE id >= 9223372036854775807;

-- Writes through the same paths.
UPDATE pa_i SET v = 'u' WHERE id IN (10, 11, 99999);
SELECT * FROM pa_i WHERE v = 'u' ORDER BY id;
UPDATE pa_i SET v = 'r' WHERE id > 4997 AND id < 5000;
SELECT * FROM pa_i WHERE v = 'r' ORDER BY id;
DELETE FROM pa_i WHERE id BETWEEN 20 AND 29;
SELECT count(*) FROM pa_i WHERE id BETWEEN 15 AND 35;
DELETE FROM pa_i WHERE id IN (1, 2, 3);
SELECT id FROM pa_i WHERE id < 6 ORDER BY id;
DELETE FROM pa_c WHERE a = 5 AND b > 4;
SELECT a, b FROM pa_c WHERE a = 5;
UPDATE pa_c SET c = 'x' WHERE a = 6 AND b <= 1;
SELECT a, b, c FROM pa_c WHERE a = 6 AND b < 3;
UPDATE pa_i SET id = id + 100000 WHERE id IN (40, 41);
SELECT id FROM pa_i WHERE id > 5000 ORDER BY id;

DROP TABLE pa_i, pa_t, pa_c, pa_d, pa_b;
