-- Figures at scale (issue 20), second step: the rollup also keeps
--   kinds 10, 11, 12: the rows of kinds 0, 1, 2 per calendar month (work_date = the month's first day), so a figure over
--     a quarter or a year reads its whole months from a dozen month rows instead of every day's rows;
--   kind 3: river patrols (activity 河长, or a positive "patrols" metric): one row per distinct person a patrol is by or
--     about (name = its member name, its reporter or one of its people; member_id its member id or 0; reported_by its
--     last day as yyyy-MM-dd, the work date when it has no end date; action 1 when it carries photos), so the digests'
--     and reminders' river-patrol check reads a few rows per day instead of every 河长 report of the period.
-- Maintained by the same one upsert per report write (ReportRollup.ApplySql); refilled here with the statement of
-- "db rebuild-rollup" (ReportRollup.RebuildSql; a test checks they are the same).
DELETE FROM report_rollup;
INSERT INTO report_rollup (kind, work_date, member_id, member_name, reported_by, action, name, reports, value)
SELECT kind, work_date, member_id, member_name, reported_by, action, name, SUM(reports), SUM(value) FROM (SELECT d.kind + 10 * g.g AS kind, CASE WHEN g.g = 0 THEN d.work_date ELSE d.work_date - INTERVAL (DAYOFMONTH(d.work_date) - 1) DAY END AS work_date, d.member_id, d.member_name,
  d.reported_by, d.action, d.name, d.reports, d.value
FROM (
  SELECT 0 AS kind, r.work_date AS work_date, COALESCE(r.member_id, 0) AS member_id, r.member_name AS member_name,
    r.reported_by AS reported_by, COALESCE(r.action, 0) AS action, '' AS name, 1 AS reports, 0.0E0 AS value
  FROM progress_reports r WHERE r.is_current = 1 AND r.withdrawn = 0 AND r.work_date IS NOT NULL
  UNION ALL
  SELECT 1, r.work_date, COALESCE(r.member_id, 0), r.member_name, '', COALESCE(r.action, 0), m.metric, 1, 1 * m.value
  FROM progress_reports r JOIN report_metrics m ON m.report_id = r.id WHERE r.is_current = 1 AND r.withdrawn = 0 AND r.work_date IS NOT NULL
  UNION ALL
  SELECT 2, p.work_date, p.member_id, p.member_name, '', p.action, p.name, p.sign, 0.0E0 FROM (
    SELECT r.id, r.work_date, COALESCE(r.member_id, 0) AS member_id, r.member_name, COALESCE(r.action, 0) AS action, j.name AS name, 1 AS sign
    FROM progress_reports r, JSON_TABLE(r.places, '$[*]' COLUMNS (name VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci PATH '$')) AS j WHERE r.is_current = 1 AND r.withdrawn = 0 AND r.work_date IS NOT NULL AND j.name <> ''
    UNION
    SELECT r.id, r.work_date, COALESCE(r.member_id, 0), r.member_name, COALESCE(r.action, 0), j.name, 1
    FROM progress_reports r, JSON_TABLE(r.units, '$[*]' COLUMNS (name VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci PATH '$')) AS j WHERE r.is_current = 1 AND r.withdrawn = 0 AND r.work_date IS NOT NULL AND j.name <> ''
  ) p
  UNION ALL
  SELECT 3, q.work_date, q.member_id, '', q.last_day, q.photo, q.name, q.sign, 0.0E0 FROM (
    SELECT r.id, r.work_date, COALESCE(r.member_id, 0) AS member_id, DATE_FORMAT(COALESCE(r.end_date, r.work_date), '%Y-%m-%d') AS last_day, CASE WHEN r.photos > 0 THEN 1 ELSE 0 END AS photo, r.member_name AS name, 1 AS sign FROM progress_reports r WHERE r.is_current = 1 AND r.withdrawn = 0 AND r.work_date IS NOT NULL AND (r.activity = '河长' OR EXISTS (SELECT 1 FROM report_metrics m WHERE m.report_id = r.id AND m.metric = 'patrols' AND m.value > 0))
    UNION
    SELECT r.id, r.work_date, COALESCE(r.member_id, 0) AS member_id, DATE_FORMAT(COALESCE(r.end_date, r.work_date), '%Y-%m-%d') AS last_day, CASE WHEN r.photos > 0 THEN 1 ELSE 0 END AS photo, r.reported_by, 1 FROM progress_reports r WHERE r.is_current = 1 AND r.withdrawn = 0 AND r.work_date IS NOT NULL AND (r.activity = '河长' OR EXISTS (SELECT 1 FROM report_metrics m WHERE m.report_id = r.id AND m.metric = 'patrols' AND m.value > 0))
    UNION
    SELECT r.id, r.work_date, COALESCE(r.member_id, 0) AS member_id, DATE_FORMAT(COALESCE(r.end_date, r.work_date), '%Y-%m-%d') AS last_day, CASE WHEN r.photos > 0 THEN 1 ELSE 0 END AS photo, j.name, 1 FROM progress_reports r, JSON_TABLE(r.people, '$[*]' COLUMNS (name VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci PATH '$')) AS j WHERE r.is_current = 1 AND r.withdrawn = 0 AND r.work_date IS NOT NULL AND (r.activity = '河长' OR EXISTS (SELECT 1 FROM report_metrics m WHERE m.report_id = r.id AND m.metric = 'patrols' AND m.value > 0))
  ) q
) d CROSS JOIN (SELECT 0 AS g UNION ALL SELECT 1) g
WHERE g.g = 0 OR d.kind <> 3) AS d
GROUP BY kind, work_date, member_id, member_name, reported_by, action, name;
