-- difftest: pending "needs to_char for numbers (PostgreSQL's NUM_* formatting, formatting.c) and Unicode normalization (normalize, IS [NFC|NFD|NFKC|NFKD] NORMALIZED)"
-- string_functions_pending.sql - the string functions of string_functions.sql
-- that OmenDB does not have yet.
SELECT to_char(123, '999');
SELECT to_char(-123.456, 'FM999.99');
SELECT normalize('é', NFD) = 'é';
SELECT normalize('é') = 'é';
SELECT 'abc' IS NFC NORMALIZED;
SELECT 'é' IS NOT NFD NORMALIZED;
