-- difftest: pending "uuid arrives with issue 3"
-- uuid.sql - uuid: the input spellings PostgreSQL accepts, lower-case
-- hyphenated output, comparison and ordering, keys, casts, bad input.

SELECT 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid;
SELECT 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'::uuid;
SELECT '{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}'::uuid;
SELECT 'a0eebc999c0b4ef8bb6d6bb9bd380a11'::uuid;
SELECT 'a0ee-bc99-9c0b-4ef8-bb6d-6bb9-bd38-0a11'::uuid;
SELECT '{a0eebc99c0b4ef8bb6d6bb9bd380a11}'::uuid;
SELECT '00000000-0000-0000-0000-000000000000'::uuid;
SELECT 'ffffffff-ffff-ffff-ffff-ffffffffffff'::uuid;
SELECT 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1'::uuid;
SELECT 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a111'::uuid;
SELECT 'g0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid;
SELECT ''::uuid;
SELECT 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11 '::uuid;
SELECT ' a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid;
SELECT '{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid;
SELECT 'a0eebc99--9c0b-4ef8-bb6d-6bb9bd380a11'::uuid;
SELECT 'a0eebc99-9c0b4ef8-bb6d-6bb9bd380a11'::uuid;
SELECT 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid = 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'::uuid;
SELECT 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid < 'b0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid;
SELECT '00000000-0000-0000-0000-000000000001'::uuid > '00000000-0000-0000-0000-000000000000'::uuid;
SELECT 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid::text;
SELECT 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::text::uuid;
SELECT 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid = 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11';
SELECT 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid::bytea;
SELECT 1::uuid;
SELECT 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid || 'x';
SELECT length(gen_random_uuid()::text);
SELECT gen_random_uuid() = gen_random_uuid();
SELECT UUID 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11';
-- difftest: ignore-values
SELECT gen_random_uuid();
CREATE TABLE uuid_t (id uuid PRIMARY KEY, n int);
INSERT INTO uuid_t VALUES ('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 1), ('00000000-0000-0000-0000-000000000000', 2), ('ffffffff-ffff-ffff-ffff-ffffffffffff', 3);
INSERT INTO uuid_t VALUES ('A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11', 4);
INSERT INTO uuid_t VALUES ('{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a12}', 5);
INSERT INTO uuid_t VALUES ('not-a-uuid', 6);
INSERT INTO uuid_t VALUES (gen_random_uuid(), 7);
SELECT count(*) FROM uuid_t;
SELECT id, n FROM uuid_t WHERE n < 7 ORDER BY id;
SELECT n FROM uuid_t WHERE id = 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11';
SELECT n FROM uuid_t WHERE id > '80000000-0000-0000-0000-000000000000' AND n < 7 ORDER BY n;
DROP TABLE uuid_t;
