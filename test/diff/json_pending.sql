-- difftest: pending "row_to_json (records) and the SQL/JSON path language (jsonpath) are not implemented yet"
-- json_pending.sql - json/jsonb features still missing:
-- row_to_json (records), SQL/JSON path functions.

SELECT row_to_json(ROW(1, 'a'));
SELECT jsonb_path_query_first('{"a": [1, 2, 3]}', '$.a[1]');
SELECT jsonb_path_exists('{"a": 1}', '$.b');
