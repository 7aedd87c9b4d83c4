-- 牵头单位, 责任单位 and 配合单位 kept apart (issue 15): the role a unit is named in (lead, responsible, support);
-- NULL for leaders and for plans imported before.
ALTER TABLE responsibilities ADD COLUMN IF NOT EXISTS role VARCHAR(16) NULL;
