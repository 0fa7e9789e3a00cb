SELECT
  *
INTO #hh
FROM (
  SELECT
    h.*,
    a0.[#a1] AS [#a1],
    COALESCE(a0.[#a2], 0) AS [#a2],
    a0.[#a3] AS [#a3],
    a0.[#a4] AS [#a4],
    COALESCE(a0.[#a5], 0) AS [#a5],
    a0.[#a6] AS [#a6],
    a0.[#a7] AS [#a7],
    a0.[#a8] AS [#a8],
    COALESCE(a0.[#a17], 0) AS [#a17],
    a0.[#a18] AS [#a18],
    COALESCE(a0.[#a19], 0) AS [#a19],
    a0.[#a20] AS [#a20],
    COALESCE(a1.[#a9], 0) AS [#a9],
    COALESCE(a1.[#a10], 0) AS [#a10],
    COALESCE(a1.[#a11], 0) AS [#a11],
    COALESCE(a1.[#a12], 0) AS [#a12],
    COALESCE(a1.[#a13], 0) AS [#a13],
    COALESCE(a1.[#a14], 0) AS [#a14],
    COALESCE(a1.[#a15], 0) AS [#a15],
    COALESCE(a1.[#a16], 0) AS [#a16]
  FROM hh_base AS h
  LEFT JOIN (
    SELECT
      p.[#hid] AS [#hid],
      MIN(
        IIF(
          p.birth_date <= CAST('2005-12-31' AS DATE)
          AND (
            p.[died_on] IS NULL OR p.[died_on] > CAST('2005-12-31' AS DATE)
          )
          AND (
            p.[left_on] IS NULL OR p.[left_on] > CAST('2005-12-31' AS DATE)
          )
          AND (
            (
              p.[role] = 'child'
            )
          ) = 1
          AND (
            p.[out_of_policy_birth]
          ) = 1,
          p.[birth_date],
          NULL
        )
      ) AS [#a1],
      COUNT(
        IIF(
          p.birth_date <= CAST('2005-12-31' AS DATE)
          AND (
            (
              p.[role] = 'child'
            )
          ) = 1,
          1,
          NULL
        )
      ) AS [#a2],
      MIN(IIF((
        (
          p.[role] = 'child'
        )
      ) = 1, p.[#p], NULL), 2)[1] AS [#a3],
      MIN(
        IIF(
          p.birth_date <= CAST('2005-12-31' AS DATE)
          AND (
            p.[died_on] IS NULL OR p.[died_on] > CAST('2005-12-31' AS DATE)
          )
          AND (
            p.[left_on] IS NULL OR p.[left_on] > CAST('2005-12-31' AS DATE)
          )
          AND (
            (
              p.[role] IN ('husband', 'wife')
            )
          ) = 1
          AND (
            (
              p.[contraception] IN ('sterilization', 'iud', 'implant')
            )
          ) = 1,
          p.[contraception_on],
          NULL
        )
      ) AS [#a4],
      COUNT(
        IIF(
          p.birth_date <= CAST('2005-01-31' AS DATE)
          AND (
            LEAST(p.[died_on], p.[left_on]) IS NULL
            OR LEAST(p.[died_on], p.[left_on]) > CAST('2005-12-31' AS DATE)
          )
          AND (
            (
              p.[role] = 'child'
            )
          ) = 1,
          1,
          NULL
        )
      ) AS [#a5],
      ARRAY_AGG(
        IIF(
          p.birth_date <= CAST('2005-12-31' AS DATE)
          AND (
            LEAST(p.[died_on], p.[left_on]) IS NULL
            OR LEAST(p.[died_on], p.[left_on]) > CAST('2005-01-31' AS DATE)
          )
          AND NOT (
            p.birth_date <= CAST('2005-01-31' AS DATE)
            AND (
              LEAST(p.[died_on], p.[left_on]) IS NULL
              OR LEAST(p.[died_on], p.[left_on]) > CAST('2005-12-31' AS DATE)
            )
          )
          AND (
            (
              p.[role] = 'child'
            )
          ) = 1,
          STRUCT(p.birth_date AS b, LEAST(p.[died_on], p.[left_on]) AS g),
          NULL
        )
      ) IGNORE NULLS AS [#a6],
      MIN(
        IIF(
          p.birth_date <= CAST('2005-12-31' AS DATE)
          AND (
            LEAST(p.[died_on], p.[left_on]) IS NULL
            OR LEAST(p.[died_on], p.[left_on]) > CAST('2005-12-31' AS DATE)
          )
          AND (
            (
              p.[role] = 'child'
            )
          ) = 1,
          p.[#p],
          NULL
        )
      ) AS [#a7],
      ARRAY_AGG(
        IIF(
          p.birth_date <= CAST('2005-12-31' AS DATE)
          AND LEAST(p.[died_on], p.[left_on]) > CAST('2005-01-31' AS DATE)
          AND LEAST(p.[died_on], p.[left_on]) <= CAST('2005-12-31' AS DATE)
          AND (
            (
              p.[role] = 'child'
            )
          ) = 1,
          p.[#p],
          NULL
        )
      ) IGNORE NULLS AS [#a8],
      COUNT(
        IIF(
          p.birth_date <= CAST('2005-03-01' AS DATE)
          AND (
            LEAST(p.[died_on], p.[left_on]) IS NULL
            OR LEAST(p.[died_on], p.[left_on]) > CAST('2005-09-01' AS DATE)
          )
          AND (
            (
              p.[role] = 'child'
            )
          ) = 1,
          1,
          NULL
        )
      ) AS [#a17],
      ARRAY_AGG(
        IIF(
          p.birth_date <= CAST('2005-09-01' AS DATE)
          AND (
            LEAST(p.[died_on], p.[left_on]) IS NULL
            OR LEAST(p.[died_on], p.[left_on]) > CAST('2005-03-01' AS DATE)
          )
          AND NOT (
            p.birth_date <= CAST('2005-03-01' AS DATE)
            AND (
              LEAST(p.[died_on], p.[left_on]) IS NULL
              OR LEAST(p.[died_on], p.[left_on]) > CAST('2005-09-01' AS DATE)
            )
          )
          AND (
            (
              p.[role] = 'child'
            )
          ) = 1,
          STRUCT(p.birth_date AS b, LEAST(p.[died_on], p.[left_on]) AS g),
          NULL
        )
      ) IGNORE NULLS AS [#a18],
      COUNT(
        IIF(
          p.birth_date <= CAST('2005-03-01' AS DATE)
          AND (
            LEAST(p.[died_on], p.[left_on]) IS NULL
            OR LEAST(p.[died_on], p.[left_on]) > CAST('2005-09-01' AS DATE)
          )
          AND (
            (
              p.[role] = 'child'
            )
          ) = 1
          AND (
            (
              p.[sex] = 'female'
            )
          ) = 0,
          1,
          NULL
        )
      ) AS [#a19],
      ARRAY_AGG(
        IIF(
          p.birth_date <= CAST('2005-09-01' AS DATE)
          AND (
            LEAST(p.[died_on], p.[left_on]) IS NULL
            OR LEAST(p.[died_on], p.[left_on]) > CAST('2005-03-01' AS DATE)
          )
          AND NOT (
            p.birth_date <= CAST('2005-03-01' AS DATE)
            AND (
              LEAST(p.[died_on], p.[left_on]) IS NULL
              OR LEAST(p.[died_on], p.[left_on]) > CAST('2005-09-01' AS DATE)
            )
          )
          AND (
            (
              p.[role] = 'child'
            )
          ) = 1
          AND (
            (
              p.[sex] = 'female'
            )
          ) = 0,
          STRUCT(p.birth_date AS b, LEAST(p.[died_on], p.[left_on]) AS g),
          NULL
        )
      ) IGNORE NULLS AS [#a20]
    FROM (
      SELECT
        *,
        STRUCT(
          p.[birth_date] AS [birth_date],
          p.[#id] AS [#id],
          p.[died_on] AS [died_on],
          p.[left_on] AS [left_on]
        ) AS [#p]
      FROM pp AS p
    ) AS p
    GROUP BY
      p.[#hid]
  ) AS a0
    ON a0.[#hid] = h.[#hid]
  LEFT JOIN (
    SELECT
      h.[#hid] AS [#hid],
      COUNT(
        IIF(
          p.birth_date <= h.[preferential_cert_on]
          AND (
            p.[died_on] IS NULL OR p.[died_on] > h.[preferential_cert_on]
          )
          AND (
            p.[left_on] IS NULL OR p.[left_on] > h.[preferential_cert_on]
          )
          AND (
            (
              p.[role] = 'child'
            )
          ) = 1,
          1,
          NULL
        )
      ) AS [#a9],
      COUNT(
        IIF(
          p.birth_date <= h.[preferential_cert_on]
          AND (
            p.[died_on] IS NULL OR p.[died_on] > h.[preferential_cert_on]
          )
          AND (
            p.[left_on] IS NULL OR p.[left_on] > h.[preferential_cert_on]
          )
          AND (
            (
              p.[role] = 'child'
            )
          ) = 1
          AND (
            (
              p.[sex] = 'female'
            )
          ) = 0,
          1,
          NULL
        )
      ) AS [#a10],
      COUNT(
        IIF(
          p.birth_date <= h.[preferential_cert_on]
          AND (
            p.[died_on] IS NULL OR p.[died_on] > h.[preferential_cert_on]
          )
          AND (
            p.[left_on] IS NULL OR p.[left_on] > h.[preferential_cert_on]
          )
          AND (
            (
              p.[role] IN ('husband', 'wife')
            )
          ) = 1
          AND (
            (
              (
                p.[contraception] = 'sterilization'
              )
              AND (
                p.[contraception_on] <= h.[preferential_cert_on]
              )
            )
          ) = 1,
          1,
          NULL
        )
      ) AS [#a11],
      COUNT(
        IIF(
          p.birth_date <= h.[preferential_cert_on]
          AND (
            p.[died_on] IS NULL OR p.[died_on] > h.[preferential_cert_on]
          )
          AND (
            p.[left_on] IS NULL OR p.[left_on] > h.[preferential_cert_on]
          )
          AND (
            (
              p.[role] IN ('husband', 'wife')
            )
          ) = 1
          AND (
            (
              (
                p.[contraception] = 'sterilization'
              )
              AND (
                p.[contraception_on] <= h.[preferential_cert_on]
              )
            )
          ) IS NULL,
          1,
          NULL
        )
      ) AS [#a12],
      COUNT(
        IIF(
          p.birth_date <= LIST_REDUCE(
            ARRAY(h.[preferential_cert_on], CAST('2004-07-01' AS DATE)),
            (x1, x2) -> CASE WHEN x1 IS NULL OR x2 IS NULL THEN NULL ELSE GREATEST(x1, x2) END
          )
          AND (
            p.[died_on] IS NULL
            OR p.[died_on] > LIST_REDUCE(
              ARRAY(h.[preferential_cert_on], CAST('2004-07-01' AS DATE)),
              (x1, x2) -> CASE WHEN x1 IS NULL OR x2 IS NULL THEN NULL ELSE GREATEST(x1, x2) END
            )
          )
          AND (
            p.[left_on] IS NULL
            OR p.[left_on] > LIST_REDUCE(
              ARRAY(h.[preferential_cert_on], CAST('2004-07-01' AS DATE)),
              (x1, x2) -> CASE WHEN x1 IS NULL OR x2 IS NULL THEN NULL ELSE GREATEST(x1, x2) END
            )
          )
          AND (
            (
              p.[role] = 'child'
            )
          ) = 1,
          1,
          NULL
        )
      ) AS [#a13],
      COUNT(
        IIF(
          p.birth_date <= LIST_REDUCE(
            ARRAY(h.[preferential_cert_on], CAST('2004-07-01' AS DATE)),
            (x1, x2) -> CASE WHEN x1 IS NULL OR x2 IS NULL THEN NULL ELSE GREATEST(x1, x2) END
          )
          AND (
            p.[died_on] IS NULL
            OR p.[died_on] > LIST_REDUCE(
              ARRAY(h.[preferential_cert_on], CAST('2004-07-01' AS DATE)),
              (x1, x2) -> CASE WHEN x1 IS NULL OR x2 IS NULL THEN NULL ELSE GREATEST(x1, x2) END
            )
          )
          AND (
            p.[left_on] IS NULL
            OR p.[left_on] > LIST_REDUCE(
              ARRAY(h.[preferential_cert_on], CAST('2004-07-01' AS DATE)),
              (x1, x2) -> CASE WHEN x1 IS NULL OR x2 IS NULL THEN NULL ELSE GREATEST(x1, x2) END
            )
          )
          AND (
            (
              p.[role] = 'child'
            )
          ) = 1
          AND (
            (
              p.[sex] = 'female'
            )
          ) = 0,
          1,
          NULL
        )
      ) AS [#a14],
      COUNT(
        IIF(
          p.birth_date <= LIST_REDUCE(
            ARRAY(h.[preferential_cert_on], CAST('2004-07-01' AS DATE)),
            (x1, x2) -> CASE WHEN x1 IS NULL OR x2 IS NULL THEN NULL ELSE GREATEST(x1, x2) END
          )
          AND (
            p.[died_on] IS NULL
            OR p.[died_on] > LIST_REDUCE(
              ARRAY(h.[preferential_cert_on], CAST('2004-07-01' AS DATE)),
              (x1, x2) -> CASE WHEN x1 IS NULL OR x2 IS NULL THEN NULL ELSE GREATEST(x1, x2) END
            )
          )
          AND (
            p.[left_on] IS NULL
            OR p.[left_on] > LIST_REDUCE(
              ARRAY(h.[preferential_cert_on], CAST('2004-07-01' AS DATE)),
              (x1, x2) -> CASE WHEN x1 IS NULL OR x2 IS NULL THEN NULL ELSE GREATEST(x1, x2) END
            )
          )
          AND (
            (
              p.[role] IN ('husband', 'wife')
            )
          ) = 1
          AND (
            (
              (
                p.[contraception] = 'sterilization'
              )
              AND (
                p.[contraception_on] <= LIST_REDUCE(
                  ARRAY(h.[preferential_cert_on], CAST('2004-07-01' AS DATE)),
                  (x1, x2) -> CASE WHEN x1 IS NULL OR x2 IS NULL THEN NULL ELSE GREATEST(x1, x2) END
                )
              )
            )
          ) = 1,
          1,
          NULL
        )
      ) AS [#a15],
      COUNT(
        IIF(
          p.birth_date <= LIST_REDUCE(
            ARRAY(h.[preferential_cert_on], CAST('2004-07-01' AS DATE)),
            (x1, x2) -> CASE WHEN x1 IS NULL OR x2 IS NULL THEN NULL ELSE GREATEST(x1, x2) END
          )
          AND (
            p.[died_on] IS NULL
            OR p.[died_on] > LIST_REDUCE(
              ARRAY(h.[preferential_cert_on], CAST('2004-07-01' AS DATE)),
              (x1, x2) -> CASE WHEN x1 IS NULL OR x2 IS NULL THEN NULL ELSE GREATEST(x1, x2) END
            )
          )
          AND (
            p.[left_on] IS NULL
            OR p.[left_on] > LIST_REDUCE(
              ARRAY(h.[preferential_cert_on], CAST('2004-07-01' AS DATE)),
              (x1, x2) -> CASE WHEN x1 IS NULL OR x2 IS NULL THEN NULL ELSE GREATEST(x1, x2) END
            )
          )
          AND (
            (
              p.[role] IN ('husband', 'wife')
            )
          ) = 1
          AND (
            (
              (
                p.[contraception] = 'sterilization'
              )
              AND (
                p.[contraception_on] <= LIST_REDUCE(
                  ARRAY(h.[preferential_cert_on], CAST('2004-07-01' AS DATE)),
                  (x1, x2) -> CASE WHEN x1 IS NULL OR x2 IS NULL THEN NULL ELSE GREATEST(x1, x2) END
                )
              )
            )
          ) IS NULL,
          1,
          NULL
        )
      ) AS [#a16]
    FROM hh_base AS h
    JOIN (
      SELECT
        *,
        STRUCT(
          p.[birth_date] AS [birth_date],
          p.[#id] AS [#id],
          p.[died_on] AS [died_on],
          p.[left_on] AS [left_on]
        ) AS [#p]
      FROM pp AS p
    ) AS p
      ON p.[#hid] = h.[#hid]
    WHERE
      (
        (
          h.[preferential_cert_on]
        ) BETWEEN CAST('2005-01-01' AS DATE) AND CAST('2005-12-31' AS DATE)
      )
      OR (
        (
          LIST_REDUCE(
            ARRAY(h.[preferential_cert_on], CAST('2004-07-01' AS DATE)),
            (x1, x2) -> CASE WHEN x1 IS NULL OR x2 IS NULL THEN NULL ELSE GREATEST(x1, x2) END
          )
        ) BETWEEN CAST('2005-01-01' AS DATE) AND CAST('2005-12-31' AS DATE)
      )
    GROUP BY
      h.[#hid]
  ) AS a1
    ON a1.[#hid] = h.[#hid]
) AS temp;
SELECT
  *
INTO [#veto:veto]
FROM (
  SELECT
    h.[#hid] AS hid,
    h.[#a1] AS v,
    0 AS err
  FROM hh AS h
) AS temp;
WITH [#triggered] AS (
  SELECT
    h.*,
    (
      (
        CASE WHEN h.[#a2] >= 2 THEN h.[#a3] END
      )
    ).[birth_date] AS [#t]
  FROM hh AS h
)
SELECT
  *
INTO [#obligation:contraception_after_second_birth]
FROM (
  SELECT
    h.[#hid] AS hid,
    h.[#status] AS status,
    h.[#t] AS t,
    h.[#deadline] AS due,
    h.[#act] AS act,
    h.[#since] AS since,
    CASE
      WHEN h.[#status] = 'breached'
      AND NOT h.[#act] IS NULL
      AND h.[#act] <= CAST('2005-12-31' AS DATE)
      THEN h.[#act]
    END AS cured,
    CASE
      WHEN h.[#status] = 'breached'
      THEN TRY_CAST(ROUND(TRY_CAST(CAST('300.00' AS NUMERIC(18, 2)) AS NUMERIC(38, 10)), 2) AS NUMERIC(18, 2))
    END AS penalty,
    CASE WHEN h.[#status] = 'breached' THEN h.[#since] END AS penalty_due,
    (
      h.[#err] <> 0
      OR (
        h.[#status] = 'breached'
        AND (
          (1 = 0)
          OR (
            TRY_CAST(ROUND(TRY_CAST(CAST('300.00' AS NUMERIC(18, 2)) AS NUMERIC(38, 10)), 2) AS NUMERIC(18, 2))
          ) IS NULL
        )
      )
    ) AS err
  FROM (
    SELECT
      h.*,
      CASE
        WHEN NOT h.[#applies] <> 0
        THEN 'not_applicable'
        WHEN NOT h.[#act] IS NULL
        AND (
          h.[#deadline] IS NULL OR h.[#act] <= h.[#deadline]
        )
        AND h.[#act] <= CAST('2005-12-31' AS DATE)
        THEN 'fulfilled'
        WHEN h.[#deadline] IS NULL OR CAST('2005-12-31' AS DATE) <= h.[#deadline]
        THEN 'pending'
        ELSE 'breached'
      END AS [#status],
      CAST(h.[#deadline] + TO_DAYS(1) AS DATE) AS [#since]
    FROM (
      SELECT
        h.*,
        (
          CASE
            WHEN CAST(h.[#t] + TO_MONTHS(6) AS DATE) BETWEEN CAST('0001-01-01' AS DATE) AND CAST('9999-12-31' AS DATE)
            THEN CAST(h.[#t] + TO_MONTHS(6) AS DATE)
          END
        ) AS [#deadline],
        h.[#a4] AS [#act],
        (
          (
            (1 = 1) AND NOT (
              (
                h.[#x0]
              ) = 1
            )
          )
          AND COALESCE(
            NOT (
              h.[#signed]
            ) IS NULL
            AND (
              (
                (
                  CASE
                    WHEN CAST(h.[#t] + TO_MONTHS(6) AS DATE) BETWEEN CAST('0001-01-01' AS DATE) AND CAST('9999-12-31' AS DATE)
                    THEN CAST(h.[#t] + TO_MONTHS(6) AS DATE)
                  END
                )
              ) IS NULL
              OR (
                h.[#signed]
              ) <= (
                CASE
                  WHEN CAST(h.[#t] + TO_MONTHS(6) AS DATE) BETWEEN CAST('0001-01-01' AS DATE) AND CAST('9999-12-31' AS DATE)
                  THEN CAST(h.[#t] + TO_MONTHS(6) AS DATE)
                END
              )
            ),
            (1 = 0)
          )
        ) AS [#applies],
        (
          (
            (1 = 0)
          ) = 1
          OR (
            (
              (1 = 1) AND NOT (
                (1 = 0)
              ) AND h.[#xe0] <> 0
            )
          ) = 1
          OR (
            (
              (
                (1 = 1) AND NOT (
                  (
                    h.[#x0]
                  ) = 1
                )
              ) AND h.[#se] <> 0
            )
          ) = 1
          OR (
            (
              (
                (1 = 1) AND NOT (
                  (
                    h.[#x0]
                  ) = 1
                )
              )
              AND COALESCE(
                NOT (
                  h.[#signed]
                ) IS NULL
                AND (
                  (
                    (
                      CASE
                        WHEN CAST(h.[#t] + TO_MONTHS(6) AS DATE) BETWEEN CAST('0001-01-01' AS DATE) AND CAST('9999-12-31' AS DATE)
                        THEN CAST(h.[#t] + TO_MONTHS(6) AS DATE)
                      END
                    )
                  ) IS NULL
                  OR (
                    h.[#signed]
                  ) <= (
                    CASE
                      WHEN CAST(h.[#t] + TO_MONTHS(6) AS DATE) BETWEEN CAST('0001-01-01' AS DATE) AND CAST('9999-12-31' AS DATE)
                      THEN CAST(h.[#t] + TO_MONTHS(6) AS DATE)
                    END
                  )
                ),
                (1 = 0)
              )
              AND (1 = 0)
            )
          ) = 1
        ) AS [#err]
      FROM (
        SELECT
          h.*,
          (
            SELECT
              (
                CASE
                  WHEN COUNT(
                    IIF(
                      p.birth_date <= h.[#t]
                      AND (
                        p.[died_on] IS NULL OR p.[died_on] > h.[#t]
                      )
                      AND (
                        p.[left_on] IS NULL OR p.[left_on] > h.[#t]
                      )
                      AND (
                        (
                          p.[role] IN ('husband', 'wife')
                        )
                      ) = 1
                      AND (
                        (
                          p.[ethnicity] = 'minority'
                        )
                      ) = 0,
                      1,
                      NULL
                    )
                  ) > 0
                  THEN (1 = 0)
                  ELSE (1 = 1)
                END
              )
            FROM pp AS p
            WHERE
              p.[#hid] = h.[#hid]
          ) AS [#x0],
          0 AS [#xe0],
          h.[contract_signed_on] AS [#signed],
          0 AS [#se]
        FROM [#triggered] AS h
        WHERE
          (
            NOT h.[#t] IS NULL
            AND h.[#t] <= CAST('2005-12-31' AS DATE)
            AND h.[#t] >= CAST('2004-07-01' AS DATE)
          )
      ) AS h
      UNION ALL BY NAME
      SELECT
        h.*,
        (
          CASE
            WHEN CAST(h.[#t] + TO_MONTHS(6) AS DATE) BETWEEN CAST('0001-01-01' AS DATE) AND CAST('9999-12-31' AS DATE)
            THEN CAST(h.[#t] + TO_MONTHS(6) AS DATE)
          END
        ) AS [#deadline],
        h.[#a4] AS [#act],
        0 AS [#applies],
        (
          (1 = 0)
        ) = 1 AS [#err]
      FROM [#triggered] AS h
      WHERE
        NOT COALESCE(
          (
            NOT h.[#t] IS NULL
            AND h.[#t] <= CAST('2005-12-31' AS DATE)
            AND h.[#t] >= CAST('2004-07-01' AS DATE)
          ),
          (1 = 0)
        )
    ) AS h
  ) AS h
) AS temp;
SELECT
  *
INTO [#benefit:health_fee]
FROM (
  SELECT
    h.[#hid] AS hid,
    CAST(NULL AS VARCHAR(MAX)) AS sid,
    h.[#d] AS d,
    h.[#ok] AS paid,
    CASE
      WHEN h.[#ok] <> 0
      THEN TRY_CAST(ROUND(TRY_CAST(h.[#x5] AS NUMERIC(38, 10)), 2) AS NUMERIC(18, 2))
    END AS amount,
    h.[#err] AS err
  FROM (
    SELECT
      *
      REPLACE (h.[#err] <> 0
      OR (
        h.[#ok] <> 0
        AND TRY_CAST(ROUND(TRY_CAST(h.[#x5] AS NUMERIC(38, 10)), 2) AS NUMERIC(18, 2)) IS NULL
      ) AS [#err])
    FROM (
      SELECT
        *
        REPLACE (h.[#ok] AS [#ok], (
          h.[#err] <> 0
          OR (
            h.[#ok] <> 0 AND (
              (
                h.[#d] < CAST('2004-01-01' AS DATE)
              ) = 1
            )
          )
        ) AS [#err])
      FROM (
        SELECT
          *,
          (
            CASE
              WHEN h.[#d] >= CAST('2004-01-01' AS DATE)
              THEN CAST('10.00' AS NUMERIC(18, 2))
              ELSE NULL
            END
          ) AS [#x5]
        FROM (
          SELECT
            *
            REPLACE ((
              h.[#ok] <> 0 AND (
                h.[#x4]
              ) = 1
            ) AS [#ok], (
              h.[#err] <> 0
              OR (
                h.[#ok] <> 0
                AND (
                  (
                    (
                      h.[#a5] + COALESCE(
                        LEN(FILTER(h.[#a6], x2 -> x2.b <= h.[#d] AND (
                          x2.g IS NULL OR x2.g > h.[#d]
                        ))),
                        0
                      )
                    ) <> 1
                  ) = 1
                )
              )
            ) AS [#err])
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
                                h.[#a5] + COALESCE(
                                  LEN(FILTER(h.[#a6], x2 -> x2.b <= h.[#d] AND (
                                    x2.g IS NULL OR x2.g > h.[#d]
                                  ))),
                                  0
                                )
                              ) >= 1
                              THEN (
                                CASE
                                  WHEN ARRAY_MIN(
                                    FILTER(
                                      h.[#a8],
                                      x3 -> x3.birth_date <= h.[#d]
                                      AND (
                                        x3.[died_on] IS NULL OR x3.[died_on] > h.[#d]
                                      )
                                      AND (
                                        x3.[left_on] IS NULL OR x3.[left_on] > h.[#d]
                                      )
                                    )
                                  ) IS NULL
                                  THEN (
                                    CASE WHEN h.[#a7].birth_date <= h.[#d] THEN h.[#a7] END
                                  )
                                  WHEN (
                                    CASE WHEN h.[#a7].birth_date <= h.[#d] THEN h.[#a7] END
                                  ) IS NULL
                                  THEN ARRAY_MIN(
                                    FILTER(
                                      h.[#a8],
                                      x3 -> x3.birth_date <= h.[#d]
                                      AND (
                                        x3.[died_on] IS NULL OR x3.[died_on] > h.[#d]
                                      )
                                      AND (
                                        x3.[left_on] IS NULL OR x3.[left_on] > h.[#d]
                                      )
                                    )
                                  )
                                  WHEN (
                                    CASE WHEN h.[#a7].birth_date <= h.[#d] THEN h.[#a7] END
                                  ) <= ARRAY_MIN(
                                    FILTER(
                                      h.[#a8],
                                      x3 -> x3.birth_date <= h.[#d]
                                      AND (
                                        x3.[died_on] IS NULL OR x3.[died_on] > h.[#d]
                                      )
                                      AND (
                                        x3.[left_on] IS NULL OR x3.[left_on] > h.[#d]
                                      )
                                    )
                                  )
                                  THEN (
                                    CASE WHEN h.[#a7].birth_date <= h.[#d] THEN h.[#a7] END
                                  )
                                  ELSE ARRAY_MIN(
                                    FILTER(
                                      h.[#a8],
                                      x3 -> x3.birth_date <= h.[#d]
                                      AND (
                                        x3.[died_on] IS NULL OR x3.[died_on] > h.[#d]
                                      )
                                      AND (
                                        x3.[left_on] IS NULL OR x3.[left_on] > h.[#d]
                                      )
                                    )
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
                                h.[#a5] + COALESCE(
                                  LEN(FILTER(h.[#a6], x2 -> x2.b <= h.[#d] AND (
                                    x2.g IS NULL OR x2.g > h.[#d]
                                  ))),
                                  0
                                )
                              ) >= 1
                              THEN (
                                CASE
                                  WHEN ARRAY_MIN(
                                    FILTER(
                                      h.[#a8],
                                      x3 -> x3.birth_date <= h.[#d]
                                      AND (
                                        x3.[died_on] IS NULL OR x3.[died_on] > h.[#d]
                                      )
                                      AND (
                                        x3.[left_on] IS NULL OR x3.[left_on] > h.[#d]
                                      )
                                    )
                                  ) IS NULL
                                  THEN (
                                    CASE WHEN h.[#a7].birth_date <= h.[#d] THEN h.[#a7] END
                                  )
                                  WHEN (
                                    CASE WHEN h.[#a7].birth_date <= h.[#d] THEN h.[#a7] END
                                  ) IS NULL
                                  THEN ARRAY_MIN(
                                    FILTER(
                                      h.[#a8],
                                      x3 -> x3.birth_date <= h.[#d]
                                      AND (
                                        x3.[died_on] IS NULL OR x3.[died_on] > h.[#d]
                                      )
                                      AND (
                                        x3.[left_on] IS NULL OR x3.[left_on] > h.[#d]
                                      )
                                    )
                                  )
                                  WHEN (
                                    CASE WHEN h.[#a7].birth_date <= h.[#d] THEN h.[#a7] END
                                  ) <= ARRAY_MIN(
                                    FILTER(
                                      h.[#a8],
                                      x3 -> x3.birth_date <= h.[#d]
                                      AND (
                                        x3.[died_on] IS NULL OR x3.[died_on] > h.[#d]
                                      )
                                      AND (
                                        x3.[left_on] IS NULL OR x3.[left_on] > h.[#d]
                                      )
                                    )
                                  )
                                  THEN (
                                    CASE WHEN h.[#a7].birth_date <= h.[#d] THEN h.[#a7] END
                                  )
                                  ELSE ARRAY_MIN(
                                    FILTER(
                                      h.[#a8],
                                      x3 -> x3.birth_date <= h.[#d]
                                      AND (
                                        x3.[died_on] IS NULL OR x3.[died_on] > h.[#d]
                                      )
                                      AND (
                                        x3.[left_on] IS NULL OR x3.[left_on] > h.[#d]
                                      )
                                    )
                                  )
                                END
                              )
                            END
                          )
                        ).birth_date + TO_YEARS(14) AS DATE)
                      END
                    )
                  END
                ) >= h.[#us]
              ) AS [#x4]
            FROM (
              SELECT
                *
                REPLACE ((
                  h.[#ok] <> 0 AND (
                    h.[#x3]
                  ) = 1
                ) AS [#ok], (
                  h.[#err] <> 0 OR (
                    h.[#ok] <> 0 AND (1 = 0)
                  )
                ) AS [#err])
              FROM (
                SELECT
                  *,
                  h.[#def2] AS [#x3]
                FROM (
                  SELECT
                    *,
                    (
                      (
                        h.[#a5] + COALESCE(
                          LEN(FILTER(h.[#a6], x1 -> x1.b <= h.[#d] AND (
                            x1.g IS NULL OR x1.g > h.[#d]
                          ))),
                          0
                        )
                      ) = 1
                    ) AS [#def2]
                  FROM (
                    SELECT
                      *
                      REPLACE ((
                        h.[#ok] <> 0 AND (
                          h.[#x1]
                        ) = 1
                      ) AS [#ok], (
                        h.[#err] <> 0 OR (
                          h.[#ok] <> 0 AND (1 = 0)
                        )
                      ) AS [#err])
                    FROM (
                      SELECT
                        *,
                        (
                          h.[one_child_cert_on] <= h.[#d]
                        ) AS [#x1]
                      FROM (
                        SELECT
                          *
                        FROM (
                          SELECT
                            h.*
                            EXCEPT ([#e0]),
                            (
                              (
                                h.[#d] >= CAST('2004-01-01' AS DATE)
                              )
                              AND (
                                NOT COALESCE(v0.v <= h.[#d], (1 = 0))
                              )
                            ) = 1 AS [#ok],
                            h.[#e0] = 1 AS [#err]
                          FROM (
                            SELECT
                              h.*,
                              0 AS [#e0]
                            FROM (
                              SELECT
                                h.*,
                                NULL AS [#s]
                              FROM (
                                SELECT
                                  h.*,
                                  u.d AS [#d],
                                  u.us AS [#us],
                                  u.ue AS [#ue]
                                FROM (
                                  SELECT
                                    *
                                  FROM hh AS h
                                  WHERE
                                    (
                                      h.[rural]
                                    ) = 1
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
                          LEFT JOIN [veto:veto] AS v0
                            ON v0.hid = h.[#hid]
                          WHERE
                            (1 = 1)
                        )
                        WHERE
                          [#ok] <> 0 OR [#err] <> 0
                      ) AS h
                    ) AS h
                    WHERE
                      (
                        h.[#ok] <> 0 AND (
                          h.[#x1]
                        ) = 1
                      )
                      OR h.[#err] <> 0
                      OR (
                        h.[#ok] <> 0 AND (1 = 0)
                      )
                  ) AS h
                ) AS h
              ) AS h
              WHERE
                (
                  h.[#ok] <> 0 AND (
                    h.[#x3]
                  ) = 1
                )
                OR h.[#err] <> 0
                OR (
                  h.[#ok] <> 0 AND (1 = 0)
                )
            ) AS h
          ) AS h
          WHERE
            (
              h.[#ok] <> 0 AND (
                h.[#x4]
              ) = 1
            )
            OR h.[#err] <> 0
            OR (
              h.[#ok] <> 0
              AND (
                (
                  (
                    h.[#a5] + COALESCE(
                      LEN(FILTER(h.[#a6], x2 -> x2.b <= h.[#d] AND (
                        x2.g IS NULL OR x2.g > h.[#d]
                      ))),
                      0
                    )
                  ) <> 1
                ) = 1
              )
            )
        ) AS h
      ) AS h
      WHERE
        h.[#ok] <> 0
        OR h.[#err] <> 0
        OR (
          h.[#ok] <> 0 AND (
            (
              h.[#d] < CAST('2004-01-01' AS DATE)
            ) = 1
          )
        )
    ) AS h
  ) AS h
) AS temp;
SELECT
  *
INTO [#benefit:pension_subsidy]
FROM (
  SELECT
    h.[#hid] AS hid,
    CAST(NULL AS VARCHAR(MAX)) AS sid,
    h.[#d] AS d,
    h.[#ok] AS paid,
    CASE
      WHEN h.[#ok] <> 0
      THEN TRY_CAST(ROUND(TRY_CAST(h.[#x6] AS NUMERIC(38, 10)), 2) AS NUMERIC(18, 2))
    END AS amount,
    h.[#err] AS err
  FROM (
    SELECT
      *
      REPLACE (h.[#err] <> 0
      OR (
        h.[#ok] <> 0
        AND TRY_CAST(ROUND(TRY_CAST(h.[#x6] AS NUMERIC(38, 10)), 2) AS NUMERIC(18, 2)) IS NULL
      ) AS [#err])
    FROM (
      SELECT
        *
        REPLACE (h.[#ok] AS [#ok], (
          h.[#err] <> 0
          OR (
            h.[#ok] <> 0 AND (
              (
                h.[#d] < CAST('2004-01-01' AS DATE)
              ) = 1
            )
          )
        ) AS [#err])
      FROM (
        SELECT
          *,
          (
            CASE
              WHEN h.[#d] >= CAST('2004-01-01' AS DATE)
              THEN CAST('200.00' AS NUMERIC(18, 2))
              ELSE NULL
            END
          ) AS [#x6]
        FROM (
          SELECT
            *
            REPLACE ((
              h.[#ok] <> 0 AND (
                h.[#x5]
              ) = 1
            ) AS [#ok], (
              h.[#err] <> 0 OR (
                h.[#ok] <> 0 AND (1 = 0)
              )
            ) AS [#err])
          FROM (
            SELECT
              *,
              h.[#def4] AS [#x5]
            FROM (
              SELECT
                *,
                (
                  CASE WHEN h.[#a11] > 0 THEN (1 = 1) WHEN h.[#a12] > 0 THEN NULL ELSE (1 = 0) END
                ) AS [#def4]
              FROM (
                SELECT
                  *
                  REPLACE ((
                    h.[#ok] <> 0 AND (
                      h.[#x3]
                    ) = 1
                  ) AS [#ok], (
                    h.[#err] <> 0 OR (
                      h.[#ok] <> 0 AND (1 = 0)
                    )
                  ) AS [#err])
                FROM (
                  SELECT
                    *,
                    h.[#def2] AS [#x3]
                  FROM (
                    SELECT
                      *,
                      (
                        (
                          h.[#a9] = 2
                        ) AND (
                          CASE WHEN h.[#a10] > 0 THEN (1 = 0) ELSE (1 = 1) END
                        )
                      ) AS [#def2]
                    FROM (
                      SELECT
                        *
                        REPLACE ((
                          h.[#ok] <> 0 AND (
                            h.[#x1]
                          ) = 1
                        ) AS [#ok], (
                          h.[#err] <> 0 OR (
                            h.[#ok] <> 0 AND (1 = 0)
                          )
                        ) AS [#err])
                      FROM (
                        SELECT
                          *,
                          h.[rural] AS [#x1]
                        FROM (
                          SELECT
                            *
                          FROM (
                            SELECT
                              h.*
                              EXCEPT ([#e0]),
                              (
                                (
                                  h.[#d] >= CAST('2004-01-01' AS DATE)
                                )
                                AND (
                                  NOT COALESCE(v0.v <= h.[#d], (1 = 0))
                                )
                              ) = 1 AS [#ok],
                              h.[#e0] = 1 AS [#err]
                            FROM (
                              SELECT
                                h.*
                                EXCEPT ([#e]),
                                h.[#d] AS [#us],
                                h.[#d] AS [#ue],
                                h.[#e] AS [#e0]
                              FROM (
                                SELECT
                                  h.*,
                                  h.[preferential_cert_on] AS [#d],
                                  0 AS [#e]
                                FROM (
                                  SELECT
                                    h.*,
                                    NULL AS [#s]
                                  FROM (
                                    SELECT
                                      h.*
                                    FROM hh AS h
                                  ) AS h
                                ) AS h
                              ) AS h
                            ) AS h
                            LEFT JOIN [veto:veto] AS v0
                              ON v0.hid = h.[#hid]
                            WHERE
                              (
                                NOT h.[#d] IS NULL
                                AND h.[#d] BETWEEN CAST('2005-01-01' AS DATE) AND CAST('2005-12-31' AS DATE)
                                AND h.[#d] >= CAST('0001-01-01' AS DATE)
                              )
                              OR h.[#e0] <> 0
                          )
                          WHERE
                            [#ok] <> 0 OR [#err] <> 0
                        ) AS h
                      ) AS h
                      WHERE
                        (
                          h.[#ok] <> 0 AND (
                            h.[#x1]
                          ) = 1
                        )
                        OR h.[#err] <> 0
                        OR (
                          h.[#ok] <> 0 AND (1 = 0)
                        )
                    ) AS h
                  ) AS h
                ) AS h
                WHERE
                  (
                    h.[#ok] <> 0 AND (
                      h.[#x3]
                    ) = 1
                  )
                  OR h.[#err] <> 0
                  OR (
                    h.[#ok] <> 0 AND (1 = 0)
                  )
              ) AS h
            ) AS h
          ) AS h
          WHERE
            (
              h.[#ok] <> 0 AND (
                h.[#x5]
              ) = 1
            )
            OR h.[#err] <> 0
            OR (
              h.[#ok] <> 0 AND (1 = 0)
            )
        ) AS h
      ) AS h
      WHERE
        h.[#ok] <> 0
        OR h.[#err] <> 0
        OR (
          h.[#ok] <> 0 AND (
            (
              h.[#d] < CAST('2004-01-01' AS DATE)
            ) = 1
          )
        )
    ) AS h
  ) AS h
) AS temp;
SELECT
  *
INTO [#benefit:girls_scholarship]
FROM (
  SELECT
    h.[#hid] AS hid,
    (
      h.[#s]
    ).[#id] AS sid,
    h.[#d] AS d,
    h.[#ok] AS paid,
    CASE
      WHEN h.[#ok] <> 0
      THEN TRY_CAST(ROUND(TRY_CAST(h.[#x2] AS NUMERIC(38, 10)), 2) AS NUMERIC(18, 2))
    END AS amount,
    h.[#err] AS err
  FROM (
    SELECT
      *
      REPLACE (h.[#err] <> 0
      OR (
        h.[#ok] <> 0
        AND TRY_CAST(ROUND(TRY_CAST(h.[#x2] AS NUMERIC(38, 10)), 2) AS NUMERIC(18, 2)) IS NULL
      ) AS [#err])
    FROM (
      SELECT
        *
        REPLACE (h.[#ok] AS [#ok], (
          h.[#err] <> 0 OR (
            h.[#ok] <> 0 AND (1 = 0)
          )
        ) AS [#err])
      FROM (
        SELECT
          *,
          (
            CASE
              WHEN (
                h.[#s]
              ).[admission_tier] IS NULL
              THEN NULL
              WHEN (
                h.[#s]
              ).[admission_tier] = 'undergrad_first'
              THEN CAST('5000.00' AS NUMERIC(18, 2))
              WHEN (
                h.[#s]
              ).[admission_tier] = 'undergrad_second'
              THEN CAST('3000.00' AS NUMERIC(18, 2))
              WHEN (
                h.[#s]
              ).[admission_tier] = 'junior_college'
              THEN CAST('1000.00' AS NUMERIC(18, 2))
              ELSE NULL
            END
          ) AS [#x2]
        FROM (
          SELECT
            *
            REPLACE ((
              h.[#ok] <> 0 AND (
                h.[#x1]
              ) = 1
            ) AS [#ok], (
              h.[#err] <> 0 OR (
                h.[#ok] <> 0 AND (1 = 0)
              )
            ) AS [#err])
          FROM (
            SELECT
              *,
              (
                h.[preferential_cert_on] <= h.[#d]
              ) AS [#x1]
            FROM (
              SELECT
                *
              FROM (
                SELECT
                  h.*
                  EXCEPT ([#e0]),
                  (
                    (
                      h.[#d] >= CAST('2004-01-01' AS DATE)
                    )
                    AND (
                      NOT COALESCE(v0.v <= h.[#d], (1 = 0))
                    )
                  ) = 1 AS [#ok],
                  h.[#e0] = 1 AS [#err]
                FROM (
                  SELECT
                    h.*
                    EXCEPT ([#e]),
                    h.[#d] AS [#us],
                    h.[#d] AS [#ue],
                    (
                      h.[#e] <> 0
                      OR (
                        NOT h.[#d] IS NULL
                        AND h.[#d] BETWEEN CAST('2005-01-01' AS DATE) AND CAST('2005-12-31' AS DATE)
                        AND h.[#d] >= (
                          h.[#s]
                        ).birth_date
                      )
                      AND h.[#ie] <> 0
                    ) AS [#e0]
                  FROM (
                    SELECT
                      h.*,
                      (
                        h.[#s].birth_date <= h.[#d]
                        AND (
                          h.[#s].[died_on] IS NULL OR h.[#s].[died_on] > h.[#d]
                        )
                        AND (
                          h.[#s].[left_on] IS NULL OR h.[#s].[left_on] > h.[#d]
                        )
                        AND (
                          (
                            (
                              h.[#s]
                            ).[role] = 'child'
                          )
                        ) = 1
                        AND (
                          (
                            (
                              h.[#s]
                            ).[sex] = 'female'
                          )
                        ) = 1
                      ) = 1 AS [#in],
                      0 AS [#ie]
                    FROM (
                      SELECT
                        h.*,
                        (
                          h.[#s]
                        ).[admitted_on] AS [#d],
                        0 AS [#e]
                      FROM (
                        SELECT
                          h.*,
                          STRUCT(
                            p.[birth_date] AS [birth_date],
                            p.[#id] AS [#id],
                            p.[role] AS [role],
                            p.[sex] AS [sex],
                            p.[died_on] AS [died_on],
                            p.[left_on] AS [left_on],
                            p.[ethnicity] AS [ethnicity],
                            p.[contraception] AS [contraception],
                            p.[contraception_on] AS [contraception_on],
                            p.[out_of_policy_birth] AS [out_of_policy_birth],
                            p.[admitted_on] AS [admitted_on],
                            p.[admission_tier] AS [admission_tier]
                          ) AS [#s]
                        FROM (
                          SELECT
                            h.*
                          FROM hh AS h
                        ) AS h
                        JOIN pp AS p
                          ON p.[#hid] = h.[#hid]
                        WHERE
                          p.birth_date <= CAST('2005-12-31' AS DATE)
                          AND (
                            p.[admitted_on]
                          ) BETWEEN CAST('2005-01-01' AS DATE) AND CAST('2005-12-31' AS DATE)
                          AND (
                            p.[admitted_on]
                          ) >= p.birth_date
                      ) AS h
                    ) AS h
                  ) AS h
                ) AS h
                LEFT JOIN [veto:veto] AS v0
                  ON v0.hid = h.[#hid]
                WHERE
                  (
                    (
                      NOT h.[#d] IS NULL
                      AND h.[#d] BETWEEN CAST('2005-01-01' AS DATE) AND CAST('2005-12-31' AS DATE)
                      AND h.[#d] >= (
                        h.[#s]
                      ).birth_date
                    )
                    AND h.[#in] <> 0
                  )
                  OR h.[#e0] <> 0
              )
              WHERE
                [#ok] <> 0 OR [#err] <> 0
            ) AS h
          ) AS h
          WHERE
            (
              h.[#ok] <> 0 AND (
                h.[#x1]
              ) = 1
            )
            OR h.[#err] <> 0
            OR (
              h.[#ok] <> 0 AND (1 = 0)
            )
        ) AS h
      ) AS h
      WHERE
        h.[#ok] <> 0 OR h.[#err] <> 0 OR (
          h.[#ok] <> 0 AND (1 = 0)
        )
    ) AS h
  ) AS h
) AS temp;
SELECT
  *
INTO [#benefit:village_pension_subsidy]
FROM (
  SELECT
    h.[#hid] AS hid,
    CAST(NULL AS VARCHAR(MAX)) AS sid,
    h.[#d] AS d,
    h.[#ok] AS paid,
    CASE
      WHEN h.[#ok] <> 0
      THEN TRY_CAST(ROUND(TRY_CAST(h.[#x6] AS NUMERIC(38, 10)), 2) AS NUMERIC(18, 2))
    END AS amount,
    h.[#err] AS err
  FROM (
    SELECT
      *
      REPLACE (h.[#err] <> 0
      OR (
        h.[#ok] <> 0
        AND TRY_CAST(ROUND(TRY_CAST(h.[#x6] AS NUMERIC(38, 10)), 2) AS NUMERIC(18, 2)) IS NULL
      ) AS [#err])
    FROM (
      SELECT
        *
        REPLACE (h.[#ok] AS [#ok], (
          h.[#err] <> 0 OR (
            h.[#ok] <> 0 AND (1 = 0)
          )
        ) AS [#err])
      FROM (
        SELECT
          *,
          CAST('200.00' AS NUMERIC(18, 2)) AS [#x6]
        FROM (
          SELECT
            *
            REPLACE (h.[#ok] <> 0
            AND NOT COALESCE(
              h.[#o0_status] = 'breached'
              AND h.[#o0_since] <= h.[#d]
              AND NOT (
                NOT h.[#o0_cured] IS NULL AND h.[#d] >= h.[#o0_cured]
              ),
              (1 = 0)
            ) AS [#ok])
          FROM (
            SELECT
              *
              REPLACE ((
                h.[#ok] <> 0 AND (
                  h.[#x5]
                ) = 1
              ) AS [#ok], (
                h.[#err] <> 0 OR (
                  h.[#ok] <> 0 AND (1 = 0)
                )
              ) AS [#err])
            FROM (
              SELECT
                *,
                h.[#def4] AS [#x5]
              FROM (
                SELECT
                  *,
                  (
                    CASE WHEN h.[#a15] > 0 THEN (1 = 1) WHEN h.[#a16] > 0 THEN NULL ELSE (1 = 0) END
                  ) AS [#def4]
                FROM (
                  SELECT
                    *
                    REPLACE ((
                      h.[#ok] <> 0 AND (
                        h.[#x3]
                      ) = 1
                    ) AS [#ok], (
                      h.[#err] <> 0 OR (
                        h.[#ok] <> 0 AND (1 = 0)
                      )
                    ) AS [#err])
                  FROM (
                    SELECT
                      *,
                      h.[#def2] AS [#x3]
                    FROM (
                      SELECT
                        *,
                        (
                          (
                            h.[#a13] = 2
                          ) AND (
                            CASE WHEN h.[#a14] > 0 THEN (1 = 0) ELSE (1 = 1) END
                          )
                        ) AS [#def2]
                      FROM (
                        SELECT
                          *
                          REPLACE ((
                            h.[#ok] <> 0 AND (
                              h.[#x1]
                            ) = 1
                          ) AS [#ok], (
                            h.[#err] <> 0 OR (
                              h.[#ok] <> 0 AND (1 = 0)
                            )
                          ) AS [#err])
                        FROM (
                          SELECT
                            *,
                            h.[rural] AS [#x1]
                          FROM (
                            SELECT
                              *
                            FROM (
                              SELECT
                                h.*
                                EXCEPT ([#e0]),
                                (
                                  (
                                    h.[#d] >= CAST('2004-07-01' AS DATE)
                                  )
                                  AND (
                                    NOT COALESCE(v0.v <= h.[#d], (1 = 0))
                                  )
                                ) = 1 AS [#ok],
                                h.[#e0] = 1 AS [#err],
                                o0.status AS [#o0_status],
                                o0.since AS [#o0_since],
                                o0.cured AS [#o0_cured]
                              FROM (
                                SELECT
                                  h.*
                                  EXCEPT ([#e]),
                                  h.[#d] AS [#us],
                                  h.[#d] AS [#ue],
                                  h.[#e] AS [#e0]
                                FROM (
                                  SELECT
                                    h.*,
                                    LIST_REDUCE(
                                      ARRAY(h.[preferential_cert_on], CAST('2004-07-01' AS DATE)),
                                      (x1, x2) -> CASE WHEN x1 IS NULL OR x2 IS NULL THEN NULL ELSE GREATEST(x1, x2) END
                                    ) AS [#d],
                                    0 AS [#e]
                                  FROM (
                                    SELECT
                                      h.*,
                                      NULL AS [#s]
                                    FROM (
                                      SELECT
                                        h.*
                                      FROM hh AS h
                                    ) AS h
                                  ) AS h
                                ) AS h
                              ) AS h
                              LEFT JOIN [veto:veto] AS v0
                                ON v0.hid = h.[#hid]
                              LEFT JOIN [obligation:contraception_after_second_birth] AS o0
                                ON o0.hid = h.[#hid]
                              WHERE
                                (
                                  NOT h.[#d] IS NULL
                                  AND h.[#d] BETWEEN CAST('2005-01-01' AS DATE) AND CAST('2005-12-31' AS DATE)
                                  AND h.[#d] >= CAST('0001-01-01' AS DATE)
                                )
                                OR h.[#e0] <> 0
                            )
                            WHERE
                              [#ok] <> 0 OR [#err] <> 0
                          ) AS h
                        ) AS h
                        WHERE
                          (
                            h.[#ok] <> 0 AND (
                              h.[#x1]
                            ) = 1
                          )
                          OR h.[#err] <> 0
                          OR (
                            h.[#ok] <> 0 AND (1 = 0)
                          )
                      ) AS h
                    ) AS h
                  ) AS h
                  WHERE
                    (
                      h.[#ok] <> 0 AND (
                        h.[#x3]
                      ) = 1
                    )
                    OR h.[#err] <> 0
                    OR (
                      h.[#ok] <> 0 AND (1 = 0)
                    )
                ) AS h
              ) AS h
            ) AS h
            WHERE
              (
                h.[#ok] <> 0 AND (
                  h.[#x5]
                ) = 1
              )
              OR h.[#err] <> 0
              OR (
                h.[#ok] <> 0 AND (1 = 0)
              )
          ) AS h
        ) AS h
      ) AS h
      WHERE
        h.[#ok] <> 0 OR h.[#err] <> 0 OR (
          h.[#ok] <> 0 AND (1 = 0)
        )
    ) AS h
  ) AS h
) AS temp;
SELECT
  *
INTO [#benefit:tuition_waiver]
FROM (
  SELECT
    h.[#hid] AS hid,
    (
      h.[#s]
    ).[#id] AS sid,
    h.[#d] AS d,
    h.[#ok] AS paid,
    CASE WHEN h.[#ok] <> 0 THEN CAST(NULL AS NUMERIC(18, 2)) END AS amount,
    h.[#err] AS err
  FROM (
    SELECT
      *
      REPLACE (h.[#ok] <> 0
      AND NOT COALESCE(
        h.[#o0_status] = 'breached'
        AND h.[#o0_since] <= h.[#d]
        AND NOT (
          NOT h.[#o0_cured] IS NULL AND h.[#d] >= h.[#o0_cured]
        ),
        (1 = 0)
      ) AS [#ok])
    FROM (
      SELECT
        *
        REPLACE ((
          h.[#ok] <> 0 AND (
            h.[#x3]
          ) = 1
        ) AS [#ok], (
          h.[#err] <> 0 OR (
            h.[#ok] <> 0 AND (1 = 0)
          )
        ) AS [#err])
      FROM (
        SELECT
          *,
          (
            (
              CASE
                WHEN (
                  YEAR(h.[#d]) - YEAR((
                    h.[#s]
                  ).birth_date)
                ) IS NULL
                THEN NULL
                WHEN (
                  YEAR(h.[#d]) - YEAR((
                    h.[#s]
                  ).birth_date)
                ) > 0
                THEN (
                  YEAR(h.[#d]) - YEAR((
                    h.[#s]
                  ).birth_date)
                ) - CASE
                  WHEN CAST((
                    h.[#s]
                  ).birth_date + TO_YEARS((
                    YEAR(h.[#d]) - YEAR((
                      h.[#s]
                    ).birth_date)
                  )) AS DATE) > h.[#d]
                  THEN 1
                  ELSE 0
                END
                WHEN h.[#d] >= (
                  h.[#s]
                ).birth_date
                THEN 0
                ELSE -1
              END
            ) BETWEEN 6 AND 15
          ) AS [#x3]
        FROM (
          SELECT
            *
            REPLACE ((
              h.[#ok] <> 0 AND (
                h.[#x2]
              ) = 1
            ) AS [#ok], (
              h.[#err] <> 0 OR (
                h.[#ok] <> 0 AND (1 = 0)
              )
            ) AS [#err])
          FROM (
            SELECT
              *,
              h.[#def1] AS [#x2]
            FROM (
              SELECT
                *,
                (
                  (
                    (
                      h.[#a17] + COALESCE(
                        LEN(FILTER(h.[#a18], x1 -> x1.b <= h.[#d] AND (
                          x1.g IS NULL OR x1.g > h.[#d]
                        ))),
                        0
                      )
                    ) = 2
                  )
                  AND (
                    CASE
                      WHEN (
                        h.[#a19] + COALESCE(
                          LEN(FILTER(h.[#a20], x2 -> x2.b <= h.[#d] AND (
                            x2.g IS NULL OR x2.g > h.[#d]
                          ))),
                          0
                        )
                      ) > 0
                      THEN (1 = 0)
                      ELSE (1 = 1)
                    END
                  )
                ) AS [#def1]
              FROM (
                SELECT
                  *
                FROM (
                  SELECT
                    h.*
                    EXCEPT ([#e0]),
                    (
                      (
                        h.[#d] >= CAST('2004-07-01' AS DATE)
                      )
                      AND (
                        NOT COALESCE(v0.v <= h.[#d], (1 = 0))
                      )
                    ) = 1 AS [#ok],
                    h.[#e0] = 1 AS [#err],
                    o0.status AS [#o0_status],
                    o0.since AS [#o0_since],
                    o0.cured AS [#o0_cured]
                  FROM (
                    SELECT
                      h.*,
                      0 AS [#e0]
                    FROM (
                      SELECT
                        h.*,
                        STRUCT(
                          p.[birth_date] AS [birth_date],
                          p.[#id] AS [#id],
                          p.[role] AS [role],
                          p.[sex] AS [sex],
                          p.[died_on] AS [died_on],
                          p.[left_on] AS [left_on],
                          p.[ethnicity] AS [ethnicity],
                          p.[contraception] AS [contraception],
                          p.[contraception_on] AS [contraception_on],
                          p.[out_of_policy_birth] AS [out_of_policy_birth],
                          p.[admitted_on] AS [admitted_on],
                          p.[admission_tier] AS [admission_tier]
                        ) AS [#s]
                      FROM (
                        SELECT
                          h.*,
                          u.d AS [#d],
                          u.us AS [#us],
                          u.ue AS [#ue]
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
                        ON p.[#hid] = h.[#hid]
                      WHERE
                        p.birth_date <= h.[#d]
                        AND (
                          p.[died_on] IS NULL OR p.[died_on] > h.[#d]
                        )
                        AND (
                          p.[left_on] IS NULL OR p.[left_on] > h.[#d]
                        )
                        AND (
                          (
                            p.[role] = 'child'
                          )
                        ) = 1
                        AND (
                          (
                            p.[sex] = 'female'
                          )
                        ) = 1
                    ) AS h
                  ) AS h
                  LEFT JOIN [veto:veto] AS v0
                    ON v0.hid = h.[#hid]
                  LEFT JOIN [obligation:contraception_after_second_birth] AS o0
                    ON o0.hid = h.[#hid]
                  WHERE
                    (1 = 1)
                )
                WHERE
                  [#ok] <> 0 OR [#err] <> 0
              ) AS h
            ) AS h
          ) AS h
          WHERE
            (
              h.[#ok] <> 0 AND (
                h.[#x2]
              ) = 1
            )
            OR h.[#err] <> 0
            OR (
              h.[#ok] <> 0 AND (1 = 0)
            )
        ) AS h
      ) AS h
      WHERE
        (
          h.[#ok] <> 0 AND (
            h.[#x3]
          ) = 1
        )
        OR h.[#err] <> 0
        OR (
          h.[#ok] <> 0 AND (1 = 0)
        )
    ) AS h
  ) AS h
) AS temp;
SELECT
  *
INTO #errors
FROM (
  SELECT DISTINCT
    hid AS hid
  FROM (
    SELECT
      hid
    FROM [benefit:health_fee]
    WHERE
      err <> 0
    UNION ALL
    SELECT
      hid
    FROM [benefit:pension_subsidy]
    WHERE
      err <> 0
    UNION ALL
    SELECT
      hid
    FROM [benefit:girls_scholarship]
    WHERE
      err <> 0
    UNION ALL
    SELECT
      hid
    FROM [veto:veto]
    WHERE
      err <> 0
    UNION ALL
    SELECT
      hid
    FROM [benefit:village_pension_subsidy]
    WHERE
      err <> 0
    UNION ALL
    SELECT
      hid
    FROM [benefit:tuition_waiver]
    WHERE
      err <> 0
    UNION ALL
    SELECT
      hid
    FROM [obligation:contraception_after_second_birth]
    WHERE
      err <> 0
  )
) AS temp;
WITH units AS (
  SELECT
    hid,
    'health_fee' AS benefit,
    sid,
    d,
    amount
  FROM [benefit:health_fee]
  WHERE
    paid <> 0
  UNION ALL
  SELECT
    hid,
    'pension_subsidy' AS benefit,
    sid,
    d,
    amount
  FROM [benefit:pension_subsidy]
  WHERE
    paid <> 0
  UNION ALL
  SELECT
    hid,
    'girls_scholarship' AS benefit,
    sid,
    d,
    amount
  FROM [benefit:girls_scholarship]
  WHERE
    paid <> 0
  UNION ALL
  SELECT
    hid,
    'village_pension_subsidy' AS benefit,
    sid,
    d,
    amount
  FROM [benefit:village_pension_subsidy]
  WHERE
    paid <> 0
  UNION ALL
  SELECT
    hid,
    'tuition_waiver' AS benefit,
    sid,
    d,
    amount
  FROM [benefit:tuition_waiver]
  WHERE
    paid <> 0
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
      hid,
      'contraception_after_second_birth' AS obligation,
      penalty
    FROM [obligation:contraception_after_second_birth]
    WHERE
      NOT penalty IS NULL
      AND penalty <> 0
      AND penalty_due BETWEEN CAST('2005-01-01' AS DATE) AND CAST('2005-12-31' AS DATE)
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
  JSON_OBJECT(
    'contraception_after_second_birth': (
      CASE o0.status
        WHEN 'pending'
        THEN JSON_OBJECT('status': 'pending', 'due': FORMAT(o0.due, 'yyyy-MM-dd'))
        WHEN 'fulfilled'
        THEN JSON_OBJECT('status': 'fulfilled', 'on': FORMAT(o0.act, 'yyyy-MM-dd'))
        WHEN 'breached'
        THEN CASE
          WHEN o0.cured IS NULL
          THEN JSON_OBJECT('status': 'breached', 'since': FORMAT(o0.since, 'yyyy-MM-dd'))
          ELSE JSON_OBJECT(
            'status': 'breached',
            'since': FORMAT(o0.since, 'yyyy-MM-dd'),
            'cured_on': FORMAT(o0.cured, 'yyyy-MM-dd')
          )
        END
        ELSE JSON_OBJECT('status': 'not_applicable')
      END
    )
  ) AS obligations,
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
LEFT JOIN [obligation:contraception_after_second_birth] AS o0
  ON o0.hid = h.[#hid]
WHERE
  NOT h.[#hid] IN (
    SELECT
      hid
    FROM errors
  )
ORDER BY
  CASE WHEN h.[#hid] IS NULL THEN 1 ELSE 0 END, h.[#hid];
