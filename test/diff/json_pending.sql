-- difftest: pending "json_object, row_to_json and jsonpath are not implemented yet"
-- json_pending.sql - json/jsonb features still missing:
-- json_object / jsonb_object, row_to_json (records), SQL/JSON path functions.

SELECT json_object('{a, 1, b, 2}');
SELECT jsonb_object('{a, b}', '{1, 2}');
SELECT row_to_json(ROW(1, 'a'));
SELECT jsonb_path_query_first('{"a": [1, 2, 3]}', '$.a[1]');
SELECT jsonb_path_exists('{"a": 1}', '$.b');
