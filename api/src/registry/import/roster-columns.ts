/**
 * The roster (花名册) columns: one row per person, households grouped by household number.
 * Headers are matched by any of their Chinese or English names, in any order.
 */
export const rosterColumns = [
  {
    key: 'householdNumber',
    zh: '户编号',
    aliases: ['户号', '户主编号', '家庭编号', '户码', '户编码', 'household number', 'household no', 'householdnumber'],
    required: true,
  },
  {
    key: 'siteCode',
    zh: '安置点编码',
    aliases: ['安置点代码', '安置点编号', '安置区编码', '安置点行政区划代码', 'site code', 'sitecode'],
    required: false,
  },
  {
    key: 'siteName',
    zh: '安置点',
    aliases: [
      '安置点名称',
      '安置区',
      '安置区名称',
      '安置小区',
      '安置社区',
      '集中安置点',
      '所在安置点',
      '搬迁安置点',
      '安置地点',
      'site',
      'site name',
      'sitename',
    ],
    required: false,
  },
  { key: 'name', zh: '姓名', aliases: ['成员姓名', '家庭成员姓名', '人员姓名', 'name'], required: true },
  {
    key: 'idNumber',
    zh: '身份证号',
    aliases: [
      '身份证号码',
      '身份证',
      '公民身份号码',
      '公民身份证号码',
      '证件号码',
      '身份证件号码',
      'id number',
      'idnumber',
      'id no',
    ],
    required: true,
  },
  {
    key: 'relation',
    zh: '与户主关系',
    aliases: ['与户主的关系', '与户主关系', '家庭关系', '关系', 'relation', 'relationship'],
    required: true,
  },
  { key: 'sex', zh: '性别', aliases: ['sex', 'gender'], required: false },
  {
    key: 'birthDate',
    zh: '出生日期',
    aliases: ['出生年月', '出生年月日', '生日', 'birth date', 'birthdate', 'date of birth'],
    required: false,
  },
  {
    key: 'phone',
    zh: '联系电话',
    aliases: ['手机号', '手机号码', '电话', '电话号码', '联系方式', '手机', 'phone', 'mobile'],
    required: false,
  },
  { key: 'education', zh: '文化程度', aliases: ['学历', '受教育程度', 'education'], required: false },
  {
    key: 'laborCapacity',
    zh: '劳动能力',
    aliases: ['劳动力', '劳动技能', '劳动力状况', '劳动能力状况', 'labor capacity', 'labour capacity', 'laborcapacity'],
    required: false,
  },
  {
    key: 'employmentStatus',
    zh: '就业状态',
    aliases: ['就业情况', '务工状态', '务工情况', '就业状况', 'employment status', 'employmentstatus', 'employment'],
    required: false,
  },
  {
    key: 'monitoringCategory',
    zh: '监测类型',
    aliases: ['监测户类型', '监测对象类型', '户类型', '监测对象', 'monitoring category', 'monitoringcategory'],
    required: false,
  },
  { key: 'building', zh: '楼栋', aliases: ['栋', '楼号', '栋号', '楼栋号', 'building'], required: false },
  { key: 'unit', zh: '单元', aliases: ['单元号', 'unit'], required: false },
  { key: 'room', zh: '房号', aliases: ['门牌号', '房间号', '室', '房屋号', 'room'], required: false },
  { key: 'originCounty', zh: '迁出县', aliases: ['迁出县区', '迁出县（区）', 'origin county'], required: false },
  { key: 'originTownship', zh: '迁出乡镇', aliases: ['迁出乡（镇）', '迁出乡', 'origin township'], required: false },
  {
    key: 'originVillage',
    zh: '迁出村',
    aliases: ['迁出村（组）', '迁出村组', '原住址', '原居住地', '原住地', '迁出地', '原籍', 'origin village'],
    required: false,
  },
  {
    key: 'relocationDate',
    zh: '搬迁日期',
    aliases: ['搬迁入住日期', '入住日期', '搬迁时间', '入住时间', '搬迁入住时间', 'relocation date', 'relocationdate'],
    required: false,
  },
  // What rosters carry beyond the core (issue 17): kept as the roster's facts.
  {
    key: 'health',
    zh: '健康状况',
    aliases: ['身体状况', '健康情况', '健康', '身体健康状况', 'health'],
    required: false,
  },
  {
    key: 'disability',
    zh: '残疾',
    aliases: ['残疾情况', '残疾类别', '是否残疾', '残疾等级', '残疾类别及等级', '残疾类型', '残疾状况', 'disability'],
    required: false,
  },
  {
    key: 'skills',
    zh: '技能',
    aliases: ['特长', '技能特长', '掌握技能', '技能/特长', '技能、特长', '专业技能', 'skills'],
    required: false,
  },
  {
    key: 'workPlace',
    zh: '务工地点',
    aliases: ['就业地点', '务工地址', '工作地点', '务工所在地', '就业地', '务工地', 'work place'],
    required: false,
  },
  {
    key: 'monthlyIncome',
    zh: '月收入',
    aliases: ['月均收入', '务工月收入', '月工资', '月收入元', '每月收入', 'monthly income'],
    required: false,
  },
] as const;

export type RosterColumnKey = (typeof rosterColumns)[number]['key'];

/**
 * Columns rosters often carry that Anju does not read: recognised so they are listed in the
 * report as "not read" by their own name rather than passed over silently.
 */
export const notStoredColumns = [
  { zh: '序号', aliases: ['编号', '序'] },
  { zh: '备注', aliases: ['说明'] },
  { zh: '家庭年收入', aliases: ['年收入', '人均纯收入', '家庭人均纯收入', '人均收入', '收入'] },
] as const;

/**
 * Header text without spaces, asterisks, case, a note in （…）/(…)/【…】 such as “（18位）”
 * or “（必填）”, or a trailing colon.
 */
export function normaliseHeader(text: string): string {
  return text
    .replace(/[\s*＊※]/g, '')
    .replace(/[（(【[][^）)】\]]*[)）】\]]/g, '')
    .replace(/[:：]$/, '')
    .toLowerCase();
}

const byHeader = new Map<string, RosterColumnKey>();
for (const column of rosterColumns) {
  for (const name of [column.zh, column.key, ...column.aliases]) byHeader.set(normaliseHeader(name), column.key);
}
/** Names looser matching may find inside a longer header (户主姓名 → 姓名): Chinese, two characters or more. */
const containedNames = [...byHeader.entries()]
  .filter(([name]) => /[\u4e00-\u9fff]/.test(name) && name.length >= 2)
  .sort((a, b) => b[0].length - a[0].length);
const notStored = new Map<string, string>();
for (const column of notStoredColumns)
  for (const name of [column.zh, ...column.aliases]) notStored.set(normaliseHeader(name), column.zh);

export function columnOfHeader(text: string): RosterColumnKey | undefined {
  return byHeader.get(normaliseHeader(text));
}

/** The field a header probably means when it only contains a known name (户主姓名, 户主联系电话). */
export function guessColumnOfHeader(text: string): RosterColumnKey | undefined {
  const header = normaliseHeader(text);
  if (!header || notStored.has(header)) return undefined;
  return containedNames.find(([name]) => header.includes(name))?.[1];
}

/** The usual name of a column Anju recognises but does not store (健康状况, 月收入 …). */
export function notStoredColumnOf(text: string): string | undefined {
  return notStored.get(normaliseHeader(text));
}

export const canonicalHeader = (key: RosterColumnKey): string => rosterColumns.find((c) => c.key === key)?.zh ?? key;

const valueMaps = {
  relation: {
    head: ['户主', '本人', '户主本人', '本人（户主）', 'head'],
    spouse: ['配偶', '妻', '夫', '妻子', '丈夫', '之妻', '之夫', '之配偶', '爱人', '老伴', 'spouse'],
    child: [
      '子女',
      '子',
      '女',
      '儿子',
      '女儿',
      '长子',
      '次子',
      '三子',
      '四子',
      '五子',
      '长女',
      '次女',
      '三女',
      '四女',
      '五女',
      '独子',
      '独女',
      '养子',
      '养女',
      '继子',
      '继女',
      '之子',
      '之女',
      'child',
    ],
    child_in_law: ['儿媳', '儿媳妇', '媳妇', '女婿', '媳', '之儿媳', '之媳', '之女婿', 'child_in_law'],
    parent: ['父母', '父亲', '母亲', '父', '母', '之父', '之母', '公公', '婆婆', '岳父', '岳母', 'parent'],
    grandparent: ['祖父母', '祖父', '祖母', '外祖父', '外祖母', '爷爷', '奶奶', '外公', '外婆', 'grandparent'],
    grandchild: ['孙子女', '孙子', '孙女', '外孙', '外孙子', '外孙女', '之孙', '之孙子', '之孙女', 'grandchild'],
    sibling: ['兄', '弟', '姐', '妹', '兄弟', '姐妹', '兄弟姐妹', '哥哥', '弟弟', '姐姐', '妹妹', 'sibling'],
    other: ['其他', '其它', '侄子', '侄女', '外甥', '外甥女', '曾孙子', '曾孙女', '其他亲属', 'other'],
  },
  education: {
    none: ['文盲', '半文盲', '文盲或半文盲', '文盲半文盲', '未上学', '学龄前', '学龄前儿童', '无', 'none'],
    primary: ['小学', '小学在读', '小学毕业', 'primary'],
    junior: ['初中', '初中在读', '初中毕业', 'junior'],
    senior: ['高中', '高中在读', '高中毕业', 'senior'],
    vocational: ['中专', '中职', '技校', '职高', '中专（中技）', '技工学校', '中等职业教育', 'vocational'],
    college: ['大专', '高职', '专科', '大学专科', 'college'],
    bachelor_plus: ['本科', '大学本科', '本科及以上', '大学', '研究生', '硕士', '博士', 'bachelor_plus'],
  },
  laborCapacity: {
    full: [
      '有劳动能力',
      '有劳动力',
      '劳动力',
      '普通劳动力',
      '技能劳动力',
      '强劳动力',
      '全劳动力',
      '健康劳动力',
      '有',
      '是',
      'full',
    ],
    weak: [
      '弱劳动力',
      '半劳动力',
      '弱劳动力或半劳动力',
      '弱劳动能力',
      '部分丧失劳动能力',
      '部分丧失劳动力',
      '弱',
      'weak',
    ],
    none: [
      '无劳动力',
      '无劳动能力',
      '丧失劳动力',
      '丧失劳动能力',
      '完全丧失劳动能力',
      '在校生',
      '学生',
      '学龄前',
      '学龄前儿童',
      '无',
      '否',
      'none',
    ],
    unknown: ['未登记', '不详', '未知', 'unknown'],
  },
  employmentStatus: {
    employed_local: [
      '本地务工',
      '务工',
      '已就业',
      '就业',
      '就近就业',
      '县内务工',
      '县内就业',
      '乡内务工',
      '本地就业',
      '园区就业',
      '扶贫车间',
      '帮扶车间',
      'employed_local',
    ],
    labour_export: [
      '外出务工',
      '劳务输出',
      '省外务工',
      '省内县外务工',
      '县外务工',
      '县外省内务工',
      '外出就业',
      '外地务工',
      '异地务工',
      '跨省务工',
      'labour_export',
    ],
    flexible: ['灵活就业', '零工', '打零工', '临时工', 'flexible'],
    public_welfare: ['公益性岗位', '公益岗位', '公益岗', '护林员', '生态护林员', '保洁员', 'public_welfare'],
    self_employed: ['自主创业', '个体经营', '自主经营', '个体户', '创业', '经商', '务农', 'self_employed'],
    unemployed_seeking: [
      '未就业有意愿',
      '待业',
      '求职中',
      '失业',
      '未就业（有意愿）',
      '有就业意愿',
      'unemployed_seeking',
    ],
    not_seeking: [
      '无就业意愿',
      '不愿就业',
      '未就业',
      '无业',
      '在校生',
      '学生',
      '在校',
      '学龄前',
      '学龄前儿童',
      '退休',
      '无',
      'not_seeking',
    ],
  },
  monitoringCategory: {
    none: ['无', '否', '一般户', '非监测户', '脱贫户', '一般脱贫户', '稳定脱贫户', 'none'],
    unstable: ['脱贫不稳定户', '不稳定户', 'unstable'],
    marginal: ['边缘易致贫户', '边缘户', 'marginal'],
    sudden_hardship: ['突发严重困难户', '突发困难户', 'sudden_hardship'],
  },
  sex: { male: ['男', '男性', 'male', 'm'], female: ['女', '女性', 'female', 'f'] },
} as const;

export type ValueMapped = keyof typeof valueMaps;

/** A value without spaces or case, its brackets made full-width: 未就业(有意愿) = 未就业（有意愿）. */
const normaliseValue = (text: string) =>
  text.replace(/\s/g, '').replace(/\(/g, '（').replace(/\)/g, '）').toLowerCase();

const valueLookup = new Map<string, Map<string, string>>();
for (const [field, values] of Object.entries(valueMaps)) {
  const lookup = new Map<string, string>();
  for (const [code, names] of Object.entries(values)) for (const name of names) lookup.set(normaliseValue(name), code);
  valueLookup.set(field, lookup);
}

/** The code of a Chinese or English value (户主 → head), or undefined when unknown. */
export function codeOfValue(field: ValueMapped, text: string): string | undefined {
  return valueLookup.get(field)?.get(normaliseValue(text));
}

/** The Chinese names offered in the template (the first name of each code). */
export function chineseValues(field: ValueMapped): string[] {
  return Object.values(valueMaps[field]).map((names) => names[0]);
}
