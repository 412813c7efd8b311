-- aggregate_functions.sql - the aggregates over every type and their result
-- types: count/sum/avg/min/max, string_agg, array_agg, bit_and/or/xor, the
-- statistical family (numeric exact, float), sum/avg(interval), DISTINCT and
-- ORDER BY inside aggregates, the ordered-set and hypothetical-set aggregates
-- (WITHIN GROUP), FILTER, empty inputs, NULLs, overflow, and the GROUP BY /
-- HAVING cases that go with them. Float results that depend on summation order
-- are rounded to numeric; the inputs are chosen so that plain float sums are exact.

CREATE TABLE ag_t (id int PRIMARY KEY, g text, h int, i2 int2, i4 int4, i8 int8, n numeric,
  f4 real, f8 float8, t text, d date, ts timestamp, iv interval, b boolean);
INSERT INTO ag_t VALUES
  (1, 'a', 1, 1, 10, 9223372036854775807, 1.5, 0.5, 0.25, 'p', '2024-01-01', '2024-01-01 10:00', '1 day', true),
  (2, 'a', 2, 2, 20, 9223372036854775807, 2.25, 1.5, 0.5, 'q', '2024-02-29', '2024-01-01 11:30', '2 hours', true),
  (3, 'b', 1, -3, 30, -5, -0.125, 2, 1, 'r', '2023-12-31', '2023-06-15 00:00', '1 mon', false),
  (4, 'b', 2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (5, NULL, 1, 5, 50, 5, 10, -1, -2, 'p', '2024-01-01', '2024-03-01 00:00:01', '-3 days', true),
  (6, NULL, NULL, 6, 60, 6, 3.333, 4, 8, 'Z', '1999-12-31', '2000-01-01 00:00', '1 year 2 mons', false),
  (7, 'c', 3, 7, 70, 7, 0, 0, 0, '', '2000-01-01', '1970-01-01 00:00', '00:00:00.5', true),
  (8, 'a', 1, 1, 10, 1, 1.50, 0.5, 0.25, 'p', '2024-01-01', '2024-01-01 10:00', '1 day', true);
CREATE TABLE ag_e (id int PRIMARY KEY, g text, x int, n numeric, t text, b boolean);

-- Plain aggregates: NULLs skipped, count(*) vs count(col), count(NULL).
SELECT count(*), count(id), count(g), count(h), count(i4), count(NULL), count(1) FROM ag_t;
SELECT sum(i2), sum(i4), sum(n), sum(f4), sum(f8) FROM ag_t;
SELECT sum(i8) FROM ag_t;
SELECT sum(i8) FROM ag_t WHERE id > 2;
SELECT avg(i2), avg(i4), avg(i8), avg(n) FROM ag_t;
SELECT avg(f4), avg(f8) FROM ag_t;
SELECT min(i2), max(i2), min(i4), max(i4), min(i8), max(i8), min(n), max(n) FROM ag_t;
SELECT min(f4), max(f4), min(f8), max(f8) FROM ag_t;
SELECT min(t), max(t), min(d), max(d), min(ts), max(ts) FROM ag_t;
SELECT min(iv), max(iv), sum(iv), avg(iv) FROM ag_t;
SELECT min(g), max(g) FROM ag_t;
SELECT count(*) FROM ag_t WHERE t = '';

-- Result types: sum(int2/int4) bigint, sum(int8) numeric, avg(int) numeric, avg(float4) double precision.
SELECT pg_typeof(sum(i2)), pg_typeof(sum(i4)), pg_typeof(sum(i8)), pg_typeof(sum(n)), pg_typeof(sum(f4)), pg_typeof(sum(f8)) FROM ag_t;
SELECT pg_typeof(avg(i2)), pg_typeof(avg(i4)), pg_typeof(avg(i8)), pg_typeof(avg(n)), pg_typeof(avg(f4)), pg_typeof(avg(f8)) FROM ag_t;
SELECT pg_typeof(min(i2)), pg_typeof(max(i8)), pg_typeof(min(f4)), pg_typeof(max(t)), pg_typeof(min(d)), pg_typeof(max(ts)) FROM ag_t;
SELECT pg_typeof(count(*)), pg_typeof(sum(iv)), pg_typeof(avg(iv)), pg_typeof(min(b::int)) FROM ag_t;
SELECT pg_typeof(stddev(i4)), pg_typeof(variance(f4)), pg_typeof(stddev(n)), pg_typeof(corr(f8, f8)) FROM ag_t;
SELECT pg_typeof(string_agg(t, ',')), pg_typeof(array_agg(i4)), pg_typeof(array_agg(t)), pg_typeof(bit_and(i2)) FROM ag_t;
SELECT sum(i4), avg(i4), sum(i2) FROM ag_t WHERE id = 4;
SELECT min(vc), max(vc), pg_typeof(max(vc)) FROM (VALUES ('ab'::varchar(3)), ('b')) v(vc);
SELECT min(c), max(c), pg_typeof(max(c)) FROM (VALUES ('ab'::char(3)), ('b')) v(c);

-- Aggregates the types do not have.
SELECT sum(t) FROM ag_t;
SELECT avg(t) FROM ag_t;
SELECT sum(b) FROM ag_t;
SELECT max(b) FROM ag_t;
SELECT avg(d) FROM ag_t;
SELECT sum(ts) FROM ag_t;
SELECT avg(ts) FROM ag_t;
SELECT sum('1');
SELECT sum(1), avg(2), max('x'), min(NULL::int);
SELECT count(i4, i8) FROM ag_t;
SELECT count(DISTINCT i4, i8) FROM ag_t;
SELECT nosuchagg(i4) FROM ag_t;

-- Overflow: sum(int8) goes to numeric, sum(int4) to bigint: no error; int8 in avg too.
SELECT sum(x) FROM (VALUES (2147483647), (2147483647), (2147483647)) v(x);
SELECT sum(x), avg(x) FROM (VALUES (9223372036854775807::int8), (9223372036854775807), (9223372036854775807)) v(x);
SELECT sum(x), avg(x) FROM (VALUES ('-9223372036854775808'::int8), (-1)) v(x);
SELECT sum(x) FROM (VALUES (32767::int2), (32767::int2), (32767::int2)) v(x);
SELECT sum(x) FROM (VALUES ('178000000 years'::interval), ('178000000 years')) v(x);
SELECT sum(x) FROM (VALUES (1e308::float8), (1e308)) v(x);
SELECT sum(x) FROM (VALUES (3e38::real), (3e38::real)) v(x);
SELECT sum(g), avg(g) FROM generate_series(1, 100000) g;
SELECT sum(g::int8 * 100000000000), avg(g::int8 * 100000000000) FROM generate_series(1, 100000) g;
SELECT sum(x) FROM (VALUES (1e300::numeric), (1e-300)) v(x);

-- numeric precision of avg and sum.
SELECT avg(x) FROM (VALUES (1), (2), (2)) v(x);
SELECT avg(x) FROM (VALUES (1::numeric), (2), (2)) v(x);
SELECT avg(x) FROM (VALUES (1.000), (2.0), (2.00)) v(x);
SELECT avg(x), sum(x) FROM (VALUES (0.1), (0.02), (0.003)) v(x);
SELECT avg(x) FROM (VALUES (10::numeric), (20)) v(x);
SELECT avg(x) FROM (VALUES (1::int8), (2)) v(x);
SELECT avg(x) FROM (VALUES (123456789012345678901234567890.123), (1)) v(x);
SELECT avg(x) FROM (VALUES (0.00000000000000000001), (0)) v(x);
SELECT avg(x) FROM (VALUES (1::numeric / 3), (2::numeric / 3)) v(x);
SELECT avg(g::numeric) FROM generate_series(1, 10) g;
SELECT avg(x) FROM (VALUES ('NaN'::numeric), (1)) v(x);
SELECT sum(x), avg(x), min(x), max(x) FROM (VALUES ('Infinity'::float8), (1)) v(x);
SELECT sum(x) FROM (VALUES ('Infinity'::float8), ('-Infinity')) v(x);
SELECT avg(x) FROM (VALUES (1::numeric(10, 4)), (2)) v(x);
SELECT avg(x) FROM (VALUES (interval '1 day'), (interval '1 hour'), (interval '1 mon')) v(x);

-- Empty input: without GROUP BY one row (count 0, the rest NULL); with GROUP BY no rows.
SELECT count(*), count(x), sum(x), avg(x), min(x), max(x) FROM ag_e;
SELECT string_agg(t, ','), array_agg(x), bool_and(b), bool_or(b), every(b), bit_or(x) FROM ag_e;
SELECT stddev(x), variance(n), corr(x, x), regr_count(x, x), percentile_cont(0.5) WITHIN GROUP (ORDER BY x) FROM ag_e;
SELECT mode() WITHIN GROUP (ORDER BY t), percentile_disc(0.5) WITHIN GROUP (ORDER BY n) FROM ag_e;
SELECT g, count(*) FROM ag_e GROUP BY g;
SELECT count(*) FROM ag_e GROUP BY g;
SELECT count(*) FROM ag_t WHERE false;
SELECT count(*), sum(i4) FROM ag_t WHERE false GROUP BY g;
SELECT 1 FROM ag_e HAVING true;
SELECT 1 FROM ag_e HAVING count(*) = 0;
SELECT 1 FROM ag_e HAVING false;
SELECT count(*) FROM ag_t HAVING count(*) > 100;
SELECT count(*) FROM ag_t HAVING count(*) > 1;
SELECT sum(x) IS NULL, count(x) FROM ag_e;
SELECT coalesce(sum(x), 0) FROM ag_e;
SELECT count(*);
SELECT sum(1) WHERE false;
SELECT count(*) WHERE false;
SELECT 1 HAVING false;
SELECT 1 HAVING 1 = 1;

-- GROUP BY: NULL keys form one group; expressions; ordinals; output names. Keys that are equal but print
-- differently (1.5 and 1.50, 0 and -0) are shown only through counts: which one a group shows is unspecified.
SELECT g, count(*) FROM ag_t GROUP BY g;
SELECT g, count(*), sum(i4) FROM ag_t GROUP BY g ORDER BY g;
SELECT g, count(*) FROM ag_t GROUP BY g ORDER BY g NULLS FIRST;
SELECT g, count(*) FROM ag_t GROUP BY g ORDER BY g DESC;
SELECT h, count(*) FROM ag_t GROUP BY h ORDER BY h DESC NULLS LAST;
SELECT g, h, count(*) FROM ag_t GROUP BY g, h;
SELECT g, h, count(*) FROM ag_t GROUP BY h, g ORDER BY g, h;
SELECT h % 2, count(*) FROM ag_t GROUP BY h % 2;
SELECT h % 2 AS parity, count(*) FROM ag_t GROUP BY parity;
SELECT h % 2 AS parity, count(*) FROM ag_t GROUP BY 1;
SELECT count(*), g FROM ag_t GROUP BY 2;
SELECT g, h FROM ag_t GROUP BY 1, 2;
SELECT (h % 2) + 1, count(*) FROM ag_t GROUP BY h % 2;
SELECT h % 2 + 1, count(*) FROM ag_t GROUP BY h % 2 + 1;
SELECT h + 1 FROM ag_t GROUP BY h;
SELECT upper(g), count(*) FROM ag_t GROUP BY upper(g);
SELECT coalesce(g, '?') AS gg, count(*) FROM ag_t GROUP BY coalesce(g, '?');
SELECT g IS NULL, count(*) FROM ag_t GROUP BY g IS NULL;
SELECT b, count(*) FROM ag_t GROUP BY b;
SELECT d, count(*) FROM ag_t GROUP BY d;
SELECT date_trunc('month', ts) AS m, count(*) FROM ag_t GROUP BY m;
SELECT iv, count(*) FROM ag_t GROUP BY iv;
SELECT count(*), min(id) FROM ag_t GROUP BY n;
SELECT 1 AS one, count(*) FROM ag_t GROUP BY one;
SELECT count(*) FROM ag_t GROUP BY 1 + 0;
SELECT count(*) FROM ag_t GROUP BY true;
SELECT g FROM ag_t GROUP BY g, g;
SELECT g FROM ag_t GROUP BY g HAVING g > 'a';
SELECT count(*) FROM (VALUES (0.0::float8), (-0.0::float8), ('NaN'), ('NaN'::float8), (1)) v(x) GROUP BY x ORDER BY x;
SELECT count(*) FROM (VALUES (1.0), (1.00), (1)) v(x) GROUP BY x;
SELECT c, count(*) FROM (VALUES ('a'::char(3)), ('a  '), ('a ')) v(c) GROUP BY c;
SELECT t, count(*) FROM (VALUES ('a'::text), ('a '), ('A')) v(t) GROUP BY t;
SELECT g % 100 AS k, count(*), sum(g) FROM generate_series(1, 10000) g GROUP BY k ORDER BY k LIMIT 3;
SELECT count(*) FROM (SELECT g % 977 FROM generate_series(1, 20000) g GROUP BY g % 977) s;
SELECT a, count(*) FROM unnest(ARRAY[1, NULL, 2, NULL, 1]) a GROUP BY a;

-- GROUP BY name resolution: an input column wins over an output name; ordinals must exist.
SELECT h AS g, count(*) FROM ag_t GROUP BY g;
SELECT i4 AS h, count(*) FROM ag_t GROUP BY h;
SELECT h AS hh, count(*) FROM ag_t GROUP BY hh ORDER BY hh;
SELECT g FROM ag_t GROUP BY 2;
SELECT g FROM ag_t GROUP BY 0;
SELECT g FROM ag_t GROUP BY -1;
SELECT count(*) FROM ag_t GROUP BY 1;
SELECT g, count(*) FROM ag_t GROUP BY nope;
SELECT g AS x, h AS x FROM ag_t GROUP BY x;

-- 42803: ungrouped columns, nested aggregates, aggregates where they are not allowed.
SELECT g, h FROM ag_t GROUP BY g;
SELECT g, count(*) FROM ag_t;
SELECT h FROM ag_t GROUP BY h + 1;
SELECT g, count(*) FROM ag_t GROUP BY upper(g);
SELECT id, count(*) FROM ag_t GROUP BY g;
SELECT count(*) FROM ag_t HAVING h > 1;
SELECT g FROM ag_t GROUP BY g ORDER BY h;
SELECT g FROM ag_t GROUP BY g ORDER BY max(h), g;
SELECT sum(count(*)) FROM ag_t;
SELECT max(sum(i4)) FROM ag_t GROUP BY g;
SELECT count(*) FROM ag_t WHERE count(*) > 1;
SELECT count(*) FROM ag_t WHERE sum(i4) > 0 GROUP BY g;
SELECT count(*) FROM ag_t GROUP BY count(*);
SELECT g FROM ag_t GROUP BY g, sum(i4);
SELECT count(*) FROM ag_t a JOIN ag_t b ON count(*) > 0;
SELECT sum(i4) AS s FROM ag_t GROUP BY g HAVING s > 10;
SELECT sum(i4) AS s, sum(s) FROM ag_t;
SELECT count(*) FROM ag_t LIMIT count(*);
SELECT id FROM ag_t WHERE id = max(id);
UPDATE ag_t SET h = count(*);
INSERT INTO ag_e VALUES (count(*));

-- HAVING with and without GROUP BY; aggregates in HAVING and ORDER BY that are not in the select list.
SELECT g, count(*) FROM ag_t GROUP BY g HAVING count(*) > 1;
SELECT g FROM ag_t GROUP BY g HAVING sum(i4) > 30;
SELECT g FROM ag_t GROUP BY g HAVING min(i4) IS NULL;
SELECT g FROM ag_t GROUP BY g HAVING count(i4) < count(*);
SELECT g FROM ag_t GROUP BY g HAVING g IS NULL;
SELECT g, sum(i4) FROM ag_t GROUP BY g HAVING avg(i4) > 15 AND max(t) < 'r';
SELECT g FROM ag_t GROUP BY g HAVING bool_and(b);
SELECT g FROM ag_t GROUP BY g HAVING NULL;
SELECT g FROM ag_t GROUP BY g HAVING count(*) FILTER (WHERE b) >= 2;
SELECT count(*) FROM ag_t HAVING sum(i4) > 0;
SELECT sum(i4) FROM ag_t HAVING count(*) = 8;
SELECT 'x' FROM ag_t HAVING count(*) > 0;
SELECT g, count(*) FROM ag_t GROUP BY g ORDER BY count(*) DESC, g;
SELECT g FROM ag_t GROUP BY g ORDER BY sum(i4) NULLS FIRST, g;
SELECT g, count(*) AS c FROM ag_t GROUP BY g ORDER BY c, g NULLS FIRST;
SELECT g, count(*) FROM ag_t GROUP BY g ORDER BY 2 DESC, 1;
SELECT g, count(*) FROM ag_t GROUP BY g ORDER BY count(*) DESC, g LIMIT 2;
SELECT g, count(*) FROM ag_t WHERE i4 > 10 GROUP BY g HAVING count(*) = 1;

-- count(DISTINCT) and DISTINCT in other aggregates: NULLs excluded, equal numerics one value.
SELECT count(DISTINCT g), count(DISTINCT h), count(DISTINCT t), count(DISTINCT n) FROM ag_t;
SELECT count(DISTINCT i4), sum(DISTINCT i4), avg(DISTINCT i4) FROM ag_t;
SELECT g, count(DISTINCT t), count(t) FROM ag_t GROUP BY g;
SELECT count(DISTINCT b), count(DISTINCT d), count(DISTINCT iv), count(DISTINCT f8) FROM ag_t;
SELECT count(DISTINCT x) FROM (VALUES (1.0), (1.00), (1), (2)) v(x);
SELECT count(DISTINCT x) FROM (VALUES ('1 day'::interval), ('24 hours'), ('1 day')) v(x);
SELECT count(DISTINCT g || h) FROM ag_t;
SELECT sum(DISTINCT x), count(DISTINCT x) FROM (VALUES (1), (1), (NULL), (2)) v(x);
SELECT count(ALL g) FROM ag_t;
SELECT array_agg(DISTINCT x), array_agg(DISTINCT x ORDER BY x DESC) FROM (VALUES (3), (1), (2), (1), (NULL)) v(x);
SELECT g, array_agg(DISTINCT h), array_agg(DISTINCT t) FROM ag_t GROUP BY g;

-- string_agg and array_agg: ORDER BY inside, NULL elements, delimiters, DISTINCT.
SELECT string_agg(t, ',' ORDER BY id) FROM ag_t;
SELECT string_agg(t, ',' ORDER BY t) FROM ag_t;
SELECT string_agg(t, ',' ORDER BY t DESC, id) FROM ag_t;
SELECT string_agg(t, '' ORDER BY id) FROM ag_t;
SELECT string_agg(t, NULL ORDER BY id) FROM ag_t;
SELECT string_agg(DISTINCT t, ',' ORDER BY t) FROM ag_t;
SELECT string_agg(DISTINCT t, ',' ORDER BY id) FROM ag_t;
SELECT g, string_agg(t, '|' ORDER BY id) FROM ag_t GROUP BY g;
SELECT string_agg(t, ',' ORDER BY id) FROM ag_t WHERE t IS NULL;
SELECT string_agg(x, ',') FROM (VALUES ('only')) v(x);
SELECT string_agg(i4, ',') FROM ag_t;
SELECT string_agg(i4::text, ',' ORDER BY i4 DESC NULLS LAST) FROM ag_t;
SELECT string_agg(decode('ff', 'hex'), decode('00', 'hex') ORDER BY 1) FROM ag_t WHERE id < 3;
SELECT array_agg(i4 ORDER BY id) FROM ag_t;
SELECT array_agg(i4 ORDER BY i4 NULLS FIRST) FROM ag_t;
SELECT array_agg(t ORDER BY id) FROM ag_t;
SELECT array_agg(DISTINCT g ORDER BY g) FROM ag_t;
SELECT array_agg(n ORDER BY n DESC, id) FROM ag_t;
SELECT array_agg(d ORDER BY d) FROM ag_t WHERE d IS NOT NULL;
SELECT array_agg(ARRAY[id, h] ORDER BY id) FROM ag_t WHERE id < 4;
SELECT array_agg(x) FROM (VALUES (ARRAY[1, 2]), (ARRAY[3])) v(x);
SELECT array_agg(x) FROM (VALUES (ARRAY[1, 2]), (NULL)) v(x);
SELECT g, array_agg(id ORDER BY id DESC) FROM ag_t GROUP BY g;
SELECT array_agg(id ORDER BY g NULLS FIRST, id) FROM ag_t;
SELECT array_agg(id ORDER BY t USING <, id) FROM ag_t;
SELECT (array_agg(i4 ORDER BY i4 DESC))[1] FROM ag_t;
SELECT array_length(array_agg(id), 1) FROM ag_t;
SELECT array_agg(NULL::int) FROM ag_t WHERE id < 3;

-- bool_and / bool_or / every, bit_and / bit_or / bit_xor: NULLs skipped, all-NULL gives NULL.
SELECT bool_and(b), bool_or(b), every(b) FROM ag_t;
SELECT g, bool_and(b), bool_or(b), every(b) FROM ag_t GROUP BY g;
SELECT bool_and(b), bool_or(b) FROM ag_t WHERE id = 4;
SELECT bool_and(i4 > 0), bool_or(i4 > 60) FROM ag_t;
SELECT bit_and(i4), bit_or(i4), bit_xor(i4) FROM ag_t;
SELECT bit_and(i2), bit_or(i2), bit_xor(i2), pg_typeof(bit_or(i2)) FROM ag_t;
SELECT bit_and(i8), bit_or(i8), bit_xor(i8), pg_typeof(bit_and(i8)) FROM ag_t;
SELECT bit_and(x), bit_or(x) FROM (VALUES (-1), (6), (NULL)) v(x);
SELECT bit_and(n) FROM ag_t;

-- Statistics: numeric inputs compute in numeric (exact); float results rounded.
SELECT stddev(i4), stddev_samp(i4), stddev_pop(i4), variance(i4), var_samp(i4), var_pop(i4) FROM ag_t;
SELECT stddev(n), stddev_pop(n), variance(n), var_pop(n) FROM ag_t;
SELECT stddev(i8), var_pop(i8) FROM ag_t WHERE id > 2;
SELECT stddev(i2), var_samp(i2) FROM ag_t;
SELECT var_pop(x), stddev_pop(x), var_samp(x) FROM (VALUES (2.0::float8), (4), (4), (4), (5), (5), (7), (9)) v(x);
SELECT var_pop(x), stddev_pop(x) FROM (VALUES (2::real), (4), (4), (4), (5), (5), (7), (9)) v(x);
SELECT round(stddev(f8)::numeric, 10), round(variance(f8)::numeric, 10), round(stddev_pop(f4)::numeric, 10) FROM ag_t;
SELECT stddev(x), var_samp(x), stddev_pop(x), var_pop(x) FROM (VALUES (5)) v(x);
SELECT stddev(x), var_samp(x), stddev_pop(x) FROM (VALUES (5.0::float8)) v(x);
SELECT stddev(x), variance(x) FROM (VALUES (1::numeric), (NULL)) v(x);
SELECT g, var_pop(i4), stddev_samp(i4) FROM ag_t GROUP BY g;
SELECT covar_pop(x, y), covar_samp(x, y), corr(x, y) FROM (VALUES (1.0::float8, 3.0::float8), (2, 5), (3, 7), (4, 9)) v(x, y);
SELECT regr_count(y, x), regr_sxx(y, x), regr_syy(y, x), regr_sxy(y, x), regr_avgx(y, x), regr_avgy(y, x) FROM (VALUES (1.0::float8, 3.0::float8), (2, 5), (3, 7), (4, 9)) v(x, y);
SELECT regr_slope(y, x), regr_intercept(y, x), regr_r2(y, x) FROM (VALUES (1.0::float8, 3.0::float8), (2, 5), (3, 7), (4, 9)) v(x, y);
SELECT regr_count(y, x), regr_avgx(y, x), regr_avgy(y, x) FROM (VALUES (1.0::float8, NULL::float8), (2, 5), (NULL, 7), (4, 9)) v(x, y);
SELECT round(corr(i4, f8)::numeric, 10), round(covar_samp(i4, n)::numeric, 10), round(regr_slope(f8, i4)::numeric, 10) FROM ag_t;
SELECT corr(x, y), regr_slope(y, x), regr_r2(y, x), regr_intercept(y, x) FROM (VALUES (1.0::float8, 2.0::float8), (1, 3)) v(x, y);
SELECT corr(x, y), covar_samp(x, y), covar_pop(x, y) FROM (VALUES (1.0::float8, 2.0::float8)) v(x, y);
SELECT corr(x, y) FROM (VALUES (1.0::float8, 5.0::float8), (2, 5), (3, 5)) v(x, y);
SELECT pg_typeof(covar_pop(i4, i4)), pg_typeof(regr_count(i4, i4)), pg_typeof(regr_avgx(n, n)) FROM ag_t;

-- Ordered-set and hypothetical-set aggregates (WITHIN GROUP).
SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY i4) FROM ag_t;
SELECT percentile_cont(0.25) WITHIN GROUP (ORDER BY i4), percentile_cont(0) WITHIN GROUP (ORDER BY i4), percentile_cont(1) WITHIN GROUP (ORDER BY i4) FROM ag_t;
SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY i4 DESC) FROM ag_t;
SELECT percentile_cont(ARRAY[0.1, 0.5, 0.9]) WITHIN GROUP (ORDER BY i4) FROM ag_t;
SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY iv) FROM ag_t;
SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY n), pg_typeof(percentile_cont(0.5) WITHIN GROUP (ORDER BY n)) FROM ag_t;
SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY i4), percentile_disc(0.5) WITHIN GROUP (ORDER BY t), percentile_disc(0.5) WITHIN GROUP (ORDER BY n) FROM ag_t WHERE id <> 8;
SELECT percentile_disc(0) WITHIN GROUP (ORDER BY d), percentile_disc(1) WITHIN GROUP (ORDER BY d) FROM ag_t;
SELECT percentile_disc(ARRAY[0.25, 0.5, NULL]) WITHIN GROUP (ORDER BY ts) FROM ag_t;
SELECT g, percentile_disc(0.5) WITHIN GROUP (ORDER BY id) FROM ag_t GROUP BY g;
SELECT percentile_cont(1.5) WITHIN GROUP (ORDER BY i4) FROM ag_t;
SELECT percentile_cont(NULL) WITHIN GROUP (ORDER BY i4) FROM ag_t;
SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY t) FROM ag_t;
SELECT mode() WITHIN GROUP (ORDER BY t), mode() WITHIN GROUP (ORDER BY g), mode() WITHIN GROUP (ORDER BY h) FROM ag_t;
SELECT mode() WITHIN GROUP (ORDER BY x) FROM (VALUES (3), (1), (3), (1), (2)) v(x);
SELECT mode() WITHIN GROUP (ORDER BY x DESC) FROM (VALUES (3), (1), (3), (1), (2)) v(x);
SELECT rank(20) WITHIN GROUP (ORDER BY i4), dense_rank(20) WITHIN GROUP (ORDER BY i4), percent_rank(20) WITHIN GROUP (ORDER BY i4), cume_dist(20) WITHIN GROUP (ORDER BY i4) FROM ag_t;
SELECT rank('q') WITHIN GROUP (ORDER BY t), rank(NULL) WITHIN GROUP (ORDER BY t NULLS FIRST) FROM ag_t;
SELECT percentile_cont(0.5) FROM ag_t;
SELECT sum(i4) WITHIN GROUP (ORDER BY i4) FROM ag_t;

-- FILTER (WHERE ...): per-aggregate row selection; NULL condition excludes the row.
SELECT count(*) FILTER (WHERE h > 1), count(*) FILTER (WHERE b), sum(i4) FILTER (WHERE g = 'a') FROM ag_t;
SELECT sum(i4) FILTER (WHERE false), count(*) FILTER (WHERE false), count(*) FILTER (WHERE NULL) FROM ag_t;
SELECT g, count(*) FILTER (WHERE b), count(*) FILTER (WHERE NOT b), count(*) FILTER (WHERE b IS NULL) FROM ag_t GROUP BY g;
SELECT string_agg(t, ',' ORDER BY id) FILTER (WHERE id % 2 = 0), array_agg(id ORDER BY id) FILTER (WHERE h = 1) FROM ag_t;
SELECT count(DISTINCT t) FILTER (WHERE id > 2) FROM ag_t;
SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY i4) FILTER (WHERE i4 > 20) FROM ag_t;
SELECT avg(i4) FILTER (WHERE i4 / (h - 1) > 0) FROM ag_t WHERE h > 1;
SELECT abs(i4) FILTER (WHERE true) FROM ag_t;
SELECT count(*) FILTER (WHERE count(*) > 1) FROM ag_t;
SELECT count(*) FILTER (WHERE i4) FROM ag_t;


-- ORDER BY / WITHIN GROUP in HAVING, ORDER BY and subqueries; more types; multi-dimensional and empty
-- fraction arrays; hypothetical rows over several keys; PostgreSQL's errors and their wording.
SELECT g, string_agg(t, ',' ORDER BY t) FROM ag_t GROUP BY g HAVING string_agg(t, ',' ORDER BY t) > 'p' ORDER BY g;
SELECT g FROM ag_t GROUP BY g ORDER BY array_agg(id ORDER BY id DESC) NULLS FIRST;
SELECT id, (SELECT string_agg(t2.t, '' ORDER BY t2.id) FROM ag_t t2 WHERE t2.id <= t1.id) FROM ag_t t1 ORDER BY id;
SELECT (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY i4) FROM ag_t WHERE g = o.g) FROM (VALUES ('a'), ('b'), ('z')) o(g);
SELECT string_agg(DISTINCT g, ',') FROM ag_t;
SELECT string_agg(g, ',' ORDER BY g DESC NULLS FIRST) FROM ag_t;
SELECT array_agg(d ORDER BY d DESC), array_agg(ts ORDER BY ts), array_agg(iv ORDER BY iv) FROM ag_t;
SELECT array_agg(b ORDER BY id), array_agg(f4 ORDER BY f4), array_agg(n ORDER BY n NULLS FIRST) FROM ag_t;
SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY d), percentile_disc(0.5) WITHIN GROUP (ORDER BY iv), percentile_disc(0.5) WITHIN GROUP (ORDER BY b) FROM ag_t;
SELECT percentile_cont(ARRAY[[0.1, 0.2], [0.3, 1]]) WITHIN GROUP (ORDER BY f8) FROM ag_t;
SELECT percentile_cont(ARRAY[]::float8[]) WITHIN GROUP (ORDER BY f8) FROM ag_t;
SELECT percentile_disc(ARRAY[]::float8[]) WITHIN GROUP (ORDER BY t) FROM ag_t;
SELECT percentile_cont('NaN') WITHIN GROUP (ORDER BY f8) FROM ag_t;
SELECT percentile_cont(0.3) WITHIN GROUP (ORDER BY iv DESC) FROM ag_t;
SELECT dense_rank('p') WITHIN GROUP (ORDER BY t), rank('p') WITHIN GROUP (ORDER BY t DESC), cume_dist('p') WITHIN GROUP (ORDER BY t), percent_rank('p') WITHIN GROUP (ORDER BY t) FROM ag_t;
SELECT rank(1, 'a') WITHIN GROUP (ORDER BY h, g), dense_rank(2, NULL) WITHIN GROUP (ORDER BY h NULLS FIRST, g DESC) FROM ag_t;
SELECT g, rank(20) WITHIN GROUP (ORDER BY i4) FILTER (WHERE b) FROM ag_t GROUP BY g ORDER BY g;
SELECT rank(1.5) WITHIN GROUP (ORDER BY i4), rank('1') WITHIN GROUP (ORDER BY i4) FROM ag_t;
SELECT rank(1) WITHIN GROUP (ORDER BY t) FROM ag_t;
SELECT pg_typeof(percentile_disc(0.5) WITHIN GROUP (ORDER BY vc)), pg_typeof(array_agg(vc)), pg_typeof(mode() WITHIN GROUP (ORDER BY vc)) FROM (VALUES ('a'::varchar(3))) v(vc);
SELECT string_agg(x::text, ',' ORDER BY x) FROM generate_series(1, 5) x;
SELECT sum(x ORDER BY x), count(x ORDER BY x DESC), avg(DISTINCT x ORDER BY x) FROM generate_series(1, 5) x;
SELECT array_agg(x ORDER BY x % 2, x DESC) FROM generate_series(1, 7) x;
SELECT corr(i4, i2), regr_slope(i2, n), covar_pop(f4, f8), regr_r2(i8, i4) FROM ag_t;
SELECT stddev(f4), variance(f4), stddev_samp(f8), var_pop(f8) FROM ag_t;
SELECT string_agg(t, ',' ORDER BY t COLLATE "C") FROM ag_t;
SELECT array_agg(t ORDER BY t USING >) FROM ag_t;
SELECT string_agg(t, ', ') WITHIN GROUP (ORDER BY t) FROM ag_t;
SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY j) FROM (VALUES ('1'::json)) v(j);
SELECT array_agg(j ORDER BY j) FROM (VALUES ('1'::json)) v(j);
SELECT bit_or(i4 ORDER BY i4), bit_xor(DISTINCT i2), bit_and(i8) FILTER (WHERE id < 3) FROM ag_t;
SELECT array_agg(DISTINCT t ORDER BY t DESC NULLS LAST), string_agg(DISTINCT t, '' ORDER BY t DESC) FROM ag_t;
SELECT count(DISTINCT t ORDER BY t), count(*) FROM ag_t;

DROP TABLE ag_t;
DROP TABLE ag_e;
