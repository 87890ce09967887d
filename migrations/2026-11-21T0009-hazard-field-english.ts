/**
 * English labels for the seeded hazard categories' report fields and their options (the UI speaks
 * zh-CN by default with an English switch): `labelEn` next to each `label`. Fields an admin added
 * since keep what they have; an unknown label gets no English (the UI then shows the Chinese).
 */
import { sql, type Kysely } from 'kysely';

const EN: Record<string, string> = {
  位置: 'Location', 室内: 'Indoors', '楼道/门厅': 'Corridor / hall', 室外: 'Outdoors', 楼层: 'Floor', 飞线充电: 'Cable run from a window',
  占用物: 'Blocked by', 机动车: 'Motor vehicle', 杂物: 'Goods / clutter', 构筑物: 'Structure', 其他: 'Other',
  立面: 'Façade', 东立面: 'East façade', 南立面: 'South façade', 西立面: 'West façade', 北立面: 'North façade',
  发生时间: 'When it happened', 有人受伤: 'Someone was hurt', 类型: 'Kind', 坑槽: 'Pothole', 裂缝: 'Crack',
  井盖缺损: 'Missing or broken manhole cover', 沉陷: 'Subsidence', '面积(m²)': 'Area (m²)', 设施: 'Facility',
  垃圾桶: 'Bin', 路灯: 'Street light', 护栏: 'Railing', 座椅: 'Bench', 健身器材: 'Fitness equipment',
  状态: 'Stage', 在建: 'Being built', 已建成: 'Built', 车辆: 'Vehicle', 汽车: 'Car', 电动车: 'E-bike',
  自行车: 'Bicycle', 共享单车: 'Shared bike',
};

export async function up(db: Kysely<any>): Promise<void> {
  const dict = JSON.stringify(EN);
  await sql`
    update hazard_categories c set fields = (
      select jsonb_agg(
        jsonb_strip_nulls(f || jsonb_build_object('labelEn', ${dict}::jsonb ->> (f ->> 'label')))
        || case when f ? 'options' then jsonb_build_object('options', (
             select jsonb_agg(jsonb_strip_nulls(o || jsonb_build_object('labelEn', ${dict}::jsonb ->> (o ->> 'label'))) order by ord)
             from jsonb_array_elements(f -> 'options') with ordinality as x(o, ord))) else '{}'::jsonb end
        order by n)
      from jsonb_array_elements(c.fields) with ordinality as y(f, n))
    where jsonb_array_length(c.fields) > 0`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    update hazard_categories c set fields = (
      select jsonb_agg((f - 'labelEn') || case when f ? 'options' then jsonb_build_object('options', (
        select jsonb_agg(o - 'labelEn' order by ord) from jsonb_array_elements(f -> 'options') with ordinality as x(o, ord))) else '{}'::jsonb end order by n)
      from jsonb_array_elements(c.fields) with ordinality as y(f, n))
    where jsonb_array_length(c.fields) > 0`.execute(db);
}
