CREATE TABLE users (id bigint PRIMARY KEY, name text NOT NULL, age int, score double precision, active boolean);
INSERT INTO users VALUES (1,'ann',31,9.5,true),(2,'bob',NULL,7.25,false),(3,'cy',17,NULL,NULL);
SELECT id, name, age + 1 AS next_age FROM users WHERE active OR age IS NULL ORDER BY id DESC LIMIT 10;
SELECT count(*) FROM users;                      -- a bare count is enough here; GROUP BY comes later
UPDATE users SET score = score * 2 WHERE id = 2;
DELETE FROM users WHERE id = 1;
BEGIN; INSERT INTO users VALUES (9,'tmp',1,1,true); ROLLBACK;   -- nothing of it persists
SELECT * FROM users ORDER BY id;
DROP TABLE users;
