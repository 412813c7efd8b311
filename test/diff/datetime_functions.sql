-- datetime_functions.sql - current time functions (compared by shape and by
-- their relations, since the values differ between servers), date_trunc,
-- extract/date_part, age, to_char, to_date, to_timestamp, make_*,
-- justify_*, date/time arithmetic, OVERLAPS, and generate_series over
-- integers and timestamps.

-- The current time: values differ, types and relations must not.
-- difftest: ignore-values
SELECT now();
-- difftest: ignore-values
SELECT current_date;
-- difftest: ignore-values
SELECT current_time;
-- difftest: ignore-values
SELECT current_timestamp;
-- difftest: ignore-values
SELECT localtime;
-- difftest: ignore-values
SELECT localtimestamp;
-- difftest: ignore-values
SELECT clock_timestamp();
-- difftest: ignore-values
SELECT statement_timestamp();
-- difftest: ignore-values
SELECT transaction_timestamp();
-- difftest: ignore-values
SELECT timeofday();
-- difftest: ignore-values
SELECT current_timestamp(2);
-- difftest: ignore-values
SELECT localtimestamp(0);
-- difftest: ignore-values
SELECT current_time(3);
SELECT now() = current_timestamp;
SELECT now() = transaction_timestamp();
SELECT now() <= clock_timestamp();
SELECT current_date = now()::date;
SELECT localtimestamp = now()::timestamp;
SELECT statement_timestamp() >= now();
SELECT now() > '2024-01-01'::timestamptz;
SELECT current_date > '2024-01-01';
SELECT 'today'::date = current_date;
SELECT 'tomorrow'::date - 'yesterday'::date;
SELECT 'now'::timestamptz <= clock_timestamp();
BEGIN;
-- difftest: ignore-values
SELECT now();
SELECT now() = transaction_timestamp() AS same_in_txn;
COMMIT;
-- date_trunc
SELECT date_trunc('microseconds', '2024-08-17 13:45:30.123456'::timestamp);
SELECT date_trunc('milliseconds', '2024-08-17 13:45:30.123456'::timestamp);
SELECT date_trunc('second', '2024-08-17 13:45:30.123456'::timestamp);
SELECT date_trunc('minute', '2024-08-17 13:45:30.123456'::timestamp);
SELECT date_trunc('hour', '2024-08-17 13:45:30.123456'::timestamp);
SELECT date_trunc('day', '2024-08-17 13:45:30.123456'::timestamp);
SELECT date_trunc('week', '2024-08-17 13:45:30.123456'::timestamp);
SELECT date_trunc('month', '2024-08-17 13:45:30.123456'::timestamp);
SELECT date_trunc('quarter', '2024-08-17 13:45:30.123456'::timestamp);
SELECT date_trunc('year', '2024-08-17 13:45:30.123456'::timestamp);
SELECT date_trunc('decade', '2024-08-17 13:45:30.123456'::timestamp);
SELECT date_trunc('century', '2024-08-17 13:45:30.123456'::timestamp);
SELECT date_trunc('millennium', '2024-08-17 13:45:30.123456'::timestamp);
SELECT date_trunc('day', '2024-08-17 13:45:30+02'::timestamptz);
SELECT date_trunc('day', '2024-08-17 13:45:30+02'::timestamptz, 'Asia/Tokyo');
SELECT date_trunc('month', '2024-08-17'::date);
SELECT date_trunc('hour', '3 days 13:45:30'::interval);
SELECT date_trunc('week', '2024-01-01'::timestamp);
SELECT date_trunc('fortnight', '2024-08-17'::timestamp);
SELECT date_trunc('year', 'infinity'::timestamp);
SELECT date_trunc('DAY', '2024-08-17 13:45'::timestamp);
SELECT date_trunc('century', '0001-01-01 BC'::timestamp);
SELECT date_trunc('week', '2024-08-17'::interval);
-- extract and date_part
SELECT extract(century FROM '2024-12-30 13:45:30.5+02'::timestamptz);
SELECT extract(day FROM '2024-12-30 13:45:30.5+02'::timestamptz);
SELECT extract(decade FROM '2024-12-30 13:45:30.5+02'::timestamptz);
SELECT extract(dow FROM '2024-12-30 13:45:30.5+02'::timestamptz);
SELECT extract(doy FROM '2024-12-30 13:45:30.5+02'::timestamptz);
SELECT extract(epoch FROM '2024-12-30 13:45:30.5+02'::timestamptz);
SELECT extract(hour FROM '2024-12-30 13:45:30.5+02'::timestamptz);
SELECT extract(isodow FROM '2024-12-30 13:45:30.5+02'::timestamptz);
SELECT extract(isoyear FROM '2024-12-30 13:45:30.5+02'::timestamptz);
SELECT extract(julian FROM '2024-12-30 13:45:30.5+02'::timestamptz);
SELECT extract(microseconds FROM '2024-12-30 13:45:30.5+02'::timestamptz);
SELECT extract(millennium FROM '2024-12-30 13:45:30.5+02'::timestamptz);
SELECT extract(milliseconds FROM '2024-12-30 13:45:30.5+02'::timestamptz);
SELECT extract(minute FROM '2024-12-30 13:45:30.5+02'::timestamptz);
SELECT extract(month FROM '2024-12-30 13:45:30.5+02'::timestamptz);
SELECT extract(quarter FROM '2024-12-30 13:45:30.5+02'::timestamptz);
SELECT extract(second FROM '2024-12-30 13:45:30.5+02'::timestamptz);
SELECT extract(timezone FROM '2024-12-30 13:45:30.5+02'::timestamptz);
SELECT extract(timezone_hour FROM '2024-12-30 13:45:30.5+02'::timestamptz);
SELECT extract(week FROM '2024-12-30 13:45:30.5+02'::timestamptz);
SELECT extract(year FROM '2024-12-30 13:45:30.5+02'::timestamptz);
SELECT extract(year FROM '2024-02-29'::date);
SELECT extract(month FROM '2024-02-29'::date);
SELECT extract(day FROM '2024-02-29'::date);
SELECT extract(dow FROM '2024-02-29'::date);
SELECT extract(doy FROM '2024-02-29'::date);
SELECT extract(week FROM '2024-02-29'::date);
SELECT extract(epoch FROM '2024-02-29'::date);
SELECT extract(hour FROM '2024-02-29'::date);
SELECT extract(julian FROM '2024-02-29'::date);
SELECT extract(epoch FROM '1 year 2 months 3 days 04:05:06.7'::interval);
SELECT extract(hour FROM '1 year 2 months 3 days 04:05:06.7'::interval);
SELECT extract(minute FROM '1 year 2 months 3 days 04:05:06.7'::interval);
SELECT extract(second FROM '1 year 2 months 3 days 04:05:06.7'::interval);
SELECT extract(day FROM '1 year 2 months 3 days 04:05:06.7'::interval);
SELECT extract(month FROM '1 year 2 months 3 days 04:05:06.7'::interval);
SELECT extract(year FROM '1 year 2 months 3 days 04:05:06.7'::interval);
SELECT extract(millennium FROM '1 year 2 months 3 days 04:05:06.7'::interval);
SELECT extract(epoch FROM 'infinity'::timestamp);
SELECT extract(year FROM 'infinity'::timestamp);
SELECT extract(year FROM '0044-03-15 BC'::date);
SELECT extract(century FROM '2000-12-31'::date);
SELECT extract(hour FROM '13:45'::time);
SELECT extract(nope FROM now());
SELECT extract(timezone FROM '2024-01-01'::timestamp);
SELECT date_part('year', '2024-08-17'::timestamp);
SELECT date_part('epoch', '2024-08-17'::timestamp);
SELECT date_part('dow', '2024-08-17'::date);
SELECT date_part('second', '13:45:30.5'::time);
SELECT date_part('month', '1 year 14 months'::interval);
SELECT extract(week FROM '2021-01-03'::date);
SELECT extract(isoyear FROM '2021-01-03'::date);
SELECT extract(epoch FROM '1970-01-01 00:00:01+01'::timestamptz);
-- age
SELECT age('2024-08-17'::timestamp, '2000-02-29'::timestamp);
SELECT age('2000-02-29'::timestamp, '2024-08-17'::timestamp);
SELECT age('2024-03-01'::timestamp, '2024-01-31'::timestamp);
SELECT age('2024-08-17 10:00'::timestamp, '2024-08-17 12:30'::timestamp);
SELECT age('2024-08-17 00:00+00'::timestamptz, '2024-01-01 00:00+05'::timestamptz);
SELECT age('infinity'::timestamp, '2024-01-01'::timestamp);
SELECT age('2024-08-17'::date, '2024-01-01'::date);
-- difftest: ignore-values
SELECT age('2000-01-01'::timestamp);
-- to_char
SELECT to_char('2024-08-07 03:04:05.678901'::timestamp, 'YYYY-MM-DD HH24:MI:SS');
SELECT to_char('2024-08-07 03:04:05.678901'::timestamp, 'YYYY-MM-DD HH12:MI:SS AM');
SELECT to_char('2024-08-07 03:04:05.678901'::timestamp, 'Day, DD Month YYYY');
SELECT to_char('2024-08-07 03:04:05.678901'::timestamp, 'FMDay, FMDD FMMonth YYYY');
SELECT to_char('2024-08-07 03:04:05.678901'::timestamp, 'Dy Mon DD');
SELECT to_char('2024-08-07 03:04:05.678901'::timestamp, 'DDD');
SELECT to_char('2024-08-07 03:04:05.678901'::timestamp, 'IDDD');
SELECT to_char('2024-08-07 03:04:05.678901'::timestamp, 'WW');
SELECT to_char('2024-08-07 03:04:05.678901'::timestamp, 'IW');
SELECT to_char('2024-08-07 03:04:05.678901'::timestamp, 'Q');
SELECT to_char('2024-08-07 03:04:05.678901'::timestamp, 'CC');
SELECT to_char('2024-08-07 03:04:05.678901'::timestamp, 'J');
SELECT to_char('2024-08-07 03:04:05.678901'::timestamp, 'US');
SELECT to_char('2024-08-07 03:04:05.678901'::timestamp, 'MS');
SELECT to_char('2024-08-07 03:04:05.678901'::timestamp, 'FF1 FF3 FF6');
SELECT to_char('2024-08-07 03:04:05.678901'::timestamp, 'SSSS');
SELECT to_char('2024-08-07 03:04:05.678901'::timestamp, 'TZ');
SELECT to_char('2024-08-07 03:04:05.678901'::timestamp, 'OF');
SELECT to_char('2024-08-07 03:04:05.678901'::timestamp, 'YYYY "year"');
SELECT to_char('2024-08-07 03:04:05.678901'::timestamp, 'RM');
SELECT to_char('2024-08-07 03:04:05.678901'::timestamp, 'rm');
SELECT to_char('2024-08-07 03:04:05.678901'::timestamp, 'Y,YYY');
SELECT to_char('2024-08-07 03:04:05.678901'::timestamp, 'IYYY-IW-ID');
SELECT to_char('2024-08-07 03:04:05.678901'::timestamp, 'HH:MI pm');
SELECT to_char('2024-08-07 03:04:05.678901'::timestamp, '"text" YYYY');
SELECT to_char('2024-08-07 03:04:05.678901'::timestamp, 'th: DDth DDTH');
SELECT to_char('2024-08-07 03:04:05.678901'::timestamp, 'FXYYYY');
SELECT to_char('2024-08-07 03:04:05+00'::timestamptz, 'YYYY-MM-DD HH24:MI:SS TZ OF');
SELECT to_char('1 day 03:04:05'::interval, 'HH24:MI:SS');
SELECT to_char('infinity'::timestamp, 'YYYY');
SELECT to_char('0044-03-15 BC'::timestamp, 'YYYY-MM-DD BC');
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
-- to_date, to_timestamp
SELECT to_date('2024-08-07', 'YYYY-MM-DD');
SELECT to_date('07/08/2024', 'DD/MM/YYYY');
SELECT to_date('Aug 7 2024', 'Mon DD YYYY');
SELECT to_date('2024-02-30', 'YYYY-MM-DD');
SELECT to_date('2024-13-01', 'YYYY-MM-DD');
SELECT to_date('20240807', 'YYYYMMDD');
SELECT to_date('2024 220', 'YYYY DDD');
SELECT to_date('garbage', 'YYYY-MM-DD');
SELECT to_date('2024-08-07', 'YYYY-DD-MM');
SELECT to_date('24-08-07', 'YY-MM-DD');
SELECT to_date('1 8 2024', 'D M YYYY');
SELECT to_date('2024-W32-3', 'IYYY-"W"IW-ID');
SELECT to_timestamp('2024-08-07 13:45:30', 'YYYY-MM-DD HH24:MI:SS');
SELECT to_timestamp('2024-08-07 01:45:30 PM', 'YYYY-MM-DD HH12:MI:SS AM');
SELECT to_timestamp('2024-08-07 13:45:30.123456', 'YYYY-MM-DD HH24:MI:SS.US');
SELECT to_timestamp('2024-08-07 25:00:00', 'YYYY-MM-DD HH24:MI:SS');
SELECT to_timestamp('2024-08-07 13:45 +05:30', 'YYYY-MM-DD HH24:MI TZH:TZM');
SELECT to_timestamp('13:45', 'HH24:MI');
SELECT to_timestamp(0);
SELECT to_timestamp(1723038330.5);
SELECT to_timestamp(-1);
SELECT to_timestamp('Infinity'::float8);
SELECT to_timestamp('NaN'::float8);
SELECT to_timestamp(1e20);
-- make_date, make_time, make_timestamp, make_timestamptz, make_interval
SELECT make_date(2024, 2, 29);
SELECT make_date(2023, 2, 29);
SELECT make_date(-44, 3, 15);
SELECT make_date(0, 1, 1);
SELECT make_date(2024, 13, 1);
SELECT make_time(13, 45, 30.5);
SELECT make_time(24, 0, 0);
SELECT make_time(25, 0, 0);
SELECT make_timestamp(2024, 8, 7, 13, 45, 30.5);
SELECT make_timestamp(2024, 8, 7, 13, 45, 60);
SELECT make_timestamptz(2024, 8, 7, 13, 45, 30, 'Europe/Paris');
SELECT make_timestamptz(2024, 8, 7, 13, 45, 30);
SELECT make_interval(1, 2, 3, 4, 5, 6, 7.5);
SELECT make_interval(days => 10);
SELECT make_interval(hours => 1.5);
SELECT make_interval(years => 178956971);
SELECT make_interval();
SELECT make_interval(secs => 'Infinity');
-- PostgreSQL 15 wraps make_interval's fields (only NaN/infinite seconds fail)
SELECT make_interval(weeks => 306783379);
SELECT make_interval(hours => 2147483647, mins => 2147483647);
SELECT make_interval(secs => 1e18);
SELECT make_interval(secs => 9.2e12);
SELECT make_interval(hours => -2147483648, secs => -9e12);
SELECT make_interval(secs => 'NaN');
SELECT make_interval(1, hours => 1.5);
SELECT make_interval(days => 1.5, hours => 1);
SELECT make_interval(days => 'x');
SELECT make_interval(days => NULL);
-- justify_days, justify_hours, justify_interval
SELECT justify_days('35 days');
SELECT justify_days('-35 days');
SELECT justify_hours('27 hours');
SELECT justify_hours('-27 hours');
SELECT justify_interval('1 month -1 hour');
SELECT justify_interval('-1 month 1 hour');
SELECT justify_interval('1 month 35 days 27 hours');
SELECT justify_days('2147483647 months 30 days');
-- arithmetic
SELECT '2024-01-31'::date + 1;
SELECT '2024-01-31'::date - 1;
SELECT 1 + '2024-01-31'::date;
SELECT '2024-03-01'::date - '2024-02-01'::date;
SELECT '2024-01-31'::date + '1 month'::interval;
SELECT '2024-01-31'::timestamp + '1 month';
SELECT '2024-02-29'::date + '1 year'::interval;
SELECT '2024-01-31'::date + '1 day 2 hours'::interval;
SELECT '2024-01-31'::date + '13:45'::time;
SELECT '2024-01-31 13:45'::timestamp - '2024-01-30 12:00'::timestamp;
SELECT '2024-01-31 13:45+00'::timestamptz - '2024-01-30 12:00+05'::timestamptz;
SELECT '13:45'::time + '1 hour'::interval;
SELECT '23:45'::time + '1 hour'::interval;
SELECT '13:45'::time - '14:00'::time;
SELECT '1 day'::interval * 1.5;
SELECT '1 month'::interval / 3;
SELECT '1 hour'::interval / 0;
SELECT - '1 day 2 hours'::interval;
SELECT '1 day'::interval + '1 hour';
SELECT '1 year'::interval - '1 day';
SELECT '5874897-12-31'::date + 1;
SELECT 'infinity'::date + 1;
SELECT 'infinity'::timestamp - 'infinity'::timestamp;
SELECT 'infinity'::timestamp + '1 day'::interval;
SELECT '294276-12-31'::timestamp + '1 year'::interval;
SELECT '2147483647 days'::interval + '1 day'::interval;
SELECT '2024-01-31'::date + 2147483647;
SELECT '2024-01-31'::date * 2;
SELECT '2024-01-31'::date + '2024-01-31'::date;
SELECT '2024-03-10 01:30 America/New_York'::timestamptz + '1 hour'::interval;
SELECT '2024-03-09 12:00 America/New_York'::timestamptz + '1 day'::interval;
SET TimeZone = 'America/New_York';
SELECT '2024-03-09 12:00'::timestamptz + '1 day'::interval;
SELECT '2024-03-09 12:00'::timestamptz + '24 hours'::interval;
SELECT '2024-11-02 12:00'::timestamptz + '1 day'::interval;
SELECT '2024-03-10 12:00'::timestamptz - '2024-03-09 12:00'::timestamptz;
SET TimeZone = 'UTC';
-- AT TIME ZONE
SELECT '2024-01-31 12:00'::timestamp AT TIME ZONE 'Asia/Tokyo';
SELECT '2024-01-31 12:00+00'::timestamptz AT TIME ZONE 'Asia/Tokyo';
SELECT '2024-01-31 12:00+00'::timestamptz AT TIME ZONE '+03';
SELECT '2024-01-31 12:00+00'::timestamptz AT TIME ZONE INTERVAL '-02:00';
SELECT timezone('Europe/Paris', '2024-07-01 12:00'::timestamp);
SELECT '2024-01-31 12:00'::timestamp AT TIME ZONE 'Nowhere';
-- OVERLAPS
SELECT ('2024-01-01'::date, '2024-02-01'::date) OVERLAPS ('2024-01-15'::date, '2024-03-01'::date);
SELECT ('2024-01-01'::date, '2024-02-01'::date) OVERLAPS ('2024-02-01'::date, '2024-03-01'::date);
SELECT ('2024-01-01'::date, INTERVAL '10 days') OVERLAPS ('2024-01-05'::date, INTERVAL '1 day');
SELECT ('2024-02-01'::date, '2024-01-01'::date) OVERLAPS ('2024-01-15'::date, '2024-01-16'::date);
SELECT ('2024-01-01'::timestamp, NULL::timestamp) OVERLAPS ('2024-01-01'::timestamp, '2024-01-02'::timestamp);
SELECT ('13:00'::time, '14:00'::time) OVERLAPS ('13:30'::time, '15:00'::time);
-- generate_series
SELECT generate_series(1, 5);
SELECT generate_series(5, 1);
SELECT generate_series(5, 1, -2);
SELECT generate_series(1, 10, 3);
SELECT generate_series(1, 5, 0);
SELECT generate_series(1::int8, 3::int8);
SELECT generate_series(2147483645, 2147483647);
SELECT generate_series(9223372036854775805, 9223372036854775807);
SELECT generate_series(1.5, 3.5, 0.5);
SELECT generate_series(1, NULL);
SELECT * FROM generate_series(1, 3) AS g(n) ORDER BY n DESC;
SELECT count(*) FROM generate_series(1, 100000);
SELECT generate_series('2024-01-01'::timestamp, '2024-01-05'::timestamp, '1 day');
SELECT generate_series('2024-01-31'::timestamp, '2024-06-30'::timestamp, '1 month');
SELECT generate_series('2024-01-01 00:00+00'::timestamptz, '2024-01-01 03:00+00'::timestamptz, '90 minutes');
SELECT generate_series('2024-01-05'::timestamp, '2024-01-01'::timestamp, '-2 days');
SELECT generate_series('2024-01-01'::timestamp, '2024-01-05'::timestamp, '0 days');
SELECT generate_series('2024-01-01'::date, '2024-01-03'::date, '1 day');
-- timeofday(): the clock as text (the value differs, its shape must not)
SELECT length(timeofday()) > 20;
SELECT timeofday() LIKE '___ ___ __ __:__:__.______ ____ UTC';
-- extract(julian): a numeric at numeric_div's scale
SELECT extract(julian FROM '2024-12-30 13:45:30.5'::timestamp);
SELECT extract(julian FROM '2024-01-01 00:00'::timestamp);
SELECT extract(julian FROM '2024-01-01 00:00:00.001'::timestamp);
SELECT extract(julian FROM '2024-01-01 00:00:01'::timestamp);
SELECT extract(julian FROM '2024-01-01 00:00'::timestamptz);
SELECT extract(julian FROM '2024-01-01'::date);
SELECT date_part('julian', '2024-01-01 00:00:01'::timestamp);
-- age() reads +infinity as the largest timestamp; -infinity fails
SELECT age('2024-01-01'::timestamp, 'infinity'::timestamp);
SELECT age('-infinity'::timestamp, '2024-01-01'::timestamp);
SELECT age('infinity'::timestamptz, '2024-01-01'::timestamptz);
SET TimeZone = 'Asia/Kolkata';
SELECT age('infinity'::timestamptz, '2024-01-01'::timestamptz);
SET TimeZone = 'America/New_York';
SELECT age('infinity'::timestamptz, '2024-01-01'::timestamptz);
RESET TimeZone;
-- to_char zone fields of a timestamp (offset 0, no abbreviation)
SELECT to_char('2024-08-07 03:04:05'::timestamp, '[OF] [TZ] [tz] [TZH] [TZM]');
SET TimeZone = 'Asia/Kolkata';
SELECT to_char('2024-01-01 10:00'::timestamp, '[OF] [TZH] [TZM]'), to_char('2024-01-01 10:00'::timestamptz, '[OF] [TZ] [TZH] [TZM]');
RESET TimeZone;
-- to_date / to_timestamp: week and weekday fields, date conventions, year 0
SELECT to_date('2024 32', 'IYYY IW');
SELECT to_date('2024 200', 'IYYY IDDD');
SELECT to_date('2024 32 3', 'YYYY IW D');
SELECT to_date('2024 8 3', 'IYYY MM ID');
SELECT to_date('2024 3 8', 'YYYY D MM');
SELECT to_date('2024 32 9', 'IYYY IW ID');
SELECT to_date('2024 32 0', 'IYYY IW ID');
SELECT to_date('2024 60 1', 'IYYY IW ID');
SELECT to_date('2020 53 7', 'IYYY IW ID');
SELECT to_date('2024 7', 'IYYY ID');
SELECT to_date('2024 32', 'YYYY WW');
SELECT to_date('2024 8 3', 'YYYY MM W');
SELECT to_date('2024 8 8', 'D D YYYY');
SELECT to_date('220', 'DDD');
SELECT to_date('2024 200 3', 'YYYY DDD MM');
SELECT to_date('2024 400', 'YYYY DDD');
SELECT to_date('2024 366', 'YYYY DDD');
SELECT to_date('13', 'DD');
SELECT to_timestamp('2024', 'YYYY');
-- date_trunc of an interval: the literal is checked first
SELECT date_trunc('week', '2 days'::interval);
SELECT '1-2-'::interval;
SELECT '-1-2 3'::interval;
