/**
 * The grid sign (一牌四公开, DOMAIN.md): one A4 page per grid with its name and code, the people
 * responsible and their phones, the grid worker's duties and a QR code to the grid's public page
 * (call the grid worker, report a hazard). Text in the bundled Noto Sans SC drawn as outlines
 * (pdf/cjk-font.ts); the QR code as vector squares, so both print sharp at any size.
 */
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { drawText, type Doc, type TextOptions } from '../pdf/draw.ts';

export interface SignPerson {
  role: string;
  name: string;
  phone: string | null;
}

export interface SignGrid {
  code: string;
  name: string;
  community: string;
  street: string;
  households: number;
  units: number;
  people: SignPerson[];
  /** The grid's public page (what the QR code opens). */
  url: string;
}

const ROLE_ZH: Record<string, string> = {
  grid_leader: '网格长',
  grid_worker: '专职网格员',
  party_secretary: '党支部书记',
  building_leader: '楼栋长',
};

/** 四公开: who, how to reach them, what they do, how to supervise. */
export const DUTIES = [
  '入户走访，掌握网格内人、房、事、物等基础信息',
  '排查安全隐患和矛盾纠纷，及时处置或上报（吹哨报到）',
  '宣传政策法规，代办、帮办居民服务事项',
  '关爱独居老人、困难家庭等重点人群',
  '收集居民意见建议，接受居民监督评议',
];

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 48;
const RED = '#b3261e';
const INK = '#1f1f1f';
const GREY = '#5f6368';

/** One line of text with its top at y. */
const line = (doc: Doc, text: string, x: number, y: number, size: number, opts: TextOptions = {}) => drawText(doc, text, x, y, size, { color: INK, ...opts });

/** The QR modules as filled squares, `size` points wide, top-left at (x, y). */
function qr(doc: Doc, url: string, x: number, y: number, size: number): void {
  const code = QRCode.create(url, { errorCorrectionLevel: 'M' });
  const n = code.modules.size;
  const quiet = 4; // modules of white border the standard asks for
  const m = size / (n + 2 * quiet);
  doc.save().rect(x, y, size, size).fill('#ffffff');
  doc.fillColor('#000000');
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) if (code.modules.get(r, c)) doc.rect(x + (c + quiet) * m, y + (r + quiet) * m, m, m);
  }
  doc.fill('#000000').restore();
}

function page(doc: Doc, g: SignGrid, printed: string): void {
  const [W] = A4;
  const inner = W - 2 * MARGIN;
  doc.rect(MARGIN / 2, MARGIN / 2, W - MARGIN, A4[1] - MARGIN).lineWidth(3).stroke(RED);
  doc.rect(MARGIN / 2, MARGIN / 2, W - MARGIN, 86).fill(RED);
  line(doc, '网格公示牌 · 一牌四公开', MARGIN, 46, 26, { weight: 700, color: '#ffffff', width: inner, align: 'center' });
  line(doc, '公开身份 · 公开职责 · 公开联系方式 · 公开监督电话', MARGIN, 84, 12, { color: '#ffffff', width: inner, align: 'center' });
  line(doc, g.name, MARGIN, 138, 30, { weight: 700, width: inner, align: 'center' });
  line(doc, `网格编码 ${g.code}`, MARGIN, 182, 13, { color: GREY, width: inner, align: 'center' });
  line(doc, `${g.street} · ${g.community} · ${g.households} 户 · ${g.units} 个楼栋单元`, MARGIN, 202, 13, { color: GREY, width: inner, align: 'center' });

  let y = 246;
  line(doc, '网格责任人', MARGIN, y, 16, { weight: 700, color: RED });
  y += 28;
  const people = g.people.length ? g.people : [{ role: 'grid_worker', name: '（待配备）', phone: null }];
  for (const p of people.slice(0, 8)) {
    line(doc, ROLE_ZH[p.role] ?? p.role, MARGIN, y, 14, { color: GREY });
    line(doc, p.name, MARGIN + 120, y, 16, { weight: 700 });
    if (p.phone) line(doc, p.phone, MARGIN + 260, y, 16);
    y += 28;
  }

  y += 12;
  line(doc, '工作职责', MARGIN, y, 16, { weight: 700, color: RED });
  y += 28;
  DUTIES.forEach((d, i) => {
    line(doc, `${i + 1}. ${d}`, MARGIN, y, 13);
    y += 22;
  });

  const size = 190;
  const qy = Math.max(y + 24, 560);
  qr(doc, g.url, (W - size) / 2, qy, size);
  line(doc, '扫码查看本网格 · 联系网格员 · 随手拍报告隐患', MARGIN, qy + size + 12, 13, { width: inner, align: 'center' });
  line(doc, `印制日期 ${printed}`, MARGIN, A4[1] - MARGIN - 4, 10, { color: GREY, width: inner, align: 'center' });
}

/**
 * One A4 page per grid, in the order given.
 * @param printed the date printed on the sign, `YYYY-MM-DD`
 */
export function renderSigns(grids: readonly SignGrid[], printed: string): Promise<Buffer> {
  if (grids.length === 0) throw new Error('renderSigns: no grids');
  const doc = new PDFDocument({ size: A4, margin: 0, autoFirstPage: false, info: { Title: `网格公示牌 ${grids.map((g) => g.code).join(', ').slice(0, 200)}`, Producer: '幸福家园' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  for (const g of grids) {
    doc.addPage({ size: A4, margin: 0 });
    page(doc, g, printed);
  }
  doc.end();
  return done;
}
