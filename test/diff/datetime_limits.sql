-- datetime_limits.sql - date/time input at the edges of its number ranges:
-- interval fields accumulated exactly in integers (PostgreSQL 15's
-- pg_itm_in, 22015 on overflow), numeric UTC offsets and POSIX zone specs
-- with runs of digits too long for any integer (22009 / 22023). Several
-- were fuzz findings.

-- interval: exact accumulation
SELECT '2148541213 hours 15 minutes 45.000448 seconds'::interval;
SELECT '2148541213:15:00'::interval;
SELECT '3000000:00:00.000001'::interval;
SELECT '1.5 microseconds'::interval, '2.5 microseconds'::interval, '-1.5 us'::interval;
SELECT '0.0000015 seconds'::interval, '0.5 ms'::interval;
SELECT '9223372036854775807 microseconds'::interval;
SELECT '-9223372036854775808 microseconds'::interval;
SELECT '9223372036854775808 microseconds'::interval;
SELECT '2562047788 hours'::interval;
SELECT '2562047789 hours'::interval;
SELECT '2562047788:00:54.775807'::interval;
SELECT '2562047788:00:54.775808'::interval;
SELECT '-178956970 years -8 months'::interval;
SELECT '178956970 years 8 months'::interval;
SELECT '178956970 years 7 months'::interval;
SELECT '2147483647 days'::interval;
SELECT '2147483648 days'::interval;
SELECT '2147483647 days 1 day'::interval;
SELECT '1 day 2147483647 days'::interval;
SELECT '1.5 years'::interval, '1.5 months'::interval, '1.5 weeks'::interval, '1.5 days'::interval;
SELECT '0.1 millennium'::interval, '0.01 centuries'::interval, '1.1 decades'::interval;
SELECT '1 day ago'::interval, '-2147483648 days ago'::interval;
SELECT '-2147483647 days ago'::interval;
SELECT 'P1.5Y'::interval, 'PT1.5H'::interval, 'P0.5W'::interval;
SELECT 'P1e15D'::interval;
SELECT 'P2e15D'::interval;
SELECT '10:60'::interval;
SELECT '10:59:60'::interval;
SELECT '10:59:61'::interval;
SELECT '10:30.5'::interval;
SELECT '99999999999999999999 hours'::interval;
SELECT '1 hour 2 hours'::interval;
SELECT '1-11'::interval, '-1-11'::interval;
SELECT '1-13'::interval;
SELECT '100000000000-0'::interval;
SELECT '178956970-7'::interval;
SELECT '178956970-8'::interval;

-- numeric UTC offsets
SELECT '1999-01-08 04-92233720368547758080'::timestamptz;
SELECT '1999-01-08 04:00-92233720368547758080'::timestamptz;
SELECT '1999-01-08 04:00+9999999999:30'::timestamptz;
SELECT '1999-01-08 04:00+05:9999999999'::timestamptz;
SELECT '1999-01-08 04:00+05:30:9999999999'::timestamptz;
SELECT '1999-01-08 04:00+1234567'::timestamptz;
SELECT '1999-01-08 04:00+99'::timestamptz;
SELECT '1999-01-08 04:00+15:59'::timestamptz;
SELECT '1999-01-08 04:00+05:60'::timestamptz;
SELECT '04:05-92233720368547758080'::timetz;
SELECT '04:05+05:99999999999'::timetz;

-- POSIX zone specs
SELECT '2020-01-01 00:00'::timestamp AT TIME ZONE 'ABC99999999999';
SELECT '2020-01-01 00:00'::timestamp AT TIME ZONE 'EST5EDT,J99999999999,M11.1.0';
SELECT '2020-01-01 00:00'::timestamp AT TIME ZONE 'ABC167';
SELECT '2020-01-01 00:00'::timestamp AT TIME ZONE 'ABC168';
SELECT '2020-01-01 00:00'::timestamp AT TIME ZONE 'AB1';
SELECT '2020-07-01 00:00'::timestamp AT TIME ZONE 'XYZ-4ABC';
SELECT '2020-07-01 00:00'::timestamp AT TIME ZONE 'XYZ-4ABC,M3.2.0,M11.1.0/99999999999';
SELECT '2020-07-01 00:00'::timestamp AT TIME ZONE 'XYZ-4ABC,M3.99999999999.0,M11.1.0';
SELECT '2020-07-01 00:00'::timestamp AT TIME ZONE 'XYZ-4:99999999999';
SELECT '04:05 XYZ-4'::timetz, '04:05 X-4'::timetz;
