/**
 * Name tables for the synthetic city. All people are fictional: a surname and one or two
 * given-name characters drawn at random. Place names are invented from common words.
 */
import type { Rng } from './rng.ts';

/** Common surnames, most frequent first; drawn with weight 1/(rank+8) (a rough Zipf). */
const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'];
const SURNAME_WEIGHTS = SURNAMES.map((_, i) => 1 / (i + 8));

const MALE = [...'伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆旭宁龙林阳建国志文东海峰成亮晨博昊然轩睿泽毅晓家振德荣庆福生永春山胜利民'];
const FEMALE = [...'芳娜敏静丽艳娟霞秀英玲燕萍红婷雪琳慧莉颖倩洁佳欣悦怡梦雨蕾晶丹璐露琴云兰凤梅桂珍淑美红月瑶彤萱'];

export type Gender = 'm' | 'f';

export function surname(rng: Rng): string {
  return SURNAMES[rng.weighted(SURNAME_WEIGHTS)];
}

/** A fictional full name; one-character given names for about a third of people. */
export function personName(rng: Rng, gender: Gender, family?: string): string {
  const chars = gender === 'm' ? MALE : FEMALE;
  const given = rng.chance(0.33) ? rng.pick(chars) : rng.pick(chars) + rng.pick(chars);
  return (family ?? surname(rng)) + given;
}

/** Fictional mobile number in the reserved-looking block 1390000xxxx. */
export function phone(rng: Rng): string {
  return '1390000' + String(rng.int(0, 9999)).padStart(4, '0');
}

const PLACE_FIRST = [...'文永和光建新福安康泰华兴盛祥瑞丰青金东西南北中春秋云海山河湖松柏桂兰梅竹德仁清明宏嘉景锦龙凤育'];
const PLACE_SECOND = [...'昌安平明苑园泉兴华和康泰宁阳林庄桥湖港岭城坊里湾台源丰盛祥'];

const COMPOUND_PREFIX = [
  '金泰', '华庭', '阳光', '御景', '锦绣', '翠湖', '碧水', '丽景', '嘉和', '康乐', '怡和', '颐和', '书香', '枫林', '桃源',
  '海棠', '玉兰', '紫荆', '银杏', '梧桐', '青年', '工人', '教师', '纺织', '机械', '电力', '供销', '粮食', '东方', '南山',
  '北苑', '西湖', '中和', '福泽', '瑞祥', '盛世', '和谐', '明珠', '星河', '天悦', '云顶', '锦江', '滨河', '清泉', '松鹤',
  '兰亭', '文华', '博雅', '雅居', '幸福', '安居', '乐居', '馨园', '春晖', '秋实', '长青', '祥和', '宏达', '新华', '富民',
];
const COMPOUND_SUFFIX = ['花园', '小区', '家园', '新村', '苑', '名都', '雅居', '公寓', '佳园', '新城', '府', '里'];

const ROAD_WORDS = [
  '文昌', '府前', '光明', '和平', '建设', '人民', '胜利', '解放', '文化', '友谊', '青年', '朝阳', '振兴', '繁荣', '幸福',
  '富强', '民主', '团结', '新华', '东风', '红旗', '长安', '永安', '安康', '泰山', '黄河', '长江', '昆仑', '天山', '云峰',
  '金城', '玉海', '滨海', '海港', '海丰', '登州', '掖城', '光州', '东莱', '寒同', '太行', '兴业', '开元', '启明', '望海',
  '崇文', '尚武', '学府', '科技', '创业', '工业', '商贸', '北环', '南环', '西环', '东环', '育才', '明德', '鼓楼', '钟楼',
  '通达', '康宁', '福寿', '锦绣', '丰收', '经纬', '凤凰', '白云', '青松', '翠柏', '银杏', '荷花', '桃园', '杏林', '槐荫',
];

const BUSINESS_WORDS = ['好邻居', '惠民', '便民', '鲜丰', '家乐', '福满', '四季', '老街', '快乐', '顺心', '阳光', '金城', '喜来', '万家', '佳佳'];
const BUSINESS_KINDS = ['便利店', '超市', '面馆', '快餐', '饺子馆', '药店', '水果店', '早餐店'];

/** `count` distinct two-character place words, shuffled. */
function placeWords(rng: Rng, count: number): string[] {
  const all: string[] = [];
  for (const a of PLACE_FIRST) for (const b of PLACE_SECOND) if (a !== b) all.push(a + b);
  const shuffled = rng.shuffle(all);
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(shuffled[i % shuffled.length] + (i >= shuffled.length ? String(Math.floor(i / shuffled.length) + 1) : ''));
  return out;
}

/** Distinct community base names (without the 社区 suffix). */
export function communityNames(rng: Rng, count: number): string[] {
  return placeWords(rng, count);
}

/** Compound (小区) names, distinct until the tables run out, then numbered phases (二期…). */
export function compoundNames(rng: Rng, count: number): string[] {
  const all: string[] = [];
  for (const p of COMPOUND_PREFIX) for (const s of COMPOUND_SUFFIX) all.push(p + s);
  const shuffled = rng.shuffle(all);
  const phases = ['', '二期', '三期', '四期', '五期', '六期'];
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(shuffled[i % shuffled.length] + (phases[Math.floor(i / shuffled.length)] ?? `${Math.floor(i / shuffled.length) + 1}期`));
  return out;
}

/** Road base names for `count` lines; doubled words (东文昌) once the table runs out. */
export function roadWords(rng: Rng, count: number): string[] {
  const shuffled = rng.shuffle(ROAD_WORDS);
  const dirs = ['', '东', '西', '南', '北', '新'];
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push((dirs[Math.floor(i / shuffled.length)] ?? '新') + shuffled[i % shuffled.length]);
  return out;
}

export function businessName(rng: Rng): string {
  return rng.pick(BUSINESS_WORDS) + rng.pick(BUSINESS_KINDS);
}

export function buildingWord(rng: Rng): string {
  return rng.pick(ROAD_WORDS);
}
