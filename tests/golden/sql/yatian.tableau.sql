CREATE OR REPLACE TEMPORARY TABLE hh AS
SELECT
  *
FROM hh_base;
CREATE TEMPORARY TABLE errors AS
SELECT
  CAST(NULL AS TEXT) AS hid
WHERE
  FALSE;
WITH units AS (
  SELECT
    CAST(NULL AS TEXT) AS hid,
    NULL AS benefit,
    NULL AS sid,
    CAST(NULL AS DATE) AS d,
    CAST(NULL AS DECIMAL(18, 2)) AS amount
  WHERE
    FALSE
), cash AS (
  SELECT
    hid,
    benefit,
    SUM(amount) AS amount
  FROM units
  WHERE
    NOT amount IS NULL
  GROUP BY
    hid,
    benefit
  HAVING
    SUM(amount) <> 0
), cash_json AS (
  SELECT
    hid,
    CAST('{' || GROUP_CONCAT(
      CAST(TO_JSON(benefit) AS TEXT) || ':' || CAST(TO_JSON(CAST(amount AS TEXT)) AS TEXT) ORDER BY benefit NULLS LAST,
      ','
    ) || '}' AS JSON) AS cash,
    SUM(amount) AS total
  FROM cash
  GROUP BY
    hid
), grants AS (
  SELECT
    hid,
    TO_JSON(
      ARRAY_AGG(
        JSON_OBJECT('benefit': benefit, 'member': sid, 'on': TIME_TO_STR(d, '%Y-%m-%d')) ORDER BY d NULLS LAST, benefit NULLS LAST, IFNULL(sid, '') NULLS LAST
      )
    ) AS in_kind,
    COUNT(*) AS n
  FROM units
  WHERE
    amount IS NULL
  GROUP BY
    hid
), pen AS (
  SELECT
    hid,
    CAST('{' || GROUP_CONCAT(
      CAST(TO_JSON(obligation) AS TEXT) || ':' || CAST(TO_JSON(CAST(penalty AS TEXT)) AS TEXT) ORDER BY obligation NULLS LAST,
      ','
    ) || '}' AS JSON) AS penalties,
    SUM(penalty) AS total
  FROM (
    SELECT
      CAST(NULL AS TEXT) AS hid,
      NULL AS obligation,
      CAST(NULL AS DECIMAL(18, 2)) AS penalty
    WHERE
      FALSE
  )
  GROUP BY
    hid
)
SELECT
  h.[#hid] AS household,
  '2005' AS period,
  IFNULL(c.cash, CAST('{}' AS JSON)) AS cash,
  CAST(CAST(IFNULL(c.total, 0) AS DECIMAL(38, 2)) AS TEXT) AS total_cash,
  IFNULL(g.in_kind, CAST('[]' AS JSON)) AS in_kind,
  IFNULL(p.penalties, CAST('{}' AS JSON)) AS penalties,
  CAST('{}' AS JSON) AS obligations,
  CAST(CAST(IFNULL(p.total, 0) AS DECIMAL(38, 2)) AS TEXT) AS penalties_total,
  CAST('[]' AS JSON) AS amount_unknown,
  CAST(IFNULL(c.total, 0) AS DECIMAL(38, 2)) AS cash_amount,
  CAST(IFNULL(p.total, 0) AS DECIMAL(38, 2)) AS penalty_amount,
  IFNULL(g.n, 0) AS grants
FROM hh AS h
LEFT JOIN cash_json AS c
  ON c.hid = h.[#hid]
LEFT JOIN grants AS g
  ON g.hid = h.[#hid]
LEFT JOIN pen AS p
  ON p.hid = h.[#hid]
WHERE
  NOT h.[#hid] IN (
    SELECT
      hid
    FROM errors
  )
ORDER BY
  h.[#hid] NULLS LAST;
