-- collation.sql - text ordering and comparison under the "C" collation,
-- which is what OmenDB implements (and what the reference cluster uses):
-- strings compare byte by byte in UTF-8, so upper case sorts before lower
-- case, digits and punctuation by code point, accented letters after 'z'.
-- A database created with a linguistic collation (en_US.UTF-8, ICU) orders
-- these differently; see docs/compatibility.md.

CREATE TABLE coll_t (id int PRIMARY KEY, s text, v varchar(20), c char(8));
INSERT INTO coll_t VALUES (1, 'apple', 'apple', 'apple');
INSERT INTO coll_t VALUES (2, 'Apple', 'Apple', 'Apple');
INSERT INTO coll_t VALUES (3, 'APPLE', 'APPLE', 'APPLE');
INSERT INTO coll_t VALUES (4, 'banana', 'banana', 'banana');
INSERT INTO coll_t VALUES (5, 'Banana', 'Banana', 'Banana');
INSERT INTO coll_t VALUES (6, '_under', '_under', '_under');
INSERT INTO coll_t VALUES (7, '-dash', '-dash', '-dash');
INSERT INTO coll_t VALUES (8, ' space', ' space', ' space');
INSERT INTO coll_t VALUES (9, '', '', '');
INSERT INTO coll_t VALUES (10, '10', '10', '10');
INSERT INTO coll_t VALUES (11, '9', '9', '9');
INSERT INTO coll_t VALUES (12, '1', '1', '1');
INSERT INTO coll_t VALUES (13, 'a b', 'a b', 'a b');
INSERT INTO coll_t VALUES (14, 'ab', 'ab', 'ab');
INSERT INTO coll_t VALUES (15, 'a', 'a', 'a');
INSERT INTO coll_t VALUES (16, 'A', 'A', 'A');
INSERT INTO coll_t VALUES (17, 'z', 'z', 'z');
INSERT INTO coll_t VALUES (18, 'Z', 'Z', 'Z');
INSERT INTO coll_t VALUES (19, 'é', 'é', 'é');
INSERT INTO coll_t VALUES (20, 'e', 'e', 'e');
INSERT INTO coll_t VALUES (21, 'f', 'f', 'f');
INSERT INTO coll_t VALUES (22, 'É', 'É', 'É');
INSERT INTO coll_t VALUES (23, 'ß', 'ß', 'ß');
INSERT INTO coll_t VALUES (24, 'ss', 'ss', 'ss');
INSERT INTO coll_t VALUES (25, '日本', '日本', '日本');
INSERT INTO coll_t VALUES (26, '中文', '中文', '中文');
INSERT INTO coll_t VALUES (27, '😀', '😀', '😀');
INSERT INTO coll_t VALUES (28, '~tilde', '~tilde', '~tilde');
INSERT INTO coll_t VALUES (29, '{brace', '{brace', '{brace');
INSERT INTO coll_t VALUES (30, '[bracket', '[bracket', '[bracket');
INSERT INTO coll_t VALUES (31, 'zz', 'zz', 'zz');
INSERT INTO coll_t VALUES (32, E'a\t', E'a\t', E'a\t');
INSERT INTO coll_t VALUES (33, 'a ', 'a ', 'a ');
INSERT INTO coll_t VALUES (34, 'a!', 'a!', 'a!');
INSERT INTO coll_t VALUES (100, NULL, NULL, NULL);
SELECT s FROM coll_t ORDER BY s;
SELECT s FROM coll_t ORDER BY s DESC;
SELECT s FROM coll_t ORDER BY s NULLS FIRST;
SELECT v FROM coll_t ORDER BY v, id;
SELECT c || '|' FROM coll_t ORDER BY c, id;
SELECT id, s FROM coll_t ORDER BY s, id LIMIT 5;
SELECT id, s FROM coll_t ORDER BY s DESC, id LIMIT 5 OFFSET 3;
SELECT s FROM coll_t WHERE s < 'a' ORDER BY s;
SELECT s FROM coll_t WHERE s >= 'a' AND s < 'b' ORDER BY s;
SELECT s FROM coll_t WHERE s > 'z' ORDER BY s;
SELECT s FROM coll_t WHERE s BETWEEN 'A' AND 'Z' ORDER BY s;
SELECT s FROM coll_t WHERE s BETWEEN 'a' AND 'z' ORDER BY s;
SELECT s FROM coll_t WHERE s > 'é' ORDER BY s;
SELECT s FROM coll_t WHERE s < '0' ORDER BY s;
SELECT s FROM coll_t WHERE c = 'a' ORDER BY s;
SELECT s FROM coll_t WHERE s = 'a' ORDER BY s;
SELECT s FROM coll_t WHERE v > 'Z' AND v < 'a' ORDER BY v;
SELECT count(*) FROM coll_t WHERE s > '';
SELECT count(*) FROM coll_t WHERE s < 'ZZZZ';
DROP TABLE coll_t;

-- Pairwise comparisons.
SELECT 'apple' < 'Apple' AS lt, 'apple' = 'Apple' AS eq, 'apple' > 'Apple' AS gt;
SELECT 'Apple' < 'apple' AS lt, 'Apple' = 'apple' AS eq, 'Apple' > 'apple' AS gt;
SELECT 'a' < 'B' AS lt, 'a' = 'B' AS eq, 'a' > 'B' AS gt;
SELECT 'B' < 'a' AS lt, 'B' = 'a' AS eq, 'B' > 'a' AS gt;
SELECT 'Z' < 'a' AS lt, 'Z' = 'a' AS eq, 'Z' > 'a' AS gt;
SELECT 'é' < 'f' AS lt, 'é' = 'f' AS eq, 'é' > 'f' AS gt;
SELECT 'é' < 'e' AS lt, 'é' = 'e' AS eq, 'é' > 'e' AS gt;
SELECT 'E' < 'é' AS lt, 'E' = 'é' AS eq, 'E' > 'é' AS gt;
SELECT 'ß' < 't' AS lt, 'ß' = 't' AS eq, 'ß' > 't' AS gt;
SELECT 'ss' < 'ß' AS lt, 'ss' = 'ß' AS eq, 'ss' > 'ß' AS gt;
SELECT '10' < '9' AS lt, '10' = '9' AS eq, '10' > '9' AS gt;
SELECT '10' < '1' AS lt, '10' = '1' AS eq, '10' > '1' AS gt;
SELECT '' < ' ' AS lt, '' = ' ' AS eq, '' > ' ' AS gt;
SELECT ' ' < 'a' AS lt, ' ' = 'a' AS eq, ' ' > 'a' AS gt;
SELECT 'a' < 'a ' AS lt, 'a' = 'a ' AS eq, 'a' > 'a ' AS gt;
SELECT 'ab' < 'a b' AS lt, 'ab' = 'a b' AS eq, 'ab' > 'a b' AS gt;
SELECT 'a-b' < 'ab' AS lt, 'a-b' = 'ab' AS eq, 'a-b' > 'ab' AS gt;
SELECT 'a_b' < 'ab' AS lt, 'a_b' = 'ab' AS eq, 'a_b' > 'ab' AS gt;
SELECT '日本' < '中文' AS lt, '日本' = '中文' AS eq, '日本' > '中文' AS gt;
SELECT '😀' < '日' AS lt, '😀' = '日' AS eq, '😀' > '日' AS gt;
SELECT '~' < 'a' AS lt, '~' = 'a' AS eq, '~' > 'a' AS gt;
SELECT 'ÿ' < 'Ā' AS lt, 'ÿ' = 'Ā' AS eq, 'ÿ' > 'Ā' AS gt;
SELECT 'ﬁ' < 'fi' AS lt, 'ﬁ' = 'fi' AS eq, 'ﬁ' > 'fi' AS gt;
SELECT 'Å' < 'Å' AS lt, 'Å' = 'Å' AS eq, 'Å' > 'Å' AS gt;
SELECT 'Å' < 'Å' AS lt, 'Å' = 'Å' AS eq, 'Å' > 'Å' AS gt;
SELECT 'abc'::varchar < 'abd'::varchar, 'abc'::char(5) < 'abd'::char(5), 'b'::char(1) > 'a'::varchar;

-- Keys order the same way.
CREATE TABLE coll_pk (k text PRIMARY KEY);
INSERT INTO coll_pk VALUES ('b'), ('B'), ('a'), ('A'), ('á'), ('Á'), ('0'), ('_'), ('aa'), ('a'||'b');
SELECT k FROM coll_pk ORDER BY k;
SELECT k FROM coll_pk WHERE k > 'A' AND k < 'b' ORDER BY k;
SELECT k FROM coll_pk ORDER BY k DESC LIMIT 3;
DROP TABLE coll_pk;
