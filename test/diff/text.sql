-- text.sql - text, varchar(n) and char(n): literals and escapes, UTF-8
-- validation, concatenation, comparison under the C collation, length
-- coercion (explicit casts truncate, assignments fail), blank-padded char(n)
-- semantics, and columns.
-- Statements on which OmenDB differs today live in known_bugs.sql, tagged
-- with their bug; move them back here when the bug is fixed.

-- Literals.
SELECT '';
SELECT 'a';
SELECT 'it''s';
SELECT 'a\nb';
SELECT 'tab	here';
SELECT 'multi' 'line';
SELECT 'ünïcödé';
SELECT '日本語';
SELECT '😀';
SELECT E'a\nb';
SELECT E'a\tb';
SELECT E'back\\slash';
SELECT E'quote\'';
SELECT E'\x41\x42';
SELECT E'\101\102';
SELECT E'\u00e9';
SELECT E'\U0001F600';
SELECT E'\q';
SELECT E'\x';
SELECT E'\xc3\xa9';
SELECT E'\u0000';
SELECT E'\uD800';
SELECT E'\uD83D\uDE00';
SELECT E'\uDE00';
SELECT E'\U00110000';
SELECT U&'\0041\0042';
SELECT U&'\+01F600';
SELECT U&'d!0061t!+000061' UESCAPE '!';
SELECT U&'\D800';
SELECT U&'\';
SELECT U&'\12';
SELECT 'x' UESCAPE '!';
SELECT N'national';
SELECT e'lower e';
SELECT 'multi'
       'line' AS continued;
SELECT 'a' AS "Mixed Case", 'b' AS "with space", 'c' AS """quoted""", 'd' AS lower_case, 'e' AS UPPER_CASE;
SELECT '0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789' AS long_text;
SELECT text 'typed', varchar 'v', char 'c', character varying 'cv', character 'ch', bpchar 'bp';

-- Concatenation.
SELECT 'a' || 'b';
SELECT 'a' || '';
SELECT '' || '';
SELECT 'a' || NULL;
SELECT NULL || 'a';
SELECT NULL::text || NULL::text;
SELECT 'a' || 'b' || 'c' || 'd';
SELECT 'ab'::varchar(2) || 'cd'::varchar(2);
SELECT 'ab'::char(4) || 'cd';
SELECT 'ab'::char(4) || 'cd'::char(4);
SELECT 'ab  '::varchar || '|';
SELECT 'x'::text || 'y'::varchar(1);
SELECT 'é' || E'\u00e9';
SELECT 'a' || 'b' = 'ab';
SELECT ('a' || 'b')::varchar(1);
SELECT 'a' || 'b'::char(3) || 'c';

-- Comparison under the C collation: byte order, case-sensitive, no trailing-space folding for text.
SELECT 'a' < 'b', 'a' = 'b', 'a' > 'b';
SELECT 'a' < 'B', 'a' = 'B', 'a' > 'B';
SELECT 'A' < 'a', 'A' = 'a', 'A' > 'a';
SELECT 'abc' < 'abd', 'abc' = 'abd', 'abc' > 'abd';
SELECT 'abc' < 'ab', 'abc' = 'ab', 'abc' > 'ab';
SELECT '' < 'a', '' = 'a', '' > 'a';
SELECT 'a' < 'a ', 'a' = 'a ', 'a' > 'a ';
SELECT 'a ' < 'a', 'a ' = 'a', 'a ' > 'a';
SELECT 'Z' < 'a', 'Z' = 'a', 'Z' > 'a';
SELECT 'é' < 'z', 'é' = 'z', 'é' > 'z';
SELECT 'é' < 'f', 'é' = 'f', 'é' > 'f';
SELECT '😀' < '日', '😀' = '日', '😀' > '日';
SELECT '10' < '9', '10' = '9', '10' > '9';
SELECT '-1' < '+1', '-1' = '+1', '-1' > '+1';
SELECT '_' < 'a', '_' = 'a', '_' > 'a';
SELECT ' ' < '', ' ' = '', ' ' > '';
SELECT 'a	b' < 'a b', 'a	b' = 'a b', 'a	b' > 'a b';
SELECT 'Ä' < 'B', 'Ä' = 'B', 'Ä' > 'B';
SELECT 'abc' = 'abc', 'abc' <> 'ABC', 'abc' <= 'abc', 'abc' >= 'abcd', 'abc' != 'abc';
SELECT 'b' BETWEEN 'a' AND 'c', 'B' BETWEEN 'a' AND 'c', 'abc' IN ('ABC', 'abc'), 'x' NOT IN ('a', 'b');
SELECT NULL::text = 'a', 'a' < NULL, NULL::text IS NULL, '' IS NULL, '' = '', NULL::text IS DISTINCT FROM '';

-- char(n): blank-padded; trailing blanks are insignificant in comparisons and dropped on conversion.
SELECT 'ab'::char(4);
SELECT 'ab'::char(4) = 'ab'::char(4);
SELECT 'ab'::char(4) = 'ab  '::char(2);
SELECT 'ab'::char(2) = 'ab '::char(3);
SELECT 'ab'::char(4) = 'ab';
SELECT 'ab'::char(4) = 'ab ';
SELECT 'ab '::char(4) < 'ab'::char(4);
SELECT 'a'::char(3) < 'a b'::char(3);
SELECT 'ab'::char(4) = 'ab'::text;
SELECT 'ab'::char(4)::text = 'ab';
SELECT 'ab'::char(4)::varchar;
SELECT 'ab'::char(4)::text || '|';
SELECT 'ab'::char(4)::varchar(10) || '|';
SELECT 'ab  '::text::char(4) = 'ab'::char(1);
SELECT 'abc'::char;
SELECT 'abc'::character;
SELECT 'abc'::char(2);
SELECT 'ab'::char(5)::char(2);
SELECT ''::char(3);
SELECT '  '::char(3) = ''::char(1);
SELECT 'é'::char(3);
SELECT '日本語'::char(2);
SELECT 'a'::char(1000);
SELECT 'a'::char(3) = 'a'::varchar(3);
SELECT 'a'::char(3) < 'b'::varchar;
SELECT 'A'::char(2) < 'a'::char(2);
SELECT 'a'::char(2) IN ('a ', 'b');
SELECT 'x'::char(3) BETWEEN 'x' AND 'x ';

-- varchar(n): explicit casts truncate silently; trailing spaces are kept.
SELECT 'abcdef'::varchar(3);
SELECT 'abc   '::varchar(4);
SELECT 'ab'::varchar(10);
SELECT '日本語'::varchar(2);
SELECT '😀😀'::varchar(1);
SELECT CAST('abcdef' AS character varying(2));
SELECT 'abc'::varchar(3) = 'abc'::varchar(5);
SELECT 'abc '::varchar = 'abc';
SELECT 'abc'::varchar;
SELECT ''::varchar(1);
SELECT 'abcdef'::varchar(3)::char(5);
SELECT 12345::varchar(2);
SELECT 12345::char(2);
SELECT 1.5::varchar(2);
SELECT true::varchar(1);
SELECT 'a'::varchar(0);
SELECT 'a'::char(0);
SELECT 'a'::varchar(10485761);
SELECT 'a'::varchar(10485760);
SELECT 'a'::char(-1);

-- Columns: assignment to varchar(n)/char(n) fails when non-blank characters would be lost.
CREATE TABLE text_t (id int PRIMARY KEY, t text, v varchar(5), c char(5), c1 char);
INSERT INTO text_t VALUES (1, 'hello', 'hello', 'hello', 'h');
INSERT INTO text_t VALUES (2, 'hi', 'hi', 'hi', 'x'), (3, '', '', '', ''), (4, NULL, NULL, NULL, NULL);
INSERT INTO text_t VALUES (5, 'x', 'toolong', 'x', 'x');
INSERT INTO text_t VALUES (5, 'x', 'x', 'toolong', 'x');
INSERT INTO text_t VALUES (5, 'x', 'x', 'x', 'xy');
INSERT INTO text_t VALUES (5, 'x', 'abcde     ', 'abcde   ', 'y   ');
SELECT v || '|', c || '|', c1 || '|' FROM text_t WHERE id = 5;
INSERT INTO text_t VALUES (6, 'spaces  ', 'sp  ', 'sp  ', ' ');
INSERT INTO text_t VALUES (7, 'Hello', 'HELLO', 'Hello', 'H'), (8, 'héllo', 'héllo', 'héllo', 'é');
INSERT INTO text_t VALUES (9, '日本語テキスト', '日本語テキ', '日本語テキ', '日');
INSERT INTO text_t VALUES (10, 'a', '日本語テキスト', 'a', 'a');
INSERT INTO text_t VALUES (10, 1, 2, 3, 4);
INSERT INTO text_t VALUES (11, 123456, 1.5, true, 9);
INSERT INTO text_t VALUES (12, 'a', 123456, 'a', 'a');
INSERT INTO text_t (id, t) VALUES (13, 'only t');
SELECT * FROM text_t ORDER BY id;
SELECT id, t || '|', v || '|', c || '|', c1 || '|' FROM text_t ORDER BY id;
SELECT id, t FROM text_t ORDER BY t, id;
SELECT id, t FROM text_t ORDER BY t DESC, id;
SELECT id, v FROM text_t ORDER BY v NULLS FIRST, id;
SELECT id, c FROM text_t ORDER BY c, id;
SELECT id FROM text_t WHERE c = 'hi' ORDER BY id;
SELECT id FROM text_t WHERE c = 'hi   ' ORDER BY id;
SELECT id FROM text_t WHERE v = 'sp' ORDER BY id;
SELECT id FROM text_t WHERE v = 'sp  ' ORDER BY id;
SELECT id FROM text_t WHERE c = 'sp' ORDER BY id;
SELECT id FROM text_t WHERE t = 'spaces' ORDER BY id;
SELECT id FROM text_t WHERE c1 = ' ' ORDER BY id;
SELECT id FROM text_t WHERE c1 = '' ORDER BY id;
SELECT id FROM text_t WHERE t = '' ORDER BY id;
SELECT id FROM text_t WHERE t > 'h' AND t < 'i' ORDER BY id;
SELECT id FROM text_t WHERE t = v ORDER BY id;
SELECT id FROM text_t WHERE t = c ORDER BY id;
SELECT id FROM text_t WHERE t IN ('hi', 'Hello', 'x') ORDER BY id;
SELECT id FROM text_t WHERE t IS NULL OR v IS NULL ORDER BY id;
SELECT count(*), count(t), count(v), count(c), count(c1) FROM text_t;
UPDATE text_t SET v = t WHERE id = 1;
UPDATE text_t SET v = t WHERE id = 7;
UPDATE text_t SET v = t || '!' WHERE id = 7;
UPDATE text_t SET c = c || c WHERE id = 2;
UPDATE text_t SET c = 'x' || c WHERE id = 1;
UPDATE text_t SET t = t || '-' || v WHERE id IN (1, 2, 3);
UPDATE text_t SET t = NULL WHERE t = '';
SELECT id, t, v, c FROM text_t WHERE id IN (1, 2, 3, 7) ORDER BY id;
DELETE FROM text_t WHERE t LIKE 'h%' OR t IS NULL;
SELECT id, t FROM text_t ORDER BY id;
DROP TABLE text_t;

-- Text keys: case and trailing blanks matter for text, not for char(n).
CREATE TABLE text_pk (k text PRIMARY KEY, n int);
INSERT INTO text_pk VALUES ('a', 1), ('A', 2), ('a ', 3), ('', 4), ('b', 5), ('é', 6), ('aa', 7);
INSERT INTO text_pk VALUES ('a', 8);
INSERT INTO text_pk VALUES (NULL, 9);
SELECT k, n FROM text_pk ORDER BY k;
SELECT k, n FROM text_pk ORDER BY k DESC;
SELECT n FROM text_pk WHERE k = 'a ';
SELECT n FROM text_pk WHERE k > 'a' ORDER BY k;
SELECT n FROM text_pk WHERE k >= '' AND k < 'b' ORDER BY k;
DROP TABLE text_pk;
CREATE TABLE char_pk (k char(3) PRIMARY KEY, n int);
INSERT INTO char_pk VALUES ('a', 1), ('b', 2);
INSERT INTO char_pk VALUES ('a  ', 3);
INSERT INTO char_pk VALUES ('abcd', 4);
INSERT INTO char_pk VALUES ('abc ', 5);
SELECT k || '|', n FROM char_pk ORDER BY k;
SELECT n FROM char_pk WHERE k = 'a';
SELECT n FROM char_pk WHERE k = 'a   ';
DROP TABLE char_pk;
CREATE TABLE varchar_pk (k varchar(3) PRIMARY KEY);
INSERT INTO varchar_pk VALUES ('a'), ('a '), ('a  ');
INSERT INTO varchar_pk VALUES ('a   ');
INSERT INTO varchar_pk VALUES ('abcd');
SELECT k || '|' FROM varchar_pk ORDER BY k;
DROP TABLE varchar_pk;
