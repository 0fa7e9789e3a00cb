CREATE OR REPLACE TEMPORARY TABLE hh AS
SELECT
  h.*,
  a0."#a1",
  COALESCE(a0."#a2", 0) AS "#a2",
  a0."#a3",
  a0."#a4",
  COALESCE(a0."#a5", 0) AS "#a5",
  a0."#a6",
  a0."#a7",
  a0."#a8",
  COALESCE(a0."#a17", 0) AS "#a17",
  a0."#a18",
  COALESCE(a0."#a19", 0) AS "#a19",
  a0."#a20",
  COALESCE(a1."#a9", 0) AS "#a9",
  COALESCE(a1."#a10", 0) AS "#a10",
  COALESCE(a1."#a11", 0) AS "#a11",
  COALESCE(a1."#a12", 0) AS "#a12",
  COALESCE(a1."#a13", 0) AS "#a13",
  COALESCE(a1."#a14", 0) AS "#a14",
  COALESCE(a1."#a15", 0) AS "#a15",
  COALESCE(a1."#a16", 0) AS "#a16"
FROM hh_base AS h
LEFT JOIN (
  SELECT
    p."#hid",
    MIN(p."birth_date") FILTER(WHERE
      p.birth_date <= CAST('2005-12-31' AS DATE)
      AND (
        p."died_on" IS NULL OR p."died_on" > CAST('2005-12-31' AS DATE)
      )
      AND (
        p."left_on" IS NULL OR p."left_on" > CAST('2005-12-31' AS DATE)
      )
      AND (
        (
          p."role" = 'child'
        )
      ) IS TRUE
      AND (
        p."out_of_policy_birth"
      ) IS TRUE) AS "#a1",
    COUNT(*) FILTER(WHERE
      p.birth_date <= CAST('2005-12-31' AS DATE)
      AND (
        (
          p."role" = 'child'
        )
      ) IS TRUE) AS "#a2",
    MIN(p."#p", 2) FILTER(WHERE
      (
        (
          p."role" = 'child'
        )
      ) IS TRUE)[2] AS "#a3",
    MIN(p."contraception_on") FILTER(WHERE
      p.birth_date <= CAST('2005-12-31' AS DATE)
      AND (
        p."died_on" IS NULL OR p."died_on" > CAST('2005-12-31' AS DATE)
      )
      AND (
        p."left_on" IS NULL OR p."left_on" > CAST('2005-12-31' AS DATE)
      )
      AND (
        (
          p."role" IN ('husband', 'wife')
        )
      ) IS TRUE
      AND (
        (
          p."contraception" IN ('sterilization', 'iud', 'implant')
        )
      ) IS TRUE) AS "#a4",
    COUNT(*) FILTER(WHERE
      p.birth_date <= CAST('2005-01-31' AS DATE)
      AND (
        LEAST(p."died_on", p."left_on") IS NULL
        OR LEAST(p."died_on", p."left_on") > CAST('2005-12-31' AS DATE)
      )
      AND (
        (
          p."role" = 'child'
        )
      ) IS TRUE) AS "#a5",
    ARRAY_AGG(STRUCT(p.birth_date AS b, LEAST(p."died_on", p."left_on") AS g)) FILTER(WHERE
      p.birth_date <= CAST('2005-12-31' AS DATE)
      AND (
        LEAST(p."died_on", p."left_on") IS NULL
        OR LEAST(p."died_on", p."left_on") > CAST('2005-01-31' AS DATE)
      )
      AND NOT (
        p.birth_date <= CAST('2005-01-31' AS DATE)
        AND (
          LEAST(p."died_on", p."left_on") IS NULL
          OR LEAST(p."died_on", p."left_on") > CAST('2005-12-31' AS DATE)
        )
      )
      AND (
        (
          p."role" = 'child'
        )
      ) IS TRUE) AS "#a6",
    MIN(p."#p") FILTER(WHERE
      p.birth_date <= CAST('2005-12-31' AS DATE)
      AND (
        LEAST(p."died_on", p."left_on") IS NULL
        OR LEAST(p."died_on", p."left_on") > CAST('2005-12-31' AS DATE)
      )
      AND (
        (
          p."role" = 'child'
        )
      ) IS TRUE) AS "#a7",
    ARRAY_AGG(p."#p") FILTER(WHERE
      p.birth_date <= CAST('2005-12-31' AS DATE)
      AND LEAST(p."died_on", p."left_on") > CAST('2005-01-31' AS DATE)
      AND LEAST(p."died_on", p."left_on") <= CAST('2005-12-31' AS DATE)
      AND (
        (
          p."role" = 'child'
        )
      ) IS TRUE) AS "#a8",
    COUNT(*) FILTER(WHERE
      p.birth_date <= CAST('2005-03-01' AS DATE)
      AND (
        LEAST(p."died_on", p."left_on") IS NULL
        OR LEAST(p."died_on", p."left_on") > CAST('2005-09-01' AS DATE)
      )
      AND (
        (
          p."role" = 'child'
        )
      ) IS TRUE) AS "#a17",
    ARRAY_AGG(STRUCT(p.birth_date AS b, LEAST(p."died_on", p."left_on") AS g)) FILTER(WHERE
      p.birth_date <= CAST('2005-09-01' AS DATE)
      AND (
        LEAST(p."died_on", p."left_on") IS NULL
        OR LEAST(p."died_on", p."left_on") > CAST('2005-03-01' AS DATE)
      )
      AND NOT (
        p.birth_date <= CAST('2005-03-01' AS DATE)
        AND (
          LEAST(p."died_on", p."left_on") IS NULL
          OR LEAST(p."died_on", p."left_on") > CAST('2005-09-01' AS DATE)
        )
      )
      AND (
        (
          p."role" = 'child'
        )
      ) IS TRUE) AS "#a18",
    COUNT(*) FILTER(WHERE
      p.birth_date <= CAST('2005-03-01' AS DATE)
      AND (
        LEAST(p."died_on", p."left_on") IS NULL
        OR LEAST(p."died_on", p."left_on") > CAST('2005-09-01' AS DATE)
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
      ) IS FALSE) AS "#a19",
    ARRAY_AGG(STRUCT(p.birth_date AS b, LEAST(p."died_on", p."left_on") AS g)) FILTER(WHERE
      p.birth_date <= CAST('2005-09-01' AS DATE)
      AND (
        LEAST(p."died_on", p."left_on") IS NULL
        OR LEAST(p."died_on", p."left_on") > CAST('2005-03-01' AS DATE)
      )
      AND NOT (
        p.birth_date <= CAST('2005-03-01' AS DATE)
        AND (
          LEAST(p."died_on", p."left_on") IS NULL
          OR LEAST(p."died_on", p."left_on") > CAST('2005-09-01' AS DATE)
        )
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
      ) IS FALSE) AS "#a20"
  FROM (
    SELECT
      *,
      STRUCT(
        p."birth_date" AS "birth_date",
        p."#id" AS "#id",
        p."died_on" AS "died_on",
        p."left_on" AS "left_on"
      ) AS "#p"
    FROM pp AS p
  ) AS p
  GROUP BY
    p."#hid"
) AS a0
  ON a0."#hid" = h."#hid"
LEFT JOIN (
  SELECT
    h."#hid",
    COUNT(*) FILTER(WHERE
      p.birth_date <= h."preferential_cert_on"
      AND (
        p."died_on" IS NULL OR p."died_on" > h."preferential_cert_on"
      )
      AND (
        p."left_on" IS NULL OR p."left_on" > h."preferential_cert_on"
      )
      AND (
        (
          p."role" = 'child'
        )
      ) IS TRUE) AS "#a9",
    COUNT(*) FILTER(WHERE
      p.birth_date <= h."preferential_cert_on"
      AND (
        p."died_on" IS NULL OR p."died_on" > h."preferential_cert_on"
      )
      AND (
        p."left_on" IS NULL OR p."left_on" > h."preferential_cert_on"
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
      ) IS FALSE) AS "#a10",
    COUNT(*) FILTER(WHERE
      p.birth_date <= h."preferential_cert_on"
      AND (
        p."died_on" IS NULL OR p."died_on" > h."preferential_cert_on"
      )
      AND (
        p."left_on" IS NULL OR p."left_on" > h."preferential_cert_on"
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
            p."contraception_on" <= h."preferential_cert_on"
          )
        )
      ) IS TRUE) AS "#a11",
    COUNT(*) FILTER(WHERE
      p.birth_date <= h."preferential_cert_on"
      AND (
        p."died_on" IS NULL OR p."died_on" > h."preferential_cert_on"
      )
      AND (
        p."left_on" IS NULL OR p."left_on" > h."preferential_cert_on"
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
            p."contraception_on" <= h."preferential_cert_on"
          )
        )
      ) IS NULL) AS "#a12",
    COUNT(*) FILTER(WHERE
      p.birth_date <= LIST_REDUCE(
        ARRAY[h."preferential_cert_on", CAST('2004-07-01' AS DATE)],
        (x1, x2) -> CASE WHEN x1 IS NULL OR x2 IS NULL THEN NULL ELSE GREATEST(x1, x2) END
      )
      AND (
        p."died_on" IS NULL
        OR p."died_on" > LIST_REDUCE(
          ARRAY[h."preferential_cert_on", CAST('2004-07-01' AS DATE)],
          (x1, x2) -> CASE WHEN x1 IS NULL OR x2 IS NULL THEN NULL ELSE GREATEST(x1, x2) END
        )
      )
      AND (
        p."left_on" IS NULL
        OR p."left_on" > LIST_REDUCE(
          ARRAY[h."preferential_cert_on", CAST('2004-07-01' AS DATE)],
          (x1, x2) -> CASE WHEN x1 IS NULL OR x2 IS NULL THEN NULL ELSE GREATEST(x1, x2) END
        )
      )
      AND (
        (
          p."role" = 'child'
        )
      ) IS TRUE) AS "#a13",
    COUNT(*) FILTER(WHERE
      p.birth_date <= LIST_REDUCE(
        ARRAY[h."preferential_cert_on", CAST('2004-07-01' AS DATE)],
        (x1, x2) -> CASE WHEN x1 IS NULL OR x2 IS NULL THEN NULL ELSE GREATEST(x1, x2) END
      )
      AND (
        p."died_on" IS NULL
        OR p."died_on" > LIST_REDUCE(
          ARRAY[h."preferential_cert_on", CAST('2004-07-01' AS DATE)],
          (x1, x2) -> CASE WHEN x1 IS NULL OR x2 IS NULL THEN NULL ELSE GREATEST(x1, x2) END
        )
      )
      AND (
        p."left_on" IS NULL
        OR p."left_on" > LIST_REDUCE(
          ARRAY[h."preferential_cert_on", CAST('2004-07-01' AS DATE)],
          (x1, x2) -> CASE WHEN x1 IS NULL OR x2 IS NULL THEN NULL ELSE GREATEST(x1, x2) END
        )
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
      ) IS FALSE) AS "#a14",
    COUNT(*) FILTER(WHERE
      p.birth_date <= LIST_REDUCE(
        ARRAY[h."preferential_cert_on", CAST('2004-07-01' AS DATE)],
        (x1, x2) -> CASE WHEN x1 IS NULL OR x2 IS NULL THEN NULL ELSE GREATEST(x1, x2) END
      )
      AND (
        p."died_on" IS NULL
        OR p."died_on" > LIST_REDUCE(
          ARRAY[h."preferential_cert_on", CAST('2004-07-01' AS DATE)],
          (x1, x2) -> CASE WHEN x1 IS NULL OR x2 IS NULL THEN NULL ELSE GREATEST(x1, x2) END
        )
      )
      AND (
        p."left_on" IS NULL
        OR p."left_on" > LIST_REDUCE(
          ARRAY[h."preferential_cert_on", CAST('2004-07-01' AS DATE)],
          (x1, x2) -> CASE WHEN x1 IS NULL OR x2 IS NULL THEN NULL ELSE GREATEST(x1, x2) END
        )
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
            p."contraception_on" <= LIST_REDUCE(
              ARRAY[h."preferential_cert_on", CAST('2004-07-01' AS DATE)],
              (x1, x2) -> CASE WHEN x1 IS NULL OR x2 IS NULL THEN NULL ELSE GREATEST(x1, x2) END
            )
          )
        )
      ) IS TRUE) AS "#a15",
    COUNT(*) FILTER(WHERE
      p.birth_date <= LIST_REDUCE(
        ARRAY[h."preferential_cert_on", CAST('2004-07-01' AS DATE)],
        (x1, x2) -> CASE WHEN x1 IS NULL OR x2 IS NULL THEN NULL ELSE GREATEST(x1, x2) END
      )
      AND (
        p."died_on" IS NULL
        OR p."died_on" > LIST_REDUCE(
          ARRAY[h."preferential_cert_on", CAST('2004-07-01' AS DATE)],
          (x1, x2) -> CASE WHEN x1 IS NULL OR x2 IS NULL THEN NULL ELSE GREATEST(x1, x2) END
        )
      )
      AND (
        p."left_on" IS NULL
        OR p."left_on" > LIST_REDUCE(
          ARRAY[h."preferential_cert_on", CAST('2004-07-01' AS DATE)],
          (x1, x2) -> CASE WHEN x1 IS NULL OR x2 IS NULL THEN NULL ELSE GREATEST(x1, x2) END
        )
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
            p."contraception_on" <= LIST_REDUCE(
              ARRAY[h."preferential_cert_on", CAST('2004-07-01' AS DATE)],
              (x1, x2) -> CASE WHEN x1 IS NULL OR x2 IS NULL THEN NULL ELSE GREATEST(x1, x2) END
            )
          )
        )
      ) IS NULL) AS "#a16"
  FROM hh_base AS h
  JOIN (
    SELECT
      *,
      STRUCT(
        p."birth_date" AS "birth_date",
        p."#id" AS "#id",
        p."died_on" AS "died_on",
        p."left_on" AS "left_on"
      ) AS "#p"
    FROM pp AS p
  ) AS p
    ON p."#hid" = h."#hid"
  WHERE
    (
      (
        h."preferential_cert_on"
      ) BETWEEN CAST('2005-01-01' AS DATE) AND CAST('2005-12-31' AS DATE)
    )
    OR (
      (
        LIST_REDUCE(
          ARRAY[h."preferential_cert_on", CAST('2004-07-01' AS DATE)],
          (x1, x2) -> CASE WHEN x1 IS NULL OR x2 IS NULL THEN NULL ELSE GREATEST(x1, x2) END
        )
      ) BETWEEN CAST('2005-01-01' AS DATE) AND CAST('2005-12-31' AS DATE)
    )
  GROUP BY
    h."#hid"
) AS a1
  ON a1."#hid" = h."#hid";
CREATE OR REPLACE TEMPORARY TABLE "veto:veto" AS
SELECT
  h."#hid" AS hid,
  h."#a1" AS v,
  FALSE AS err
FROM hh AS h;
CREATE OR REPLACE TEMPORARY TABLE "obligation:contraception_after_second_birth" AS
SELECT
  h."#hid" AS hid,
  h."#status" AS status,
  h."#t" AS t,
  h."#deadline" AS due,
  h."#act" AS act,
  h."#since" AS since,
  CASE
    WHEN h."#status" = 'breached'
    AND NOT h."#act" IS NULL
    AND h."#act" <= CAST('2005-12-31' AS DATE)
    THEN h."#act"
  END AS cured,
  CASE
    WHEN h."#status" = 'breached'
    THEN CAST(ROUND(CAST(CAST('300.00' AS DECIMAL(18, 2)) AS DECIMAL(38, 10)), 2) AS DECIMAL(18, 2))
  END AS penalty,
  CASE WHEN h."#status" = 'breached' THEN h."#since" END AS penalty_due,
  (
    h."#err"
    OR (
      h."#status" = 'breached'
      AND (
        FALSE
        OR (
          CAST(ROUND(CAST(CAST('300.00' AS DECIMAL(18, 2)) AS DECIMAL(38, 10)), 2) AS DECIMAL(18, 2))
        ) IS NULL
      )
    )
  ) AS err
FROM (
  SELECT
    h.*,
    CASE
      WHEN NOT h."#applies"
      THEN 'not_applicable'
      WHEN NOT h."#act" IS NULL
      AND (
        h."#deadline" IS NULL OR h."#act" <= h."#deadline"
      )
      AND h."#act" <= CAST('2005-12-31' AS DATE)
      THEN 'fulfilled'
      WHEN h."#deadline" IS NULL OR CAST('2005-12-31' AS DATE) <= h."#deadline"
      THEN 'pending'
      ELSE 'breached'
    END AS "#status",
    CAST(h."#deadline" + TO_DAYS(1) AS DATE) AS "#since"
  FROM (
    WITH "#triggered" AS (
      SELECT
        h.*,
        (
          (
            CASE WHEN h."#a2" >= 2 THEN h."#a3" END
          )
        )."birth_date" AS "#t"
      FROM hh AS h
    )
    SELECT
      h.*,
      (
        CASE
          WHEN CAST(h."#t" + TO_MONTHS(6) AS DATE) BETWEEN CAST('0001-01-01' AS DATE) AND CAST('9999-12-31' AS DATE)
          THEN CAST(h."#t" + TO_MONTHS(6) AS DATE)
        END
      ) AS "#deadline",
      h."#a4" AS "#act",
      (
        (
          TRUE AND NOT (
            (
              h."#x0"
            ) IS TRUE
          )
        )
        AND COALESCE(
          NOT (
            h."#signed"
          ) IS NULL
          AND (
            (
              (
                CASE
                  WHEN CAST(h."#t" + TO_MONTHS(6) AS DATE) BETWEEN CAST('0001-01-01' AS DATE) AND CAST('9999-12-31' AS DATE)
                  THEN CAST(h."#t" + TO_MONTHS(6) AS DATE)
                END
              )
            ) IS NULL
            OR (
              h."#signed"
            ) <= (
              CASE
                WHEN CAST(h."#t" + TO_MONTHS(6) AS DATE) BETWEEN CAST('0001-01-01' AS DATE) AND CAST('9999-12-31' AS DATE)
                THEN CAST(h."#t" + TO_MONTHS(6) AS DATE)
              END
            )
          ),
          FALSE
        )
      ) AS "#applies",
      (
        (
          FALSE
        ) IS TRUE
        OR (
          (
            TRUE AND NOT (
              FALSE
            ) AND h."#xe0"
          )
        ) IS TRUE
        OR (
          (
            (
              TRUE AND NOT (
                (
                  h."#x0"
                ) IS TRUE
              )
            ) AND h."#se"
          )
        ) IS TRUE
        OR (
          (
            (
              TRUE AND NOT (
                (
                  h."#x0"
                ) IS TRUE
              )
            )
            AND COALESCE(
              NOT (
                h."#signed"
              ) IS NULL
              AND (
                (
                  (
                    CASE
                      WHEN CAST(h."#t" + TO_MONTHS(6) AS DATE) BETWEEN CAST('0001-01-01' AS DATE) AND CAST('9999-12-31' AS DATE)
                      THEN CAST(h."#t" + TO_MONTHS(6) AS DATE)
                    END
                  )
                ) IS NULL
                OR (
                  h."#signed"
                ) <= (
                  CASE
                    WHEN CAST(h."#t" + TO_MONTHS(6) AS DATE) BETWEEN CAST('0001-01-01' AS DATE) AND CAST('9999-12-31' AS DATE)
                    THEN CAST(h."#t" + TO_MONTHS(6) AS DATE)
                  END
                )
              ),
              FALSE
            )
            AND FALSE
          )
        ) IS TRUE
      ) AS "#err"
    FROM (
      SELECT
        h.*,
        (
          SELECT
            (
              CASE
                WHEN COUNT(*) FILTER(WHERE
                  p.birth_date <= h."#t"
                  AND (
                    p."died_on" IS NULL OR p."died_on" > h."#t"
                  )
                  AND (
                    p."left_on" IS NULL OR p."left_on" > h."#t"
                  )
                  AND (
                    (
                      p."role" IN ('husband', 'wife')
                    )
                  ) IS TRUE
                  AND (
                    (
                      p."ethnicity" = 'minority'
                    )
                  ) IS FALSE) > 0
                THEN FALSE
                ELSE TRUE
              END
            )
          FROM pp AS p
          WHERE
            p."#hid" = h."#hid"
        ) AS "#x0",
        FALSE AS "#xe0",
        h."contract_signed_on" AS "#signed",
        FALSE AS "#se"
      FROM "#triggered" AS h
      WHERE
        (
          NOT h."#t" IS NULL
          AND h."#t" <= CAST('2005-12-31' AS DATE)
          AND h."#t" >= CAST('2004-07-01' AS DATE)
        )
    ) AS h
    UNION ALL BY NAME
    SELECT
      h.*,
      (
        CASE
          WHEN CAST(h."#t" + TO_MONTHS(6) AS DATE) BETWEEN CAST('0001-01-01' AS DATE) AND CAST('9999-12-31' AS DATE)
          THEN CAST(h."#t" + TO_MONTHS(6) AS DATE)
        END
      ) AS "#deadline",
      h."#a4" AS "#act",
      FALSE AS "#applies",
      (
        FALSE
      ) IS TRUE AS "#err"
    FROM "#triggered" AS h
    WHERE
      NOT COALESCE(
        (
          NOT h."#t" IS NULL
          AND h."#t" <= CAST('2005-12-31' AS DATE)
          AND h."#t" >= CAST('2004-07-01' AS DATE)
        ),
        FALSE
      )
  ) AS h
) AS h;
CREATE OR REPLACE TEMPORARY TABLE "benefit:health_fee" AS
SELECT
  h."#hid" AS hid,
  CAST(NULL AS TEXT) AS sid,
  h."#d" AS d,
  h."#ok" AS paid,
  CASE
    WHEN h."#ok"
    THEN CAST(ROUND(CAST(h."#x5" AS DECIMAL(38, 10)), 2) AS DECIMAL(18, 2))
  END AS amount,
  h."#err" AS err
FROM (
  SELECT
    *
    REPLACE (h."#err"
    OR (
      h."#ok"
      AND CAST(ROUND(CAST(h."#x5" AS DECIMAL(38, 10)), 2) AS DECIMAL(18, 2)) IS NULL
    ) AS "#err")
  FROM (
    SELECT
      *
      REPLACE (h."#ok" AS "#ok", (
        h."#err"
        OR (
          h."#ok" AND (
            (
              h."#d" < CAST('2004-01-01' AS DATE)
            ) IS TRUE
          )
        )
      ) AS "#err")
    FROM (
      SELECT
        *,
        (
          CASE
            WHEN h."#d" >= CAST('2004-01-01' AS DATE)
            THEN CAST('10.00' AS DECIMAL(18, 2))
            ELSE NULL
          END
        ) AS "#x5"
      FROM (
        SELECT
          *
          REPLACE ((
            h."#ok" AND (
              h."#x4"
            ) IS TRUE
          ) AS "#ok", (
            h."#err"
            OR (
              h."#ok"
              AND (
                (
                  (
                    h."#a5" + COALESCE(
                      LENGTH(
                        ARRAY(SELECT
                          x2
                        FROM UNNEST(h."#a6") AS _t0(x2)
                        WHERE
                          x2.b <= h."#d" AND (
                            x2.g IS NULL OR x2.g > h."#d"
                          ))
                      ),
                      0
                    )
                  ) <> 1
                ) IS TRUE
              )
            )
          ) AS "#err")
        FROM (
          SELECT
            *,
            (
              (
                CASE
                  WHEN 14 BETWEEN -9999 AND 9999
                  THEN (
                    CASE
                      WHEN CAST((
                        (
                          CASE
                            WHEN (
                              h."#a5" + COALESCE(
                                LENGTH(
                                  ARRAY(SELECT
                                    x2
                                  FROM UNNEST(h."#a6") AS _t1(x2)
                                  WHERE
                                    x2.b <= h."#d" AND (
                                      x2.g IS NULL OR x2.g > h."#d"
                                    ))
                                ),
                                0
                              )
                            ) >= 1
                            THEN (
                              CASE
                                WHEN ARRAY_MIN(
                                  ARRAY(SELECT
                                    x3
                                  FROM UNNEST(h."#a8") AS _t2(x3)
                                  WHERE
                                    x3.birth_date <= h."#d"
                                    AND (
                                      x3."died_on" IS NULL OR x3."died_on" > h."#d"
                                    )
                                    AND (
                                      x3."left_on" IS NULL OR x3."left_on" > h."#d"
                                    ))
                                ) IS NULL
                                THEN (
                                  CASE WHEN h."#a7".birth_date <= h."#d" THEN h."#a7" END
                                )
                                WHEN (
                                  CASE WHEN h."#a7".birth_date <= h."#d" THEN h."#a7" END
                                ) IS NULL
                                THEN ARRAY_MIN(
                                  ARRAY(SELECT
                                    x3
                                  FROM UNNEST(h."#a8") AS _t3(x3)
                                  WHERE
                                    x3.birth_date <= h."#d"
                                    AND (
                                      x3."died_on" IS NULL OR x3."died_on" > h."#d"
                                    )
                                    AND (
                                      x3."left_on" IS NULL OR x3."left_on" > h."#d"
                                    ))
                                )
                                WHEN (
                                  CASE WHEN h."#a7".birth_date <= h."#d" THEN h."#a7" END
                                ) <= ARRAY_MIN(
                                  ARRAY(SELECT
                                    x3
                                  FROM UNNEST(h."#a8") AS _t4(x3)
                                  WHERE
                                    x3.birth_date <= h."#d"
                                    AND (
                                      x3."died_on" IS NULL OR x3."died_on" > h."#d"
                                    )
                                    AND (
                                      x3."left_on" IS NULL OR x3."left_on" > h."#d"
                                    ))
                                )
                                THEN (
                                  CASE WHEN h."#a7".birth_date <= h."#d" THEN h."#a7" END
                                )
                                ELSE ARRAY_MIN(
                                  ARRAY(SELECT
                                    x3
                                  FROM UNNEST(h."#a8") AS _t5(x3)
                                  WHERE
                                    x3.birth_date <= h."#d"
                                    AND (
                                      x3."died_on" IS NULL OR x3."died_on" > h."#d"
                                    )
                                    AND (
                                      x3."left_on" IS NULL OR x3."left_on" > h."#d"
                                    ))
                                )
                              END
                            )
                          END
                        )
                      ).birth_date + TO_YEARS(14) AS DATE) BETWEEN CAST('0001-01-01' AS DATE) AND CAST('9999-12-31' AS DATE)
                      THEN CAST((
                        (
                          CASE
                            WHEN (
                              h."#a5" + COALESCE(
                                LENGTH(
                                  ARRAY(SELECT
                                    x2
                                  FROM UNNEST(h."#a6") AS _t6(x2)
                                  WHERE
                                    x2.b <= h."#d" AND (
                                      x2.g IS NULL OR x2.g > h."#d"
                                    ))
                                ),
                                0
                              )
                            ) >= 1
                            THEN (
                              CASE
                                WHEN ARRAY_MIN(
                                  ARRAY(SELECT
                                    x3
                                  FROM UNNEST(h."#a8") AS _t7(x3)
                                  WHERE
                                    x3.birth_date <= h."#d"
                                    AND (
                                      x3."died_on" IS NULL OR x3."died_on" > h."#d"
                                    )
                                    AND (
                                      x3."left_on" IS NULL OR x3."left_on" > h."#d"
                                    ))
                                ) IS NULL
                                THEN (
                                  CASE WHEN h."#a7".birth_date <= h."#d" THEN h."#a7" END
                                )
                                WHEN (
                                  CASE WHEN h."#a7".birth_date <= h."#d" THEN h."#a7" END
                                ) IS NULL
                                THEN ARRAY_MIN(
                                  ARRAY(SELECT
                                    x3
                                  FROM UNNEST(h."#a8") AS _t8(x3)
                                  WHERE
                                    x3.birth_date <= h."#d"
                                    AND (
                                      x3."died_on" IS NULL OR x3."died_on" > h."#d"
                                    )
                                    AND (
                                      x3."left_on" IS NULL OR x3."left_on" > h."#d"
                                    ))
                                )
                                WHEN (
                                  CASE WHEN h."#a7".birth_date <= h."#d" THEN h."#a7" END
                                ) <= ARRAY_MIN(
                                  ARRAY(SELECT
                                    x3
                                  FROM UNNEST(h."#a8") AS _t9(x3)
                                  WHERE
                                    x3.birth_date <= h."#d"
                                    AND (
                                      x3."died_on" IS NULL OR x3."died_on" > h."#d"
                                    )
                                    AND (
                                      x3."left_on" IS NULL OR x3."left_on" > h."#d"
                                    ))
                                )
                                THEN (
                                  CASE WHEN h."#a7".birth_date <= h."#d" THEN h."#a7" END
                                )
                                ELSE ARRAY_MIN(
                                  ARRAY(SELECT
                                    x3
                                  FROM UNNEST(h."#a8") AS _t10(x3)
                                  WHERE
                                    x3.birth_date <= h."#d"
                                    AND (
                                      x3."died_on" IS NULL OR x3."died_on" > h."#d"
                                    )
                                    AND (
                                      x3."left_on" IS NULL OR x3."left_on" > h."#d"
                                    ))
                                )
                              END
                            )
                          END
                        )
                      ).birth_date + TO_YEARS(14) AS DATE)
                    END
                  )
                END
              ) >= h."#us"
            ) AS "#x4"
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
                h."#def2" AS "#x3"
              FROM (
                SELECT
                  *,
                  (
                    (
                      h."#a5" + COALESCE(
                        LENGTH(
                          ARRAY(SELECT
                            x1
                          FROM UNNEST(h."#a6") AS _t11(x1)
                          WHERE
                            x1.b <= h."#d" AND (
                              x1.g IS NULL OR x1.g > h."#d"
                            ))
                        ),
                        0
                      )
                    ) = 1
                  ) AS "#def2"
                FROM (
                  SELECT
                    *
                    REPLACE ((
                      h."#ok" AND (
                        h."#x1"
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
                        h."one_child_cert_on" <= h."#d"
                      ) AS "#x1"
                    FROM (
                      SELECT
                        *
                      FROM (
                        SELECT
                          h.*
                          EXCEPT ("#e0"),
                          (
                            (
                              h."#d" >= CAST('2004-01-01' AS DATE)
                            )
                            AND (
                              NOT COALESCE(v0.v <= h."#d", FALSE)
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
                                  CAST('2005-01-31' AS DATE),
                                  CAST('2005-01-01' AS DATE),
                                  CAST('2005-01-31' AS DATE)
                                ),
                                (
                                  CAST('2005-02-28' AS DATE),
                                  CAST('2005-02-01' AS DATE),
                                  CAST('2005-02-28' AS DATE)
                                ),
                                (
                                  CAST('2005-03-31' AS DATE),
                                  CAST('2005-03-01' AS DATE),
                                  CAST('2005-03-31' AS DATE)
                                ),
                                (
                                  CAST('2005-04-30' AS DATE),
                                  CAST('2005-04-01' AS DATE),
                                  CAST('2005-04-30' AS DATE)
                                ),
                                (
                                  CAST('2005-05-31' AS DATE),
                                  CAST('2005-05-01' AS DATE),
                                  CAST('2005-05-31' AS DATE)
                                ),
                                (
                                  CAST('2005-06-30' AS DATE),
                                  CAST('2005-06-01' AS DATE),
                                  CAST('2005-06-30' AS DATE)
                                ),
                                (
                                  CAST('2005-07-31' AS DATE),
                                  CAST('2005-07-01' AS DATE),
                                  CAST('2005-07-31' AS DATE)
                                ),
                                (
                                  CAST('2005-08-31' AS DATE),
                                  CAST('2005-08-01' AS DATE),
                                  CAST('2005-08-31' AS DATE)
                                ),
                                (
                                  CAST('2005-09-30' AS DATE),
                                  CAST('2005-09-01' AS DATE),
                                  CAST('2005-09-30' AS DATE)
                                ),
                                (
                                  CAST('2005-10-31' AS DATE),
                                  CAST('2005-10-01' AS DATE),
                                  CAST('2005-10-31' AS DATE)
                                ),
                                (
                                  CAST('2005-11-30' AS DATE),
                                  CAST('2005-11-01' AS DATE),
                                  CAST('2005-11-30' AS DATE)
                                ),
                                (
                                  CAST('2005-12-31' AS DATE),
                                  CAST('2005-12-01' AS DATE),
                                  CAST('2005-12-31' AS DATE)
                                )) AS u(d, us, ue)
                            ) AS h
                          ) AS h
                        ) AS h
                        LEFT JOIN "veto:veto" AS v0
                          ON v0.hid = h."#hid"
                        WHERE
                          TRUE
                      )
                      WHERE
                        "#ok" OR "#err"
                    ) AS h
                  ) AS h
                  WHERE
                    (
                      h."#ok" AND (
                        h."#x1"
                      ) IS TRUE
                    ) OR h."#err" OR (
                      h."#ok" AND FALSE
                    )
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
          (
            h."#ok" AND (
              h."#x4"
            ) IS TRUE
          )
          OR h."#err"
          OR (
            h."#ok"
            AND (
              (
                (
                  h."#a5" + COALESCE(
                    LENGTH(
                      ARRAY(SELECT
                        x2
                      FROM UNNEST(h."#a6") AS _t12(x2)
                      WHERE
                        x2.b <= h."#d" AND (
                          x2.g IS NULL OR x2.g > h."#d"
                        ))
                    ),
                    0
                  )
                ) <> 1
              ) IS TRUE
            )
          )
      ) AS h
    ) AS h
    WHERE
      h."#ok"
      OR h."#err"
      OR (
        h."#ok" AND (
          (
            h."#d" < CAST('2004-01-01' AS DATE)
          ) IS TRUE
        )
      )
  ) AS h
) AS h;
CREATE OR REPLACE TEMPORARY TABLE "benefit:pension_subsidy" AS
SELECT
  h."#hid" AS hid,
  CAST(NULL AS TEXT) AS sid,
  h."#d" AS d,
  h."#ok" AS paid,
  CASE
    WHEN h."#ok"
    THEN CAST(ROUND(CAST(h."#x6" AS DECIMAL(38, 10)), 2) AS DECIMAL(18, 2))
  END AS amount,
  h."#err" AS err
FROM (
  SELECT
    *
    REPLACE (h."#err"
    OR (
      h."#ok"
      AND CAST(ROUND(CAST(h."#x6" AS DECIMAL(38, 10)), 2) AS DECIMAL(18, 2)) IS NULL
    ) AS "#err")
  FROM (
    SELECT
      *
      REPLACE (h."#ok" AS "#ok", (
        h."#err"
        OR (
          h."#ok" AND (
            (
              h."#d" < CAST('2004-01-01' AS DATE)
            ) IS TRUE
          )
        )
      ) AS "#err")
    FROM (
      SELECT
        *,
        (
          CASE
            WHEN h."#d" >= CAST('2004-01-01' AS DATE)
            THEN CAST('200.00' AS DECIMAL(18, 2))
            ELSE NULL
          END
        ) AS "#x6"
      FROM (
        SELECT
          *
          REPLACE ((
            h."#ok" AND (
              h."#x5"
            ) IS TRUE
          ) AS "#ok", (
            h."#err" OR (
              h."#ok" AND FALSE
            )
          ) AS "#err")
        FROM (
          SELECT
            *,
            h."#def4" AS "#x5"
          FROM (
            SELECT
              *,
              (
                CASE WHEN h."#a11" > 0 THEN TRUE WHEN h."#a12" > 0 THEN NULL ELSE FALSE END
              ) AS "#def4"
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
                  h."#def2" AS "#x3"
                FROM (
                  SELECT
                    *,
                    (
                      (
                        h."#a9" = 2
                      ) AND (
                        CASE WHEN h."#a10" > 0 THEN FALSE ELSE TRUE END
                      )
                    ) AS "#def2"
                  FROM (
                    SELECT
                      *
                      REPLACE ((
                        h."#ok" AND (
                          h."#x1"
                        ) IS TRUE
                      ) AS "#ok", (
                        h."#err" OR (
                          h."#ok" AND FALSE
                        )
                      ) AS "#err")
                    FROM (
                      SELECT
                        *,
                        h."rural" AS "#x1"
                      FROM (
                        SELECT
                          *
                        FROM (
                          SELECT
                            h.*
                            EXCEPT ("#e0"),
                            (
                              (
                                h."#d" >= CAST('2004-01-01' AS DATE)
                              )
                              AND (
                                NOT COALESCE(v0.v <= h."#d", FALSE)
                              )
                            ) IS TRUE AS "#ok",
                            h."#e0" IS TRUE AS "#err"
                          FROM (
                            SELECT
                              h.*
                              EXCEPT ("#e"),
                              h."#d" AS "#us",
                              h."#d" AS "#ue",
                              h."#e" AS "#e0"
                            FROM (
                              SELECT
                                h.*,
                                h."preferential_cert_on" AS "#d",
                                FALSE AS "#e"
                              FROM (
                                SELECT
                                  h.*,
                                  NULL AS "#s"
                                FROM (
                                  SELECT
                                    h.*
                                  FROM hh AS h
                                ) AS h
                              ) AS h
                            ) AS h
                          ) AS h
                          LEFT JOIN "veto:veto" AS v0
                            ON v0.hid = h."#hid"
                          WHERE
                            (
                              NOT h."#d" IS NULL
                              AND h."#d" BETWEEN CAST('2005-01-01' AS DATE) AND CAST('2005-12-31' AS DATE)
                              AND h."#d" >= CAST('0001-01-01' AS DATE)
                            )
                            OR h."#e0"
                        )
                        WHERE
                          "#ok" OR "#err"
                      ) AS h
                    ) AS h
                    WHERE
                      (
                        h."#ok" AND (
                          h."#x1"
                        ) IS TRUE
                      ) OR h."#err" OR (
                        h."#ok" AND FALSE
                      )
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
        ) AS h
        WHERE
          (
            h."#ok" AND (
              h."#x5"
            ) IS TRUE
          ) OR h."#err" OR (
            h."#ok" AND FALSE
          )
      ) AS h
    ) AS h
    WHERE
      h."#ok"
      OR h."#err"
      OR (
        h."#ok" AND (
          (
            h."#d" < CAST('2004-01-01' AS DATE)
          ) IS TRUE
        )
      )
  ) AS h
) AS h;
CREATE OR REPLACE TEMPORARY TABLE "benefit:girls_scholarship" AS
SELECT
  h."#hid" AS hid,
  (
    h."#s"
  )."#id" AS sid,
  h."#d" AS d,
  h."#ok" AS paid,
  CASE
    WHEN h."#ok"
    THEN CAST(ROUND(CAST(h."#x2" AS DECIMAL(38, 10)), 2) AS DECIMAL(18, 2))
  END AS amount,
  h."#err" AS err
FROM (
  SELECT
    *
    REPLACE (h."#err"
    OR (
      h."#ok"
      AND CAST(ROUND(CAST(h."#x2" AS DECIMAL(38, 10)), 2) AS DECIMAL(18, 2)) IS NULL
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
        (
          CASE
            WHEN (
              h."#s"
            )."admission_tier" IS NULL
            THEN NULL
            WHEN (
              h."#s"
            )."admission_tier" = 'undergrad_first'
            THEN CAST('5000.00' AS DECIMAL(18, 2))
            WHEN (
              h."#s"
            )."admission_tier" = 'undergrad_second'
            THEN CAST('3000.00' AS DECIMAL(18, 2))
            WHEN (
              h."#s"
            )."admission_tier" = 'junior_college'
            THEN CAST('1000.00' AS DECIMAL(18, 2))
            ELSE NULL
          END
        ) AS "#x2"
      FROM (
        SELECT
          *
          REPLACE ((
            h."#ok" AND (
              h."#x1"
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
              h."preferential_cert_on" <= h."#d"
            ) AS "#x1"
          FROM (
            SELECT
              *
            FROM (
              SELECT
                h.*
                EXCEPT ("#e0"),
                (
                  (
                    h."#d" >= CAST('2004-01-01' AS DATE)
                  )
                  AND (
                    NOT COALESCE(v0.v <= h."#d", FALSE)
                  )
                ) IS TRUE AS "#ok",
                h."#e0" IS TRUE AS "#err"
              FROM (
                SELECT
                  h.*
                  EXCEPT ("#e"),
                  h."#d" AS "#us",
                  h."#d" AS "#ue",
                  (
                    h."#e"
                    OR (
                      NOT h."#d" IS NULL
                      AND h."#d" BETWEEN CAST('2005-01-01' AS DATE) AND CAST('2005-12-31' AS DATE)
                      AND h."#d" >= (
                        h."#s"
                      ).birth_date
                    )
                    AND h."#ie"
                  ) AS "#e0"
                FROM (
                  SELECT
                    h.*,
                    (
                      h."#s".birth_date <= h."#d"
                      AND (
                        h."#s"."died_on" IS NULL OR h."#s"."died_on" > h."#d"
                      )
                      AND (
                        h."#s"."left_on" IS NULL OR h."#s"."left_on" > h."#d"
                      )
                      AND (
                        (
                          (
                            h."#s"
                          )."role" = 'child'
                        )
                      ) IS TRUE
                      AND (
                        (
                          (
                            h."#s"
                          )."sex" = 'female'
                        )
                      ) IS TRUE
                    ) IS TRUE AS "#in",
                    FALSE AS "#ie"
                  FROM (
                    SELECT
                      h.*,
                      (
                        h."#s"
                      )."admitted_on" AS "#d",
                      FALSE AS "#e"
                    FROM (
                      SELECT
                        h.*,
                        STRUCT(
                          p."birth_date" AS "birth_date",
                          p."#id" AS "#id",
                          p."role" AS "role",
                          p."sex" AS "sex",
                          p."died_on" AS "died_on",
                          p."left_on" AS "left_on",
                          p."ethnicity" AS "ethnicity",
                          p."contraception" AS "contraception",
                          p."contraception_on" AS "contraception_on",
                          p."out_of_policy_birth" AS "out_of_policy_birth",
                          p."admitted_on" AS "admitted_on",
                          p."admission_tier" AS "admission_tier"
                        ) AS "#s"
                      FROM (
                        SELECT
                          h.*
                        FROM hh AS h
                      ) AS h
                      JOIN pp AS p
                        ON p."#hid" = h."#hid"
                      WHERE
                        p.birth_date <= CAST('2005-12-31' AS DATE)
                        AND (
                          p."admitted_on"
                        ) BETWEEN CAST('2005-01-01' AS DATE) AND CAST('2005-12-31' AS DATE)
                        AND (
                          p."admitted_on"
                        ) >= p.birth_date
                    ) AS h
                  ) AS h
                ) AS h
              ) AS h
              LEFT JOIN "veto:veto" AS v0
                ON v0.hid = h."#hid"
              WHERE
                (
                  (
                    NOT h."#d" IS NULL
                    AND h."#d" BETWEEN CAST('2005-01-01' AS DATE) AND CAST('2005-12-31' AS DATE)
                    AND h."#d" >= (
                      h."#s"
                    ).birth_date
                  )
                  AND h."#in"
                )
                OR h."#e0"
            )
            WHERE
              "#ok" OR "#err"
          ) AS h
        ) AS h
        WHERE
          (
            h."#ok" AND (
              h."#x1"
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
) AS h;
CREATE OR REPLACE TEMPORARY TABLE "benefit:village_pension_subsidy" AS
SELECT
  h."#hid" AS hid,
  CAST(NULL AS TEXT) AS sid,
  h."#d" AS d,
  h."#ok" AS paid,
  CASE
    WHEN h."#ok"
    THEN CAST(ROUND(CAST(h."#x6" AS DECIMAL(38, 10)), 2) AS DECIMAL(18, 2))
  END AS amount,
  h."#err" AS err
FROM (
  SELECT
    *
    REPLACE (h."#err"
    OR (
      h."#ok"
      AND CAST(ROUND(CAST(h."#x6" AS DECIMAL(38, 10)), 2) AS DECIMAL(18, 2)) IS NULL
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
        CAST('200.00' AS DECIMAL(18, 2)) AS "#x6"
      FROM (
        SELECT
          *
          REPLACE (h."#ok"
          AND NOT COALESCE(
            h."#o0_status" = 'breached'
            AND h."#o0_since" <= h."#d"
            AND NOT (
              NOT h."#o0_cured" IS NULL AND h."#d" >= h."#o0_cured"
            ),
            FALSE
          ) AS "#ok")
        FROM (
          SELECT
            *
            REPLACE ((
              h."#ok" AND (
                h."#x5"
              ) IS TRUE
            ) AS "#ok", (
              h."#err" OR (
                h."#ok" AND FALSE
              )
            ) AS "#err")
          FROM (
            SELECT
              *,
              h."#def4" AS "#x5"
            FROM (
              SELECT
                *,
                (
                  CASE WHEN h."#a15" > 0 THEN TRUE WHEN h."#a16" > 0 THEN NULL ELSE FALSE END
                ) AS "#def4"
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
                    h."#def2" AS "#x3"
                  FROM (
                    SELECT
                      *,
                      (
                        (
                          h."#a13" = 2
                        ) AND (
                          CASE WHEN h."#a14" > 0 THEN FALSE ELSE TRUE END
                        )
                      ) AS "#def2"
                    FROM (
                      SELECT
                        *
                        REPLACE ((
                          h."#ok" AND (
                            h."#x1"
                          ) IS TRUE
                        ) AS "#ok", (
                          h."#err" OR (
                            h."#ok" AND FALSE
                          )
                        ) AS "#err")
                      FROM (
                        SELECT
                          *,
                          h."rural" AS "#x1"
                        FROM (
                          SELECT
                            *
                          FROM (
                            SELECT
                              h.*
                              EXCEPT ("#e0"),
                              (
                                (
                                  h."#d" >= CAST('2004-07-01' AS DATE)
                                )
                                AND (
                                  NOT COALESCE(v0.v <= h."#d", FALSE)
                                )
                              ) IS TRUE AS "#ok",
                              h."#e0" IS TRUE AS "#err",
                              o0.status AS "#o0_status",
                              o0.since AS "#o0_since",
                              o0.cured AS "#o0_cured"
                            FROM (
                              SELECT
                                h.*
                                EXCEPT ("#e"),
                                h."#d" AS "#us",
                                h."#d" AS "#ue",
                                h."#e" AS "#e0"
                              FROM (
                                SELECT
                                  h.*,
                                  LIST_REDUCE(
                                    ARRAY[h."preferential_cert_on", CAST('2004-07-01' AS DATE)],
                                    (x1, x2) -> CASE WHEN x1 IS NULL OR x2 IS NULL THEN NULL ELSE GREATEST(x1, x2) END
                                  ) AS "#d",
                                  FALSE AS "#e"
                                FROM (
                                  SELECT
                                    h.*,
                                    NULL AS "#s"
                                  FROM (
                                    SELECT
                                      h.*
                                    FROM hh AS h
                                  ) AS h
                                ) AS h
                              ) AS h
                            ) AS h
                            LEFT JOIN "veto:veto" AS v0
                              ON v0.hid = h."#hid"
                            LEFT JOIN "obligation:contraception_after_second_birth" AS o0
                              ON o0.hid = h."#hid"
                            WHERE
                              (
                                NOT h."#d" IS NULL
                                AND h."#d" BETWEEN CAST('2005-01-01' AS DATE) AND CAST('2005-12-31' AS DATE)
                                AND h."#d" >= CAST('0001-01-01' AS DATE)
                              )
                              OR h."#e0"
                          )
                          WHERE
                            "#ok" OR "#err"
                        ) AS h
                      ) AS h
                      WHERE
                        (
                          h."#ok" AND (
                            h."#x1"
                          ) IS TRUE
                        ) OR h."#err" OR (
                          h."#ok" AND FALSE
                        )
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
          ) AS h
          WHERE
            (
              h."#ok" AND (
                h."#x5"
              ) IS TRUE
            ) OR h."#err" OR (
              h."#ok" AND FALSE
            )
        ) AS h
      ) AS h
    ) AS h
    WHERE
      h."#ok" OR h."#err" OR (
        h."#ok" AND FALSE
      )
  ) AS h
) AS h;
CREATE OR REPLACE TEMPORARY TABLE "benefit:tuition_waiver" AS
SELECT
  h."#hid" AS hid,
  (
    h."#s"
  )."#id" AS sid,
  h."#d" AS d,
  h."#ok" AS paid,
  CASE WHEN h."#ok" THEN CAST(NULL AS DECIMAL(18, 2)) END AS amount,
  h."#err" AS err
FROM (
  SELECT
    *
    REPLACE (h."#ok"
    AND NOT COALESCE(
      h."#o0_status" = 'breached'
      AND h."#o0_since" <= h."#d"
      AND NOT (
        NOT h."#o0_cured" IS NULL AND h."#d" >= h."#o0_cured"
      ),
      FALSE
    ) AS "#ok")
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
          (
            CASE
              WHEN (
                EXTRACT(YEAR FROM h."#d") - EXTRACT(YEAR FROM (
                  h."#s"
                ).birth_date)
              ) IS NULL
              THEN NULL
              WHEN (
                EXTRACT(YEAR FROM h."#d") - EXTRACT(YEAR FROM (
                  h."#s"
                ).birth_date)
              ) > 0
              THEN (
                EXTRACT(YEAR FROM h."#d") - EXTRACT(YEAR FROM (
                  h."#s"
                ).birth_date)
              ) - CASE
                WHEN CAST((
                  h."#s"
                ).birth_date + TO_YEARS((
                  EXTRACT(YEAR FROM h."#d") - EXTRACT(YEAR FROM (
                    h."#s"
                  ).birth_date)
                )) AS DATE) > h."#d"
                THEN 1
                ELSE 0
              END
              WHEN h."#d" >= (
                h."#s"
              ).birth_date
              THEN 0
              ELSE -1
            END
          ) BETWEEN 6 AND 15
        ) AS "#x3"
      FROM (
        SELECT
          *
          REPLACE ((
            h."#ok" AND (
              h."#x2"
            ) IS TRUE
          ) AS "#ok", (
            h."#err" OR (
              h."#ok" AND FALSE
            )
          ) AS "#err")
        FROM (
          SELECT
            *,
            h."#def1" AS "#x2"
          FROM (
            SELECT
              *,
              (
                (
                  (
                    h."#a17" + COALESCE(
                      LENGTH(
                        ARRAY(SELECT
                          x1
                        FROM UNNEST(h."#a18") AS _t0(x1)
                        WHERE
                          x1.b <= h."#d" AND (
                            x1.g IS NULL OR x1.g > h."#d"
                          ))
                      ),
                      0
                    )
                  ) = 2
                )
                AND (
                  CASE
                    WHEN (
                      h."#a19" + COALESCE(
                        LENGTH(
                          ARRAY(SELECT
                            x2
                          FROM UNNEST(h."#a20") AS _t1(x2)
                          WHERE
                            x2.b <= h."#d" AND (
                              x2.g IS NULL OR x2.g > h."#d"
                            ))
                        ),
                        0
                      )
                    ) > 0
                    THEN FALSE
                    ELSE TRUE
                  END
                )
              ) AS "#def1"
            FROM (
              SELECT
                *
              FROM (
                SELECT
                  h.*
                  EXCEPT ("#e0"),
                  (
                    (
                      h."#d" >= CAST('2004-07-01' AS DATE)
                    )
                    AND (
                      NOT COALESCE(v0.v <= h."#d", FALSE)
                    )
                  ) IS TRUE AS "#ok",
                  h."#e0" IS TRUE AS "#err",
                  o0.status AS "#o0_status",
                  o0.since AS "#o0_since",
                  o0.cured AS "#o0_cured"
                FROM (
                  SELECT
                    h.*,
                    FALSE AS "#e0"
                  FROM (
                    SELECT
                      h.*,
                      STRUCT(
                        p."birth_date" AS "birth_date",
                        p."#id" AS "#id",
                        p."role" AS "role",
                        p."sex" AS "sex",
                        p."died_on" AS "died_on",
                        p."left_on" AS "left_on",
                        p."ethnicity" AS "ethnicity",
                        p."contraception" AS "contraception",
                        p."contraception_on" AS "contraception_on",
                        p."out_of_policy_birth" AS "out_of_policy_birth",
                        p."admitted_on" AS "admitted_on",
                        p."admission_tier" AS "admission_tier"
                      ) AS "#s"
                    FROM (
                      SELECT
                        h.*,
                        u.d AS "#d",
                        u.us AS "#us",
                        u.ue AS "#ue"
                      FROM hh AS h
                      CROSS JOIN (VALUES
                        (
                          CAST('2005-03-01' AS DATE),
                          CAST('2005-03-01' AS DATE),
                          CAST('2005-08-31' AS DATE)
                        ),
                        (
                          CAST('2005-09-01' AS DATE),
                          CAST('2005-09-01' AS DATE),
                          CAST('2006-02-28' AS DATE)
                        )) AS u(d, us, ue)
                    ) AS h
                    JOIN pp AS p
                      ON p."#hid" = h."#hid"
                    WHERE
                      p.birth_date <= h."#d"
                      AND (
                        p."died_on" IS NULL OR p."died_on" > h."#d"
                      )
                      AND (
                        p."left_on" IS NULL OR p."left_on" > h."#d"
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
                      ) IS TRUE
                  ) AS h
                ) AS h
                LEFT JOIN "veto:veto" AS v0
                  ON v0.hid = h."#hid"
                LEFT JOIN "obligation:contraception_after_second_birth" AS o0
                  ON o0.hid = h."#hid"
                WHERE
                  TRUE
              )
              WHERE
                "#ok" OR "#err"
            ) AS h
          ) AS h
        ) AS h
        WHERE
          (
            h."#ok" AND (
              h."#x2"
            ) IS TRUE
          ) OR h."#err" OR (
            h."#ok" AND FALSE
          )
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
) AS h;
CREATE TEMPORARY TABLE errors AS
SELECT DISTINCT
  hid
FROM (
  SELECT
    hid
  FROM "benefit:health_fee"
  WHERE
    err
  UNION ALL
  SELECT
    hid
  FROM "benefit:pension_subsidy"
  WHERE
    err
  UNION ALL
  SELECT
    hid
  FROM "benefit:girls_scholarship"
  WHERE
    err
  UNION ALL
  SELECT
    hid
  FROM "veto:veto"
  WHERE
    err
  UNION ALL
  SELECT
    hid
  FROM "benefit:village_pension_subsidy"
  WHERE
    err
  UNION ALL
  SELECT
    hid
  FROM "benefit:tuition_waiver"
  WHERE
    err
  UNION ALL
  SELECT
    hid
  FROM "obligation:contraception_after_second_birth"
  WHERE
    err
);
WITH units AS (
  SELECT
    hid,
    'health_fee' AS benefit,
    sid,
    d,
    amount
  FROM "benefit:health_fee"
  WHERE
    paid
  UNION ALL
  SELECT
    hid,
    'pension_subsidy' AS benefit,
    sid,
    d,
    amount
  FROM "benefit:pension_subsidy"
  WHERE
    paid
  UNION ALL
  SELECT
    hid,
    'girls_scholarship' AS benefit,
    sid,
    d,
    amount
  FROM "benefit:girls_scholarship"
  WHERE
    paid
  UNION ALL
  SELECT
    hid,
    'village_pension_subsidy' AS benefit,
    sid,
    d,
    amount
  FROM "benefit:village_pension_subsidy"
  WHERE
    paid
  UNION ALL
  SELECT
    hid,
    'tuition_waiver' AS benefit,
    sid,
    d,
    amount
  FROM "benefit:tuition_waiver"
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
    CAST('{' || STRING_AGG(
      
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
        JSON_OBJECT('benefit': benefit, 'member': sid, 'on': TO_CHAR(d, 'YYYY-MM-DD')) ORDER BY d, benefit, COALESCE(sid, '')
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
    CAST('{' || STRING_AGG(
      
        CAST(TO_JSON(obligation) AS TEXT) || ':' || CAST(TO_JSON(CAST(penalty AS TEXT)) AS TEXT),
        ','
      
      ORDER BY
        obligation
    ) || '}' AS JSON) AS penalties,
    SUM(penalty) AS total
  FROM (
    SELECT
      hid,
      'contraception_after_second_birth' AS obligation,
      penalty
    FROM "obligation:contraception_after_second_birth"
    WHERE
      NOT penalty IS NULL
      AND penalty <> 0
      AND penalty_due BETWEEN CAST('2005-01-01' AS DATE) AND CAST('2005-12-31' AS DATE)
  )
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
  JSON_OBJECT(
    'contraception_after_second_birth': (
      CASE o0.status
        WHEN 'pending'
        THEN JSON_OBJECT('status': 'pending', 'due': TO_CHAR(o0.due, 'YYYY-MM-DD'))
        WHEN 'fulfilled'
        THEN JSON_OBJECT('status': 'fulfilled', 'on': TO_CHAR(o0.act, 'YYYY-MM-DD'))
        WHEN 'breached'
        THEN CASE
          WHEN o0.cured IS NULL
          THEN JSON_OBJECT('status': 'breached', 'since': TO_CHAR(o0.since, 'YYYY-MM-DD'))
          ELSE JSON_OBJECT(
            'status': 'breached',
            'since': TO_CHAR(o0.since, 'YYYY-MM-DD'),
            'cured_on': TO_CHAR(o0.cured, 'YYYY-MM-DD')
          )
        END
        ELSE JSON_OBJECT('status': 'not_applicable')
      END
    )
  ) AS obligations,
  CAST(CAST(COALESCE(p.total, 0) AS DECIMAL(38, 2)) AS TEXT) AS penalties_total,
  CAST('[]' AS JSON) AS amount_unknown,
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
LEFT JOIN "obligation:contraception_after_second_birth" AS o0
  ON o0.hid = h."#hid"
WHERE
  NOT h."#hid" IN (
    SELECT
      hid
    FROM errors
  )
ORDER BY
  h."#hid";
