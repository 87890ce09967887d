/**
 * UI strings in Simplified Chinese (default) and English. Every visible string goes through `i18n.t`.
 * The choice is kept in localStorage and mirrored on `<html lang>`.
 * Strings of later features live per feature in `messages/` and are merged here.
 */
import * as adminMessages from './messages/admin';
import * as circleMessages from './messages/circle';
import * as finderMessages from './messages/finder';
import * as placesMessages from './messages/places';
import * as authMessages from './messages/auth';
import * as householdMessages from './messages/households';
import * as hazardMessages from './messages/hazards';
import * as planningMessages from './messages/planning';
import * as auditsMessages from './messages/audits';

const base = {
  'app.title': '幸福家园 · 网格治理地图',
  'app.brand': '幸福家园',
  'app.loading': '正在加载地图…',
  'app.error': '加载失败：{message}',
  'app.retry': '重试',
  'lang.switch': 'English',
  'lang.switchTitle': '切换到英文',
  'search.placeholder': '搜索区域、楼栋或地址',
  'search.label': '搜索',
  'search.clear': '清除',
  'search.none': '没有找到“{q}”',
  'search.searching': '搜索中…',
  'search.type.area': '区域',
  'search.type.building': '建筑',
  'search.type.place': '服务阵地',
  'level.street': '街道',
  'level.community': '社区',
  'level.grid': '网格',
  'level.unit': '楼栋单元',
  'band.under': '不足',
  'band.in': '达标',
  'band.over': '超出',
  'band.grid.under': '少于 {min} 户',
  'band.grid.in': '{min}–{max} 户',
  'band.grid.over': '多于 {max} 户',
  'band.unit.under': '少于 {min} 户',
  'band.unit.in': '{min}–{max} 户',
  'band.unit.over': '多于 {max} 户',
  'band.title': '{level}户数 {range}',
  'legend.title': '图例',
  'legend.gridBands': '网格户数（标准 {min}–{max} 户）',
  'legend.unitBands': '楼栋单元户数（标准 {min}–{max} 户）',
  'legend.levels': '区域层级',
  'legend.toggle': '图例',
  'panel.close': '关闭',
  'panel.loading': '加载中…',
  'panel.households': '户数',
  'panel.population': '人口',
  'panel.units': '楼栋单元',
  'panel.code': '编码 {code}',
  'panel.children': '下辖{level}（{count}）',
  'panel.childrenBands': '达标 {in} · 不足 {under} · 超出 {over}',
  'panel.noChildren': '无下级区域',
  'panel.people': '责任人',
  'panel.sign': '打印网格公示牌（一牌四公开，PDF）',
  'panel.signs': '打印全部网格公示牌（PDF）',
  'panel.noPeople': '暂无公开联系人',
  'panel.call': '拨打 {name} {phone}',
  'panel.expand': '展开',
  'panel.collapse': '收起',
  'panel.breadcrumbs': '上级区域',
  'map.householdsSuffix': '户',
  'map.ariaLabel': '网格治理地图',
  'map.zoomIn': '放大',
  'map.zoomOut': '缩小',
  'map.resetBearing': '拖动旋转地图，点击恢复正北',
  'map.toggleAttribution': '显示或隐藏版权信息',
  'map.popupClose': '关闭',
  'map.meters': '米',
  'map.kilometers': '千米',
  'popup.building': '建筑',
  'popup.place': '服务阵地',
  'role.grid_leader': '网格长',
  'role.grid_worker': '网格员',
  'role.party_secretary': '党支部书记',
  'role.building_leader': '楼栋长',
} as const;

const zh = { ...base, ...authMessages.zh, ...householdMessages.zh, ...adminMessages.zh, ...circleMessages.zh, ...finderMessages.zh, ...placesMessages.zh, ...hazardMessages.zh, ...planningMessages.zh, ...auditsMessages.zh };

export type MessageKey = keyof typeof zh;

const baseEn: Record<keyof typeof base, string> = {
  'app.title': 'Happy Homes · Grid governance map',
  'app.brand': 'Happy Homes',
  'app.loading': 'Loading the map…',
  'app.error': 'Could not load: {message}',
  'app.retry': 'Retry',
  'lang.switch': '中文',
  'lang.switchTitle': 'Switch to Chinese',
  'search.placeholder': 'Search areas, buildings, addresses',
  'search.label': 'Search',
  'search.clear': 'Clear',
  'search.none': 'Nothing found for “{q}”',
  'search.searching': 'Searching…',
  'search.type.area': 'Area',
  'search.type.building': 'Building',
  'search.type.place': 'Service point',
  'level.street': 'Street',
  'level.community': 'Community',
  'level.grid': 'Grid',
  'level.unit': 'Unit',
  'band.under': 'Under',
  'band.in': 'In band',
  'band.over': 'Over',
  'band.grid.under': 'under {min} households',
  'band.grid.in': '{min}–{max} households',
  'band.grid.over': 'over {max} households',
  'band.unit.under': 'under {min} households',
  'band.unit.in': '{min}–{max} households',
  'band.unit.over': 'over {max} households',
  'band.title': '{level}: {range}',
  'legend.title': 'Legend',
  'legend.gridBands': 'Grid households (target {min}–{max})',
  'legend.unitBands': 'Unit households (target {min}–{max})',
  'legend.levels': 'Area levels',
  'legend.toggle': 'Legend',
  'panel.close': 'Close',
  'panel.loading': 'Loading…',
  'panel.households': 'Households',
  'panel.population': 'Population',
  'panel.units': 'Units',
  'panel.code': 'Code {code}',
  'panel.children': '{level}s ({count})',
  'panel.childrenBands': 'in band {in} · under {under} · over {over}',
  'panel.noChildren': 'No sub-areas',
  'panel.people': 'Responsible people',
  'panel.sign': 'Print the grid sign (PDF)',
  'panel.signs': 'Print signs of all grids (PDF)',
  'panel.noPeople': 'No public contacts',
  'panel.call': 'Call {name} {phone}',
  'panel.expand': 'Expand',
  'panel.collapse': 'Collapse',
  'panel.breadcrumbs': 'Parent areas',
  'map.householdsSuffix': ' hh',
  'map.ariaLabel': 'Grid governance map',
  'map.zoomIn': 'Zoom in',
  'map.zoomOut': 'Zoom out',
  'map.resetBearing': 'Drag to rotate map, click to reset north',
  'map.toggleAttribution': 'Toggle attribution',
  'map.popupClose': 'Close popup',
  'map.meters': 'm',
  'map.kilometers': 'km',
  'popup.building': 'Building',
  'popup.place': 'Service point',
  'role.grid_leader': 'Grid leader',
  'role.grid_worker': 'Grid worker',
  'role.party_secretary': 'Party branch secretary',
  'role.building_leader': 'Building leader',
};

const en: Record<MessageKey, string> = { ...baseEn, ...authMessages.en, ...householdMessages.en, ...adminMessages.en, ...circleMessages.en, ...finderMessages.en, ...placesMessages.en, ...hazardMessages.en, ...planningMessages.en, ...auditsMessages.en };

export const LANGS = ['zh-CN', 'en'] as const;
export type Lang = (typeof LANGS)[number];

const dictionaries: Record<Lang, Record<MessageKey, string>> = { 'zh-CN': zh, en };
const STORAGE_KEY = 'xfjy.lang';

function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved && (LANGS as readonly string[]).includes(saved)) return saved as Lang;
  } catch {
    // storage blocked (private mode): fall back to the default
  }
  return 'zh-CN';
}

export type Params = Record<string, string | number>;

class I18n {
  lang = $state<Lang>(initialLang());
  /** Grouped numbers in the current language, e.g. 12,345. */
  #number = $derived(new Intl.NumberFormat(this.lang));
  #dateTime = $derived(new Intl.DateTimeFormat(this.lang, { dateStyle: 'short', timeStyle: 'medium' }));

  constructor() {
    this.#apply();
  }

  /** The string for `key` with `{name}` placeholders filled from `params`. */
  t = (key: MessageKey, params?: Params): string => {
    const text = dictionaries[this.lang][key] ?? key;
    return params ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m)) : text;
  };

  /** Has the dictionary a string for `key`? For keys built from data, such as `role.<role>`. */
  has = (key: string): key is MessageKey => key in zh;

  n = (value: number): string => this.#number.format(value);

  /** A timestamp (ISO 8601 or Date) as local date and time in the current language. */
  dateTime = (value: string | Date): string => this.#dateTime.format(typeof value === 'string' ? new Date(value) : value);

  set = (lang: Lang): void => {
    this.lang = lang;
    try {
      localStorage.setItem(STORAGE_KEY, lang);
    } catch {
      // not persisted; still switched for this page
    }
    this.#apply();
  };

  toggle = (): void => this.set(this.lang === 'zh-CN' ? 'en' : 'zh-CN');

  #apply(): void {
    document.documentElement.lang = this.lang;
    document.title = this.t('app.title');
  }
}

export const i18n = new I18n();
