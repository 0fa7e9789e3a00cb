CREATE OR REPLACE TEMPORARY TABLE hh AS
SELECT
  h.*,
  COALESCE(a0."#a1", 0) AS "#a1",
  a0."#a2",
  a0."#a3",
  COALESCE(a0."#a4", 0) AS "#a4",
  a0."#a5",
  COALESCE(a0."#a6", 0) AS "#a6",
  COALESCE(a0."#a7", 0) AS "#a7",
  COALESCE(a0."#a8", 0) AS "#a8",
  COALESCE(a0."#a9", 0) AS "#a9",
  COALESCE(a0."#a10", 0) AS "#a10",
  COALESCE(a0."#a11", 0) AS "#a11",
  COALESCE(a0."#a12", 0) AS "#a12",
  COALESCE(a0."#a13", 0) AS "#a13",
  COALESCE(a0."#a14", 0) AS "#a14",
  COALESCE(a0."#a15", 0) AS "#a15",
  COALESCE(a0."#a16", 0) AS "#a16",
  COALESCE(a0."#a17", 0) AS "#a17",
  COALESCE(a0."#a18", 0) AS "#a18",
  COALESCE(a0."#a19", 0) AS "#a19",
  COALESCE(a0."#a20", 0) AS "#a20",
  COALESCE(a0."#a21", 0) AS "#a21",
  COALESCE(a0."#a22", 0) AS "#a22",
  COALESCE(a0."#a23", 0) AS "#a23",
  COALESCE(a0."#a24", 0) AS "#a24",
  COALESCE(a0."#a25", 0) AS "#a25",
  COALESCE(a0."#a26", 0) AS "#a26",
  COALESCE(a0."#a27", 0) AS "#a27",
  COALESCE(a0."#a28", 0) AS "#a28",
  COALESCE(a0."#a29", 0) AS "#a29",
  COALESCE(a0."#a30", 0) AS "#a30",
  a0."#a31"
FROM hh_base AS h
LEFT JOIN (
  SELECT
    p."#hid",
    COUNT(*) FILTER(WHERE
      p.birth_date <= CAST('2005-01-31' AS DATE)
      AND (
        (
          p."role" = 'child'
        )
      ) IS TRUE) AS "#a1",
    ARRAY_AGG(p.birth_date) FILTER(WHERE
      p.birth_date > CAST('2005-01-31' AS DATE)
      AND p.birth_date <= CAST('2005-12-31' AS DATE)
      AND (
        (
          p."role" = 'child'
        )
      ) IS TRUE) AS "#a2",
    MIN(p."#p", 1) FILTER(WHERE
      (
        (
          p."role" = 'child'
        )
      ) IS TRUE)[1] AS "#a3",
    COUNT(*) FILTER(WHERE
      p.birth_date <= CAST('2005-01-31' AS DATE)
      AND (
        LEAST(p."died_on", p."left_on") IS NULL
        OR LEAST(p."died_on", p."left_on") > CAST('2005-12-31' AS DATE)
      )
      AND (
        (
          p."role" = 'wife'
        )
      ) IS TRUE) AS "#a4",
    ARRAY_AGG({'b': p.birth_date, 'g': LEAST(p."died_on", p."left_on")}) FILTER(WHERE
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
          p."role" = 'wife'
        )
      ) IS TRUE) AS "#a5",
    COUNT(*) FILTER(WHERE
      p.birth_date <= CAST('2005-01-31' AS DATE)
      AND (
        p."died_on" IS NULL OR p."died_on" > CAST('2005-01-31' AS DATE)
      )
      AND (
        p."left_on" IS NULL OR p."left_on" > CAST('2005-01-31' AS DATE)
      )
      AND (
        (
          p."role" = 'wife'
        )
      ) IS TRUE
      AND (
        (
          (
            CASE
              WHEN (
                YEAR(CAST('2005-01-31' AS DATE)) - YEAR(p.birth_date)
              ) IS NULL
              THEN NULL
              WHEN (
                YEAR(CAST('2005-01-31' AS DATE)) - YEAR(p.birth_date)
              ) > 0
              THEN (
                YEAR(CAST('2005-01-31' AS DATE)) - YEAR(p.birth_date)
              ) - CASE
                WHEN CAST(p.birth_date + TO_YEARS((
                  YEAR(CAST('2005-01-31' AS DATE)) - YEAR(p.birth_date)
                )) AS DATE) > CAST('2005-01-31' AS DATE)
                THEN 1
                ELSE 0
              END
              WHEN CAST('2005-01-31' AS DATE) >= p.birth_date
              THEN 0
              ELSE -1
            END
          ) >= 49
        )
      ) IS FALSE) AS "#a6",
    COUNT(*) FILTER(WHERE
      p.birth_date <= CAST('2005-02-28' AS DATE)
      AND (
        p."died_on" IS NULL OR p."died_on" > CAST('2005-02-28' AS DATE)
      )
      AND (
        p."left_on" IS NULL OR p."left_on" > CAST('2005-02-28' AS DATE)
      )
      AND (
        (
          p."role" = 'wife'
        )
      ) IS TRUE
      AND (
        (
          (
            CASE
              WHEN (
                YEAR(CAST('2005-02-28' AS DATE)) - YEAR(p.birth_date)
              ) IS NULL
              THEN NULL
              WHEN (
                YEAR(CAST('2005-02-28' AS DATE)) - YEAR(p.birth_date)
              ) > 0
              THEN (
                YEAR(CAST('2005-02-28' AS DATE)) - YEAR(p.birth_date)
              ) - CASE
                WHEN CAST(p.birth_date + TO_YEARS((
                  YEAR(CAST('2005-02-28' AS DATE)) - YEAR(p.birth_date)
                )) AS DATE) > CAST('2005-02-28' AS DATE)
                THEN 1
                ELSE 0
              END
              WHEN CAST('2005-02-28' AS DATE) >= p.birth_date
              THEN 0
              ELSE -1
            END
          ) >= 49
        )
      ) IS FALSE) AS "#a7",
    COUNT(*) FILTER(WHERE
      p.birth_date <= CAST('2005-03-31' AS DATE)
      AND (
        p."died_on" IS NULL OR p."died_on" > CAST('2005-03-31' AS DATE)
      )
      AND (
        p."left_on" IS NULL OR p."left_on" > CAST('2005-03-31' AS DATE)
      )
      AND (
        (
          p."role" = 'wife'
        )
      ) IS TRUE
      AND (
        (
          (
            CASE
              WHEN (
                YEAR(CAST('2005-03-31' AS DATE)) - YEAR(p.birth_date)
              ) IS NULL
              THEN NULL
              WHEN (
                YEAR(CAST('2005-03-31' AS DATE)) - YEAR(p.birth_date)
              ) > 0
              THEN (
                YEAR(CAST('2005-03-31' AS DATE)) - YEAR(p.birth_date)
              ) - CASE
                WHEN CAST(p.birth_date + TO_YEARS((
                  YEAR(CAST('2005-03-31' AS DATE)) - YEAR(p.birth_date)
                )) AS DATE) > CAST('2005-03-31' AS DATE)
                THEN 1
                ELSE 0
              END
              WHEN CAST('2005-03-31' AS DATE) >= p.birth_date
              THEN 0
              ELSE -1
            END
          ) >= 49
        )
      ) IS FALSE) AS "#a8",
    COUNT(*) FILTER(WHERE
      p.birth_date <= CAST('2005-04-30' AS DATE)
      AND (
        p."died_on" IS NULL OR p."died_on" > CAST('2005-04-30' AS DATE)
      )
      AND (
        p."left_on" IS NULL OR p."left_on" > CAST('2005-04-30' AS DATE)
      )
      AND (
        (
          p."role" = 'wife'
        )
      ) IS TRUE
      AND (
        (
          (
            CASE
              WHEN (
                YEAR(CAST('2005-04-30' AS DATE)) - YEAR(p.birth_date)
              ) IS NULL
              THEN NULL
              WHEN (
                YEAR(CAST('2005-04-30' AS DATE)) - YEAR(p.birth_date)
              ) > 0
              THEN (
                YEAR(CAST('2005-04-30' AS DATE)) - YEAR(p.birth_date)
              ) - CASE
                WHEN CAST(p.birth_date + TO_YEARS((
                  YEAR(CAST('2005-04-30' AS DATE)) - YEAR(p.birth_date)
                )) AS DATE) > CAST('2005-04-30' AS DATE)
                THEN 1
                ELSE 0
              END
              WHEN CAST('2005-04-30' AS DATE) >= p.birth_date
              THEN 0
              ELSE -1
            END
          ) >= 49
        )
      ) IS FALSE) AS "#a9",
    COUNT(*) FILTER(WHERE
      p.birth_date <= CAST('2005-05-31' AS DATE)
      AND (
        p."died_on" IS NULL OR p."died_on" > CAST('2005-05-31' AS DATE)
      )
      AND (
        p."left_on" IS NULL OR p."left_on" > CAST('2005-05-31' AS DATE)
      )
      AND (
        (
          p."role" = 'wife'
        )
      ) IS TRUE
      AND (
        (
          (
            CASE
              WHEN (
                YEAR(CAST('2005-05-31' AS DATE)) - YEAR(p.birth_date)
              ) IS NULL
              THEN NULL
              WHEN (
                YEAR(CAST('2005-05-31' AS DATE)) - YEAR(p.birth_date)
              ) > 0
              THEN (
                YEAR(CAST('2005-05-31' AS DATE)) - YEAR(p.birth_date)
              ) - CASE
                WHEN CAST(p.birth_date + TO_YEARS((
                  YEAR(CAST('2005-05-31' AS DATE)) - YEAR(p.birth_date)
                )) AS DATE) > CAST('2005-05-31' AS DATE)
                THEN 1
                ELSE 0
              END
              WHEN CAST('2005-05-31' AS DATE) >= p.birth_date
              THEN 0
              ELSE -1
            END
          ) >= 49
        )
      ) IS FALSE) AS "#a10",
    COUNT(*) FILTER(WHERE
      p.birth_date <= CAST('2005-06-30' AS DATE)
      AND (
        p."died_on" IS NULL OR p."died_on" > CAST('2005-06-30' AS DATE)
      )
      AND (
        p."left_on" IS NULL OR p."left_on" > CAST('2005-06-30' AS DATE)
      )
      AND (
        (
          p."role" = 'wife'
        )
      ) IS TRUE
      AND (
        (
          (
            CASE
              WHEN (
                YEAR(CAST('2005-06-30' AS DATE)) - YEAR(p.birth_date)
              ) IS NULL
              THEN NULL
              WHEN (
                YEAR(CAST('2005-06-30' AS DATE)) - YEAR(p.birth_date)
              ) > 0
              THEN (
                YEAR(CAST('2005-06-30' AS DATE)) - YEAR(p.birth_date)
              ) - CASE
                WHEN CAST(p.birth_date + TO_YEARS((
                  YEAR(CAST('2005-06-30' AS DATE)) - YEAR(p.birth_date)
                )) AS DATE) > CAST('2005-06-30' AS DATE)
                THEN 1
                ELSE 0
              END
              WHEN CAST('2005-06-30' AS DATE) >= p.birth_date
              THEN 0
              ELSE -1
            END
          ) >= 49
        )
      ) IS FALSE) AS "#a11",
    COUNT(*) FILTER(WHERE
      p.birth_date <= CAST('2005-07-31' AS DATE)
      AND (
        p."died_on" IS NULL OR p."died_on" > CAST('2005-07-31' AS DATE)
      )
      AND (
        p."left_on" IS NULL OR p."left_on" > CAST('2005-07-31' AS DATE)
      )
      AND (
        (
          p."role" = 'wife'
        )
      ) IS TRUE
      AND (
        (
          (
            CASE
              WHEN (
                YEAR(CAST('2005-07-31' AS DATE)) - YEAR(p.birth_date)
              ) IS NULL
              THEN NULL
              WHEN (
                YEAR(CAST('2005-07-31' AS DATE)) - YEAR(p.birth_date)
              ) > 0
              THEN (
                YEAR(CAST('2005-07-31' AS DATE)) - YEAR(p.birth_date)
              ) - CASE
                WHEN CAST(p.birth_date + TO_YEARS((
                  YEAR(CAST('2005-07-31' AS DATE)) - YEAR(p.birth_date)
                )) AS DATE) > CAST('2005-07-31' AS DATE)
                THEN 1
                ELSE 0
              END
              WHEN CAST('2005-07-31' AS DATE) >= p.birth_date
              THEN 0
              ELSE -1
            END
          ) >= 49
        )
      ) IS FALSE) AS "#a12",
    COUNT(*) FILTER(WHERE
      p.birth_date <= CAST('2005-08-31' AS DATE)
      AND (
        p."died_on" IS NULL OR p."died_on" > CAST('2005-08-31' AS DATE)
      )
      AND (
        p."left_on" IS NULL OR p."left_on" > CAST('2005-08-31' AS DATE)
      )
      AND (
        (
          p."role" = 'wife'
        )
      ) IS TRUE
      AND (
        (
          (
            CASE
              WHEN (
                YEAR(CAST('2005-08-31' AS DATE)) - YEAR(p.birth_date)
              ) IS NULL
              THEN NULL
              WHEN (
                YEAR(CAST('2005-08-31' AS DATE)) - YEAR(p.birth_date)
              ) > 0
              THEN (
                YEAR(CAST('2005-08-31' AS DATE)) - YEAR(p.birth_date)
              ) - CASE
                WHEN CAST(p.birth_date + TO_YEARS((
                  YEAR(CAST('2005-08-31' AS DATE)) - YEAR(p.birth_date)
                )) AS DATE) > CAST('2005-08-31' AS DATE)
                THEN 1
                ELSE 0
              END
              WHEN CAST('2005-08-31' AS DATE) >= p.birth_date
              THEN 0
              ELSE -1
            END
          ) >= 49
        )
      ) IS FALSE) AS "#a13",
    COUNT(*) FILTER(WHERE
      p.birth_date <= CAST('2005-09-30' AS DATE)
      AND (
        p."died_on" IS NULL OR p."died_on" > CAST('2005-09-30' AS DATE)
      )
      AND (
        p."left_on" IS NULL OR p."left_on" > CAST('2005-09-30' AS DATE)
      )
      AND (
        (
          p."role" = 'wife'
        )
      ) IS TRUE
      AND (
        (
          (
            CASE
              WHEN (
                YEAR(CAST('2005-09-30' AS DATE)) - YEAR(p.birth_date)
              ) IS NULL
              THEN NULL
              WHEN (
                YEAR(CAST('2005-09-30' AS DATE)) - YEAR(p.birth_date)
              ) > 0
              THEN (
                YEAR(CAST('2005-09-30' AS DATE)) - YEAR(p.birth_date)
              ) - CASE
                WHEN CAST(p.birth_date + TO_YEARS((
                  YEAR(CAST('2005-09-30' AS DATE)) - YEAR(p.birth_date)
                )) AS DATE) > CAST('2005-09-30' AS DATE)
                THEN 1
                ELSE 0
              END
              WHEN CAST('2005-09-30' AS DATE) >= p.birth_date
              THEN 0
              ELSE -1
            END
          ) >= 49
        )
      ) IS FALSE) AS "#a14",
    COUNT(*) FILTER(WHERE
      p.birth_date <= CAST('2005-10-31' AS DATE)
      AND (
        p."died_on" IS NULL OR p."died_on" > CAST('2005-10-31' AS DATE)
      )
      AND (
        p."left_on" IS NULL OR p."left_on" > CAST('2005-10-31' AS DATE)
      )
      AND (
        (
          p."role" = 'wife'
        )
      ) IS TRUE
      AND (
        (
          (
            CASE
              WHEN (
                YEAR(CAST('2005-10-31' AS DATE)) - YEAR(p.birth_date)
              ) IS NULL
              THEN NULL
              WHEN (
                YEAR(CAST('2005-10-31' AS DATE)) - YEAR(p.birth_date)
              ) > 0
              THEN (
                YEAR(CAST('2005-10-31' AS DATE)) - YEAR(p.birth_date)
              ) - CASE
                WHEN CAST(p.birth_date + TO_YEARS((
                  YEAR(CAST('2005-10-31' AS DATE)) - YEAR(p.birth_date)
                )) AS DATE) > CAST('2005-10-31' AS DATE)
                THEN 1
                ELSE 0
              END
              WHEN CAST('2005-10-31' AS DATE) >= p.birth_date
              THEN 0
              ELSE -1
            END
          ) >= 49
        )
      ) IS FALSE) AS "#a15",
    COUNT(*) FILTER(WHERE
      p.birth_date <= CAST('2005-11-30' AS DATE)
      AND (
        p."died_on" IS NULL OR p."died_on" > CAST('2005-11-30' AS DATE)
      )
      AND (
        p."left_on" IS NULL OR p."left_on" > CAST('2005-11-30' AS DATE)
      )
      AND (
        (
          p."role" = 'wife'
        )
      ) IS TRUE
      AND (
        (
          (
            CASE
              WHEN (
                YEAR(CAST('2005-11-30' AS DATE)) - YEAR(p.birth_date)
              ) IS NULL
              THEN NULL
              WHEN (
                YEAR(CAST('2005-11-30' AS DATE)) - YEAR(p.birth_date)
              ) > 0
              THEN (
                YEAR(CAST('2005-11-30' AS DATE)) - YEAR(p.birth_date)
              ) - CASE
                WHEN CAST(p.birth_date + TO_YEARS((
                  YEAR(CAST('2005-11-30' AS DATE)) - YEAR(p.birth_date)
                )) AS DATE) > CAST('2005-11-30' AS DATE)
                THEN 1
                ELSE 0
              END
              WHEN CAST('2005-11-30' AS DATE) >= p.birth_date
              THEN 0
              ELSE -1
            END
          ) >= 49
        )
      ) IS FALSE) AS "#a16",
    COUNT(*) FILTER(WHERE
      p.birth_date <= CAST('2005-12-31' AS DATE)
      AND (
        p."died_on" IS NULL OR p."died_on" > CAST('2005-12-31' AS DATE)
      )
      AND (
        p."left_on" IS NULL OR p."left_on" > CAST('2005-12-31' AS DATE)
      )
      AND (
        (
          p."role" = 'wife'
        )
      ) IS TRUE
      AND (
        (
          (
            CASE
              WHEN (
                YEAR(CAST('2005-12-31' AS DATE)) - YEAR(p.birth_date)
              ) IS NULL
              THEN NULL
              WHEN (
                YEAR(CAST('2005-12-31' AS DATE)) - YEAR(p.birth_date)
              ) > 0
              THEN (
                YEAR(CAST('2005-12-31' AS DATE)) - YEAR(p.birth_date)
              ) - CASE
                WHEN CAST(p.birth_date + TO_YEARS((
                  YEAR(CAST('2005-12-31' AS DATE)) - YEAR(p.birth_date)
                )) AS DATE) > CAST('2005-12-31' AS DATE)
                THEN 1
                ELSE 0
              END
              WHEN CAST('2005-12-31' AS DATE) >= p.birth_date
              THEN 0
              ELSE -1
            END
          ) >= 49
        )
      ) IS FALSE) AS "#a17",
    COUNT(*) FILTER(WHERE
      p.birth_date <= CAST('2005-01-31' AS DATE)
      AND (
        p."died_on" IS NULL OR p."died_on" > CAST('2005-01-31' AS DATE)
      )
      AND (
        p."left_on" IS NULL OR p."left_on" > CAST('2005-01-31' AS DATE)
      )
      AND (
        (
          p."role" IN ('husband', 'wife')
        )
      ) IS TRUE
      AND (
        (
          (
            CASE
              WHEN (
                YEAR(CAST('2005-01-31' AS DATE)) - YEAR(p.birth_date)
              ) IS NULL
              THEN NULL
              WHEN (
                YEAR(CAST('2005-01-31' AS DATE)) - YEAR(p.birth_date)
              ) > 0
              THEN (
                YEAR(CAST('2005-01-31' AS DATE)) - YEAR(p.birth_date)
              ) - CASE
                WHEN CAST(p.birth_date + TO_YEARS((
                  YEAR(CAST('2005-01-31' AS DATE)) - YEAR(p.birth_date)
                )) AS DATE) > CAST('2005-01-31' AS DATE)
                THEN 1
                ELSE 0
              END
              WHEN CAST('2005-01-31' AS DATE) >= p.birth_date
              THEN 0
              ELSE -1
            END
          ) >= 49
        )
      ) IS FALSE) AS "#a18",
    COUNT(*) FILTER(WHERE
      p.birth_date <= CAST('2005-02-28' AS DATE)
      AND (
        p."died_on" IS NULL OR p."died_on" > CAST('2005-02-28' AS DATE)
      )
      AND (
        p."left_on" IS NULL OR p."left_on" > CAST('2005-02-28' AS DATE)
      )
      AND (
        (
          p."role" IN ('husband', 'wife')
        )
      ) IS TRUE
      AND (
        (
          (
            CASE
              WHEN (
                YEAR(CAST('2005-02-28' AS DATE)) - YEAR(p.birth_date)
              ) IS NULL
              THEN NULL
              WHEN (
                YEAR(CAST('2005-02-28' AS DATE)) - YEAR(p.birth_date)
              ) > 0
              THEN (
                YEAR(CAST('2005-02-28' AS DATE)) - YEAR(p.birth_date)
              ) - CASE
                WHEN CAST(p.birth_date + TO_YEARS((
                  YEAR(CAST('2005-02-28' AS DATE)) - YEAR(p.birth_date)
                )) AS DATE) > CAST('2005-02-28' AS DATE)
                THEN 1
                ELSE 0
              END
              WHEN CAST('2005-02-28' AS DATE) >= p.birth_date
              THEN 0
              ELSE -1
            END
          ) >= 49
        )
      ) IS FALSE) AS "#a19",
    COUNT(*) FILTER(WHERE
      p.birth_date <= CAST('2005-03-31' AS DATE)
      AND (
        p."died_on" IS NULL OR p."died_on" > CAST('2005-03-31' AS DATE)
      )
      AND (
        p."left_on" IS NULL OR p."left_on" > CAST('2005-03-31' AS DATE)
      )
      AND (
        (
          p."role" IN ('husband', 'wife')
        )
      ) IS TRUE
      AND (
        (
          (
            CASE
              WHEN (
                YEAR(CAST('2005-03-31' AS DATE)) - YEAR(p.birth_date)
              ) IS NULL
              THEN NULL
              WHEN (
                YEAR(CAST('2005-03-31' AS DATE)) - YEAR(p.birth_date)
              ) > 0
              THEN (
                YEAR(CAST('2005-03-31' AS DATE)) - YEAR(p.birth_date)
              ) - CASE
                WHEN CAST(p.birth_date + TO_YEARS((
                  YEAR(CAST('2005-03-31' AS DATE)) - YEAR(p.birth_date)
                )) AS DATE) > CAST('2005-03-31' AS DATE)
                THEN 1
                ELSE 0
              END
              WHEN CAST('2005-03-31' AS DATE) >= p.birth_date
              THEN 0
              ELSE -1
            END
          ) >= 49
        )
      ) IS FALSE) AS "#a20",
    COUNT(*) FILTER(WHERE
      p.birth_date <= CAST('2005-04-30' AS DATE)
      AND (
        p."died_on" IS NULL OR p."died_on" > CAST('2005-04-30' AS DATE)
      )
      AND (
        p."left_on" IS NULL OR p."left_on" > CAST('2005-04-30' AS DATE)
      )
      AND (
        (
          p."role" IN ('husband', 'wife')
        )
      ) IS TRUE
      AND (
        (
          (
            CASE
              WHEN (
                YEAR(CAST('2005-04-30' AS DATE)) - YEAR(p.birth_date)
              ) IS NULL
              THEN NULL
              WHEN (
                YEAR(CAST('2005-04-30' AS DATE)) - YEAR(p.birth_date)
              ) > 0
              THEN (
                YEAR(CAST('2005-04-30' AS DATE)) - YEAR(p.birth_date)
              ) - CASE
                WHEN CAST(p.birth_date + TO_YEARS((
                  YEAR(CAST('2005-04-30' AS DATE)) - YEAR(p.birth_date)
                )) AS DATE) > CAST('2005-04-30' AS DATE)
                THEN 1
                ELSE 0
              END
              WHEN CAST('2005-04-30' AS DATE) >= p.birth_date
              THEN 0
              ELSE -1
            END
          ) >= 49
        )
      ) IS FALSE) AS "#a21",
    COUNT(*) FILTER(WHERE
      p.birth_date <= CAST('2005-05-31' AS DATE)
      AND (
        p."died_on" IS NULL OR p."died_on" > CAST('2005-05-31' AS DATE)
      )
      AND (
        p."left_on" IS NULL OR p."left_on" > CAST('2005-05-31' AS DATE)
      )
      AND (
        (
          p."role" IN ('husband', 'wife')
        )
      ) IS TRUE
      AND (
        (
          (
            CASE
              WHEN (
                YEAR(CAST('2005-05-31' AS DATE)) - YEAR(p.birth_date)
              ) IS NULL
              THEN NULL
              WHEN (
                YEAR(CAST('2005-05-31' AS DATE)) - YEAR(p.birth_date)
              ) > 0
              THEN (
                YEAR(CAST('2005-05-31' AS DATE)) - YEAR(p.birth_date)
              ) - CASE
                WHEN CAST(p.birth_date + TO_YEARS((
                  YEAR(CAST('2005-05-31' AS DATE)) - YEAR(p.birth_date)
                )) AS DATE) > CAST('2005-05-31' AS DATE)
                THEN 1
                ELSE 0
              END
              WHEN CAST('2005-05-31' AS DATE) >= p.birth_date
              THEN 0
              ELSE -1
            END
          ) >= 49
        )
      ) IS FALSE) AS "#a22",
    COUNT(*) FILTER(WHERE
      p.birth_date <= CAST('2005-06-30' AS DATE)
      AND (
        p."died_on" IS NULL OR p."died_on" > CAST('2005-06-30' AS DATE)
      )
      AND (
        p."left_on" IS NULL OR p."left_on" > CAST('2005-06-30' AS DATE)
      )
      AND (
        (
          p."role" IN ('husband', 'wife')
        )
      ) IS TRUE
      AND (
        (
          (
            CASE
              WHEN (
                YEAR(CAST('2005-06-30' AS DATE)) - YEAR(p.birth_date)
              ) IS NULL
              THEN NULL
              WHEN (
                YEAR(CAST('2005-06-30' AS DATE)) - YEAR(p.birth_date)
              ) > 0
              THEN (
                YEAR(CAST('2005-06-30' AS DATE)) - YEAR(p.birth_date)
              ) - CASE
                WHEN CAST(p.birth_date + TO_YEARS((
                  YEAR(CAST('2005-06-30' AS DATE)) - YEAR(p.birth_date)
                )) AS DATE) > CAST('2005-06-30' AS DATE)
                THEN 1
                ELSE 0
              END
              WHEN CAST('2005-06-30' AS DATE) >= p.birth_date
              THEN 0
              ELSE -1
            END
          ) >= 49
        )
      ) IS FALSE) AS "#a23",
    COUNT(*) FILTER(WHERE
      p.birth_date <= CAST('2005-07-31' AS DATE)
      AND (
        p."died_on" IS NULL OR p."died_on" > CAST('2005-07-31' AS DATE)
      )
      AND (
        p."left_on" IS NULL OR p."left_on" > CAST('2005-07-31' AS DATE)
      )
      AND (
        (
          p."role" IN ('husband', 'wife')
        )
      ) IS TRUE
      AND (
        (
          (
            CASE
              WHEN (
                YEAR(CAST('2005-07-31' AS DATE)) - YEAR(p.birth_date)
              ) IS NULL
              THEN NULL
              WHEN (
                YEAR(CAST('2005-07-31' AS DATE)) - YEAR(p.birth_date)
              ) > 0
              THEN (
                YEAR(CAST('2005-07-31' AS DATE)) - YEAR(p.birth_date)
              ) - CASE
                WHEN CAST(p.birth_date + TO_YEARS((
                  YEAR(CAST('2005-07-31' AS DATE)) - YEAR(p.birth_date)
                )) AS DATE) > CAST('2005-07-31' AS DATE)
                THEN 1
                ELSE 0
              END
              WHEN CAST('2005-07-31' AS DATE) >= p.birth_date
              THEN 0
              ELSE -1
            END
          ) >= 49
        )
      ) IS FALSE) AS "#a24",
    COUNT(*) FILTER(WHERE
      p.birth_date <= CAST('2005-08-31' AS DATE)
      AND (
        p."died_on" IS NULL OR p."died_on" > CAST('2005-08-31' AS DATE)
      )
      AND (
        p."left_on" IS NULL OR p."left_on" > CAST('2005-08-31' AS DATE)
      )
      AND (
        (
          p."role" IN ('husband', 'wife')
        )
      ) IS TRUE
      AND (
        (
          (
            CASE
              WHEN (
                YEAR(CAST('2005-08-31' AS DATE)) - YEAR(p.birth_date)
              ) IS NULL
              THEN NULL
              WHEN (
                YEAR(CAST('2005-08-31' AS DATE)) - YEAR(p.birth_date)
              ) > 0
              THEN (
                YEAR(CAST('2005-08-31' AS DATE)) - YEAR(p.birth_date)
              ) - CASE
                WHEN CAST(p.birth_date + TO_YEARS((
                  YEAR(CAST('2005-08-31' AS DATE)) - YEAR(p.birth_date)
                )) AS DATE) > CAST('2005-08-31' AS DATE)
                THEN 1
                ELSE 0
              END
              WHEN CAST('2005-08-31' AS DATE) >= p.birth_date
              THEN 0
              ELSE -1
            END
          ) >= 49
        )
      ) IS FALSE) AS "#a25",
    COUNT(*) FILTER(WHERE
      p.birth_date <= CAST('2005-09-30' AS DATE)
      AND (
        p."died_on" IS NULL OR p."died_on" > CAST('2005-09-30' AS DATE)
      )
      AND (
        p."left_on" IS NULL OR p."left_on" > CAST('2005-09-30' AS DATE)
      )
      AND (
        (
          p."role" IN ('husband', 'wife')
        )
      ) IS TRUE
      AND (
        (
          (
            CASE
              WHEN (
                YEAR(CAST('2005-09-30' AS DATE)) - YEAR(p.birth_date)
              ) IS NULL
              THEN NULL
              WHEN (
                YEAR(CAST('2005-09-30' AS DATE)) - YEAR(p.birth_date)
              ) > 0
              THEN (
                YEAR(CAST('2005-09-30' AS DATE)) - YEAR(p.birth_date)
              ) - CASE
                WHEN CAST(p.birth_date + TO_YEARS((
                  YEAR(CAST('2005-09-30' AS DATE)) - YEAR(p.birth_date)
                )) AS DATE) > CAST('2005-09-30' AS DATE)
                THEN 1
                ELSE 0
              END
              WHEN CAST('2005-09-30' AS DATE) >= p.birth_date
              THEN 0
              ELSE -1
            END
          ) >= 49
        )
      ) IS FALSE) AS "#a26",
    COUNT(*) FILTER(WHERE
      p.birth_date <= CAST('2005-10-31' AS DATE)
      AND (
        p."died_on" IS NULL OR p."died_on" > CAST('2005-10-31' AS DATE)
      )
      AND (
        p."left_on" IS NULL OR p."left_on" > CAST('2005-10-31' AS DATE)
      )
      AND (
        (
          p."role" IN ('husband', 'wife')
        )
      ) IS TRUE
      AND (
        (
          (
            CASE
              WHEN (
                YEAR(CAST('2005-10-31' AS DATE)) - YEAR(p.birth_date)
              ) IS NULL
              THEN NULL
              WHEN (
                YEAR(CAST('2005-10-31' AS DATE)) - YEAR(p.birth_date)
              ) > 0
              THEN (
                YEAR(CAST('2005-10-31' AS DATE)) - YEAR(p.birth_date)
              ) - CASE
                WHEN CAST(p.birth_date + TO_YEARS((
                  YEAR(CAST('2005-10-31' AS DATE)) - YEAR(p.birth_date)
                )) AS DATE) > CAST('2005-10-31' AS DATE)
                THEN 1
                ELSE 0
              END
              WHEN CAST('2005-10-31' AS DATE) >= p.birth_date
              THEN 0
              ELSE -1
            END
          ) >= 49
        )
      ) IS FALSE) AS "#a27",
    COUNT(*) FILTER(WHERE
      p.birth_date <= CAST('2005-11-30' AS DATE)
      AND (
        p."died_on" IS NULL OR p."died_on" > CAST('2005-11-30' AS DATE)
      )
      AND (
        p."left_on" IS NULL OR p."left_on" > CAST('2005-11-30' AS DATE)
      )
      AND (
        (
          p."role" IN ('husband', 'wife')
        )
      ) IS TRUE
      AND (
        (
          (
            CASE
              WHEN (
                YEAR(CAST('2005-11-30' AS DATE)) - YEAR(p.birth_date)
              ) IS NULL
              THEN NULL
              WHEN (
                YEAR(CAST('2005-11-30' AS DATE)) - YEAR(p.birth_date)
              ) > 0
              THEN (
                YEAR(CAST('2005-11-30' AS DATE)) - YEAR(p.birth_date)
              ) - CASE
                WHEN CAST(p.birth_date + TO_YEARS((
                  YEAR(CAST('2005-11-30' AS DATE)) - YEAR(p.birth_date)
                )) AS DATE) > CAST('2005-11-30' AS DATE)
                THEN 1
                ELSE 0
              END
              WHEN CAST('2005-11-30' AS DATE) >= p.birth_date
              THEN 0
              ELSE -1
            END
          ) >= 49
        )
      ) IS FALSE) AS "#a28",
    COUNT(*) FILTER(WHERE
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
          (
            CASE
              WHEN (
                YEAR(CAST('2005-12-31' AS DATE)) - YEAR(p.birth_date)
              ) IS NULL
              THEN NULL
              WHEN (
                YEAR(CAST('2005-12-31' AS DATE)) - YEAR(p.birth_date)
              ) > 0
              THEN (
                YEAR(CAST('2005-12-31' AS DATE)) - YEAR(p.birth_date)
              ) - CASE
                WHEN CAST(p.birth_date + TO_YEARS((
                  YEAR(CAST('2005-12-31' AS DATE)) - YEAR(p.birth_date)
                )) AS DATE) > CAST('2005-12-31' AS DATE)
                THEN 1
                ELSE 0
              END
              WHEN CAST('2005-12-31' AS DATE) >= p.birth_date
              THEN 0
              ELSE -1
            END
          ) >= 49
        )
      ) IS FALSE) AS "#a29",
    COUNT(*) FILTER(WHERE
      p.birth_date <= CAST('2005-01-31' AS DATE)
      AND (
        LEAST(p."died_on", p."left_on") IS NULL
        OR LEAST(p."died_on", p."left_on") > CAST('2005-12-31' AS DATE)
      )
      AND (
        (
          p."role" IN ('husband', 'wife')
        )
      ) IS TRUE
      AND (
        (
          p."birth_date" >= CAST('1933-01-01' AS DATE)
        )
      ) IS FALSE) AS "#a30",
    ARRAY_AGG({'b': p.birth_date, 'g': LEAST(p."died_on", p."left_on")}) FILTER(WHERE
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
          p."role" IN ('husband', 'wife')
        )
      ) IS TRUE
      AND (
        (
          p."birth_date" >= CAST('1933-01-01' AS DATE)
        )
      ) IS FALSE) AS "#a31"
  FROM (
    SELECT
      *,
      {'birth_date': p."birth_date", '#id': p."#id", 'died_on': p."died_on", 'disability_grade': p."disability_grade", 'left_on': p."left_on"} AS "#p"
    FROM pp AS p
  ) AS p
  GROUP BY
    p."#hid"
) AS a0
  ON a0."#hid" = h."#hid";
CREATE OR REPLACE TEMPORARY TABLE "benefit:special_assistance" AS
SELECT
  h."#hid" AS hid,
  (
    h."#s"
  )."#id" AS sid,
  h."#d" AS d,
  h."#ok" AS paid,
  CASE
    WHEN h."#ok"
    THEN TRY_CAST(ROUND(TRY_CAST(h."#x11" AS DECIMAL(38, 10)), 2) AS DECIMAL(18, 2))
  END AS amount,
  h."#err" AS err
FROM (
  SELECT
    *
    REPLACE (h."#err"
    OR (
      h."#ok"
      AND TRY_CAST(ROUND(TRY_CAST(h."#x11" AS DECIMAL(38, 10)), 2) AS DECIMAL(18, 2)) IS NULL
    ) AS "#err")
  FROM (
    SELECT
      *
      REPLACE (h."#ok" AS "#ok", (
        h."#err"
        OR (
          h."#ok" AND (
            (
              h."#d" < CAST('2008-01-01' AS DATE)
            ) IS TRUE
          )
        )
      ) AS "#err")
    FROM (
      SELECT
        *,
        (
          CASE h."#def9"
            WHEN 'death'
            THEN (
              CASE h."#def10"
                WHEN 'countryside'
                THEN (
                  CASE
                    WHEN h."#d" >= CAST('2016-01-01' AS DATE)
                    THEN CAST('340.00' AS DECIMAL(18, 2))
                    WHEN h."#d" >= CAST('2014-01-01' AS DATE)
                    THEN CAST('170.00' AS DECIMAL(18, 2))
                    WHEN h."#d" >= CAST('2012-01-01' AS DATE)
                    THEN CAST('135.00' AS DECIMAL(18, 2))
                    WHEN h."#d" >= CAST('2008-01-01' AS DATE)
                    THEN CAST('100.00' AS DECIMAL(18, 2))
                    ELSE NULL
                  END
                )
                WHEN 'urban'
                THEN (
                  CASE
                    WHEN h."#d" >= CAST('2014-01-01' AS DATE)
                    THEN CAST('340.00' AS DECIMAL(18, 2))
                    WHEN h."#d" >= CAST('2012-01-01' AS DATE)
                    THEN CAST('135.00' AS DECIMAL(18, 2))
                    WHEN h."#d" >= CAST('2008-01-01' AS DATE)
                    THEN CAST('100.00' AS DECIMAL(18, 2))
                    ELSE NULL
                  END
                )
                ELSE NULL
              END
            )
            WHEN 'disability'
            THEN (
              CASE h."#def10"
                WHEN 'countryside'
                THEN (
                  CASE
                    WHEN h."#d" >= CAST('2016-01-01' AS DATE)
                    THEN CAST('270.00' AS DECIMAL(18, 2))
                    WHEN h."#d" >= CAST('2014-01-01' AS DATE)
                    THEN CAST('150.00' AS DECIMAL(18, 2))
                    WHEN h."#d" >= CAST('2012-01-01' AS DATE)
                    THEN CAST('110.00' AS DECIMAL(18, 2))
                    WHEN h."#d" >= CAST('2008-01-01' AS DATE)
                    THEN CAST('80.00' AS DECIMAL(18, 2))
                    ELSE NULL
                  END
                )
                WHEN 'urban'
                THEN (
                  CASE
                    WHEN h."#d" >= CAST('2014-01-01' AS DATE)
                    THEN CAST('270.00' AS DECIMAL(18, 2))
                    WHEN h."#d" >= CAST('2012-01-01' AS DATE)
                    THEN CAST('110.00' AS DECIMAL(18, 2))
                    WHEN h."#d" >= CAST('2008-01-01' AS DATE)
                    THEN CAST('80.00' AS DECIMAL(18, 2))
                    ELSE NULL
                  END
                )
                ELSE NULL
              END
            )
            ELSE NULL
          END
        ) AS "#x11"
      FROM (
        SELECT
          *,
          (
            CASE h."rural" WHEN TRUE THEN 'countryside' WHEN FALSE THEN 'urban' END
          ) AS "#def10"
        FROM (
          SELECT
            *,
            (
              CASE h."#def3" WHEN TRUE THEN 'death' WHEN FALSE THEN 'disability' END
            ) AS "#def9"
          FROM (
            SELECT
              *
              REPLACE ((
                h."#ok" AND (
                  h."#x8"
                ) IS TRUE
              ) AS "#ok", (
                h."#err" OR (
                  h."#ok" AND FALSE
                )
              ) AS "#err")
            FROM (
              SELECT
                *,
                h."#def7" AS "#x8"
              FROM (
                SELECT
                  *,
                  (
                    h."#def1" AND (
                      h."#def3" OR h."#def4"
                    ) AND h."#def5" AND h."#def6"
                  ) AS "#def7"
                FROM (
                  SELECT
                    *,
                    (
                      CASE
                        WHEN (
                          h."#a30" + COALESCE(
                            LENGTH(
                              LIST_FILTER(h."#a31", LAMBDA x4 : x4.b <= h."#d" AND (
                                x4.g IS NULL OR x4.g > h."#d"
                              ))
                            ),
                            0
                          )
                        ) > 0
                        THEN FALSE
                        ELSE TRUE
                      END
                    ) AS "#def6"
                  FROM (
                    SELECT
                      *,
                      (
                        CASE (
                            (
                              h."#a4" + COALESCE(
                                LENGTH(
                                  LIST_FILTER(h."#a5", LAMBDA x3 : x3.b <= h."#d" AND (
                                    x3.g IS NULL OR x3.g > h."#d"
                                  ))
                                ),
                                0
                              )
                            ) >= 1
                          )
                          WHEN TRUE
                          THEN (
                            CASE
                              WHEN (
                                CASE h."#d"
                                  WHEN CAST('2005-01-31' AS DATE)
                                  THEN h."#a6"
                                  WHEN CAST('2005-02-28' AS DATE)
                                  THEN h."#a7"
                                  WHEN CAST('2005-03-31' AS DATE)
                                  THEN h."#a8"
                                  WHEN CAST('2005-04-30' AS DATE)
                                  THEN h."#a9"
                                  WHEN CAST('2005-05-31' AS DATE)
                                  THEN h."#a10"
                                  WHEN CAST('2005-06-30' AS DATE)
                                  THEN h."#a11"
                                  WHEN CAST('2005-07-31' AS DATE)
                                  THEN h."#a12"
                                  WHEN CAST('2005-08-31' AS DATE)
                                  THEN h."#a13"
                                  WHEN CAST('2005-09-30' AS DATE)
                                  THEN h."#a14"
                                  WHEN CAST('2005-10-31' AS DATE)
                                  THEN h."#a15"
                                  WHEN CAST('2005-11-30' AS DATE)
                                  THEN h."#a16"
                                  WHEN CAST('2005-12-31' AS DATE)
                                  THEN h."#a17"
                                END
                              ) > 0
                              THEN FALSE
                              ELSE TRUE
                            END
                          )
                          WHEN FALSE
                          THEN (
                            CASE
                              WHEN (
                                CASE h."#d"
                                  WHEN CAST('2005-01-31' AS DATE)
                                  THEN h."#a18"
                                  WHEN CAST('2005-02-28' AS DATE)
                                  THEN h."#a19"
                                  WHEN CAST('2005-03-31' AS DATE)
                                  THEN h."#a20"
                                  WHEN CAST('2005-04-30' AS DATE)
                                  THEN h."#a21"
                                  WHEN CAST('2005-05-31' AS DATE)
                                  THEN h."#a22"
                                  WHEN CAST('2005-06-30' AS DATE)
                                  THEN h."#a23"
                                  WHEN CAST('2005-07-31' AS DATE)
                                  THEN h."#a24"
                                  WHEN CAST('2005-08-31' AS DATE)
                                  THEN h."#a25"
                                  WHEN CAST('2005-09-30' AS DATE)
                                  THEN h."#a26"
                                  WHEN CAST('2005-10-31' AS DATE)
                                  THEN h."#a27"
                                  WHEN CAST('2005-11-30' AS DATE)
                                  THEN h."#a28"
                                  WHEN CAST('2005-12-31' AS DATE)
                                  THEN h."#a29"
                                END
                              ) > 0
                              THEN FALSE
                              ELSE TRUE
                            END
                          )
                        END
                      ) AS "#def5"
                    FROM (
                      SELECT
                        *,
                        (
                          (
                            NOT (
                              CASE
                                WHEN (
                                  h."#def2"
                                ) IS NULL
                                THEN NULL
                                ELSE COALESCE((
                                  h."#def2"
                                )."died_on" <= h."#d", FALSE)
                              END
                            )
                          )
                          AND (
                            (
                              h."#def2"
                            )."disability_grade" IN ('grade_1', 'grade_2', 'grade_3')
                          )
                        ) AS "#def4"
                      FROM (
                        SELECT
                          *,
                          (
                            CASE
                              WHEN (
                                h."#def2"
                              ) IS NULL
                              THEN NULL
                              ELSE COALESCE((
                                h."#def2"
                              )."died_on" <= h."#d", FALSE)
                            END
                          ) AS "#def3"
                        FROM (
                          SELECT
                            *,
                            (
                              CASE
                                WHEN (
                                  h."#a1" + COALESCE(LENGTH(LIST_FILTER(h."#a2", LAMBDA x2 : x2 <= h."#d")), 0)
                                ) >= 1
                                THEN h."#a3"
                              END
                            ) AS "#def2"
                          FROM (
                            SELECT
                              *,
                              (
                                (
                                  h."#a1" + COALESCE(LENGTH(LIST_FILTER(h."#a2", LAMBDA x1 : x1 <= h."#d")), 0)
                                ) = 1
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
                                      h."#d" >= CAST('2008-01-01' AS DATE)
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
                                      {'birth_date': p."birth_date", '#id': p."#id", 'role': p."role", 'died_on': p."died_on", 'left_on': p."left_on", 'disability_grade': p."disability_grade"} AS "#s"
                                    FROM (
                                      SELECT
                                        h.*,
                                        u.d AS "#d",
                                        u.us AS "#us",
                                        u.ue AS "#ue"
                                      FROM hh AS h
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
                                          p."role" IN ('husband', 'wife')
                                        )
                                      ) IS TRUE
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
                    ) AS h
                  ) AS h
                ) AS h
              ) AS h
            ) AS h
            WHERE
              (
                h."#ok" AND (
                  h."#x8"
                ) IS TRUE
              ) OR h."#err" OR (
                h."#ok" AND FALSE
              )
          ) AS h
        ) AS h
      ) AS h
    ) AS h
    WHERE
      h."#ok"
      OR h."#err"
      OR (
        h."#ok" AND (
          (
            h."#d" < CAST('2008-01-01' AS DATE)
          ) IS TRUE
        )
      )
  ) AS h
) AS h;
CREATE TEMPORARY TABLE errors AS
SELECT DISTINCT
  hid
FROM (
  SELECT
    hid
  FROM "benefit:special_assistance"
  WHERE
    err
);
WITH units AS (
  SELECT
    hid,
    'special_assistance' AS benefit,
    sid,
    d,
    amount
  FROM "benefit:special_assistance"
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
WHERE
  NOT h."#hid" IN (
    SELECT
      hid
    FROM errors
  )
ORDER BY
  h."#hid";
