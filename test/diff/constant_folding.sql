-- constant_folding.sql - PostgreSQL simplifies expressions before it
-- runs them: a strict operator or function with a NULL constant argument
-- becomes NULL without evaluating its other arguments (so col / 0 = NULL is
-- no 22012), AND false / OR true drop their other arm, CASE drops branches
-- whose constant condition is false — and constant subexpressions are
-- evaluated at plan time, so a constant 1 / 0 fails even in a branch no row
-- takes. Every statement was checked on PostgreSQL 15.20.

CREATE TABLE cf_t (id int PRIMARY KEY, a int, b int, t text, n numeric, f float8, arr int[]);
INSERT INTO cf_t VALUES (1, 1, 0, 'x', 1, 0, '{1}'), (2, 0, 0, NULL, 0, 0, NULL);

-- A NULL constant operand makes a strict operator NULL: its other operand is never evaluated.
SELECT * FROM cf_t WHERE a / 0 = NULL;
SELECT * FROM cf_t WHERE NULL = a / 0;
SELECT * FROM cf_t WHERE a / b = NULL;
SELECT * FROM cf_t WHERE a / 0 = NULL::int;
SELECT count(*) FROM cf_t WHERE a / 0 = NULL;
SELECT a / 0 = NULL FROM cf_t;
SELECT a / 0 + NULL FROM cf_t;
SELECT NULL::int + a / 0 FROM cf_t;
SELECT NULL * (a / 0) FROM cf_t;
SELECT a / 0 < NULL::int FROM cf_t;
SELECT a / 0 <> NULL FROM cf_t;
SELECT n / 0 = NULL FROM cf_t;
SELECT f / 0 = NULL FROM cf_t;
SELECT a % 0 = NULL FROM cf_t;
SELECT (a / 0)::text = NULL FROM cf_t;
SELECT (a / 0)::text || NULL FROM cf_t;
SELECT a / 0 || NULL FROM cf_t;
SELECT 2147483647 + a + NULL FROM cf_t;
SELECT a * 2147483647 * 2 - NULL FROM cf_t;
-- Strict functions with a NULL constant argument.
SELECT abs(NULL::int) + a / 0 FROM cf_t;
SELECT length(NULL::text) + a / 0 FROM cf_t;
SELECT substr(t, a / 0, NULL) FROM cf_t;
SELECT substr(NULL, a / 0) FROM cf_t;
SELECT power(NULL::float8, a / 0) FROM cf_t;
SELECT upper(NULL) || (a / 0)::text FROM cf_t;
SELECT left(NULL, a / 0) FROM cf_t;
SELECT repeat(t, NULL) || (a / 0)::text FROM cf_t;
SELECT round(n / 0, NULL) FROM cf_t;
SELECT mod(a / 0, NULL) FROM cf_t;
SELECT a / 0 IN (NULL) FROM cf_t;
SELECT a / 0 BETWEEN NULL AND NULL FROM cf_t;
SELECT t LIKE NULL || (a / 0)::text FROM cf_t;
SELECT (a / 0) IS NULL FROM cf_t WHERE false;
-- In a WHERE the NULL condition keeps no row; the folded NULL combines with the rest in three-valued logic.
SELECT * FROM cf_t WHERE a / 0 = NULL OR id = 1;
SELECT * FROM cf_t WHERE NOT (a / 0 = NULL);
SELECT * FROM cf_t WHERE (a / 0 = NULL) IS NULL;
SELECT * FROM cf_t WHERE a / 0 = NULL AND id / 0 = 1;
SELECT id, a / 0 = NULL AND id = 1 FROM cf_t;
SELECT id, a / 0 = NULL OR id = 1 FROM cf_t;
SELECT * FROM cf_t WHERE a / 0 = NULL ORDER BY id;
SELECT * FROM cf_t WHERE a / 0 + NULL > 0 LIMIT 1;
UPDATE cf_t SET b = 5 WHERE a / 0 = NULL;
DELETE FROM cf_t WHERE a / 0 = NULL;
UPDATE cf_t SET b = a / 0 + NULL WHERE id = 2;
SELECT id, b FROM cf_t ORDER BY id;
UPDATE cf_t SET b = 0 WHERE id = 2;

-- Non-strict constructs are not folded that way: IS [NOT] DISTINCT FROM, IS NULL, COALESCE, NULLIF, GREATEST,
-- ARRAY, concat, = ANY (NULL array) evaluate their other arguments (22012). A row comparison expands to an AND of
-- column comparisons, where the constant 1 = 2 is false and drops the rest.
SELECT a / 0 IS DISTINCT FROM NULL FROM cf_t;
SELECT (a / 0) IS NULL FROM cf_t;
SELECT coalesce(NULL, a / 0) FROM cf_t;
SELECT nullif(a / 0, NULL) FROM cf_t;
SELECT greatest(a / 0, NULL) FROM cf_t;
SELECT ROW(a / 0, 1) = ROW(NULL, 2) FROM cf_t;
SELECT ARRAY[a / 0] || NULL::int[] FROM cf_t;
SELECT concat(NULL, a / 0) FROM cf_t;
SELECT a / 0 = ANY (NULL::int[]) FROM cf_t;

-- AND false / OR true with a constant drop the other arm; a NULL constant in AND does not.
SELECT * FROM cf_t WHERE a / 0 = 1 AND false;
SELECT * FROM cf_t WHERE false AND a / 0 = 1;
SELECT * FROM cf_t WHERE a / 0 = 1 OR true;
SELECT * FROM cf_t WHERE true OR a / 0 = 1;
SELECT * FROM cf_t WHERE a / 0 = 1 AND NULL;
SELECT * FROM cf_t WHERE a / 0 = 1 AND 1 = 0;
SELECT * FROM cf_t WHERE a / 0 = 1 AND NOT true;
SELECT id, a / 0 = 1 OR 2 > 1 FROM cf_t;
SELECT id, (a / 0 = 1 AND false) IS NULL FROM cf_t;

-- CASE with constant conditions keeps only the branch taken; COALESCE stops at its first non-NULL constant.
SELECT CASE WHEN false THEN a / 0 ELSE 1 END FROM cf_t;
SELECT CASE WHEN true THEN 1 ELSE a / 0 END FROM cf_t;
SELECT CASE WHEN NULL THEN a / 0 ELSE 2 END FROM cf_t;
SELECT CASE WHEN 1 > 2 THEN a / 0 WHEN 2 > 1 THEN 3 ELSE a / 0 END FROM cf_t;
SELECT CASE WHEN a > 5 THEN a / 0 ELSE 0 END FROM cf_t;
SELECT coalesce(1, a / 0) FROM cf_t;
SELECT coalesce(a, a / 0) FROM cf_t;
SELECT coalesce(NULL, 2, a / 0) FROM cf_t;

-- Constant subexpressions are evaluated at plan time: their errors fire even where no row would reach them.
SELECT CASE WHEN a > 5 THEN 1 / 0 ELSE 0 END FROM cf_t;
SELECT * FROM cf_t WHERE false AND 1 / 0 = 1;
SELECT * FROM cf_t WHERE id = 3 AND 1 / 0 = 1;
SELECT coalesce(a, 1 / 0) FROM cf_t;
SELECT id FROM cf_t WHERE id > 5 AND (2147483647 + 1) > 0;
SELECT CASE WHEN id > 5 THEN '9999999999'::int ELSE 0 END FROM cf_t;
SELECT CASE WHEN id > 5 THEN sqrt(-1) ELSE 0 END FROM cf_t;
-- Folding is bottom-up: 1 / 0 fails before the NULL beside it is seen, while NULL / 0 is NULL; a CASE branch
-- whose constant condition is false is dropped before its arguments are folded; an empty WHERE does not help.
SELECT CASE WHEN a > 5 THEN 1 / 0 + NULL ELSE 0 END FROM cf_t;
SELECT 1 / 0 * NULL;
SELECT NULL * (1 / 0);
SELECT 2147483647 + 1 + NULL;
SELECT NULL::int / 0;
SELECT (1 / 0) IS NULL;
SELECT CASE WHEN false THEN 1 / 0 ELSE 1 END;
SELECT CASE WHEN a = 1 THEN 1 ELSE 1 / 0 END FROM cf_t WHERE false;


-- Folding follows PostgreSQL's order: an arm never taken is not folded, an
-- IN list folds every element, a failing call of constants fails only when
-- planning reaches it (a name error later in the statement comes first).
SELECT CASE WHEN false THEN 1 / 0 ELSE 1 END;
SELECT CASE WHEN 1 = 0 THEN sqrt(-1) ELSE 1 END;
SELECT CASE 1 WHEN 2 THEN 1 / 0 ELSE 3 END;
SELECT CASE WHEN true THEN 1 ELSE 1 / 0 END;
SELECT coalesce(1, 1 / 0);
SELECT coalesce(NULL, 2, 1 / 0);
SELECT NULL::int + 1 / 0;
SELECT false AND 1 / 0 = 1;
SELECT 1 / 0 = 1 AND false;
SELECT 1 IN (2, 1, 1 / 0);
SELECT greatest(1, NULL, 1 / 0);
SELECT nullif(1 / 0, NULL);
SELECT sqrt(-1), no_such_column;
SELECT sqrt(-1) LIMIT 0;
SELECT 1 WHERE NULL;
SELECT count(*) FROM cf_t WHERE NULL AND a / 0 = 1;
SELECT id FROM cf_t WHERE a / 0 = 1 OR 1 = 1 ORDER BY id;
DROP TABLE cf_t;
