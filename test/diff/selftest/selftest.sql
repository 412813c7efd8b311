-- selftest.sql - the harness's own test (run.py --self-check), not corpus.
--
-- PostgreSQL runs this file on both sides, in two scratch databases named
-- difftest_a (the "postgresql" side) and difftest_b (the "omendb" side):
-- statements that depend on current_database() differ on purpose. Each
-- statement after an "-- expect: DIFFERENCE" line must be reported as a
-- difference; no other may be. selftest.split holds the statements
-- "difftest --split" must find here (run.py compares them).

-- Splitting: semicolons inside strings, identifiers, dollar quotes and comments.
SELECT 'a;b' AS "semi;colon", 'it''s; fine';
SELECT E'back\'slash; quote' AS e, e'\\;' AS e2;
SELECT $$dollar; quoted$$ AS d1, $tag$ nested $$ ; $tag$ AS d2;
SELECT /* block ; /* nested ; */ still comment ; */ 1 AS one; -- trailing ; comment
SELECT 2
  -- a comment ; inside the statement
  AS two;;;
SELECT U&'\0041;' AS u, B'101' AS b, X'1F' AS x;
CREATE TABLE st_a$b (x$ int, "y;z" text);
INSERT INTO st_a$b VALUES (1, 'p'), (2, NULL), (3, '');
SELECT x$, "y;z" FROM st_a$b WHERE "y;z" IS NOT NULL;
DROP TABLE st_a$b;

-- Multisets: no top-level ORDER BY, so a different row order still matches.
SELECT x FROM (SELECT x FROM (VALUES (1), (2), (3)) v(x)
               ORDER BY CASE WHEN current_database() = 'difftest_a' THEN x ELSE -x END) s;
SELECT array_agg(x ORDER BY x) FROM (VALUES (3), (1)) v(x);
SELECT sum(x) OVER (ORDER BY x) FROM (VALUES (1), (2)) v(x) ORDER BY 1;

-- expect: DIFFERENCE (row order under a top-level ORDER BY)
SELECT x FROM (VALUES (1), (2), (3)) v(x)
ORDER BY CASE WHEN current_database() = 'difftest_a' THEN x ELSE -x END;

-- expect: DIFFERENCE (rows)
SELECT current_database();

-- expect: DIFFERENCE (NULL is not the empty string)
SELECT CASE WHEN current_database() = 'difftest_a' THEN NULL ELSE '' END AS v;

-- expect: DIFFERENCE (error on one side only)
SELECT 1 / CASE WHEN current_database() = 'difftest_a' THEN 0 ELSE 1 END;

-- expect: DIFFERENCE (SQLSTATE)
SELECT CASE WHEN current_database() = 'difftest_a' THEN 1 / (length(current_database()) - 10)
            ELSE current_database()::int END;

DO $$
BEGIN
  IF current_database() = 'difftest_a' THEN
    CREATE TABLE st_t (a int);
  ELSE
    CREATE TABLE st_t (b bigint);
  END IF;
END
$$;
INSERT INTO st_t VALUES (1), (1), (2);

-- expect: DIFFERENCE (column names and types)
SELECT * FROM st_t;

-- expect: DIFFERENCE (command tag)
DELETE FROM st_t WHERE current_database() = 'difftest_b';

-- expect: DIFFERENCE (multisets: duplicates count)
SELECT 1 AS v FROM generate_series(1, CASE WHEN current_database() = 'difftest_a' THEN 2 ELSE 3 END);

-- Directives: ignore-values compares everything but the values.
-- difftest: ignore-values
SELECT current_database();

-- difftest: ordered
SELECT 1;

-- a message-only difference: counted apart, not a DIFFERENCE
DO $$ BEGIN RAISE EXCEPTION USING ERRCODE = '22012', MESSAGE = current_database(); END $$;

DROP TABLE st_t;
-- the file ends with a statement that has no semicolon
SELECT 'last'
