-- time.sql - time and time with time zone: input (DecodeTimeOnly: ISO,
-- run-together digits, AM/PM, allballs, 24:00:00, a date part that only
-- picks the zone's offset, zone offsets, abbreviations and names), output,
-- typmod rounding, casts, comparisons and keys, arithmetic, extract /
-- date_part, make_time, overlaps, AT TIME ZONE, and the errors (22007,
-- 22008, 22009, 22023, 0A000).
-- The reference cluster runs with TimeZone=UTC.

-- time input
SELECT '04:05'::time;
SELECT '04:05:06'::time;
SELECT '04:05:06.789'::time;
SELECT '04:05:06.789012'::time;
SELECT '04:05:06.7890125'::time;
SELECT '04:05:06.9999999'::time;
SELECT '1:2:3'::time;
SELECT '040506'::time;
SELECT '0405'::time;
SELECT '040506.789'::time;
SELECT '04:05 PM'::time;
SELECT '04:05 AM'::time;
SELECT '12:00 AM'::time;
SELECT '12:00 PM'::time;
SELECT '0:30 am'::time;
SELECT '04:05:06 p.m.'::time;
SELECT 'allballs'::time;
SELECT '24:00'::time;
SELECT '24:00:00'::time;
SELECT '23:59:60'::time;
SELECT '23:59:59.9999995'::time;
SELECT '2003-04-12 04:05:06'::time;
SELECT '2003-04-12T04:05:06'::time;
SELECT 'T040506'::time;
SELECT 'T04:05'::time;
SELECT 'J2451187 04:05'::time;
SELECT 'J2451187.5'::time;
SELECT '10:00 at'::time;
SELECT '10::30'::time;
SELECT '10:'::time;
SELECT '10:30.5'::time;
SELECT '  04:05:06  '::time;
SELECT '04:05:06-08'::time;
SELECT '04:05:06 PST'::time;
SELECT '04:05:06+05:30'::time;
SELECT '1999.008 04:05'::time;
SELECT '19990108 040506'::time;

-- time input errors
SELECT '25:00'::time;
SELECT '24:00:01'::time;
SELECT '24:00:00.000001'::time;
SELECT '23:60:00'::time;
SELECT '23:59:61'::time;
SELECT '-1:00'::time;
SELECT '13:00 PM'::time;
SELECT '25:00 pm'::time;
SELECT 'pm'::time;
SELECT ''::time;
SELECT 'garbage'::time;
SELECT 'today'::time;
SELECT 'epoch'::time;
SELECT 'infinity'::time;
SELECT 'current'::time;
SELECT 'monday 10:00'::time;
SELECT '10:00 t'::time;
SELECT '10:00 dst'::time;
SELECT '12.5'::time;
SELECT '1'::time;
SELECT '04:05:06.5.5'::time;
SELECT '04:05 America/New_York'::time;
SELECT '04:05 foo/bar'::time;
SELECT '04:05 Jan 8 1999'::time;
SELECT '2003-02-30 04:05'::time;
SELECT '2003-13-01 04:05'::time;
SELECT '99999999999:00'::time;
SELECT '10:99999999999'::time;
SELECT '04:05:06+16'::time;
SELECT '04:05:06 ü'::time;

-- timetz input
SELECT '04:05:06-08'::timetz;
SELECT '04:05:06.789-08'::timetz;
SELECT '04:05:06+05:30'::timetz;
SELECT '04:05+0530'::timetz;
SELECT '04:05+053'::timetz;
SELECT '04:05:06 PST'::timetz;
SELECT '04:05:06 PDT'::timetz;
SELECT '04:05:06 pst dst'::timetz;
SELECT '04:05:06 zulu'::timetz;
SELECT '04:05:06 z'::timetz;
SELECT '04:05:06 UTC'::timetz;
SELECT '04:05:06 UTC+3'::timetz;
SELECT '04:05 +05'::timetz;
SELECT '04:05 - 05'::timetz;
SELECT '04:05+5:30:15'::timetz;
SELECT '04:05+15:59'::timetz;
SELECT '04:05:06'::timetz;
SELECT 'allballs'::timetz;
SELECT '24:00:00+01'::timetz;
SELECT 'T040506-08'::timetz;
SELECT '040506-08'::timetz;
SELECT '04:05 Etc/GMT+5'::timetz;
SELECT '04:05 etc/gmt-3'::timetz;
SELECT '2003-04-12 04:05 America/New_York'::timetz;
SELECT '2003-01-12 04:05 America/New_York'::timetz;
SELECT '1999.008 04:05 America/New_York'::timetz;
SELECT '2003-04-12 04:05:06'::timetz;

-- timetz input errors
SELECT '04:05 America/New_York'::timetz;
SELECT '04:05 EST5EDT'::timetz;
SELECT '04:05 foo/bar'::timetz;
SELECT '04:05 foo'::timetz;
SELECT '04:05+16'::timetz;
SELECT '04:05+05:60'::timetz;
SELECT '04:05 pdt dst'::timetz;
SELECT '04:05 dst'::timetz;
SELECT '04:05-08 PST'::timetz;
SELECT 'garbage'::timetz;

-- typmod
SELECT '12:34:56.789012'::time(0);
SELECT '12:34:56.789012'::time(3);
SELECT '12:34:56.789012'::time(6);
SELECT '23:59:59.5'::time(0);
SELECT '12:34:56.789012'::timetz(2);
SELECT '12:34:56.789012-07'::time with time zone;
SELECT '12:34:56.789012'::time(1) without time zone;
SELECT CAST('12:34:56.5' AS time(0) with time zone);
SELECT '12:34:56.789'::time(3)::time(1);
SELECT '12:34:56.7'::time(-1);
SELECT '12:34:56.7'::time(7);

-- casts
SELECT '04:05:06'::time::interval;
SELECT '04:05:06.5'::time::text;
SELECT '04:05:06-08'::timetz::text;
SELECT '04:05:06-08'::timetz::time;
SELECT '04:05:06'::time::timetz;
SELECT '27 hours 5 minutes'::interval::time;
SELECT '-1 hour'::interval::time;
SELECT '1 day 2 hours'::interval::time;
SELECT '2003-04-12 04:05:06.5'::timestamp::time;
SELECT '2003-04-12 04:05:06.5+02'::timestamptz::time;
SELECT '2003-04-12 04:05:06.5+02'::timestamptz::timetz;
SELECT 'infinity'::timestamp::time;
SELECT '-infinity'::timestamptz::timetz;
SELECT '04:05'::text::time;
SELECT '04:05'::varchar::timetz;
SELECT '04:05:06'::time::varchar(5);
SELECT '04:05:06'::time::char(10);
SELECT '04:05:06'::time::date;
SELECT '2003-04-12'::date::time;
SELECT 5::time;
SELECT '04:05'::time::timestamp;
SELECT '04:05:06-08'::timetz::interval;
SELECT CAST('04:05' AS time) = CAST('04:05' AS time with time zone);

-- operators
SELECT '04:05'::time < '04:06'::time, '04:05'::time = '04:05:00'::time, '24:00'::time > '23:59'::time;
SELECT '04:05:06-08'::timetz = '04:05:06-08'::timetz;
SELECT '04:05:06-08'::timetz = '12:05:06+00'::timetz;
SELECT '04:05:06-08'::timetz < '12:05:06+00'::timetz;
SELECT '04:05:06-08'::timetz > '12:05:06+00'::timetz;
SELECT '04:05:06+01'::timetz < '04:05:06+00'::timetz;
SELECT '04:00'::time = '4 hours'::interval;
SELECT '04:00'::time < '04:00+01'::timetz;
SELECT '04:00'::time < '2003-01-01'::date;
SELECT '04:05'::time - '02:10'::time;
SELECT '02:10'::time - '04:05'::time;
SELECT '23:00'::time + '2 hours'::interval;
SELECT '23:00'::time + '2 hours 1 day 1 month'::interval;
SELECT '01:00'::time - '2 hours'::interval;
SELECT '2 hours'::interval + '23:00'::time;
SELECT '24:00'::time + '0'::interval;
SELECT '04:00'::time + '-100 hours'::interval;
SELECT '23:00-05'::timetz + '2 hours'::interval;
SELECT '01:00+05:30'::timetz - '2 hours'::interval;
SELECT '2 hours'::interval + '23:00-05'::timetz;
SELECT '2003-04-12'::date + '04:05:06'::time;
SELECT '04:05:06'::time + '2003-04-12'::date;
SELECT '2003-04-12'::date + '04:05:06-08'::timetz;
SELECT '04:05:06-08'::timetz + '2003-04-12'::date;
SELECT 'infinity'::date + '04:05'::time;
SELECT '294276-12-31'::date + '23:00'::time;
SELECT '294277-01-01'::date + '00:00'::time;
SELECT '04:05'::time + '01:00'::time;
SELECT '04:05'::time - '01:00'::interval - '01:00'::time;
SELECT '04:05'::time * 2;
SELECT -'04:05'::time;
SELECT '04:05'::time || 'x';

-- extract and date_part
SELECT extract(hour from '04:05:06.789'::time), extract(minute from '04:05:06.789'::time);
SELECT extract(second from '04:05:06.789'::time), extract(milliseconds from '04:05:06.789'::time);
SELECT extract(microseconds from '04:05:06.789'::time), extract(epoch from '04:05:06.789'::time);
SELECT extract(hour from '24:00'::time), extract(epoch from '24:00'::time);
SELECT extract(dow from '04:05'::time);
SELECT extract(day from '04:05'::time);
SELECT extract(timezone from '04:05'::time);
SELECT extract(foo from '04:05'::time);
SELECT extract(jan from '04:05'::time);
SELECT extract(microseconxyz from '04:05:01.5'::time);
SELECT date_part('hour', '04:05:06.789'::time), date_part('second', '04:05:06.789'::time);
SELECT date_part('milliseconds', '04:05:06.789'::time), date_part('epoch', '04:05:06.789'::time);
SELECT date_part('HOURS', '04:05'::time), date_part('Min', '04:05'::time);
SELECT extract(timezone from '04:05:06+05:30'::timetz), extract(timezone_hour from '04:05:06-05:30'::timetz);
SELECT extract(timezone_minute from '04:05:06-05:30'::timetz), extract(epoch from '04:05:06-05:30'::timetz);
SELECT extract(epoch from '00:00:00+05'::timetz), date_part('epoch', '00:00:00+05'::timetz);
SELECT date_part('timezone', '04:05:06-08'::timetz), date_part('second', '04:05:06.25-08'::timetz);
SELECT extract(hour from '04:05:06-08'::timetz);
SELECT extract(year from '04:05:06-08'::timetz);
SELECT extract(bar from '04:05:06-08'::timetz);

-- make_time
SELECT make_time(8, 15, 23.5);
SELECT make_time(24, 0, 0);
SELECT make_time(10, 0, 59.9999996);
SELECT make_time(10, 0, -0.0000001);
SELECT make_time(25, 0, 0);
SELECT make_time(24, 0, 0.5);
SELECT make_time(10, 60, 0);
SELECT make_time(10, 0, 60.5);
SELECT make_time(-1, 0, 1.5);
SELECT make_time(10, 0, 'nan');
SELECT make_time(10, 0, 'infinity');
SELECT make_time(10, 0, 1e20);

-- overlaps
SELECT ('01:00'::time, '03:00'::time) OVERLAPS ('02:00'::time, '04:00'::time);
SELECT ('01:00'::time, '02:00'::time) OVERLAPS ('02:00'::time, '04:00'::time);
SELECT ('03:00'::time, '01:00'::time) OVERLAPS ('02:00'::time, '04:00'::time);
SELECT ('01:00'::time, NULL::time) OVERLAPS ('02:00'::time, '04:00'::time);
SELECT ('01:00'::time, NULL::time) OVERLAPS ('01:00'::time, '04:00'::time);
SELECT ('01:00'::time, '2 hours'::interval) OVERLAPS ('02:00'::time, '1 hour'::interval);
SELECT ('23:00'::time, '2 hours'::interval) OVERLAPS ('00:30'::time, '01:00'::time);
SELECT ('01:00'::time, '02:00'::time) OVERLAPS ('01:30'::time, '1 hour'::interval);
SELECT ('01:00-01'::timetz, '03:00-01'::timetz) OVERLAPS ('03:30+00'::timetz, '05:00+00'::timetz);

-- AT TIME ZONE
SELECT '04:05:06-08'::timetz AT TIME ZONE 'UTC';
SELECT '04:05:06-08'::timetz AT TIME ZONE 'EST';
SELECT '04:05:06-08'::timetz AT TIME ZONE 'Asia/Kolkata';
SELECT '04:05:06-08'::timetz AT TIME ZONE 'asia/kolkata';
SELECT '04:05:06-08'::timetz AT TIME ZONE '+03';
SELECT '22:05:06-08'::timetz AT TIME ZONE interval '5 hours';
SELECT '04:05:06-08'::timetz AT TIME ZONE interval '-05:30';
SELECT '04:05:06-08'::timetz AT TIME ZONE interval '1 day';
SELECT '04:05:06-08'::timetz AT TIME ZONE 'Nowhere/Special';
SELECT '04:05:06'::time AT TIME ZONE 'UTC';

-- callable casts
SELECT timetz('04:05'::time);
SELECT timetz('2003-04-12 04:05:06+02'::timestamptz);
SELECT timetz('04:05:06.789-02'::timetz, 1);
SELECT timestamptz('2003-04-12'::date, '04:05'::time);
SELECT timestamptz('2003-04-12'::date, '04:05-03'::timetz);

-- current time: compared by shape and by relations
-- difftest: ignore-values
SELECT current_time, localtime, current_time(2), localtime(0), length(current_time(0)::text), length(localtime(0)::text);
SELECT current_time IS NOT NULL, localtime IS NOT NULL;
SELECT current_time::time = localtime, localtime(0) <= '24:00'::time;
SELECT extract(timezone from current_time);
SELECT current_time(7) IS NOT NULL;
SELECT localtime(-1);
SELECT 'now'::time IS NOT NULL, 'now'::timetz = 'now'::timetz;

-- DateStyle does not change time output
SET DateStyle = 'SQL, DMY';
SELECT '04:05:06.5'::time, '04:05:06.5-08'::timetz;
SET DateStyle = 'German';
SELECT '04:05:06.5'::time, '04:05:06.5+01'::timetz;
RESET DateStyle;

-- the session zone gives timetz its offset
SET TimeZone = 'America/New_York';
SELECT '2003-04-12 04:05'::timetz, '2003-01-12 04:05'::timetz;
SELECT '2003-04-12 04:05:06+02'::timestamptz::timetz;
SELECT '2003-04-12 04:05:06+02'::timestamptz::time;
SELECT extract(timezone from '2003-07-01 12:00'::timetz);
SET TimeZone = 'Asia/Kolkata';
SELECT '04:05'::time::timetz;
SELECT '04:05'::timetz;
RESET TimeZone;

-- columns, ORDER BY, keys
CREATE TABLE time_t (id int PRIMARY KEY, t time, tz timetz, t3 time(3));
INSERT INTO time_t VALUES (1, '04:05:06', '04:05:06-08', '04:05:06.12345'),
  (2, '24:00', '12:05:06+00', '23:59:59.9999'), (3, '00:00', '12:05:06+01', '00:00:00.0005'),
  (4, NULL, NULL, NULL), (5, '13:30:00.5', '11:05:06-01', '13:30'), (6, '04:05:06', '04:05:06-08', '04:05:06');
SELECT * FROM time_t ORDER BY id;
SELECT id, t FROM time_t ORDER BY t, id;
SELECT id, t FROM time_t ORDER BY t DESC, id;
SELECT id, tz FROM time_t ORDER BY tz, id;
SELECT id, tz FROM time_t ORDER BY tz DESC NULLS LAST, id;
SELECT id FROM time_t WHERE t = '04:05:06' ORDER BY id;
SELECT id FROM time_t WHERE tz = '12:05:06+00' ORDER BY id;
SELECT id FROM time_t WHERE tz > '12:05:06+00' ORDER BY id;
SELECT id FROM time_t WHERE t3 >= '13:30' ORDER BY id;
SELECT id, t - t3 FROM time_t ORDER BY id;
INSERT INTO time_t VALUES (7, '25:00', NULL, NULL);
INSERT INTO time_t VALUES (8, '2003-04-12 04:05'::timestamp, '2003-04-12 04:05+03'::timestamptz, '04:05'::interval);
SELECT t, tz, t3 FROM time_t WHERE id = 8;
INSERT INTO time_t VALUES (9, 5, NULL, NULL);
UPDATE time_t SET t = t + interval '1 hour' WHERE id = 1;
SELECT t FROM time_t WHERE id = 1;
DROP TABLE time_t;

CREATE TABLE time_k (t time PRIMARY KEY);
INSERT INTO time_k VALUES ('04:05'), ('24:00'), ('00:00'), ('12:00:00.000001');
INSERT INTO time_k VALUES ('04:05:00');
SELECT t FROM time_k ORDER BY t;
DROP TABLE time_k;

CREATE TABLE time_kz (tz timetz PRIMARY KEY, note text);
INSERT INTO time_kz VALUES ('04:05-08', 'a'), ('12:05+00', 'b'), ('13:05+01', 'c'), ('12:05-00:00:01', 'd'), ('00:00+15', 'e');
INSERT INTO time_kz VALUES ('04:05:00-08', 'dup');
INSERT INTO time_kz VALUES ('05:05-07', 'same instant, other zone');
SELECT tz, note FROM time_kz ORDER BY tz;
SELECT note FROM time_kz WHERE tz = '13:05+01';
DROP TABLE time_kz;
