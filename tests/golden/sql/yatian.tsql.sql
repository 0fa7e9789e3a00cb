SELECT
  *
INTO #hh
FROM (
  SELECT
    *
  FROM hh_base
) AS temp;
SELECT
  *
INTO #errors
FROM (
  SELECT
    CAST(NULL AS VARCHAR(MAX)) AS hid
  WHERE
    (1 = 0)
) AS temp;
WITH units AS (
  SELECT
    CAST(NULL AS VARCHAR(MAX)) AS hid,
    NULL AS benefit,
    NULL AS sid,
    CAST(NULL AS DATE) AS d,
    CAST(NULL AS NUMERIC(18, 2)) AS amount
  WHERE
    (1 = 0)
), cash AS (
  SELECT
    hid AS hid,
    benefit AS benefit,
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
    hid AS hid,
    CAST('{' + STRING_AGG(
      CAST(TO_JSON(benefit) AS VARCHAR(MAX)) + ':' + CAST(TO_JSON(CAST(amount AS VARCHAR(MAX))) AS VARCHAR(MAX)),
      ','
    ) WITHIN GROUP (ORDER BY
      CASE WHEN benefit IS NULL THEN 1 ELSE 0 END, benefit) + '}' AS JSON) AS cash,
    SUM(amount) AS total
  FROM cash
  GROUP BY
    hid
), grants AS (
  SELECT
    hid AS hid,
    TO_JSON(
      ARRAY_AGG(
        JSON_OBJECT('benefit': benefit, 'member': sid, 'on': FORMAT(d, 'yyyy-MM-dd')) ORDER BY CASE WHEN d IS NULL THEN 1 ELSE 0 END, d, CASE WHEN benefit IS NULL THEN 1 ELSE 0 END, benefit, CASE WHEN COALESCE(sid, '') IS NULL THEN 1 ELSE 0 END, COALESCE(sid, '')
      )
    ) AS in_kind,
    COUNT_BIG(*) AS n
  FROM units
  WHERE
    amount IS NULL
  GROUP BY
    hid
), pen AS (
  SELECT
    hid AS hid,
    CAST('{' + STRING_AGG(
      CAST(TO_JSON(obligation) AS VARCHAR(MAX)) + ':' + CAST(TO_JSON(CAST(penalty AS VARCHAR(MAX))) AS VARCHAR(MAX)),
      ','
    ) WITHIN GROUP (ORDER BY
      CASE WHEN obligation IS NULL THEN 1 ELSE 0 END, obligation) + '}' AS JSON) AS penalties,
    SUM(penalty) AS total
  FROM (
    SELECT
      CAST(NULL AS VARCHAR(MAX)) AS hid,
      NULL AS obligation,
      CAST(NULL AS NUMERIC(18, 2)) AS penalty
    WHERE
      (1 = 0)
  )
  GROUP BY
    hid
)
SELECT
  h.[#hid] AS household,
  '2005' AS period,
  COALESCE(c.cash, CAST('{}' AS JSON)) AS cash,
  CAST(CAST(COALESCE(c.total, 0) AS NUMERIC(38, 2)) AS VARCHAR(MAX)) AS total_cash,
  COALESCE(g.in_kind, CAST('[]' AS JSON)) AS in_kind,
  COALESCE(p.penalties, CAST('{}' AS JSON)) AS penalties,
  CAST('{}' AS JSON) AS obligations,
  CAST(CAST(COALESCE(p.total, 0) AS NUMERIC(38, 2)) AS VARCHAR(MAX)) AS penalties_total,
  CAST('[]' AS JSON) AS amount_unknown,
  CAST(COALESCE(c.total, 0) AS NUMERIC(38, 2)) AS cash_amount,
  CAST(COALESCE(p.total, 0) AS NUMERIC(38, 2)) AS penalty_amount,
  COALESCE(g.n, 0) AS grants
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
  CASE WHEN h.[#hid] IS NULL THEN 1 ELSE 0 END, h.[#hid];
