CREATE OR REPLACE TEMPORARY TABLE hh AS
SELECT
  *
FROM hh_base;
CREATE TEMPORARY TABLE errors AS
SELECT
  CAST(NULL AS STRING) AS hid
WHERE
  FALSE;
WITH units AS (
  SELECT
    CAST(NULL AS STRING) AS hid,
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
    CAST(CONCAT(
      '{',
      GROUP_CONCAT(CONCAT(
        CAST(TO_JSON(benefit) AS STRING),
        ':',
        CAST(TO_JSON(CAST(amount AS STRING)) AS STRING)
      ) ORDER BY CASE WHEN benefit IS NULL THEN 1 ELSE 0 END, benefit SEPARATOR ','),
      '}'
    ) AS JSON) AS cash,
    SUM(amount) AS total
  FROM cash
  GROUP BY
    hid
), grants AS (
  SELECT
    hid,
    TO_JSON(
      ARRAY_AGG(
        JSON_OBJECT('benefit', benefit, 'member', sid, 'on', DATE_FORMAT(d, '%Y-%m-%d')) ORDER BY CASE WHEN d IS NULL THEN 1 ELSE 0 END, d, CASE WHEN benefit IS NULL THEN 1 ELSE 0 END, benefit, CASE WHEN COALESCE(sid, '') IS NULL THEN 1 ELSE 0 END, COALESCE(sid, '')
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
    CAST(CONCAT(
      '{',
      GROUP_CONCAT(CONCAT(
        CAST(TO_JSON(obligation) AS STRING),
        ':',
        CAST(TO_JSON(CAST(penalty AS STRING)) AS STRING)
      ) ORDER BY CASE WHEN obligation IS NULL THEN 1 ELSE 0 END, obligation SEPARATOR ','),
      '}'
    ) AS JSON) AS penalties,
    SUM(penalty) AS total
  FROM (
    SELECT
      CAST(NULL AS STRING) AS hid,
      NULL AS obligation,
      CAST(NULL AS DECIMAL(18, 2)) AS penalty
    WHERE
      FALSE
  )
  GROUP BY
    hid
)
SELECT
  h.`#hid` AS household,
  '2005' AS period,
  COALESCE(c.cash, CAST('{}' AS JSON)) AS cash,
  CAST(CAST(COALESCE(c.total, 0) AS DECIMAL(38, 2)) AS STRING) AS total_cash,
  COALESCE(g.in_kind, CAST('[]' AS JSON)) AS in_kind,
  COALESCE(p.penalties, CAST('{}' AS JSON)) AS penalties,
  CAST('{}' AS JSON) AS obligations,
  CAST(CAST(COALESCE(p.total, 0) AS DECIMAL(38, 2)) AS STRING) AS penalties_total,
  CAST('[]' AS JSON) AS amount_unknown,
  CAST(COALESCE(c.total, 0) AS DECIMAL(38, 2)) AS cash_amount,
  CAST(COALESCE(p.total, 0) AS DECIMAL(38, 2)) AS penalty_amount,
  COALESCE(g.n, 0) AS grants
FROM hh AS h
LEFT JOIN cash_json AS c
  ON c.hid = h.`#hid`
LEFT JOIN grants AS g
  ON g.hid = h.`#hid`
LEFT JOIN pen AS p
  ON p.hid = h.`#hid`
WHERE
  NOT h.`#hid` IN (
    SELECT
      hid
    FROM errors
  )
ORDER BY
  CASE WHEN h.`#hid` IS NULL THEN 1 ELSE 0 END, h.`#hid`;
