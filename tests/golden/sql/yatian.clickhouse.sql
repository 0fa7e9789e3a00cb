CREATE OR REPLACE TEMPORARY TABLE hh AS
SELECT
  *
FROM hh_base;
CREATE TEMPORARY TABLE errors AS
SELECT
  CAST(NULL AS Nullable(String)) AS hid
WHERE
  FALSE;
WITH units AS (
  SELECT
    CAST(NULL AS Nullable(String)) AS hid,
    NULL AS benefit,
    NULL AS sid,
    CAST(NULL AS Nullable(DATE)) AS d,
    CAST(NULL AS Nullable(Decimal(18, 2))) AS amount
  WHERE
    FALSE
), cash AS (
  SELECT
    hid,
    benefit,
    SUM(amount) AS amount
  FROM units
  WHERE
    NOT (
      amount IS NULL
    )
  GROUP BY
    hid,
    benefit
  HAVING
    SUM(amount) <> 0
), cash_json AS (
  SELECT
    hid,
    CAST('{' || groupConcat(',')(CAST(to_json(benefit) AS Nullable(String)) || ':' || CAST(to_json(CAST(amount AS Nullable(String))) AS Nullable(String)) ORDER BY benefit) || '}' AS Nullable(JSON)) AS cash,
    SUM(amount) AS total
  FROM cash
  GROUP BY
    hid
), grants AS (
  SELECT
    hid,
    to_json(
      ARRAY_AGG(
        JSON_OBJECT('benefit': benefit, 'member': sid, 'on': formatDateTime(d, '%Y-%m-%d')) ORDER BY d, benefit, COALESCE(sid, '')
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
    CAST('{' || groupConcat(',')(CAST(to_json(obligation) AS Nullable(String)) || ':' || CAST(to_json(CAST(penalty AS Nullable(String))) AS Nullable(String)) ORDER BY obligation) || '}' AS Nullable(JSON)) AS penalties,
    SUM(penalty) AS total
  FROM (
    SELECT
      CAST(NULL AS Nullable(String)) AS hid,
      NULL AS obligation,
      CAST(NULL AS Nullable(Decimal(18, 2))) AS penalty
    WHERE
      FALSE
  )
  GROUP BY
    hid
)
SELECT
  h."#hid" AS household,
  '2005' AS period,
  COALESCE(c.cash, CAST('{}' AS Nullable(JSON))) AS cash,
  CAST(CAST(COALESCE(c.total, 0) AS Nullable(Decimal(38, 2))) AS Nullable(String)) AS total_cash,
  COALESCE(g.in_kind, CAST('[]' AS Nullable(JSON))) AS in_kind,
  COALESCE(p.penalties, CAST('{}' AS Nullable(JSON))) AS penalties,
  CAST('{}' AS Nullable(JSON)) AS obligations,
  CAST(CAST(COALESCE(p.total, 0) AS Nullable(Decimal(38, 2))) AS Nullable(String)) AS penalties_total,
  CAST('[]' AS Nullable(JSON)) AS amount_unknown,
  CAST(COALESCE(c.total, 0) AS Nullable(Decimal(38, 2))) AS cash_amount,
  CAST(COALESCE(p.total, 0) AS Nullable(Decimal(38, 2))) AS penalty_amount,
  COALESCE(g.n, 0) AS grants
FROM hh AS h
LEFT JOIN cash_json AS c
  ON c.hid = h."#hid"
LEFT JOIN grants AS g
  ON g.hid = h."#hid"
LEFT JOIN pen AS p
  ON p.hid = h."#hid"
WHERE
  NOT (
    h."#hid" IN (
      SELECT
        hid
      FROM errors
    )
  )
ORDER BY
  h."#hid";
