/**
 * The roster (花名册) columns: one row per person, households grouped by household number.
 * Headers are matched by any of their Chinese or English names, in any order.
 */
export const rosterColumns = [
  {
    key: 'householdNumber',
    zh: '户编号',
    aliases: ['户号', '户主编号', '家庭编号', 'household number', 'household no', 'householdnumber'],
    required: true,
  },
  { key: 'siteCode', zh: '安置点编码', aliases: ['安置点代码', '安置点编号', 'site code', 'sitecode'], required: true },
  { key: 'name', zh: '姓名', aliases: ['成员姓名', 'name'], required: true },
  {
    key: 'idNumber',
    zh: '身份证号',
    aliases: ['身份证号码', '公民身份号码', '证件号码', 'id number', 'idnumber', 'id no'],
    required: true,
  },
  { key: 'relation', zh: '与户主关系', aliases: ['与户主的关系', '关系', 'relation', 'relationship'], required: true },
  { key: 'sex', zh: '性别', aliases: ['sex', 'gender'], required: false },
  {
    key: 'birthDate',
    zh: '出生日期',
    aliases: ['出生年月', 'birth date', 'birthdate', 'date of birth'],
    required: false,
  },
  { key: 'phone', zh: '联系电话', aliases: ['手机号', '手机号码', '电话', 'phone', 'mobile'], required: false },
  { key: 'education', zh: '文化程度', aliases: ['学历', 'education'], required: false },
  {
    key: 'laborCapacity',
    zh: '劳动能力',
    aliases: ['劳动力', '劳动技能', 'labor capacity', 'labour capacity', 'laborcapacity'],
    required: false,
  },
  {
    key: 'employmentStatus',
    zh: '就业状态',
    aliases: ['就业情况', '务工状态', 'employment status', 'employmentstatus', 'employment'],
    required: false,
  },
  {
    key: 'monitoringCategory',
    zh: '监测类型',
    aliases: ['监测户类型', '监测对象类型', 'monitoring category', 'monitoringcategory'],
    required: false,
  },
  { key: 'building', zh: '楼栋', aliases: ['栋', '楼号', 'building'], required: false },
  { key: 'unit', zh: '单元', aliases: ['unit'], required: false },
  { key: 'room', zh: '房号', aliases: ['门牌号', '房间号', 'room'], required: false },
  { key: 'originCounty', zh: '迁出县', aliases: ['迁出县区', 'origin county'], required: false },
  { key: 'originTownship', zh: '迁出乡镇', aliases: ['迁出乡（镇）', 'origin township'], required: false },
  { key: 'originVillage', zh: '迁出村', aliases: ['迁出村（组）', 'origin village'], required: false },
  {
    key: 'relocationDate',
    zh: '搬迁日期',
    aliases: ['搬迁入住日期', '入住日期', '搬迁时间', 'relocation date', 'relocationdate'],
    required: false,
  },
] as const;

export type RosterColumnKey = (typeof rosterColumns)[number]['key'];

/** Header text without spaces, asterisks, case or a trailing "(必填)"-style note. */
export function normaliseHeader(text: string): string {
  return text
    .replace(/[\s*＊]/g, '')
    .replace(/[（(](必填|选填|可选|required|optional)[)）]$/i, '')
    .toLowerCase();
}

const byHeader = new Map<string, RosterColumnKey>();
for (const column of rosterColumns) {
  for (const name of [column.zh, column.key, ...column.aliases]) byHeader.set(normaliseHeader(name), column.key);
}

export function columnOfHeader(text: string): RosterColumnKey | undefined {
  return byHeader.get(normaliseHeader(text));
}

const valueMaps = {
  relation: {
    head: ['户主', '本人', 'head'],
    spouse: ['配偶', '妻', '夫', '妻子', '丈夫', '之妻', '之夫', 'spouse'],
    child: ['子', '女', '儿子', '女儿', '长子', '次子', '三子', '长女', '次女', '三女', '之子', '之女', 'child'],
    child_in_law: ['儿媳', '女婿', '媳', '之儿媳', 'child_in_law'],
    parent: ['父亲', '母亲', '父', '母', '之父', '之母', 'parent'],
    grandparent: ['祖父', '祖母', '外祖父', '外祖母', '爷爷', '奶奶', 'grandparent'],
    grandchild: ['孙子', '孙女', '外孙', '外孙女', '之孙', '之孙女', 'grandchild'],
    sibling: ['兄', '弟', '姐', '妹', '兄弟', '姐妹', '兄弟姐妹', 'sibling'],
    other: ['其他', '其它', 'other'],
  },
  education: {
    none: ['文盲', '半文盲', '文盲或半文盲', '未上学', '无', 'none'],
    primary: ['小学', 'primary'],
    junior: ['初中', 'junior'],
    senior: ['高中', 'senior'],
    vocational: ['中专', '中职', '技校', '职高', '中专（中技）', 'vocational'],
    college: ['大专', '高职', 'college'],
    bachelor_plus: ['本科', '本科及以上', '研究生', '硕士', '博士', 'bachelor_plus'],
  },
  laborCapacity: {
    full: ['有劳动能力', '普通劳动力', '技能劳动力', '有', '全劳动力', 'full'],
    weak: ['弱劳动力', '半劳动力', '弱劳动能力', '弱', 'weak'],
    none: ['无劳动力', '无劳动能力', '丧失劳动力', '丧失劳动能力', '无', 'none'],
  },
  employmentStatus: {
    employed_local: ['本地务工', '就近就业', '县内务工', '本地就业', 'employed_local'],
    labour_export: ['外出务工', '劳务输出', '省外务工', '县外务工', 'labour_export'],
    flexible: ['灵活就业', 'flexible'],
    public_welfare: ['公益性岗位', '公益岗位', 'public_welfare'],
    self_employed: ['自主创业', '个体经营', '自主经营', 'self_employed'],
    unemployed_seeking: ['未就业有意愿', '待业', '求职中', '未就业（有意愿）', 'unemployed_seeking'],
    not_seeking: ['无就业意愿', '不愿就业', '未就业', '在校生', 'not_seeking'],
  },
  monitoringCategory: {
    none: ['无', '否', '一般户', '非监测户', 'none'],
    unstable: ['脱贫不稳定户', 'unstable'],
    marginal: ['边缘易致贫户', 'marginal'],
    sudden_hardship: ['突发严重困难户', 'sudden_hardship'],
  },
  sex: { male: ['男', 'male', 'm'], female: ['女', 'female', 'f'] },
} as const;

export type ValueMapped = keyof typeof valueMaps;

const valueLookup = new Map<string, Map<string, string>>();
for (const [field, values] of Object.entries(valueMaps)) {
  const lookup = new Map<string, string>();
  for (const [code, names] of Object.entries(values)) for (const name of names) lookup.set(normaliseHeader(name), code);
  valueLookup.set(field, lookup);
}

/** The code of a Chinese or English value (户主 → head), or undefined when unknown. */
export function codeOfValue(field: ValueMapped, text: string): string | undefined {
  return valueLookup.get(field)?.get(normaliseHeader(text));
}

/** The Chinese names offered in the template (the first name of each code). */
export function chineseValues(field: ValueMapped): string[] {
  return Object.values(valueMaps[field]).map((names) => names[0]);
}
