-- to_char_numbers.sql - to_char(int4 | int8 | float4 | float8 | numeric, text):
-- digit patterns, signs in every position, FM, '#' overflow, EEEE, RN, TH,
-- V, literal text, NaN and infinities, and the template errors.
-- cases from datetime_functions.sql
SELECT to_char(1234.5, '9999.99');
SELECT to_char(1234.5, 'FM9999.99');
SELECT to_char(-1234.5, '9999.99');
SELECT to_char(1234.5, '99.9');
SELECT to_char(1234567.891, '9,999,999.999');
SELECT to_char(0.5, '0.99');
SELECT to_char(0.5, '9.99');
SELECT to_char(12, '0000');
SELECT to_char(-12, 'S0000');
SELECT to_char(12, 'PL99');
SELECT to_char(12, '99MI');
SELECT to_char(-12, '99PR');
SELECT to_char(1234.5, '9.99EEEE');
SELECT to_char(485, 'RN');
SELECT to_char(3, 'FMRN');
SELECT to_char(12, '99th');
SELECT to_char(1234.5::float8, '9999.9');
SELECT to_char('NaN'::numeric, '9999');
SELECT to_char(1234, 'L9999');
SELECT to_char(1234.5, '9999D99');
SELECT to_char(1234, '9G999');
-- digits, zeros, decimal point
SELECT to_char(0, '9'), to_char(0, '0'), to_char(0, '9.9'), to_char(0, '0.0'), to_char(0, 'FM9.9'), to_char(0, 'FM0.0');
SELECT to_char(0.1, '9.9'), to_char(0.1, 'FM9.9'), to_char(0.1, '0.9'), to_char(-0.1, '9.9'), to_char(-0.1, 'FM9.9');
SELECT to_char(7, '9.'), to_char(7, 'FM9.'), to_char(7, 'FM9.99'), to_char(7, '9.99'), to_char(7.5, 'FM9.'), to_char(7, '.99');
SELECT to_char(123, '00009'), to_char(123, '90000'), to_char(123, '9909'), to_char(-123, '00009'), to_char(-123, 'FM00009');
SELECT to_char(12.345, '99.9'), to_char(12.35, '99.9'), to_char(12.25, '99.9'), to_char(-12.25, '99.9'), to_char(12.45, '99');
SELECT to_char(1.5, '9'), to_char(2.5, '9'), to_char(-2.5, '9'), to_char(0.05, '9.9'), to_char(0.04, '9.9');
SELECT to_char(100, 'FM999.990'), to_char(1.1, 'FM999.0090'), to_char(1.10, 'FM9.900'), to_char(1.123456, 'FM9.0099');
SELECT to_char(12, '9999999999'), to_char(-12, '9999999999'), to_char(12, 'FM9999999999');
-- overflow: the integer part does not fit
SELECT to_char(12345, '999'), to_char(-12345, '999'), to_char(12345, '99.99'), to_char(12345.678, 'FM99.99');
SELECT to_char(12345, 'FM999'), to_char(1234.5, '0,000.0'), to_char(100, '99'), to_char(99.99, '99.9');
SELECT to_char(12345::int8, '999'), to_char(12345::float8, '999.9'), to_char(12345::float4, '9'), to_char(123456789012::int8, '999,999');
SELECT to_char(12345, '999th'), to_char(12345, 'S999'), to_char(12345, '999PR'), to_char(-12345, '999PR');
-- group separators
SELECT to_char(1234567, '9,999,999'), to_char(1234, '9,999,999'), to_char(1234, 'FM9,999,999'), to_char(-1234, '9,999,999');
SELECT to_char(1234567, '9G999G999'), to_char(12, '9G999'), to_char(12, 'FM9G999'), to_char(1234567.5, '9,999,999D99');
SELECT to_char(1234, ',9999'), to_char(1234, '9999,'), to_char(1234, '99,99,'), to_char(0, '9,999');
-- signs: S before and after, MI, PL, SG, PR
SELECT to_char(12, 'S99'), to_char(-12, 'S99'), to_char(12, '99S'), to_char(-12, '99S'), to_char(12, 'S9999'), to_char(-12, '9999S');
SELECT to_char(12.5, 'S99.99'), to_char(-12.5, '99.99S'), to_char(-12.5, '99S.99'), to_char(-12.5, 'FMS99.99'), to_char(-12.5, 'FM99.99S');
SELECT to_char(0, 'S9'), to_char(0.5, 'S9.9'), to_char(-0.5, 'S9.9'), to_char(-0.5, '9.9S'), to_char(0.5, 'FMS9.99');
SELECT to_char(12, 'MI99'), to_char(-12, 'MI99'), to_char(-12, '99MI'), to_char(12, 'FM99MI'), to_char(-12, 'FMMI99'), to_char(-12.5, '99.9MI');
SELECT to_char(12, '99PL'), to_char(-12, 'PL99'), to_char(-12, '99PL'), to_char(12, 'FMPL99'), to_char(-12, 'FMPL99'), to_char(12.5, 'PL99.9');
SELECT to_char(12, 'SG99'), to_char(-12, 'SG99'), to_char(12, '99SG'), to_char(-12, '99SG'), to_char(-12, 'FMSG99'), to_char(12, 'SG9999');
SELECT to_char(12, '99PR'), to_char(-12, '9999PR'), to_char(12, 'FM99PR'), to_char(-12, 'FM9999PR'), to_char(-12.5, '99.99PR'), to_char(-0.5, '9.9PR');
SELECT to_char(12, 'MI99PL'), to_char(-12, 'MI99PL'), to_char(-12, 'PL99MI'), to_char(12, 'PL9999MI'), to_char(-12, 'S0000'), to_char(12, 'FMS0000');
SELECT to_char(-12, '0000S'), to_char(-12, 'FM0000S'), to_char(12, '0000PR'), to_char(-12, '0000PR'), to_char(-12, 'PR0000');
-- fill mode
SELECT to_char(12.5, 'FM9999.9999'), to_char(12, 'FM9999.9999'), to_char(12, 'FM9999.0000'), to_char(12.5, 'FM9999.00'), to_char(-12.5, 'FM9999.99');
SELECT to_char(0.001, 'FM9.999'), to_char(0.001, 'FM9.99'), to_char(0.001, 'FM0.99'), to_char(-0.001, 'FM9.99'), to_char(-0.001, '9.99');
-- literal text and quoted strings
SELECT to_char(12, '"Total: "999'), to_char(12, '99" units"'), to_char(-12, '$999'), to_char(12, 'abc99xyz'), to_char(1234.5, '9 9 9 9.9');
SELECT to_char(12, '"a\"b"99'), to_char(12, '99\"'), to_char(12, '"99"99'), to_char(12, '"unterminated'), to_char(12, '99 é ü'), to_char(12, '"9"9"9"');
SELECT to_char(12, 'C99'), to_char(12, 'B99'), to_char(12, '99SP'), to_char(12, 'Th99'), to_char(12, 'EEE99'), to_char(12, 'x');
SELECT to_char(12, ''), to_char(12, ' '), to_char(-12, 'L99'), to_char(-12, '99L'), to_char(12, 'FML99');
-- lower-case keywords
SELECT to_char(-1234.5, 'fms9g999d99'), to_char(-12, 'mi99'), to_char(12, 'pl99'), to_char(-12, '99pr'), to_char(-12, 'sg99'), to_char(12, 'l99');
SELECT to_char(1234.5, '9.99eeee'), to_char(12, '9v9'), to_char(485, 'rn'), to_char(485, 'fmrn');
-- ordinals
SELECT to_char(1, '9th'), to_char(2, '9th'), to_char(3, '9TH'), to_char(4, '9th'), to_char(11, '99th'), to_char(12, '99TH'), to_char(13, '99th');
SELECT to_char(21, '99th'), to_char(22, '99th'), to_char(23, '99th'), to_char(101, '999th'), to_char(111, '999th'), to_char(112, 'FM999th');
SELECT to_char(0, '9th'), to_char(-1, '9th'), to_char(1.5, '9.9th'), to_char(1.5, '9th'), to_char(2::int8, '9th'), to_char(3::float8, '9th');
-- V multiplies by ten per 9
SELECT to_char(12, '99V9'), to_char(12, '99V999'), to_char(-12, '99V99'), to_char(12.45, '99V9'), to_char(12.45::float8, '99V9'), to_char(12::int8, '99V99');
SELECT to_char(12, '9V99'), to_char(12, 'FM9999V99'), to_char(12.5::float4, '99V9'), to_char(0.5, 'V9');
-- since 15.20 int4 and int8 check 10^n and the product for overflow (22003)
SELECT to_char(1, '9V9999999999');
SELECT to_char(0, '9V' || repeat('9', 12));
SELECT to_char(1, '9V' || repeat('9', 9)), to_char(-2, '9V' || repeat('9', 9)), to_char(1::int2, '9V' || repeat('9', 9));
SELECT to_char(3, '9V' || repeat('9', 9));
SELECT to_char(-3, '9V' || repeat('9', 9));
SELECT to_char(9::int8, '9V' || repeat('9', 18)), to_char(-9::int8, '9V' || repeat('9', 18)), to_char(1::int8, '9V9999999999');
SELECT to_char(1::int8, '9V' || repeat('9', 19));
SELECT to_char(0::int8, '9V' || repeat('9', 25));
SELECT to_char(-2147483648::int8, '9V99'), to_char(1::float4, '9V' || repeat('9', 10)), to_char(1::numeric, '9V' || repeat('9', 10));
-- EEEE
SELECT to_char(0, '9.99EEEE'), to_char(1, '9EEEE'), to_char(-1, '9.9EEEE'), to_char(123456, '9.999EEEE'), to_char(0.000123, '9.99EEEE');
SELECT to_char(9.99, '9.9EEEE'), to_char(9.95, '9.9EEEE'), to_char(-9.95, '9.9EEEE'), to_char(25::int4, '9EEEE'), to_char(25::int8, '9EEEE'), to_char(25::numeric, '9EEEE');
SELECT to_char(1e100, '9.99EEEE'), to_char(1e-100, '9.99EEEE'), to_char(123::float8, '9.99EEEE'), to_char(1.5e-300::float8, '9.99EEEE'), to_char(123.456::float4, '9.99EEEE');
SELECT to_char(123, '99999.999EEEE'), to_char(123, 'xx9.99EEEEyy'), to_char(-9223372036854775808::int8, '9.99EEEE'), to_char(12345, 'EEEE');
SELECT to_char('NaN'::numeric, '9.99EEEE'), to_char('Infinity'::numeric, '99.9EEEE'), to_char('NaN'::float8, '9.9EEEE'), to_char('-Infinity'::float4, '9EEEE');
-- Roman numerals
SELECT to_char(1, 'RN'), to_char(4, 'RN'), to_char(9, 'FMRN'), to_char(14, 'FMRN'), to_char(40, 'FMRN'), to_char(90, 'FMRN'), to_char(400, 'FMRN'), to_char(900, 'FMRN');
SELECT to_char(1994, 'RN'), to_char(2024, 'FMRN'), to_char(3999, 'FMRN'), to_char(3888, 'rn'), to_char(4000, 'RN'), to_char(0, 'RN'), to_char(-5, 'RN');
SELECT to_char(2.5, 'FMRN'), to_char(3.5, 'FMRN'), to_char(2.5::float8, 'FMRN'), to_char(3.5::float4, 'FMRN'), to_char(12::int8, 'FMRN'), to_char(3999.5, 'RN');
SELECT to_char(5, 'RN RN'), to_char(5, '"n="RN'), to_char(5, '99RN'), to_char(5, 'RNth'), to_char(5, 'RNMI'), to_char(5, 'RNPL'), to_char(5, 'RNSG');
SELECT to_char('NaN'::float8, 'RN'), to_char('Infinity'::float4, 'RN'), to_char(1e10::float8, 'RN'), to_char(5000000000::int8 - 5000000000, 'RN');
-- NaN and infinities
SELECT to_char('NaN'::numeric, '9'), to_char('NaN'::numeric, '999'), to_char('NaN'::numeric, '9999.99'), to_char('NaN'::numeric, 'FM9999');
SELECT to_char('Infinity'::numeric, '9999999999'), to_char('-Infinity'::numeric, '9999999999'), to_char('Infinity'::numeric, '99');
SELECT to_char('NaN'::float8, '9999.99'), to_char('Infinity'::float8, '999999999.99'), to_char('-Infinity'::float8, '9999999999'), to_char('NaN'::float4, '9');
SELECT to_char('Infinity'::float4, 'FM999999999'), to_char('-Infinity'::float8, 'S9999999999'), to_char('NaN'::float8, 'PL9999'), to_char('NaN'::float8, 'FM9999.99');
-- negative zero and float specifics
SELECT to_char(-0.0::float8, '9.99'), to_char(-0.0::float8, 'S9.99'), to_char(-0.0::float8, 'FM9'), to_char(-0.0::float4, '99MI'), to_char(-0.001::float8, '9.99');
SELECT to_char(0.1::float8, '9.99999999999999999999'), to_char(1234567890.12345::float8, '9999999999.99999999'), to_char(123.456::float4, '999.9999999');
SELECT to_char(1234567890.12345::float8, '9999999999.99999999"x"'), to_char(1.5::float4, '9.99999999"end"');
SELECT to_char(1e15::float8, '9999999999999999.99'), to_char(123456789012345678::float8, '999999999999999999'), to_char(1e300::float8, '9');
SELECT to_char(2.5::float8, '9'), to_char(3.5::float8, '9'), to_char(0.125::float8, '9.99'), to_char(0.375::float8, '9.99'), to_char(1.005::float8, '9.99');
SELECT to_char(123.456::float4, '999.999'), to_char(1.1::float4, '9.9999999'), to_char(16777217::float4, '99999999'), to_char(-1.5::float4, 'FM9.99');
-- integers: extremes
SELECT to_char(2147483647, '9,999,999,999'), to_char(-2147483648, '9,999,999,999'), to_char(-2147483648, 'FM9999999999PR');
SELECT to_char(9223372036854775807::int8, '9999999999999999999'), to_char(-9223372036854775808::int8, 'S9999999999999999999'), to_char(12::int8, '0000.00');
SELECT to_char(12::int2, '999'), to_char(12, '99.99'), to_char(-12, 'FM99.00'), to_char(5::int8, '9V999999999999999999');
-- huge numerics
SELECT to_char(123456789012345678901234567890.123456789, '999999999999999999999999999999.999999999');
SELECT to_char(123456789012345678901234567890.123456789, 'FM999,999,999,999,999,999,999,999,999,999.99');
SELECT to_char(1e40, '9.999EEEE'), to_char(-1e40 - 1, '9.99999999999999999999999999999999999999999EEEE'), to_char(0.00000000000000000000000001, 'FM0.99999999999999999999999999999');
SELECT to_char(99999999999999999999.995, '99999999999999999999.99'), to_char(1e1000, '9.9EEEE');
-- a table of values
CREATE TABLE tcn (i int4, b int8, r float4, d float8, n numeric);
INSERT INTO tcn VALUES (0, 0, 0, 0, 0), (-1, -1, -1.5, -1.5, -1.5), (42, 4200000000, 3.25, 1234.5678, 98765.4321), (NULL, NULL, NULL, NULL, NULL);
SELECT i, to_char(i, 'S999'), to_char(b, 'FM9,999,999,999'), to_char(r, '99.99'), to_char(d, 'FM9999.99'), to_char(n, '999,999.9PR') FROM tcn ORDER BY i;
SELECT to_char(n, '999.99'), to_char(n, 'FM999'), to_char(n, '9.9EEEE'), to_char(n, 'RN'), to_char(i, 'FMRN'), to_char(d, 'S9.99EEEE') FROM tcn WHERE n > -1 ORDER BY n;
SELECT to_char(d, CASE WHEN d > 0 THEN '9999.9' ELSE 'FMS0.00' END) FROM tcn ORDER BY 1;
SELECT to_char(n, NULL), to_char(NULL::numeric, '999') FROM tcn WHERE n = 0;
DROP TABLE tcn;
-- long templates
SELECT to_char(1.5, '9.' || repeat('9', 60)), to_char(1.5::float8, 'FM9.' || repeat('9', 60)), to_char(2, repeat('0', 40));
SELECT to_char(-7, repeat('9', 30) || 'PR'), to_char(7, repeat('"x"', 20) || '9'), to_char(12345678, repeat('9,', 12) || '9');
SELECT to_char(1.23, 'FM9.9099'), to_char(1.23, 'FM9.0999'), to_char(1, 'FM0.0099'), to_char(10, 'FM0099.90'), to_char(0, 'FM90.0');
SELECT to_char(1.23::float8, 'FM9.0000000000000000000'), to_char(98765.4321::float4, 'FM999999.9999'), to_char(0.000001::float8, 'FM0.9999999999');
SELECT to_char(5, '9V' || repeat('9', 400));
SELECT to_char(5::float4, '9V' || repeat('9', 40)), to_char(5::float8, '9V' || repeat('9', 400));
SELECT to_char(5::numeric, 'FM9V' || repeat('9', 50)), to_char(1.5::float8, '9.' || repeat('9', 100) || 'EEEE');
SELECT to_char(-2147483648, '9V99');
SELECT to_char(1.5, '9.' || repeat('9', 100) || 'EEEE'), to_char('NaN'::float8, repeat('9', 50) || '.' || repeat('9', 50) || 'EEEE');
SELECT to_char(5, repeat('RN', 10)), to_char(5, '"\'), to_char(5, '\'), to_char(5, 'é"é\é"');
-- errors
SELECT to_char(12, '9.9.9');
SELECT to_char(12, '9D9.9');
SELECT to_char(12, 'SS99');
SELECT to_char(12, 'S99MI');
SELECT to_char(12, 'MI99S');
SELECT to_char(12, 'S99PL');
SELECT to_char(12, 'SG99S');
SELECT to_char(12, 'S99PR');
SELECT to_char(12, 'MI99PR');
SELECT to_char(12, '99PR9');
SELECT to_char(12, '99PR0');
SELECT to_char(12, '9V9.9');
SELECT to_char(12, '9.9V9');
SELECT to_char(12, '9.99EEEEEEEE');
SELECT to_char(12, 'FM9.99EEEE');
SELECT to_char(12, 'S9.99EEEE');
SELECT to_char(12, '9.99EEEE9');
SELECT to_char(12, '9.99EEEEFM');
SELECT to_char(12, 'RN9.99EEEE');
SELECT to_char(12, '9V9EEEE');
SELECT to_char(12, 'PR9EEEE');
SELECT to_char(12, 'B9EEEE');
SELECT to_char('NaN'::numeric, '9999th');
SELECT to_char(1e10, 'RN');
SELECT to_char(5000000000::int8, 'RN');
SELECT to_char('NaN'::numeric, 'RN');
SELECT to_char('Infinity'::numeric, 'RN');
SELECT to_char(5::int8, '9V9999999999999999999');
SELECT to_char(9223372036854775807::int8, '9V9');
