-- patterns_sets.sql - the array and set forms of the regular-expression
-- functions: regexp_match, regexp_matches, regexp_split_to_table,
-- regexp_split_to_array. (The scalar forms are in patterns.sql.)

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
SELECT regexp_match('abc01234xyz', '(.*?)(\d+)(.*)'), regexp_match('abc01234xyz', '(.*)(\d+)(.*)');
SELECT regexp_match('abc01234xyz', '(?:(.*?)(\d+)(.*)){1,1}');
SELECT regexp_matches('aaa', 'a*?', 'g');
SELECT regexp_split_to_table('a1b2c3', '\d');
SELECT regexp_split_to_array('abc', 'x*');
SELECT regexp_split_to_table('abc', 'b', 'g');
SELECT regexp_matches('日本語', '.', 'g');
CREATE TABLE re_s (id int PRIMARY KEY, s text);
INSERT INTO re_s VALUES (1, 'alpha-1'), (2, 'Beta-22'), (3, 'gamma'), (4, NULL);
SELECT id, (regexp_match(s, '(\d+)'))[1] FROM re_s ORDER BY id;
DROP TABLE re_s;
