-- patterns.sql - POSIX regular expressions (~ ~* !~ !~*), SIMILAR TO,
-- substring's regular-expression forms, regexp_replace, regexp_count,
-- regexp_instr, regexp_like and regexp_substr with PostgreSQL's flags, and
-- invalid patterns. (LIKE and ILIKE are in like.sql; the array and set
-- forms regexp_match, regexp_matches, regexp_split_* in patterns_sets.sql.)

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
-- Escapes and classes
SELECT E'a\bc' ~ 'a\bc', 'a\c' ~ 'a\Bc', 'aAc' ~ '\x41', 'aAc' ~ '\u0041', 'aAc' ~ '\U00000041';
SELECT 'aAc' ~ '\101', 'a' ~ '\0', 'a' ~ '\x110000', E'a\x1bc' ~ 'a\ec', E'\x01' ~ '\cA';
SELECT E'a\n' ~ '(a)\12', E'\n' ~ '\12', 'a{,3}' ~ 'a{,3}', 'a{x' ~ 'a{x';
SELECT 'a1' ~ '[\d]', 'a1' ~ '[\D]', 'a b' ~ 'a\ b', 'a-b' ~ 'a\-b', 'a_b' ~ 'a\_b';
SELECT 'ab' ~ '[\b]', E'a\bb' ~ '[\b]', 'ab' ~ 'a\Z', 'ab' ~ 'b\Z', 'ab' ~ '\Aa', 'ab' ~ '\Ab';
SELECT 'foo bar' ~ '\mbar', 'foobar' ~ '\mbar', 'foo bar' ~ 'foo\M', 'foobar' ~ 'foo\M';
SELECT 'foo bar' ~ '\ybar\y', 'foobar' ~ '\Ybar', 'foo bar' ~ '[[:<:]]bar[[:>:]]', 'foobar' ~ '[[:<:]]bar';
SELECT 'a_1' ~ '^[[:word:]]+$', 'abc' ~ '^[[:lower:]]+$', 'ABC' ~* '^[[:lower:]]+$', 'a1' ~ '^[[:alnum:]]+$';
SELECT ' ' ~ '[[:space:]]', E'\t' ~ '[[:blank:]]', 'F' ~ '[[:xdigit:]]', 'G' ~ '[[:xdigit:]]', '!' ~ '[[:punct:]]';
SELECT 'é' ~ '\w', 'é' ~ '[[:alpha:]]', 'é' ~ '\W', 'é' ~ '[^a-z]', 'é' ~ '^.$';
SELECT ']' ~ '[]]', 'a]' ~ '^[^]]', '-' ~ '[a-]', '-' ~ '[-a]', 'b' ~ '[a-c]', 'B' ~* '[a-c]', 'b' ~* '[A-C]';
SELECT 'abc' ~ '[[.a.]]', ' ' ~ '[[.space.]]', 'a' ~ '[[=a=]]', '-' ~ '[[.hyphen.]]';
SELECT E'\n' ~ '(?n)\D', E'\n' ~ '(?n)[^a]', E'\n' ~ '(?n).', E'\n' ~ '.', E'\n' ~ '(?p).', E'\n' ~ '(?w).';
-- Directors and embedded options
SELECT 'a' ~ '***=a.', 'a.' ~ '***=a.', 'a' ~ '***:a', 'A' ~ '***:(?i)a', 'a(' ~ '(?q)a(', 'A' ~ '(?qi)a';
SELECT 'abc' ~ '(?x) a b c ', 'abc' ~ '(?x)a b # comment', 'a b' ~ '(?x)a\ b', 'a b' ~ '(?x)a[ ]b';
SELECT 'ABC' ~ '(?c)abc', 'ABC' ~* '(?c)abc', 'abc' ~* '(?i)ABC';
SELECT 'a(b' ~ '(?e)a\(b', 'ab' ~ '(?b)\(a\)b', 'a+' ~ '(?b)a+', 'aa' ~ '(?b)^\(a\)\1$';
SELECT 'ab' ~ '(?e)(a)(b)', 'a{1}' ~ '(?b)a{1}', 'aa' ~ '(?b)a\{2\}';
-- Back references
SELECT 'abab' ~ '^(ab)\1$', 'abAB' ~ '^(ab)\1$', 'abAB' ~* '^(ab)\1$', 'aXa' ~ '^(a)X\1$';
SELECT regexp_replace('hello world', '(\w+) (\w+)', '\2 \1');
-- Greedy and non-greedy whole-match rules
SELECT substring('abc01234xyz' from '(.*?)(\d+)(.*)'), substring('abc01234xyz' from '(.*)(\d+)(.*)');
SELECT regexp_substr('abc01234xyz', '(.*?)(\d+)(.*)', 1, 1, '', 2), regexp_substr('abc01234xyz', '(?:(.*?)(\d+)(.*)){1,1}', 1, 1, '', 2);
SELECT regexp_substr('abcd', 'a|ab|abc'), regexp_substr('abcd', '(a|ab)(c|bcd)'), regexp_substr('xabcx', 'a.*?c|b');
SELECT regexp_substr('aaa', 'a*?'), regexp_substr('aaa', 'a+?'), regexp_substr('aaab', 'a+?b'), regexp_substr('aaa', '(a+?)a*');
SELECT regexp_substr('axbxbx', 'a.*?b.*'), regexp_substr('axbxbx', 'a.*b.*?'), regexp_substr('<a><b>', '<.*?>');
SELECT regexp_replace('aaa', 'a*?', 'X', 'g'), regexp_replace('abc', 'x*', '-', 'g'), regexp_replace('abab', '(ab)*?', 'X');
-- Invalid patterns (more)
SELECT 'abc' ~ ')';
SELECT 'abc' ~ 'a*+';
SELECT 'abc' ~ 'a(?i)b';
SELECT 'abc' ~ '\q';
SELECT 'abc' ~ '\1';
SELECT 'abc' ~ '(a\1)';
SELECT 'aa' ~ '(?=(a))\1';
SELECT 'abc' ~ 'a{1';
SELECT 'abc' ~ 'a{1,2';
SELECT 'abc' ~ 'a{256}';
SELECT 'abc' ~ '[z-a]';
SELECT 'abc' ~ '^*';
SELECT 'abc' ~ '(*)';
SELECT 'abc' ~ 'a|*';
SELECT 'abc' ~ '(?=a)*';
SELECT 'abc' ~ '\m*';
SELECT 'abc' ~ '[]';
SELECT 'abc' ~ '[[.ab.]]';
SELECT 'abc' ~ '[a-[:alpha:]]';
SELECT 'abc' ~ 'x{1}{2}';
SELECT 'abc' ~ '\u041';
SELECT 'abc' ~ '\x';
SELECT 'abc' ~ '\c';
SELECT 'abc' ~ '[\1]';
SELECT 'abc' ~ '[a-\d]';
SELECT 'abc' ~ '***?a';
SELECT 'abc' ~ '(?i';
SELECT 'abc' ~ '[[:alpha:';
SELECT 'a' ~ '\8';
SELECT 'abc' ~* '(';
SELECT 1 ~ 'a';
SELECT 'a' ~ 1;
SELECT 1.5 !~ 'a';
-- char(n) and varchar operands
SELECT 'ab'::char(4) ~ 'ab  $', 'ab'::char(4) ~ 'ab$', 'ab'::varchar ~ 'b', 'AB'::varchar(5) ~* 'b';
SELECT 'ab'::char(4) SIMILAR TO 'ab%', 'ab'::varchar SIMILAR TO 'a_';
-- SIMILAR TO (more)
SELECT 'abc' SIMILAR TO 'a"b"c', 'abc' SIMILAR TO 'a#"b#"c' ESCAPE '#', 'abc' SIMILAR TO '(a|b)+c';
SELECT 'abc' SIMILAR TO 'a#"b#"c#"d' ESCAPE '#';
SELECT 'abc' SIMILAR TO '%' ESCAPE NULL;
SELECT 'a.c' SIMILAR TO 'a.c', 'a^c' SIMILAR TO 'a^c', 'a$c' SIMILAR TO 'a$c', 'a\c' SIMILAR TO 'a\\c';
SELECT 'aéb' SIMILAR TO 'a_b', 'aéb' SIMILAR TO 'aéb%' ESCAPE 'é', 'abc' SIMILAR TO '[^x]+';
SELECT similar_to_escape('a%b'), similar_to_escape('a"b"c', ''), similar_to_escape('a#"b#"c', '#'), similar_escape('a_b', NULL);
SELECT similar_to_escape('[a%]_(b|c)\d'), similar_escape(NULL, '#'), similar_to_escape('x', NULL);
SELECT similar_to_escape('a', 'ab');
-- substring with regular expressions
SELECT substring('foobar' from 'o(.)b'), substring('foobar' from 'o.b'), substring('foobar' from 'x'), substring('foobar' from 'o(x)?b');
SELECT substring('foobar' similar '#"o_b#"%' escape '#'), substring('foobar' similar 'f#"o_b#"%' escape '#');
SELECT substring('foobar' from '%#"o_b#"%' for '#'), substring('foobar' from '#"%#"r' for '#');
SELECT substring('Thomas' similar '%#"o_a#"_' escape '#'), substring('Thomas' from '%#"o_a#"_' for '#');
SELECT substring('abc' from 'b' for NULL), substring(NULL from 'b'), substring('日本語テキスト' from '本(.)');
SELECT substring('abc', 'b'), substring('abc', '(c)'), substring('abc' similar 'a#"%#"' escape '#');
SELECT substring('abc' similar '#"a#"#"b#"#"c' escape '#');
-- regexp_replace (more)
SELECT regexp_replace('aaa','a','b',1,2,'g'), regexp_replace('aaa','a','b',1,0,'i'), regexp_replace('aaa','a','b',2);
SELECT regexp_replace('aaa','','-','g'), regexp_replace('aaa','','-',4), regexp_replace('aaa','','-',1,2);
SELECT regexp_replace('abc', '(b)', '\0'), regexp_replace('abc', 'b', 'x\'), regexp_replace('abc', 'b', '\\x'), regexp_replace('abc','(a)(b)','\2\1\3');
SELECT regexp_replace('abc', 'b', '\'), regexp_replace('Abc', 'a', 'x', 'ig'), regexp_replace('abcabc', 'b', 'X', 4);
SELECT regexp_replace('aaa','a','b',10), regexp_replace('éàü', '.', '\&\&', 'g'), regexp_replace('ÄÖÜ', 'ö', 'o', 'i');
SELECT regexp_replace('aaa','a','b',0);
SELECT regexp_replace('aaa','a','b',1,-1);
SELECT regexp_replace('aaa','a','b','2');
SELECT regexp_replace('aaa','a','b','gz');
SELECT regexp_replace('a.b', '.', 'x', 'q'), regexp_replace('a.b', '.', 'x', 'gq');
-- regexp_count
SELECT regexp_count('aaa','a'), regexp_count('abcabc','b', 3), regexp_count('ABC','b','i'), regexp_count('aaa','', 4);
SELECT regexp_count('aaa','',3), regexp_count('aaa',''), regexp_count('aaa','a',10), regexp_count('aaa','^a',2);
SELECT regexp_count('日本日本', '本'), regexp_count('aaaa', 'aa'), regexp_count(NULL, 'a'), regexp_count('a', NULL);
SELECT regexp_count('aaa','a',0);
SELECT regexp_count('aaa','a',1,'g');
SELECT regexp_count('aaa','(');
-- regexp_instr
SELECT regexp_instr('abcabc','b'), regexp_instr('abcabc','b',3), regexp_instr('abcabc','b',1,2), regexp_instr('abcabc','b',1,2,1);
SELECT regexp_instr('abcabc','x'), regexp_instr('abc','b',1,1,0,'',1), regexp_instr('abc','(b)(c)',1,1,0,'',2), regexp_instr('abc','(b)',1,1,0,'',2);
SELECT regexp_instr('ABC','b',1,1,0,'i'), regexp_instr('日本語','語'), regexp_instr('日本語','語',1,1,1), regexp_instr('aaa','',4);
SELECT regexp_instr('abc','(x)?b',1,1,0,'',1), regexp_instr('aaa','a',10), regexp_instr('abc', 'b', 1, 3);
SELECT regexp_instr('aaa','a',0);
SELECT regexp_instr('aaa','a',1,0);
SELECT regexp_instr('aaa','a',1,1,2);
SELECT regexp_instr('aaa','a',1,1,0,'',-1);
SELECT regexp_instr('aaa','a',1,1,0,'g');
-- regexp_like
SELECT regexp_like('abc','b'), regexp_like('abc','B'), regexp_like('abc','B','i'), regexp_like('abc','^b');
SELECT regexp_like(E'a\nb','^b','n'), regexp_like(E'a\nb','^b'), regexp_like(NULL,'a'), regexp_like('Ä','ä','i');
SELECT regexp_like('aaa','a','g');
SELECT regexp_like('aaa','a','y');
-- regexp_substr
SELECT regexp_substr('abcabc','b.'), regexp_substr('abcabc','b.',3), regexp_substr('abcabc','b.',1,2), regexp_substr('abcabc','x');
SELECT regexp_substr('abc','b',1,1,'',1), regexp_substr('abc','(b)',1,1,'',2), regexp_substr('abc','(b)(c)',1,1,'',2), regexp_substr('ABC','b',1,1,'i');
SELECT regexp_substr('abc','(x)?b',1,1,'',1), regexp_substr('日本語テキスト', '.{2}$'), regexp_substr('a1b22c333', '\d+', 1, 3);
SELECT regexp_substr('aaa','a',1,0);
SELECT regexp_substr('aaa','a',1,1,'',-1);
SELECT regexp_substr('aaa','a',0);
-- Over a table
CREATE TABLE re_t (id int PRIMARY KEY, s text);
INSERT INTO re_t VALUES (1, 'alpha-1'), (2, 'Beta-22'), (3, 'gamma'), (4, NULL), (5, 'DELTA-333');
SELECT id FROM re_t WHERE s ~ '-\d+$' ORDER BY id;
SELECT id FROM re_t WHERE s ~* '^[a-d]' ORDER BY id;
SELECT id FROM re_t WHERE s !~ 'a' ORDER BY id;
SELECT id, regexp_replace(s, '\d', '#', 'g') FROM re_t ORDER BY id;
SELECT id FROM re_t WHERE s SIMILAR TO '%-[0-9]+' ORDER BY id;
DROP TABLE re_t;

-- Catastrophic backtracking: PCRE2's limits stop the backtrack and the DFA
-- matcher gives the answer (functions/regex.c); PostgreSQL's engine needs no
-- such help. Deep nesting is "too complex" on both.
SELECT repeat('a', 40) || 'b' ~ '(a*)*c', repeat('a', 40) || 'cb' ~ '(a*)*b';
SELECT repeat('a', 36) || 'bc' ~ '(a|aa)*c', repeat('a', 36) || 'b' ~ '(a|aa)*c';
SELECT repeat('x', 40) || 'zxxy' ~ '(x+x+)+y', repeat('x', 40) || 'z' ~ '(x+x+)+y';
SELECT repeat('x', 40) || 'zxxy' ~* '(X+X+)+Y', repeat('x', 40) || 'z' !~ '(x+x+)+y';
SELECT repeat('x', 40) || 'zxxy' SIMILAR TO '(x+x+)+y', repeat('x', 40) || 'zxxy' SIMILAR TO '%(x+x+)+y';
SELECT repeat('x', 40) || 'xxy' SIMILAR TO '(x+x+)+y', repeat('x', 40) || 'z' NOT SIMILAR TO '%(x+x+)+y';
SELECT substring(repeat('x', 40) || 'zxxy' SIMILAR '%#"(x+x+)+y#"' ESCAPE '#');
SELECT substring(repeat('x', 40) || 'zxxy' FROM '(?:x+x+)+y');
SELECT regexp_count(repeat(repeat('x', 30) || 'zxxy', 5), '(?:x+x+)+y');
SELECT regexp_replace(repeat('x', 40) || 'zxxy', '(?:x+x+)+y', 'Q');
SELECT regexp_like(repeat('a', 36) || 'b', '(a|aa)*c'), regexp_instr(repeat('a', 36) || 'bc', '(?:a|aa)*c');
SELECT repeat('ab', 200000) ~ '^(a|b)*c', repeat('ab', 200000) ~ '^(a|b)*$';
SELECT 'a' ~ (repeat('(', 100000) || 'a' || repeat(')', 100000));
SELECT 'a' ~ (repeat('(?:', 100000) || 'a' || repeat(')', 100000));
SELECT 'a' ~ (repeat('(', 500) || 'a' || repeat(')', 500));
