-- json_sets.sql - the json/jsonb statements that need text[] (#> #>> ?| ?& - text[] #-,
-- jsonb_set, jsonb_insert, json_object), arrays as values, subscripting, set-returning
-- functions (jsonb_array_elements, jsonb_each, jsonb_object_keys), jsonpath or records.
-- The C side of the text[] operators and of the set-returning functions exists
-- (types/json.h, functions/fn_json_srf.c); the rest of json/jsonb is in json.sql.
SELECT ('{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":1}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}')::json #>> '{}';
SELECT '{"a": {"b": [10, 20, {"c": "x"}]}, "n": null, "s": "str", "num": 1.50}'::json #> '{a,b,2,c}';
SELECT '{"a": {"b": [10, 20, {"c": "x"}]}, "n": null, "s": "str", "num": 1.50}'::json #>> '{a,b,2,c}';
SELECT '{"a": {"b": [10, 20, {"c": "x"}]}, "n": null, "s": "str", "num": 1.50}'::json #> '{a,b,1}';
SELECT '{"a": {"b": [10, 20, {"c": "x"}]}, "n": null, "s": "str", "num": 1.50}'::json #>> '{a,b,-1}';
SELECT '{"a": {"b": [10, 20, {"c": "x"}]}, "n": null, "s": "str", "num": 1.50}'::json #> '{}';
SELECT '{"a": {"b": [10, 20, {"c": "x"}]}, "n": null, "s": "str", "num": 1.50}'::json #> '{a,x}';
SELECT '{"a": {"b": [10, 20, {"c": "x"}]}, "n": null, "s": "str", "num": 1.50}'::jsonb #> '{a,b,2,c}';
SELECT '{"a": {"b": [10, 20, {"c": "x"}]}, "n": null, "s": "str", "num": 1.50}'::jsonb #>> '{a,b,2,c}';
SELECT '{"a": {"b": [10, 20, {"c": "x"}]}, "n": null, "s": "str", "num": 1.50}'::jsonb #> '{a,b,1}';
SELECT '{"a": {"b": [10, 20, {"c": "x"}]}, "n": null, "s": "str", "num": 1.50}'::jsonb #>> '{a,b,-1}';
SELECT '{"a": {"b": [10, 20, {"c": "x"}]}, "n": null, "s": "str", "num": 1.50}'::jsonb #> '{}';
SELECT '{"a": {"b": [10, 20, {"c": "x"}]}, "n": null, "s": "str", "num": 1.50}'::jsonb #> '{a,x}';
SELECT '{"a": 1, "b": 2}'::jsonb ?| ARRAY['x', 'b'];
SELECT '{"a": 1, "b": 2}'::jsonb ?& ARRAY['a', 'b'];
SELECT '{"a": 1, "b": 2}'::jsonb ?& ARRAY['a', 'x'];
SELECT '{"a": 1}'::jsonb ?| ARRAY[]::text[];
SELECT '{"a": 1, "b": 2}'::jsonb - ARRAY['a', 'b'];
SELECT '{"a": {"b": 1, "c": 2}}'::jsonb #- '{a,b}';
SELECT jsonb_set('{"a": [1, 2]}', '{a,1}', '"x"');
SELECT jsonb_set('{"a": 1}', '{b}', '2');
SELECT jsonb_set('{"a": 1}', '{b}', '2', false);
SELECT jsonb_insert('{"a": [1, 2]}', '{a,0}', '0');
SELECT jsonb_build_array(ARRAY[1, 2]);
SELECT to_jsonb(ARRAY[1, 2, NULL]);
SELECT jsonb_object_keys('{"b": 1, "a": 2}');
SELECT jsonb_array_elements('[1, "a", null, [2], {"b": 3}]');
SELECT jsonb_array_elements_text('[1, "a", null]');
SELECT json_array_elements('[1, 1.50, "x"]');
SELECT jsonb_array_elements('{"a": 1}');
SELECT * FROM jsonb_each('{"a": 1, "b": [2], "c": null}');
SELECT * FROM jsonb_each_text('{"a": 1, "b": "x", "c": null}');
SELECT * FROM json_each('{"b": 2, "a": 1, "a": 3}');
SELECT key FROM jsonb_each('{"b": 2, "a": 1}') ORDER BY key;
SELECT * FROM jsonb_each('[1]');
SELECT jsonb_object_keys('{"a": {"nested": 1}, "b": 2}');
