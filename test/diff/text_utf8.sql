-- text_utf8.sql - invalid UTF-8 sent as raw bytes inside string literals
-- (this file is deliberately not valid UTF-8). PostgreSQL rejects the whole
-- statement with 22021 before parsing it; escapes (E'\xff') are in text.sql.

SELECT 'aÿb';
SELECT 'cafÃ';
SELECT 'Ã(';
SELECT 'â‚';
SELECT 'í €';
SELECT 'ô€€';
SELECT 'À¯';
SELECT 'øˆ€€€';
SELECT 'ok' AS "colÿ";
SELECT 1 AS ok_after_errors;
CREATE TABLE utf8_t (t text);
INSERT INTO utf8_t VALUES ('valid Ã©'), ('inÿvalid');
SELECT t FROM utf8_t;
DROP TABLE utf8_t;
