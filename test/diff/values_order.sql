-- values_order.sql - VALUES lists with ORDER BY / LIMIT / OFFSET, and the
-- common column type of a VALUES list.

VALUES (1), (2), (3) ORDER BY 1 DESC;
VALUES (true), (NULL), (false) ORDER BY 1;
VALUES (1, 'a'), (2, 'b') ORDER BY 2 DESC LIMIT 1;
VALUES (3), (1), (2) ORDER BY column1;
VALUES (3), (1), (2) ORDER BY 1 OFFSET 1;
VALUES ('b'), ('A'), ('a') ORDER BY 1;
VALUES (1.5), (-1), (NULL) ORDER BY 1 NULLS FIRST;
VALUES (1, 2), (1, 1), (0, 9) ORDER BY 1, 2;
VALUES (1) ORDER BY 2;
VALUES (1) ORDER BY nosuch;
