-- The read model's version counter (issue 18): hosts keep the rarely changing tables (plan, roster and accounts, units,
-- chats) in memory and reload them when 'reference' changes. Every write to those tables bumps it, by trigger, so a
-- write from any host, the CLI or a hand-written statement is seen by every host within its check interval.
CREATE TABLE IF NOT EXISTS data_versions (
  name VARCHAR(32) NOT NULL PRIMARY KEY,
  version BIGINT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
INSERT INTO data_versions (name, version) SELECT 'reference', 1 FROM DUAL WHERE NOT EXISTS (SELECT 1 FROM data_versions WHERE name = 'reference');
CREATE TRIGGER IF NOT EXISTS trg_units_ai_version AFTER INSERT ON units FOR EACH ROW UPDATE data_versions SET version = version + 1 WHERE name = 'reference';
CREATE TRIGGER IF NOT EXISTS trg_units_au_version AFTER UPDATE ON units FOR EACH ROW UPDATE data_versions SET version = version + 1 WHERE name = 'reference';
CREATE TRIGGER IF NOT EXISTS trg_units_ad_version AFTER DELETE ON units FOR EACH ROW UPDATE data_versions SET version = version + 1 WHERE name = 'reference';
CREATE TRIGGER IF NOT EXISTS trg_members_ai_version AFTER INSERT ON members FOR EACH ROW UPDATE data_versions SET version = version + 1 WHERE name = 'reference';
CREATE TRIGGER IF NOT EXISTS trg_members_au_version AFTER UPDATE ON members FOR EACH ROW UPDATE data_versions SET version = version + 1 WHERE name = 'reference';
CREATE TRIGGER IF NOT EXISTS trg_members_ad_version AFTER DELETE ON members FOR EACH ROW UPDATE data_versions SET version = version + 1 WHERE name = 'reference';
CREATE TRIGGER IF NOT EXISTS trg_member_units_ai_version AFTER INSERT ON member_units FOR EACH ROW UPDATE data_versions SET version = version + 1 WHERE name = 'reference';
CREATE TRIGGER IF NOT EXISTS trg_member_units_au_version AFTER UPDATE ON member_units FOR EACH ROW UPDATE data_versions SET version = version + 1 WHERE name = 'reference';
CREATE TRIGGER IF NOT EXISTS trg_member_units_ad_version AFTER DELETE ON member_units FOR EACH ROW UPDATE data_versions SET version = version + 1 WHERE name = 'reference';
CREATE TRIGGER IF NOT EXISTS trg_member_accounts_ai_version AFTER INSERT ON member_accounts FOR EACH ROW UPDATE data_versions SET version = version + 1 WHERE name = 'reference';
CREATE TRIGGER IF NOT EXISTS trg_member_accounts_au_version AFTER UPDATE ON member_accounts FOR EACH ROW UPDATE data_versions SET version = version + 1 WHERE name = 'reference';
CREATE TRIGGER IF NOT EXISTS trg_member_accounts_ad_version AFTER DELETE ON member_accounts FOR EACH ROW UPDATE data_versions SET version = version + 1 WHERE name = 'reference';
CREATE TRIGGER IF NOT EXISTS trg_chats_ai_version AFTER INSERT ON chats FOR EACH ROW UPDATE data_versions SET version = version + 1 WHERE name = 'reference';
CREATE TRIGGER IF NOT EXISTS trg_chats_au_version AFTER UPDATE ON chats FOR EACH ROW UPDATE data_versions SET version = version + 1 WHERE name = 'reference';
CREATE TRIGGER IF NOT EXISTS trg_chats_ad_version AFTER DELETE ON chats FOR EACH ROW UPDATE data_versions SET version = version + 1 WHERE name = 'reference';
CREATE TRIGGER IF NOT EXISTS trg_plans_ai_version AFTER INSERT ON plans FOR EACH ROW UPDATE data_versions SET version = version + 1 WHERE name = 'reference';
CREATE TRIGGER IF NOT EXISTS trg_plans_au_version AFTER UPDATE ON plans FOR EACH ROW UPDATE data_versions SET version = version + 1 WHERE name = 'reference';
CREATE TRIGGER IF NOT EXISTS trg_plans_ad_version AFTER DELETE ON plans FOR EACH ROW UPDATE data_versions SET version = version + 1 WHERE name = 'reference';
CREATE TRIGGER IF NOT EXISTS trg_plan_actions_ai_version AFTER INSERT ON plan_actions FOR EACH ROW UPDATE data_versions SET version = version + 1 WHERE name = 'reference';
CREATE TRIGGER IF NOT EXISTS trg_plan_actions_au_version AFTER UPDATE ON plan_actions FOR EACH ROW UPDATE data_versions SET version = version + 1 WHERE name = 'reference';
CREATE TRIGGER IF NOT EXISTS trg_plan_actions_ad_version AFTER DELETE ON plan_actions FOR EACH ROW UPDATE data_versions SET version = version + 1 WHERE name = 'reference';
CREATE TRIGGER IF NOT EXISTS trg_milestones_ai_version AFTER INSERT ON milestones FOR EACH ROW UPDATE data_versions SET version = version + 1 WHERE name = 'reference';
CREATE TRIGGER IF NOT EXISTS trg_milestones_au_version AFTER UPDATE ON milestones FOR EACH ROW UPDATE data_versions SET version = version + 1 WHERE name = 'reference';
CREATE TRIGGER IF NOT EXISTS trg_milestones_ad_version AFTER DELETE ON milestones FOR EACH ROW UPDATE data_versions SET version = version + 1 WHERE name = 'reference';
CREATE TRIGGER IF NOT EXISTS trg_targets_ai_version AFTER INSERT ON targets FOR EACH ROW UPDATE data_versions SET version = version + 1 WHERE name = 'reference';
CREATE TRIGGER IF NOT EXISTS trg_targets_au_version AFTER UPDATE ON targets FOR EACH ROW UPDATE data_versions SET version = version + 1 WHERE name = 'reference';
CREATE TRIGGER IF NOT EXISTS trg_targets_ad_version AFTER DELETE ON targets FOR EACH ROW UPDATE data_versions SET version = version + 1 WHERE name = 'reference';
CREATE TRIGGER IF NOT EXISTS trg_duties_ai_version AFTER INSERT ON duties FOR EACH ROW UPDATE data_versions SET version = version + 1 WHERE name = 'reference';
CREATE TRIGGER IF NOT EXISTS trg_duties_au_version AFTER UPDATE ON duties FOR EACH ROW UPDATE data_versions SET version = version + 1 WHERE name = 'reference';
CREATE TRIGGER IF NOT EXISTS trg_duties_ad_version AFTER DELETE ON duties FOR EACH ROW UPDATE data_versions SET version = version + 1 WHERE name = 'reference';
CREATE TRIGGER IF NOT EXISTS trg_responsibilities_ai_version AFTER INSERT ON responsibilities FOR EACH ROW UPDATE data_versions SET version = version + 1 WHERE name = 'reference';
CREATE TRIGGER IF NOT EXISTS trg_responsibilities_au_version AFTER UPDATE ON responsibilities FOR EACH ROW UPDATE data_versions SET version = version + 1 WHERE name = 'reference';
CREATE TRIGGER IF NOT EXISTS trg_responsibilities_ad_version AFTER DELETE ON responsibilities FOR EACH ROW UPDATE data_versions SET version = version + 1 WHERE name = 'reference';
