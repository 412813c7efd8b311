-- dml.sql - single-table statements: CREATE/DROP TABLE, INSERT (VALUES,
-- column lists, defaults), SELECT with WHERE / ORDER BY / LIMIT / OFFSET,
-- UPDATE, DELETE, count, VALUES lists, constraints (NOT NULL, PRIMARY KEY,
-- UNIQUE), transactions, and the errors for wrong names and shapes.
-- Statements on which OmenDB differs today live in known_bugs.sql, tagged
-- with their bug; move them back here when the bug is fixed.

-- VALUES lists on their own.
VALUES (1);
VALUES (1, 'a'), (2, 'b');
VALUES (1, 2) LIMIT 0;
VALUES (1), (NULL);
VALUES (NULL), (NULL);
VALUES (1), (2.5);
VALUES (1), ('2');
VALUES ('1'), (2);
VALUES (1), ('x');
VALUES (1, 2), (3);
VALUES (1::int2), (2::int8);
VALUES ('a'), ('bb'::varchar(2));
VALUES ('a'::char(3)), ('b');
VALUES (1 / 0);
VALUES (1), (1), (1);

-- SELECT without FROM.
SELECT;
SELECT 1, 2, 3;
SELECT 1 AS a, 2 AS a;
SELECT 1 WHERE false;
SELECT 1 WHERE NULL;
SELECT 1 WHERE 1 = 1;
SELECT 1 LIMIT 0;
SELECT 1 LIMIT NULL;
SELECT 1 LIMIT ALL;
SELECT 1 OFFSET 0;
SELECT 1 OFFSET 1;
SELECT 1 LIMIT -1;
SELECT 1 OFFSET -1;
SELECT 1 LIMIT 'x';
SELECT 1 LIMIT 2147483648;
SELECT 1 FETCH FIRST 1 ROW ONLY;
SELECT 1 OFFSET 0 ROWS FETCH NEXT 0 ROWS ONLY;
SELECT 1 ORDER BY 1;
SELECT 1 ORDER BY 2;
SELECT 1 ORDER BY 0;
SELECT 1 AS x ORDER BY x;
SELECT 1 AS x ORDER BY y;
SELECT 1 + 1 AS "sum";
SELECT count(*);
SELECT count(1);
SELECT count(NULL);
SELECT count(*) WHERE false;
SELECT nosuchcolumn;
SELECT 1 FROM nosuchtable;
SELECT 1 AS a WHERE a = 1;
SELEC 1;
SELECT 1 +;
SELECT (1;
SELECT 1 1;
SELECT count(*) LIMIT 1;
SELECT count(*) ORDER BY 1;

-- A table with every supported type, constraints and defaults.
CREATE TABLE dml_t (
    id      integer PRIMARY KEY,
    name    text NOT NULL,
    code    varchar(8) UNIQUE,
    qty     smallint DEFAULT 1,
    total   bigint DEFAULT -1 NOT NULL,
    price   double precision,
    ratio   real DEFAULT 0.5,
    amount  numeric,
    flag    boolean DEFAULT true,
    tag     char(4) DEFAULT 'x'
);
INSERT INTO dml_t (id, name) VALUES (1, 'first');
SELECT * FROM dml_t;
INSERT INTO dml_t VALUES (2, 'second', 'B2', 2, 20, 2.5, 0.25, 12.34, false, 'ab');
INSERT INTO dml_t VALUES (3, 'third', 'C3', 3, 30, 3.5, 0.75, 99.99, true, 'abcd'), (4, 'fourth', NULL, NULL, 40, NULL, NULL, NULL, NULL, NULL);
INSERT INTO dml_t (name, id, code) VALUES ('fifth', 5, 'E5');
INSERT INTO dml_t (id, name, qty, total) VALUES (6, 'sixth', DEFAULT, DEFAULT);
INSERT INTO dml_t VALUES (7, 'seventh', DEFAULT, DEFAULT, DEFAULT, DEFAULT, DEFAULT, DEFAULT, DEFAULT, DEFAULT);
INSERT INTO dml_t (id, name) VALUES (8, 'eighth'), (9, 'ninth'), (10, 'tenth');
SELECT id, name, code, qty, total, price, ratio, amount, flag, tag FROM dml_t ORDER BY id;

-- Constraint violations and bad INSERTs.
INSERT INTO dml_t (id, name) VALUES (1, 'dup');
INSERT INTO dml_t (id, name) VALUES (NULL, 'null key');
INSERT INTO dml_t (id) VALUES (11);
INSERT INTO dml_t (id, name) VALUES (11, NULL);
INSERT INTO dml_t (id, name, code) VALUES (11, 'dup code', 'B2');
INSERT INTO dml_t (id, name, code) VALUES (11, 'long code', '123456789');
INSERT INTO dml_t (id, name, total) VALUES (11, 'null total', NULL);
INSERT INTO dml_t (id, name) VALUES (12, 'a'), (12, 'b');
INSERT INTO dml_t (id, name, nosuch) VALUES (11, 'x', 1);
INSERT INTO dml_t (id, name, name) VALUES (11, 'x', 'y');
INSERT INTO dml_t (id, name) VALUES (11);
INSERT INTO dml_t (id) VALUES (11, 'x');
INSERT INTO dml_t VALUES (11, 'x', 'c', 1, 1, 1, 1, 1, true, 't', 'extra');
INSERT INTO nosuch VALUES (1);
INSERT INTO dml_t (id, name, qty) VALUES (11, 'x', 'many');
INSERT INTO dml_t (id, name, qty) VALUES (11, 'x', 40000);
INSERT INTO dml_t (id, name, amount) VALUES (11, 'x', 123456789.123);
INSERT INTO dml_t (id, name, flag) VALUES (12, 'y', 'perhaps');
INSERT INTO dml_t (id, name) VALUES (2147483648, 'big key');
INSERT INTO dml_t (id, name) VALUES ('13', 13);
SELECT id, name, amount FROM dml_t WHERE id > 10 ORDER BY id;
SELECT count(*) FROM dml_t;

-- SELECT: projection, WHERE, ORDER BY, LIMIT, OFFSET.
SELECT id, name FROM dml_t;
SELECT * FROM dml_t WHERE id = 3;
SELECT name FROM dml_t WHERE id = 99;
SELECT id FROM dml_t WHERE qty IS NULL ORDER BY id;
SELECT id FROM dml_t WHERE qty = 1 ORDER BY id;
SELECT id, qty * 2 AS double_qty, total + qty FROM dml_t ORDER BY id;
SELECT id FROM dml_t ORDER BY id DESC;
SELECT id FROM dml_t ORDER BY id LIMIT 3;
SELECT id FROM dml_t ORDER BY id LIMIT 3 OFFSET 2;
SELECT id FROM dml_t ORDER BY id OFFSET 8;
SELECT id FROM dml_t ORDER BY id OFFSET 100;
SELECT id FROM dml_t ORDER BY id LIMIT 0;
SELECT id FROM dml_t ORDER BY id LIMIT NULL;
SELECT id FROM dml_t ORDER BY id LIMIT ALL OFFSET 9;
SELECT id FROM dml_t ORDER BY id FETCH FIRST 2 ROWS ONLY;
SELECT id FROM dml_t ORDER BY id OFFSET 1 ROW FETCH NEXT 1 ROW ONLY;
SELECT id, qty FROM dml_t ORDER BY qty, id;
SELECT id, qty FROM dml_t ORDER BY qty DESC, id;
SELECT id, qty FROM dml_t ORDER BY qty NULLS FIRST, id;
SELECT id, qty FROM dml_t ORDER BY qty DESC NULLS LAST, id DESC;
SELECT id, code FROM dml_t ORDER BY code, id;
SELECT id, flag FROM dml_t ORDER BY flag, id;
SELECT id, price FROM dml_t ORDER BY price DESC, id;
SELECT id, amount FROM dml_t ORDER BY amount, id;
SELECT id, tag FROM dml_t ORDER BY tag DESC, id;
SELECT name FROM dml_t ORDER BY name;
SELECT id AS k FROM dml_t ORDER BY k DESC LIMIT 2;
SELECT id FROM dml_t ORDER BY -id LIMIT 2;
SELECT id, total % 3 FROM dml_t ORDER BY total % 3, id;
SELECT id FROM dml_t ORDER BY 1 DESC LIMIT 1;
SELECT id, name FROM dml_t ORDER BY 2 LIMIT 3;
SELECT id FROM dml_t ORDER BY 3;
SELECT id FROM dml_t ORDER BY nosuch;
SELECT nosuch FROM dml_t;
SELECT dml_t.id FROM dml_t ORDER BY dml_t.id LIMIT 1;
SELECT d.id FROM dml_t d ORDER BY d.id LIMIT 1;
SELECT d.id FROM dml_t AS d WHERE d.qty > 1 ORDER BY 1;
SELECT dml_t.id FROM dml_t d;
SELECT x.id FROM dml_t d;
SELECT * FROM dml_t WHERE name = 'third' AND code = 'C3';
SELECT id FROM dml_t WHERE name > 's' ORDER BY id;
SELECT id FROM dml_t WHERE code LIKE '%2' OR code LIKE '%3' ORDER BY id;
SELECT id FROM dml_t WHERE NOT flag ORDER BY id;
SELECT id FROM dml_t WHERE flag IS NULL ORDER BY id;
SELECT id FROM dml_t WHERE amount > 50 ORDER BY id;
SELECT id FROM dml_t WHERE price BETWEEN 2 AND 3 ORDER BY id;
SELECT id FROM dml_t WHERE ratio = 0.5 ORDER BY id;
SELECT id FROM dml_t WHERE tag = 'x' ORDER BY id;
SELECT id FROM dml_t WHERE id IN (1, 3, 5, 7, 99) ORDER BY id;
SELECT id FROM dml_t WHERE id NOT IN (1, 3, 5, 7) ORDER BY id;
SELECT id FROM dml_t WHERE id = 1 OR id = 2 AND name = 'nope' ORDER BY id;
SELECT id FROM dml_t WHERE (id = 1 OR id = 2) AND name = 'nope';
SELECT id FROM dml_t WHERE qty;
SELECT id FROM dml_t WHERE id = 'x';
SELECT id FROM dml_t WHERE id = '3';
SELECT count(*) FROM dml_t WHERE qty IS NOT NULL;
SELECT count(qty), count(code), count(*) FROM dml_t;
SELECT count(*) AS n FROM dml_t WHERE false;
SELECT count(id) + 1 FROM dml_t;
SELECT 42 FROM dml_t WHERE id < 4;
SELECT 'const' AS c, id FROM dml_t WHERE id = 1;
SELECT *, id FROM dml_t WHERE id = 1;
SELECT id, * FROM dml_t WHERE id = 2;
SELECT id FROM dml_t LIMIT 1 OFFSET 0 * 5;
SELECT id, name FROM dml_t WHERE id > 5 ORDER BY id LIMIT 2 OFFSET 1;

-- UPDATE.
UPDATE dml_t SET qty = qty + 1 WHERE id = 2;
UPDATE dml_t SET qty = 5, total = total * 2 WHERE id IN (3, 4);
UPDATE dml_t SET name = name || '!' WHERE id > 8;
UPDATE dml_t SET price = 0 WHERE price IS NULL;
UPDATE dml_t SET code = 'B2' WHERE id = 3;
UPDATE dml_t SET name = NULL WHERE id = 3;
UPDATE dml_t SET id = 2 WHERE id = 3;
UPDATE dml_t SET id = id + 100 WHERE id = 10;
UPDATE dml_t SET qty = 99999 WHERE id = 1;
UPDATE dml_t SET nosuch = 1;
UPDATE dml_t SET qty = 'x';
UPDATE dml_t SET qty = DEFAULT WHERE id = 2;
UPDATE dml_t SET flag = NOT flag WHERE flag IS NOT NULL;
UPDATE dml_t SET tag = 'toolong' WHERE id = 1;
UPDATE dml_t SET tag = 'y' WHERE id = 1;
UPDATE dml_t SET amount = amount WHERE id = 2;
UPDATE dml_t SET ratio = ratio / 2 WHERE ratio > 0;
UPDATE dml_t SET qty = qty WHERE false;
UPDATE dml_t SET qty = 7 WHERE id = 99;
UPDATE dml_t d SET qty = 8 WHERE d.id = 5;
UPDATE nosuch SET a = 1;
UPDATE dml_t SET id = NULL WHERE id = 1;
UPDATE dml_t SET total = total WHERE id = 1 / 0;
SELECT * FROM dml_t ORDER BY id;

-- DELETE.
DELETE FROM dml_t WHERE id = 99;
DELETE FROM dml_t WHERE id = 110;
DELETE FROM dml_t WHERE qty IS NULL;
DELETE FROM dml_t WHERE name LIKE '%!';
DELETE FROM dml_t d WHERE d.code = 'E5';
DELETE FROM nosuch;
DELETE FROM dml_t WHERE nosuch = 1;
DELETE FROM dml_t WHERE 1 / 0 = 1;
SELECT id, name FROM dml_t ORDER BY id;
DELETE FROM dml_t;
SELECT count(*) FROM dml_t;

-- Transactions: a failed statement aborts the block until ROLLBACK.
BEGIN;
INSERT INTO dml_t (id, name) VALUES (1, 'in txn');
SELECT count(*) FROM dml_t;
ROLLBACK;
SELECT count(*) FROM dml_t;
BEGIN;
INSERT INTO dml_t (id, name) VALUES (1, 'kept');
COMMIT;
SELECT id, name FROM dml_t;
BEGIN;
INSERT INTO dml_t (id, name) VALUES (1, 'dup');
SELECT 1;
COMMIT;
SELECT id, name FROM dml_t;
START TRANSACTION;
UPDATE dml_t SET name = 'changed';
ROLLBACK;
SELECT id, name FROM dml_t;
COMMIT;
ROLLBACK;
BEGIN;
BEGIN;
SELECT 1 / 0;
ROLLBACK;
BEGIN;
DELETE FROM dml_t;
END;
SELECT count(*) FROM dml_t;

-- DDL errors.
CREATE TABLE dml_t (a int);
CREATE TABLE dml_u (a int, a int);
CREATE TABLE dml_u (a nosuchtype);
CREATE TABLE dml_u (a int PRIMARY KEY, b int PRIMARY KEY);
CREATE TABLE dml_u ();
DROP TABLE nosuch;
DROP TABLE IF EXISTS nosuch;
CREATE TABLE IF NOT EXISTS dml_t (a int);
CREATE TABLE dml_u (a varchar(0));
CREATE TABLE dml_u ("Mixed" int, "with space" text);
INSERT INTO dml_u VALUES (1, 'x');
SELECT "Mixed", "with space" FROM dml_u;
SELECT mixed FROM dml_u;
SELECT * FROM DML_U;
SELECT * FROM "DML_U";
DROP TABLE dml_u, dml_t;
DROP TABLE dml_t;
-- An unterminated literal swallows the rest of the file, so it comes last.
SELECT 'unterminated
