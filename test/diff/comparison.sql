-- difftest: pending "GREATEST/LEAST, row comparisons and COLLATE arrive with issue 3"
-- comparison.sql - GREATEST and LEAST (NULLs ignored, common type), row
-- constructor comparisons (lexicographic, NULL-aware), IS [NOT] DISTINCT
-- FROM and IS [NOT] NULL on rows, and the COLLATE clause with "C"/"POSIX".

SELECT GREATEST(1, 2, 3);
SELECT LEAST(1, 2, 3);
SELECT GREATEST(1, NULL, 3);
SELECT LEAST(NULL, NULL);
SELECT GREATEST(NULL::int);
SELECT GREATEST(1, 2.5);
SELECT LEAST(1::int2, 2::int8);
SELECT GREATEST('a', 'B', 'c');
SELECT LEAST('a', 'B');
SELECT GREATEST('apple', 'apricot');
SELECT GREATEST(1, 'x');
SELECT GREATEST(1, '2');
SELECT GREATEST('1', '2');
SELECT GREATEST(true, false);
SELECT LEAST(1.5::float4, 2);
SELECT GREATEST('NaN'::float8, 'Infinity');
SELECT LEAST('NaN'::numeric, 1e1000);
SELECT GREATEST('a'::char(3), 'a ');
SELECT GREATEST('2024-01-01'::date, '2023-12-31'::date);
SELECT LEAST('2024-01-01'::date, '2024-01-01 12:00'::timestamp);
SELECT GREATEST(1, 1 / 0);
SELECT GREATEST();
SELECT GREATEST(1, true);
SELECT GREATEST(ARRAY[1, 2], ARRAY[1, 3]);
SELECT GREATEST('{"a": 1}'::jsonb, '[]'::jsonb);
SELECT GREATEST('x'::text, 'y'::varchar);
-- row comparisons
SELECT (1, 2) = (1, 2);
SELECT (1, 2) < (1, 3);
SELECT (1, 2) < (2, 0);
SELECT (1, 2) > (1, NULL);
SELECT (1, 2) = (1, NULL);
SELECT (1, 2) <> (2, NULL);
SELECT (1, NULL) = (1, NULL);
SELECT (1, NULL) IS NOT DISTINCT FROM (1, NULL);
SELECT (1, 2) IS DISTINCT FROM (1, 3);
SELECT ROW(1, 2) <= ROW(1, 2);
SELECT (1, 'a') < (1, 'b');
SELECT (1, 2, 3) < (1, 2);
SELECT (1, 2) = (1, 'x');
SELECT (1, 2.5) = (1, 2.50);
SELECT ROW(NULL, NULL) IS NULL;
SELECT ROW(1, NULL) IS NULL;
SELECT ROW(1, NULL) IS NOT NULL;
SELECT ROW(1, 2) IS NOT NULL;
SELECT ROW() IS NULL;
SELECT (1, 2) IN ((1, 2), (3, 4));
SELECT (1, 2) IN ((1, NULL));
SELECT (1, 2) BETWEEN (1, 1) AND (1, 3);
SELECT (2, 1) > ANY(ARRAY[ROW(1, 5), ROW(3, 0)]);
SELECT (1, 2) < (1, 2);
-- COLLATE
SELECT 'a' < 'B' COLLATE "C";
SELECT 'a' < 'B' COLLATE "POSIX";
SELECT 'a' < 'B' COLLATE "default";
SELECT 'a' COLLATE "C" < 'B' COLLATE "POSIX";
SELECT 'a' < 'B' COLLATE "nosuch";
SELECT 1 COLLATE "C";
SELECT lower('ABC' COLLATE "C");
SELECT 'é' > 'z' COLLATE "C";
SELECT 'b' COLLATE "C" = 'b';
CREATE TABLE cmp_t (id int PRIMARY KEY, a int, b int, s text);
INSERT INTO cmp_t VALUES (1, 1, 2, 'b'), (2, 2, 1, 'A'), (3, NULL, 5, 'a'), (4, 3, NULL, NULL), (5, NULL, NULL, 'C');
SELECT id, GREATEST(a, b), LEAST(a, b), GREATEST(a, b, 0) FROM cmp_t ORDER BY id;
SELECT id FROM cmp_t WHERE (a, b) > (1, 5) ORDER BY id;
SELECT id FROM cmp_t WHERE (a, b) IS NOT DISTINCT FROM (NULL, NULL) ORDER BY id;
SELECT s FROM cmp_t ORDER BY s COLLATE "C";
SELECT id, GREATEST(s, 'B') FROM cmp_t ORDER BY id;
DROP TABLE cmp_t;
