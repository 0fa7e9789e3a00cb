CREATE OR REPLACE TEMPORARY TABLE hh AS
SELECT
  h.*,
  COALESCE(a0."#a1", 0) AS "#a1",
  COALESCE(a0."#a2", 0) AS "#a2",
  COALESCE(a0."#a3", 0) AS "#a3",
  COALESCE(a0."#a4", 0) AS "#a4"
FROM hh_base AS h
LEFT JOIN (
  SELECT
    p."#hid",
    COUNT(*) FILTER(WHERE
      p.birth_date <= CAST('2005-01-01' AS DATE)
      AND (
        p."died_on" IS NULL OR p."died_on" > CAST('2005-01-01' AS DATE)
      )
      AND (
        p."left_on" IS NULL OR p."left_on" > CAST('2005-01-01' AS DATE)
      )
      AND (
        (
          p."role" = 'child'
        )
      ) IS TRUE) AS "#a1",
    COUNT(*) FILTER(WHERE
      p.birth_date <= CAST('2005-01-01' AS DATE)
      AND (
        p."died_on" IS NULL OR p."died_on" > CAST('2005-01-01' AS DATE)
      )
      AND (
        p."left_on" IS NULL OR p."left_on" > CAST('2005-01-01' AS DATE)
      )
      AND (
        (
          p."role" = 'child'
        )
      ) IS TRUE
      AND (
        (
          p."sex" = 'female'
        )
      ) IS FALSE) AS "#a2",
    COUNT(*) FILTER(WHERE
      p.birth_date <= CAST('2005-01-01' AS DATE)
      AND (
        p."died_on" IS NULL OR p."died_on" > CAST('2005-01-01' AS DATE)
      )
      AND (
        p."left_on" IS NULL OR p."left_on" > CAST('2005-01-01' AS DATE)
      )
      AND (
        (
          p."role" IN ('husband', 'wife')
        )
      ) IS TRUE
      AND (
        (
          (
            p."contraception" = 'sterilization'
          )
          AND (
            p."contraception_on" <= CAST('2005-01-01' AS DATE)
          )
        )
      ) IS TRUE) AS "#a3",
    COUNT(*) FILTER(WHERE
      p.birth_date <= CAST('2005-01-01' AS DATE)
      AND (
        p."died_on" IS NULL OR p."died_on" > CAST('2005-01-01' AS DATE)
      )
      AND (
        p."left_on" IS NULL OR p."left_on" > CAST('2005-01-01' AS DATE)
      )
      AND (
        (
          p."role" IN ('husband', 'wife')
        )
      ) IS TRUE
      AND (
        (
          (
            p."contraception" = 'sterilization'
          )
          AND (
            p."contraception_on" <= CAST('2005-01-01' AS DATE)
          )
        )
      ) IS NULL) AS "#a4"
  FROM pp AS p
  GROUP BY
    p."#hid"
) AS a0
  ON a0."#hid" = h."#hid";
CREATE OR REPLACE TEMPORARY TABLE "benefit:accident_insurance" AS
SELECT
  h."#hid" AS hid,
  CAST(NULL AS TEXT) AS sid,
  h."#d" AS d,
  h."#ok" AS paid,
  CASE WHEN h."#ok" THEN CAST(NULL AS DECIMAL(18, 2)) END AS amount,
  h."#err" AS err,
  h."c_province",
  h."c_county",
  h."c_town",
  h."c_village",
  h."c_household"
FROM (
  SELECT
    *,
    CASE
      WHEN h."#ok"
      THEN CAST((
        TRY_CAST(ROUND(TRY_CAST(h."#x5" AS DECIMAL(38, 10)), 2) AS DECIMAL(18, 2))
      ) AS DECIMAL(38, 2))
    END AS "c_province",
    CASE
      WHEN h."#ok"
      THEN CAST((
        TRY_CAST(ROUND(TRY_CAST(h."#x6" AS DECIMAL(38, 10)), 2) AS DECIMAL(18, 2))
      ) AS DECIMAL(38, 2))
    END AS "c_county",
    CASE
      WHEN h."#ok"
      THEN CAST((
        TRY_CAST(ROUND(TRY_CAST(h."#x7" AS DECIMAL(38, 10)), 2) AS DECIMAL(18, 2)) + CASE
          WHEN (
            h."#x10"
          ) IS TRUE
          THEN TRY_CAST(ROUND(TRY_CAST(h."#x12" AS DECIMAL(38, 10)), 2) AS DECIMAL(18, 2))
          ELSE 0
        END
      ) AS DECIMAL(38, 2))
    END AS "c_town",
    CASE
      WHEN h."#ok"
      THEN CAST((
        TRY_CAST(ROUND(TRY_CAST(h."#x8" AS DECIMAL(38, 10)), 2) AS DECIMAL(18, 2)) + CASE
          WHEN (
            h."#x10"
          ) IS TRUE
          THEN TRY_CAST(ROUND(TRY_CAST(h."#x11" AS DECIMAL(38, 10)), 2) AS DECIMAL(18, 2))
          ELSE 0
        END
      ) AS DECIMAL(38, 2))
    END AS "c_village",
    CASE
      WHEN h."#ok"
      THEN CAST((
        CASE
          WHEN (
            h."#x10"
          ) IS TRUE
          THEN 0
          ELSE TRY_CAST(ROUND(TRY_CAST(h."#x9" AS DECIMAL(38, 10)), 2) AS DECIMAL(18, 2))
        END
      ) AS DECIMAL(38, 2))
    END AS "c_household"
  FROM (
    SELECT
      *
      REPLACE (h."#err"
      OR (
        h."#ok"
        AND COALESCE(
          (
            (
              TRY_CAST(ROUND(TRY_CAST(h."#x4" AS DECIMAL(38, 10)), 2) AS DECIMAL(18, 2))
            ) IS NULL
          )
          OR (
            (
              TRY_CAST(ROUND(TRY_CAST(h."#x5" AS DECIMAL(38, 10)), 2) AS DECIMAL(18, 2))
            ) IS NULL
          )
          OR (
            (
              TRY_CAST(ROUND(TRY_CAST(h."#x6" AS DECIMAL(38, 10)), 2) AS DECIMAL(18, 2))
            ) IS NULL
          )
          OR (
            (
              TRY_CAST(ROUND(TRY_CAST(h."#x7" AS DECIMAL(38, 10)), 2) AS DECIMAL(18, 2))
            ) IS NULL
          )
          OR (
            (
              TRY_CAST(ROUND(TRY_CAST(h."#x8" AS DECIMAL(38, 10)), 2) AS DECIMAL(18, 2))
            ) IS NULL
          )
          OR (
            (
              TRY_CAST(ROUND(TRY_CAST(h."#x9" AS DECIMAL(38, 10)), 2) AS DECIMAL(18, 2))
            ) IS NULL
          )
          OR (
            (
              TRY_CAST(ROUND(TRY_CAST(h."#x5" AS DECIMAL(38, 10)), 2) AS DECIMAL(18, 2)) + TRY_CAST(ROUND(TRY_CAST(h."#x6" AS DECIMAL(38, 10)), 2) AS DECIMAL(18, 2)) + TRY_CAST(ROUND(TRY_CAST(h."#x7" AS DECIMAL(38, 10)), 2) AS DECIMAL(18, 2)) + TRY_CAST(ROUND(TRY_CAST(h."#x8" AS DECIMAL(38, 10)), 2) AS DECIMAL(18, 2)) + TRY_CAST(ROUND(TRY_CAST(h."#x9" AS DECIMAL(38, 10)), 2) AS DECIMAL(18, 2))
            ) <> (
              TRY_CAST(ROUND(TRY_CAST(h."#x4" AS DECIMAL(38, 10)), 2) AS DECIMAL(18, 2))
            )
          )
          OR (
            (
              (
                h."#x10"
              ) IS TRUE
            )
            AND (
              (
                TRY_CAST(ROUND(TRY_CAST(h."#x11" AS DECIMAL(38, 10)), 2) AS DECIMAL(18, 2))
              ) IS NULL
              OR (
                TRY_CAST(ROUND(TRY_CAST(h."#x12" AS DECIMAL(38, 10)), 2) AS DECIMAL(18, 2))
              ) IS NULL
              OR (
                TRY_CAST(ROUND(TRY_CAST(h."#x11" AS DECIMAL(38, 10)), 2) AS DECIMAL(18, 2)) + TRY_CAST(ROUND(TRY_CAST(h."#x12" AS DECIMAL(38, 10)), 2) AS DECIMAL(18, 2))
              ) <> (
                TRY_CAST(ROUND(TRY_CAST(h."#x9" AS DECIMAL(38, 10)), 2) AS DECIMAL(18, 2))
              )
            )
          ),
          TRUE
        )
      ) AS "#err")
    FROM (
      SELECT
        *
        REPLACE (h."#ok" AS "#ok", (
          h."#err" OR (
            h."#ok" AND FALSE
          )
        ) AS "#err")
      FROM (
        SELECT
          *,
          CAST('15.00' AS DECIMAL(18, 2)) AS "#x12"
        FROM (
          SELECT
            *
            REPLACE (h."#ok" AS "#ok", (
              h."#err" OR (
                h."#ok" AND FALSE
              )
            ) AS "#err")
          FROM (
            SELECT
              *,
              CAST('15.00' AS DECIMAL(18, 2)) AS "#x11"
            FROM (
              SELECT
                *
                REPLACE (h."#ok" AS "#ok", (
                  h."#err" OR (
                    h."#ok" AND FALSE
                  )
                ) AS "#err")
              FROM (
                SELECT
                  *,
                  (
                    h."poor" OR h."special_support"
                  ) AS "#x10"
                FROM (
                  SELECT
                    *
                    REPLACE (h."#ok" AS "#ok", (
                      h."#err" OR (
                        h."#ok" AND FALSE
                      )
                    ) AS "#err")
                  FROM (
                    SELECT
                      *,
                      CAST('30.00' AS DECIMAL(18, 2)) AS "#x9"
                    FROM (
                      SELECT
                        *
                        REPLACE (h."#ok" AS "#ok", (
                          h."#err" OR (
                            h."#ok" AND FALSE
                          )
                        ) AS "#err")
                      FROM (
                        SELECT
                          *,
                          CAST('10.00' AS DECIMAL(18, 2)) AS "#x8"
                        FROM (
                          SELECT
                            *
                            REPLACE (h."#ok" AS "#ok", (
                              h."#err" OR (
                                h."#ok" AND FALSE
                              )
                            ) AS "#err")
                          FROM (
                            SELECT
                              *,
                              CAST('10.00' AS DECIMAL(18, 2)) AS "#x7"
                            FROM (
                              SELECT
                                *
                                REPLACE (h."#ok" AS "#ok", (
                                  h."#err" OR (
                                    h."#ok" AND FALSE
                                  )
                                ) AS "#err")
                              FROM (
                                SELECT
                                  *,
                                  CAST('5.00' AS DECIMAL(18, 2)) AS "#x6"
                                FROM (
                                  SELECT
                                    *
                                    REPLACE (h."#ok" AS "#ok", (
                                      h."#err" OR (
                                        h."#ok" AND FALSE
                                      )
                                    ) AS "#err")
                                  FROM (
                                    SELECT
                                      *,
                                      CAST('5.00' AS DECIMAL(18, 2)) AS "#x5"
                                    FROM (
                                      SELECT
                                        *
                                        REPLACE (h."#ok" AS "#ok", (
                                          h."#err" OR (
                                            h."#ok" AND FALSE
                                          )
                                        ) AS "#err")
                                      FROM (
                                        SELECT
                                          *,
                                          CAST('60.00' AS DECIMAL(18, 2)) AS "#x4"
                                        FROM (
                                          SELECT
                                            *
                                            REPLACE ((
                                              h."#ok" AND (
                                                h."#x3"
                                              ) IS TRUE
                                            ) AS "#ok", (
                                              h."#err" OR (
                                                h."#ok" AND FALSE
                                              )
                                            ) AS "#err")
                                          FROM (
                                            SELECT
                                              *,
                                              (
                                                h."#def1" OR h."#def2"
                                              ) AS "#x3"
                                            FROM (
                                              SELECT
                                                *,
                                                (
                                                  (
                                                    h."#a1" = 2
                                                  )
                                                  AND (
                                                    CASE WHEN h."#a2" > 0 THEN FALSE ELSE TRUE END
                                                  )
                                                  AND (
                                                    CASE WHEN h."#a3" > 0 THEN TRUE WHEN h."#a4" > 0 THEN NULL ELSE FALSE END
                                                  )
                                                ) AS "#def2"
                                              FROM (
                                                SELECT
                                                  *,
                                                  (
                                                    (
                                                      h."one_child_cert_on" <= h."#d"
                                                    ) AND (
                                                      h."#a1" = 1
                                                    )
                                                  ) AS "#def1"
                                                FROM (
                                                  SELECT
                                                    *
                                                  FROM (
                                                    SELECT
                                                      h.*
                                                      EXCLUDE ("#e0"),
                                                      (
                                                        (
                                                          h."#d" >= CAST('2005-01-01' AS DATE)
                                                        )
                                                      ) IS TRUE AS "#ok",
                                                      h."#e0" IS TRUE AS "#err"
                                                    FROM (
                                                      SELECT
                                                        h.*,
                                                        FALSE AS "#e0"
                                                      FROM (
                                                        SELECT
                                                          h.*,
                                                          NULL AS "#s"
                                                        FROM (
                                                          SELECT
                                                            h.*,
                                                            u.d AS "#d",
                                                            u.us AS "#us",
                                                            u.ue AS "#ue"
                                                          FROM (
                                                            SELECT
                                                              *
                                                            FROM hh AS h
                                                            WHERE
                                                              (
                                                                h."rural"
                                                              ) IS TRUE
                                                          ) AS h
                                                          CROSS JOIN (VALUES
                                                            (
                                                              CAST('2005-01-01' AS DATE),
                                                              CAST('2005-01-01' AS DATE),
                                                              CAST('2005-12-31' AS DATE)
                                                            )) AS u(d, us, ue)
                                                        ) AS h
                                                      ) AS h
                                                    ) AS h
                                                    WHERE
                                                      TRUE
                                                  )
                                                  WHERE
                                                    "#ok" OR "#err"
                                                ) AS h
                                              ) AS h
                                            ) AS h
                                          ) AS h
                                          WHERE
                                            (
                                              h."#ok" AND (
                                                h."#x3"
                                              ) IS TRUE
                                            ) OR h."#err" OR (
                                              h."#ok" AND FALSE
                                            )
                                        ) AS h
                                      ) AS h
                                      WHERE
                                        h."#ok" OR h."#err" OR (
                                          h."#ok" AND FALSE
                                        )
                                    ) AS h
                                  ) AS h
                                  WHERE
                                    h."#ok" OR h."#err" OR (
                                      h."#ok" AND FALSE
                                    )
                                ) AS h
                              ) AS h
                              WHERE
                                h."#ok" OR h."#err" OR (
                                  h."#ok" AND FALSE
                                )
                            ) AS h
                          ) AS h
                          WHERE
                            h."#ok" OR h."#err" OR (
                              h."#ok" AND FALSE
                            )
                        ) AS h
                      ) AS h
                      WHERE
                        h."#ok" OR h."#err" OR (
                          h."#ok" AND FALSE
                        )
                    ) AS h
                  ) AS h
                  WHERE
                    h."#ok" OR h."#err" OR (
                      h."#ok" AND FALSE
                    )
                ) AS h
              ) AS h
              WHERE
                h."#ok" OR h."#err" OR (
                  h."#ok" AND FALSE
                )
            ) AS h
          ) AS h
          WHERE
            h."#ok" OR h."#err" OR (
              h."#ok" AND FALSE
            )
        ) AS h
      ) AS h
      WHERE
        h."#ok" OR h."#err" OR (
          h."#ok" AND FALSE
        )
    ) AS h
  ) AS h
) AS h;
CREATE TEMPORARY TABLE errors AS
SELECT DISTINCT
  hid
FROM (
  SELECT
    hid
  FROM "benefit:accident_insurance"
  WHERE
    err
);
WITH units AS (
  SELECT
    hid,
    'accident_insurance' AS benefit,
    sid,
    d,
    amount
  FROM "benefit:accident_insurance"
  WHERE
    paid
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
    CAST('{' || LISTAGG(
      
        CAST(TO_JSON(benefit) AS TEXT) || ':' || CAST(TO_JSON(CAST(amount AS TEXT)) AS TEXT),
        ','
      
      ORDER BY
        benefit
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
        JSON_OBJECT('benefit', benefit, 'member', sid, 'on', STRFTIME(d, '%Y-%m-%d')) ORDER BY d, benefit, COALESCE(sid, '')
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
    CAST('{' || LISTAGG(
      
        CAST(TO_JSON(obligation) AS TEXT) || ':' || CAST(TO_JSON(CAST(penalty AS TEXT)) AS TEXT),
        ','
      
      ORDER BY
        obligation
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
), borne AS (
  SELECT
    hid,
    benefit,
    payer,
    rank,
    SUM(amount) AS amount
  FROM (
    SELECT
      hid,
      'accident_insurance' AS benefit,
      'province' AS payer,
      1 AS rank,
      "c_province" AS amount
    FROM "benefit:accident_insurance"
    WHERE
      paid
    UNION ALL
    SELECT
      hid,
      'accident_insurance' AS benefit,
      'county' AS payer,
      3 AS rank,
      "c_county" AS amount
    FROM "benefit:accident_insurance"
    WHERE
      paid
    UNION ALL
    SELECT
      hid,
      'accident_insurance' AS benefit,
      'town' AS payer,
      4 AS rank,
      "c_town" AS amount
    FROM "benefit:accident_insurance"
    WHERE
      paid
    UNION ALL
    SELECT
      hid,
      'accident_insurance' AS benefit,
      'village' AS payer,
      5 AS rank,
      "c_village" AS amount
    FROM "benefit:accident_insurance"
    WHERE
      paid
    UNION ALL
    SELECT
      hid,
      'accident_insurance' AS benefit,
      'household' AS payer,
      6 AS rank,
      "c_household" AS amount
    FROM "benefit:accident_insurance"
    WHERE
      paid
  )
  GROUP BY
    hid,
    benefit,
    payer,
    rank
  HAVING
    SUM(amount) <> 0
), borne_of AS (
  SELECT
    hid,
    benefit,
    '{' || LISTAGG(
      
        CAST(TO_JSON(payer) AS TEXT) || ':' || CAST(TO_JSON(CAST(amount AS TEXT)) AS TEXT),
        ','
      
      ORDER BY
        rank
    ) || '}' AS payers
  FROM borne
  GROUP BY
    hid,
    benefit
), costs_json AS (
  SELECT
    hid,
    CAST('{' || LISTAGG(CAST(TO_JSON(benefit) AS TEXT) || ':' || payers, ','
    ORDER BY
      benefit) || '}' AS JSON) AS costs
  FROM borne_of
  GROUP BY
    hid
)
SELECT
  h."#hid" AS household,
  '2005' AS period,
  COALESCE(c.cash, CAST('{}' AS JSON)) AS cash,
  CAST(CAST(COALESCE(c.total, 0) AS DECIMAL(38, 2)) AS TEXT) AS total_cash,
  COALESCE(g.in_kind, CAST('[]' AS JSON)) AS in_kind,
  COALESCE(p.penalties, CAST('{}' AS JSON)) AS penalties,
  CAST('{}' AS JSON) AS obligations,
  CAST(CAST(COALESCE(p.total, 0) AS DECIMAL(38, 2)) AS TEXT) AS penalties_total,
  CAST('[]' AS JSON) AS amount_unknown,
  COALESCE(k.costs, CAST('{}' AS JSON)) AS costs,
  CAST(COALESCE(c.total, 0) AS DECIMAL(38, 2)) AS cash_amount,
  CAST(COALESCE(p.total, 0) AS DECIMAL(38, 2)) AS penalty_amount,
  COALESCE(g.n, 0) AS grants
FROM hh AS h
LEFT JOIN cash_json AS c
  ON c.hid = h."#hid"
LEFT JOIN grants AS g
  ON g.hid = h."#hid"
LEFT JOIN pen AS p
  ON p.hid = h."#hid"
LEFT JOIN costs_json AS k
  ON k.hid = h."#hid"
WHERE
  NOT h."#hid" IN (
    SELECT
      hid
    FROM errors
  )
ORDER BY
  h."#hid";
