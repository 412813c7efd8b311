-- pg_typeof.sql - pg_typeof and the regtype type: every type's name as
-- format_type prints it, unknown literals, regtype input (names, aliases,
-- arrays, typmods, OIDs) and output, casts, and errors.

SELECT pg_typeof(1), pg_typeof(1::int2), pg_typeof(1::int8), pg_typeof(1.5), pg_typeof(1.5::float4), pg_typeof(1e300::float8);
SELECT pg_typeof('a'), pg_typeof(NULL), pg_typeof('a'::text), pg_typeof('a'::varchar(3)), pg_typeof('a'::char(2));
SELECT pg_typeof(true), pg_typeof(now()), pg_typeof(current_date), pg_typeof(localtimestamp), pg_typeof(current_time);
SELECT pg_typeof('1 day'::interval), pg_typeof('12:00'::time), pg_typeof('\x00'::bytea), pg_typeof(gen_random_uuid());
SELECT pg_typeof('{}'::json), pg_typeof('{}'::jsonb), pg_typeof(ARRAY[1]), pg_typeof(ARRAY['a'::char(2)]), pg_typeof('{}'::text[]);
SELECT pg_typeof(ARRAY[1.5]), pg_typeof('{}'::timestamptz[]), pg_typeof('{}'::timetz[]), pg_typeof('{}'::interval[]);
SELECT pg_typeof(1 + 1.5), pg_typeof(1 / 2), pg_typeof(2 ^ 3), pg_typeof('a' || 1), pg_typeof(NULL::int[]);
SELECT pg_typeof(pg_typeof(1)), pg_typeof(setseed(0.5));
SELECT pg_typeof(x) FROM generate_series(1, 2) x;
SELECT pg_typeof(x) FROM unnest(ARRAY['a', 'b']) x;
SELECT pg_typeof(1)::text, pg_typeof(1)::varchar(3), pg_typeof(1) = 'integer'::regtype;
SELECT 'integer'::regtype, 'int4'::regtype, 'INT'::regtype, 'pg_catalog.int4'::regtype, '"int4"'::regtype;
SELECT 'int4[]'::regtype, 'text[][]'::regtype, 'character varying(10)'::regtype, 'numeric(10,2)'::regtype;
SELECT 'timestamp with time zone'::regtype, 'timestamp without time zone'::regtype, 'time with time zone'::regtype;
SELECT 'double precision'::regtype, 'float'::regtype, 'real'::regtype, 'bpchar'::regtype, 'char'::regtype;
SELECT 'bool'::regtype, 'jsonb'::regtype, 'uuid'::regtype, 'bytea'::regtype, 'interval'::regtype;
SELECT '23'::regtype, '1009'::regtype, '99999'::regtype, '0'::regtype, '-'::regtype;
SELECT 'nosuch'::regtype;
SELECT 'int4 []'::regtype, ' integer '::regtype;
SELECT ''::regtype;
SELECT '4294967296'::regtype;
SELECT 'integer'::regtype::text;
SELECT 'integer'::text::regtype;
SELECT 1::regtype, 23::int8::regtype, 25::int2::regtype;
SELECT (-1)::regtype;
SELECT 4294967296::regtype;
SELECT pg_typeof(1, 2);
CREATE TABLE rt_t (id int PRIMARY KEY, t regtype);
INSERT INTO rt_t VALUES (1, 'integer'), (2, 'text[]'), (3, NULL), (4, 'timestamptz');
SELECT id, t FROM rt_t ORDER BY id;
SELECT id FROM rt_t WHERE t = 'text[]'::regtype;
SELECT id, t::int4, t::int8 FROM rt_t ORDER BY t;
INSERT INTO rt_t VALUES (5, 'nosuch');
DROP TABLE rt_t;
