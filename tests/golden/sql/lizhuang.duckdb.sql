CREATE OR REPLACE TEMPORARY TABLE hh AS
SELECT
  h.*,
  COALESCE(a0."#a1", 0) AS "#a1",
  COALESCE(a0."#a2", 0) AS "#a2",
  COALESCE(a0."#a3", 0) AS "#a3",
  COALESCE(a0."#a4", 0) AS "#a4",
  a0."#a5",
  a0."#a6",
  COALESCE(a0."#a7", 0) AS "#a7"
FROM hh_base AS h
LEFT JOIN (
  SELECT
    p."#hid",
    COUNT(*) FILTER(WHERE
      p.birth_date <= CAST('2005-12-31' AS DATE)
      AND (
        (
          p."role" = 'child'
        )
      ) IS TRUE
      AND (
        (
          NOT COALESCE(p."died_on" <= CAST('2005-12-31' AS DATE), FALSE)
        )
      ) IS TRUE) AS "#a1",
    COUNT(*) FILTER(WHERE
      p.birth_date <= CAST('2005-12-31' AS DATE)
      AND (
        (
          p."role" = 'child'
        )
      ) IS TRUE
      AND (
        (
          NOT COALESCE(p."died_on" <= CAST('2005-12-31' AS DATE), FALSE)
        )
      ) IS TRUE
      AND (
        (
          p."sex" = 'female'
        )
      ) IS FALSE) AS "#a2",
    COUNT(*) FILTER(WHERE
      p.birth_date <= CAST('2005-12-31' AS DATE)
      AND (
        (
          p."role" = 'child'
        )
      ) IS TRUE) AS "#a3",
    COUNT(*) FILTER(WHERE
      p.birth_date <= CAST('2005-01-31' AS DATE)
      AND (
        (
          p."role" = 'child'
        )
      ) IS TRUE) AS "#a4",
    ARRAY_AGG(p.birth_date) FILTER(WHERE
      p.birth_date > CAST('2005-01-31' AS DATE)
      AND p.birth_date <= CAST('2005-12-31' AS DATE)
      AND (
        (
          p."role" = 'child'
        )
      ) IS TRUE) AS "#a5",
    MIN(p."#p", 1) FILTER(WHERE
      (
        (
          p."role" = 'child'
        )
      ) IS TRUE)[1] AS "#a6",
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
          ) >= 60
        )
      ) IS TRUE) AS "#a7"
  FROM (
    SELECT
      *,
      {'birth_date': p."birth_date", '#id': p."#id", 'died_on': p."died_on", 'left_on': p."left_on"} AS "#p"
    FROM pp AS p
  ) AS p
  GROUP BY
    p."#hid"
) AS a0
  ON a0."#hid" = h."#hid";
CREATE OR REPLACE TEMPORARY TABLE "benefit:reward" AS
SELECT
  h."#hid" AS hid,
  (
    h."#s"
  )."#id" AS sid,
  h."#d" AS d,
  h."#ok" AS paid,
  CASE
    WHEN h."#ok"
    THEN TRY_CAST(ROUND(TRY_CAST(h."#x7" AS DECIMAL(38, 10)), 2) AS DECIMAL(18, 2))
  END AS amount,
  h."#err" AS err
FROM (
  SELECT
    *
    REPLACE (h."#err"
    OR (
      h."#ok"
      AND TRY_CAST(ROUND(TRY_CAST(h."#x7" AS DECIMAL(38, 10)), 2) AS DECIMAL(18, 2)) IS NULL
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
            WHEN h."#d" >= CAST('2012-01-01' AS DATE)
            THEN CAST('960.00' AS DECIMAL(18, 2))
            WHEN h."#d" >= CAST('2009-01-01' AS DATE)
            THEN CAST('720.00' AS DECIMAL(18, 2))
            WHEN h."#d" >= CAST('2004-01-01' AS DATE)
            THEN CAST('600.00' AS DECIMAL(18, 2))
            ELSE NULL
          END
        ) AS "#x7"
      FROM (
        SELECT
          *
          REPLACE ((
            h."#ok" AND (
              h."#x6"
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
                    YEAR(h."#d") - YEAR((
                      h."#s"
                    ).birth_date)
                  ) IS NULL
                  THEN NULL
                  WHEN (
                    YEAR(h."#d") - YEAR((
                      h."#s"
                    ).birth_date)
                  ) > 0
                  THEN (
                    YEAR(h."#d") - YEAR((
                      h."#s"
                    ).birth_date)
                  ) - CASE
                    WHEN CAST((
                      h."#s"
                    ).birth_date + TO_YEARS((
                      YEAR(h."#d") - YEAR((
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
              ) >= 60
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
                (
                  (
                    h."#s"
                  )."birth_date" >= CAST('1933-01-01' AS DATE)
                ) AS "#x5"
              FROM (
                SELECT
                  *
                  REPLACE ((
                    h."#ok" AND (
                      h."#x4"
                    ) IS TRUE
                  ) AS "#ok", (
                    h."#err" OR (
                      h."#ok" AND FALSE
                    )
                  ) AS "#err")
                FROM (
                  SELECT
                    *,
                    h."#def3" AS "#x4"
                  FROM (
                    SELECT
                      *,
                      (
                        (
                          h."#a1" = 1
                        )
                        OR (
                          (
                            h."#a1" = 2
                          ) AND (
                            CASE WHEN h."#a2" > 0 THEN FALSE ELSE TRUE END
                          )
                        )
                        OR (
                          (
                            h."#a1" = 0
                          ) AND (
                            h."#a3" >= 1
                          )
                        )
                      ) AS "#def3"
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
                              NOT (
                                CASE
                                  WHEN LENGTH(
                                    LIST_FILTER(
                                      LIST_FILTER(
                                        LIST_FILTER(h."#members", LAMBDA x1 : x1.birth_date <= h."#d"),
                                        LAMBDA x2 : (
                                          (
                                            (
                                              x2
                                            )."role" = 'child'
                                          )
                                        ) IS TRUE
                                      ),
                                      LAMBDA x3 : (
                                        (
                                          (
                                            x3
                                          )."out_of_policy_birth"
                                          AND (
                                            (
                                              YEAR((
                                                x3
                                              )."birth_date")
                                            ) BETWEEN 1973 AND 2001
                                          )
                                        )
                                      ) IS TRUE
                                    )
                                  ) > 0
                                  THEN TRUE
                                  WHEN LENGTH(
                                    LIST_FILTER(
                                      LIST_FILTER(
                                        LIST_FILTER(h."#members", LAMBDA x1 : x1.birth_date <= h."#d"),
                                        LAMBDA x2 : (
                                          (
                                            (
                                              x2
                                            )."role" = 'child'
                                          )
                                        ) IS TRUE
                                      ),
                                      LAMBDA x3 : (
                                        (
                                          (
                                            x3
                                          )."out_of_policy_birth"
                                          AND (
                                            (
                                              YEAR((
                                                x3
                                              )."birth_date")
                                            ) BETWEEN 1973 AND 2001
                                          )
                                        )
                                      ) IS NULL
                                    )
                                  ) > 0
                                  THEN NULL
                                  ELSE FALSE
                                END
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
                                    h."#d" >= CAST('2004-01-01' AS DATE)
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
                                    {'birth_date': p."birth_date", '#id': p."#id", 'role': p."role", 'sex': p."sex", 'died_on': p."died_on", 'left_on': p."left_on", 'out_of_policy_birth': p."out_of_policy_birth"} AS "#s"
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
                                        CAST('2005-12-31' AS DATE),
                                        CAST('2005-12-31' AS DATE),
                                        CAST('2006-12-30' AS DATE)
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
                ) AS h
                WHERE
                  (
                    h."#ok" AND (
                      h."#x4"
                    ) IS TRUE
                  ) OR h."#err" OR (
                    h."#ok" AND FALSE
                  )
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
          (
            h."#ok" AND (
              h."#x6"
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
CREATE OR REPLACE TEMPORARY TABLE "benefit:parents_award" AS
SELECT
  h."#hid" AS hid,
  (
    h."#s"
  )."#id" AS sid,
  h."#d" AS d,
  h."#ok" AS paid,
  CASE
    WHEN h."#ok"
    THEN TRY_CAST(ROUND(TRY_CAST(h."#x4" AS DECIMAL(38, 10)), 2) AS DECIMAL(18, 2))
  END AS amount,
  h."#err" AS err
FROM (
  SELECT
    *
    REPLACE (h."#err"
    OR (
      h."#ok"
      AND TRY_CAST(ROUND(TRY_CAST(h."#x4" AS DECIMAL(38, 10)), 2) AS DECIMAL(18, 2)) IS NULL
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
          CASE (
              h."#d" >= CAST('2021-01-01' AS DATE)
            )
            WHEN TRUE
            THEN CAST('30.00' AS DECIMAL(18, 2))
            WHEN FALSE
            THEN CAST('20.00' AS DECIMAL(18, 2))
          END
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
            (
              (
                CASE
                  WHEN 18 BETWEEN -9999 AND 9999
                  THEN (
                    CASE
                      WHEN CAST((
                        (
                          CASE
                            WHEN (
                              h."#a4" + COALESCE(LENGTH(LIST_FILTER(h."#a5", LAMBDA x2 : x2 <= h."#d")), 0)
                            ) >= 1
                            THEN h."#a6"
                          END
                        )
                      ).birth_date + TO_YEARS(18) AS DATE) BETWEEN CAST('0001-01-01' AS DATE) AND CAST('9999-12-31' AS DATE)
                      THEN CAST((
                        (
                          CASE
                            WHEN (
                              h."#a4" + COALESCE(LENGTH(LIST_FILTER(h."#a5", LAMBDA x2 : x2 <= h."#d")), 0)
                            ) >= 1
                            THEN h."#a6"
                          END
                        )
                      ).birth_date + TO_YEARS(18) AS DATE)
                    END
                  )
                END
              ) >= h."#us"
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
                (
                  (
                    h."#a4" + COALESCE(LENGTH(LIST_FILTER(h."#a5", LAMBDA x1 : x1 <= h."#d")), 0)
                  ) = 1
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
                      h."one_child_cert_on" <= h."#d"
                    ) AS "#x1"
                  FROM (
                    SELECT
                      *
                    FROM (
                      SELECT
                        h.*
                        EXCLUDE ("#e0"),
                        (
                          (
                            h."#d" >= CAST('2020-06-03' AS DATE)
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
                            {'birth_date': p."birth_date", '#id': p."#id", 'role': p."role", 'sex': p."sex", 'died_on': p."died_on", 'left_on': p."left_on", 'out_of_policy_birth': p."out_of_policy_birth"} AS "#s"
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
    ) AS h
    WHERE
      h."#ok" OR h."#err" OR (
        h."#ok" AND FALSE
      )
  ) AS h
) AS h;
CREATE OR REPLACE TEMPORARY TABLE "benefit:elders_visit" AS
SELECT
  h."#hid" AS hid,
  CAST(NULL AS TEXT) AS sid,
  h."#d" AS d,
  h."#ok" AS paid,
  CASE
    WHEN h."#ok"
    THEN TRY_CAST(ROUND(TRY_CAST(h."#x7" AS DECIMAL(38, 10)), 2) AS DECIMAL(18, 2))
  END AS amount,
  h."#err" AS err
FROM (
  SELECT
    *
    REPLACE (h."#err"
    OR (
      h."#ok"
      AND TRY_CAST(ROUND(TRY_CAST(h."#x7" AS DECIMAL(38, 10)), 2) AS DECIMAL(18, 2)) IS NULL
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
        CAST('100.00' AS DECIMAL(18, 2)) AS "#x7"
      FROM (
        SELECT
          *
          REPLACE ((
            h."#ok" AND (
              h."#x6"
            ) IS TRUE
          ) AS "#ok", (
            h."#err" OR (
              h."#ok" AND FALSE
            )
          ) AS "#err")
        FROM (
          SELECT
            *,
            h."#def5" AS "#x6"
          FROM (
            SELECT
              *,
              (
                (
                  h."#a1" = 1
                )
                OR (
                  (
                    h."#a1" = 2
                  ) AND (
                    CASE WHEN h."#a2" > 0 THEN FALSE ELSE TRUE END
                  )
                )
                OR (
                  (
                    h."#a1" = 0
                  ) AND (
                    h."#a3" >= 1
                  )
                )
              ) AS "#def5"
            FROM (
              SELECT
                *
                REPLACE ((
                  h."#ok" AND (
                    h."#x4"
                  ) IS TRUE
                ) AS "#ok", (
                  h."#err" OR (
                    h."#ok" AND FALSE
                  )
                ) AS "#err")
              FROM (
                SELECT
                  *,
                  h."#def3" AS "#x4"
                FROM (
                  SELECT
                    *,
                    (
                      NOT (
                        CASE
                          WHEN LENGTH(
                            LIST_FILTER(
                              LIST_FILTER(
                                LIST_FILTER(h."#members", LAMBDA x1 : x1.birth_date <= h."#d"),
                                LAMBDA x2 : (
                                  (
                                    (
                                      x2
                                    )."role" = 'child'
                                  )
                                ) IS TRUE
                              ),
                              LAMBDA x3 : (
                                (
                                  (
                                    x3
                                  )."out_of_policy_birth"
                                  AND (
                                    (
                                      YEAR((
                                        x3
                                      )."birth_date")
                                    ) BETWEEN 1973 AND 2001
                                  )
                                )
                              ) IS TRUE
                            )
                          ) > 0
                          THEN TRUE
                          WHEN LENGTH(
                            LIST_FILTER(
                              LIST_FILTER(
                                LIST_FILTER(h."#members", LAMBDA x1 : x1.birth_date <= h."#d"),
                                LAMBDA x2 : (
                                  (
                                    (
                                      x2
                                    )."role" = 'child'
                                  )
                                ) IS TRUE
                              ),
                              LAMBDA x3 : (
                                (
                                  (
                                    x3
                                  )."out_of_policy_birth"
                                  AND (
                                    (
                                      YEAR((
                                        x3
                                      )."birth_date")
                                    ) BETWEEN 1973 AND 2001
                                  )
                                )
                              ) IS NULL
                            )
                          ) > 0
                          THEN NULL
                          ELSE FALSE
                        END
                      )
                    ) AS "#def3"
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
                        h."rural" AS "#x2"
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
                              CASE WHEN h."#a7" > 0 THEN TRUE ELSE FALSE END
                            ) AS "#x1"
                          FROM (
                            SELECT
                              *
                            FROM (
                              SELECT
                                h.*
                                EXCLUDE ("#e0"),
                                (
                                  (
                                    h."#d" >= CAST('2021-01-01' AS DATE)
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
                                    FROM hh AS h
                                    CROSS JOIN (VALUES
                                      (
                                        CAST('2005-12-31' AS DATE),
                                        CAST('2005-12-31' AS DATE),
                                        CAST('2006-12-30' AS DATE)
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
                      (
                        h."#ok" AND (
                          h."#x2"
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
                    h."#x4"
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
              h."#x6"
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
CREATE TEMPORARY TABLE errors AS
SELECT DISTINCT
  hid
FROM (
  SELECT
    hid
  FROM "benefit:reward"
  WHERE
    err
  UNION ALL
  SELECT
    hid
  FROM "benefit:parents_award"
  WHERE
    err
  UNION ALL
  SELECT
    hid
  FROM "benefit:elders_visit"
  WHERE
    err
);
WITH units AS (
  SELECT
    hid,
    'reward' AS benefit,
    sid,
    d,
    amount
  FROM "benefit:reward"
  WHERE
    paid
  UNION ALL
  SELECT
    hid,
    'parents_award' AS benefit,
    sid,
    d,
    amount
  FROM "benefit:parents_award"
  WHERE
    paid
  UNION ALL
  SELECT
    hid,
    'elders_visit' AS benefit,
    sid,
    d,
    amount
  FROM "benefit:elders_visit"
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
