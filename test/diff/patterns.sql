-- difftest: pending "regular expressions and SIMILAR TO arrive with issue 3"
-- patterns.sql - POSIX regular expressions (~ ~* !~ !~*), SIMILAR TO,
-- regexp_replace, regexp_match, regexp_matches, regexp_split_to_table and
-- regexp_split_to_array with PostgreSQL's flags, and invalid patterns.
-- (LIKE and ILIKE are in like.sql.)

-- Match operators
SELECT 'abc' ~ 'b', 'abc' ~* 'b', 'abc' !~ 'b', 'abc' !~* 'b';
SELECT 'abc' ~ '^b', 'abc' ~* '^b', 'abc' !~ '^b', 'abc' !~* '^b';
SELECT 'abc' ~ '^a.c$', 'abc' ~* '^a.c$', 'abc' !~ '^a.c$', 'abc' !~* '^a.c$';
SELECT 'ABC' ~ 'abc', 'ABC' ~* 'abc', 'ABC' !~ 'abc', 'ABC' !~* 'abc';
SELECT 'abc' ~ 'a|x', 'abc' ~* 'a|x', 'abc' !~ 'a|x', 'abc' !~* 'a|x';
SELECT 'abc' ~ '[a-c]+', 'abc' ~* '[a-c]+', 'abc' !~ '[a-c]+', 'abc' !~* '[a-c]+';
SELECT 'abc' ~ '\d', 'abc' ~* '\d', 'abc' !~ '\d', 'abc' !~* '\d';
SELECT 'a1c' ~ '\d', 'a1c' ~* '\d', 'a1c' !~ '\d', 'a1c' !~* '\d';
SELECT 'a c' ~ '\s', 'a c' ~* '\s', 'a c' !~ '\s', 'a c' !~* '\s';
SELECT 'a_c' ~ '\w+', 'a_c' ~* '\w+', 'a_c' !~ '\w+', 'a_c' !~* '\w+';
SELECT '日本語' ~ '本', '日本語' ~* '本', '日本語' !~ '本', '日本語' !~* '本';
SELECT '日本語' ~ '^.{3}$', '日本語' ~* '^.{3}$', '日本語' !~ '^.{3}$', '日本語' !~* '^.{3}$';
SELECT 'foo.bar' ~ 'o\.b', 'foo.bar' ~* 'o\.b', 'foo.bar' !~ 'o\.b', 'foo.bar' !~* 'o\.b';
SELECT 'aaa' ~ 'a{2,}', 'aaa' ~* 'a{2,}', 'aaa' !~ 'a{2,}', 'aaa' !~* 'a{2,}';
SELECT 'ab' ~ '(a)(b)\2', 'ab' ~* '(a)(b)\2', 'ab' !~ '(a)(b)\2', 'ab' !~* '(a)(b)\2';
SELECT 'abb' ~ '(a)(b)\2', 'abb' ~* '(a)(b)\2', 'abb' !~ '(a)(b)\2', 'abb' !~* '(a)(b)\2';
SELECT '' ~ '', '' ~* '', '' !~ '', '' !~* '';
SELECT 'x' ~ '', 'x' ~* '', 'x' !~ '', 'x' !~* '';
SELECT NULL ~ 'a', NULL ~* 'a', NULL !~ 'a', NULL !~* 'a';
SELECT 'abc' ~ '(?i)ABC', 'abc' ~* '(?i)ABC', 'abc' !~ '(?i)ABC', 'abc' !~* '(?i)ABC';
SELECT 'line1
line2' ~ '^line2', 'line1
line2' ~* '^line2', 'line1
line2' !~ '^line2', 'line1
line2' !~* '^line2';
SELECT 'abc' ~ '[[:alpha:]]+', 'abc' ~* '[[:alpha:]]+', 'abc' !~ '[[:alpha:]]+', 'abc' !~* '[[:alpha:]]+';
SELECT 'abc' ~ '\mabc\M', 'abc' ~* '\mabc\M', 'abc' !~ '\mabc\M', 'abc' !~* '\mabc\M';
SELECT 'ab' ~ 'a(?=b)', 'ab' ~* 'a(?=b)', 'ab' !~ 'a(?=b)', 'ab' !~* 'a(?=b)';
SELECT 'ab' ~ 'a(?!b)', 'ab' ~* 'a(?!b)', 'ab' !~ 'a(?!b)', 'ab' !~* 'a(?!b)';
SELECT 'aaa' ~ 'a*?', 'aaa' ~* 'a*?', 'aaa' !~ 'a*?', 'aaa' !~* 'a*?';
SELECT 'Ä' ~ 'ä', 'Ä' ~* 'ä', 'Ä' !~ 'ä', 'Ä' !~* 'ä';
-- Invalid patterns
SELECT 'abc' ~ '(';
SELECT 'abc' ~ '[a';
SELECT 'abc' ~ 'a{2,1}';
SELECT 'abc' ~ '*';
SELECT 'abc' ~ 'a**';
SELECT 'abc' ~ '\';
SELECT 'abc' ~ '(?<name>a)';
SELECT 'abc' ~ 'a{1000}';
SELECT 'abc' ~ '[[:nope:]]';
SELECT 'abc' ~ '(?z)a';
-- SIMILAR TO
SELECT 'abc' SIMILAR TO 'abc', 'abc' NOT SIMILAR TO 'abc';
SELECT 'abc' SIMILAR TO 'a', 'abc' NOT SIMILAR TO 'a';
SELECT 'abc' SIMILAR TO '%(b|d)%', 'abc' NOT SIMILAR TO '%(b|d)%';
SELECT 'abc' SIMILAR TO '(b|c)%', 'abc' NOT SIMILAR TO '(b|c)%';
SELECT 'abc' SIMILAR TO 'a_c', 'abc' NOT SIMILAR TO 'a_c';
SELECT 'abc' SIMILAR TO '[a-c]{3}', 'abc' NOT SIMILAR TO '[a-c]{3}';
SELECT 'abc' SIMILAR TO 'a*bc', 'abc' NOT SIMILAR TO 'a*bc';
SELECT 'aaa' SIMILAR TO 'a+', 'aaa' NOT SIMILAR TO 'a+';
SELECT 'a.c' SIMILAR TO 'a.c', 'a.c' NOT SIMILAR TO 'a.c';
SELECT 'abc' SIMILAR TO 'a.c', 'abc' NOT SIMILAR TO 'a.c';
SELECT 'ab' SIMILAR TO 'a?b', 'ab' NOT SIMILAR TO 'a?b';
SELECT '' SIMILAR TO '', '' NOT SIMILAR TO '';
SELECT NULL SIMILAR TO '%', NULL NOT SIMILAR TO '%';
SELECT 'a%' SIMILAR TO 'a\%', 'a%' NOT SIMILAR TO 'a\%';
SELECT 'abc' SIMILAR TO 'ABC', 'abc' NOT SIMILAR TO 'ABC';
SELECT 'a#c' SIMILAR TO 'a##c' ESCAPE '#';
SELECT 'a%c' SIMILAR TO 'a#%c' ESCAPE '#';
SELECT 'abc' SIMILAR TO 'abc' ESCAPE '';
SELECT 'abc' SIMILAR TO 'abc' ESCAPE 'xx';
SELECT 'abc' SIMILAR TO '(a';
-- regexp_replace
SELECT regexp_replace('foobarbaz', 'b..', 'X');
SELECT regexp_replace('foobarbaz', 'b..', 'X', 'g');
SELECT regexp_replace('FooBar', 'o', '0', 'gi');
SELECT regexp_replace('abc', '(b)', '[\1]');
SELECT regexp_replace('abc', '(b)', '[\\1]');
SELECT regexp_replace('abc', 'b', '\&\&');
SELECT regexp_replace('abc', '', 'X', 'g');
SELECT regexp_replace('abc', 'x', 'X');
SELECT regexp_replace('aaa', 'a', 'b', 2);
SELECT regexp_replace('aaa', 'a', 'b', 1, 2);
SELECT regexp_replace('aaa', 'a', 'b', 1, 0);
SELECT regexp_replace('aaa', 'a', 'b', 0);
SELECT regexp_replace('a.b.c', '.', '-', 'g');
SELECT regexp_replace('a.b.c', '\.', '-', 'g');
SELECT regexp_replace('abc', 'B', 'x', 'i');
SELECT regexp_replace('abc', 'b', 'x', 'z');
SELECT regexp_replace(NULL, 'a', 'b');
SELECT regexp_replace('日本語', '本', '-');
SELECT regexp_replace('line1
line2', '^l', 'L', 'gn');
SELECT regexp_replace('line1
line2', '^l', 'L', 'g');
SELECT regexp_replace('abc', '(', 'x');
-- regexp_match, regexp_matches
SELECT regexp_match('foobarbequebaz', 'bar.*que');
SELECT regexp_match('foobarbequebaz', '(bar)(beque)');
SELECT regexp_match('abc', 'x');
SELECT regexp_match('ABC', 'b', 'i');
SELECT regexp_match('abc', '(a)|(x)');
SELECT regexp_match('abc', 'b', 'g');
SELECT (regexp_match('k=v', '(\w)=(\w)'))[2];
SELECT regexp_match(NULL, 'a');
SELECT regexp_matches('foobarbequebazilbarfbonk', '(b[^b]+)(b[^b]+)', 'g');
SELECT regexp_matches('abc', 'x', 'g');
SELECT regexp_matches('aAbB', '[a-z]', 'gi');
SELECT regexp_matches('abc', '(a)(b)?(x)?');
SELECT count(*) FROM regexp_matches('a1b22c333', '\d+', 'g');
-- regexp_split_to_table, regexp_split_to_array
SELECT regexp_split_to_table('the quick brown fox', '\s+');
SELECT regexp_split_to_table('abc', '');
SELECT regexp_split_to_table('a,b,,c', ',');
SELECT regexp_split_to_table('', ',');
SELECT regexp_split_to_table('aXbxc', 'x', 'i');
SELECT regexp_split_to_array('the quick brown fox', '\s+');
SELECT regexp_split_to_array('abc', '');
SELECT regexp_split_to_array('a1b2c', '\d');
SELECT regexp_split_to_array(',a,', ',');
SELECT regexp_split_to_array('abc', 'b', 'g');
SELECT regexp_split_to_array(NULL, ',');
-- Over a table
CREATE TABLE re_t (id int PRIMARY KEY, s text);
INSERT INTO re_t VALUES (1, 'alpha-1'), (2, 'Beta-22'), (3, 'gamma'), (4, NULL), (5, 'DELTA-333');
SELECT id FROM re_t WHERE s ~ '-\d+$' ORDER BY id;
SELECT id FROM re_t WHERE s ~* '^[a-d]' ORDER BY id;
SELECT id FROM re_t WHERE s !~ 'a' ORDER BY id;
SELECT id, regexp_replace(s, '\d', '#', 'g') FROM re_t ORDER BY id;
SELECT id, (regexp_match(s, '(\d+)'))[1] FROM re_t ORDER BY id;
SELECT id FROM re_t WHERE s SIMILAR TO '%-[0-9]+' ORDER BY id;
DROP TABLE re_t;
