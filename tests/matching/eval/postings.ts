import type {
  JobSchedule,
  MatchJob,
  MatchOpportunity,
  MatchProject,
  MatchTraining,
  OpportunityWorkMode,
  ParticipationMode,
  PhysicalDemand,
  PhysicalFact,
  SkillRequirement,
} from '../../../api/src/matching/types.ts';
import { type PlaceCode, places, shuttles } from './places.ts';

/**
 * The fixed pool of postings for the evaluation: jobs, courses and industry projects of one
 * city, written as compact rows. Ids say what each posting is and where
 * (`job-sewing-line-P1`), so the labels in personas.ts read like a community worker's notes.
 */

const skills = (text: string): SkillRequirement[] =>
  text
    ? text.split(',').map((part) => {
        const [code, level] = part.split(':');
        return { code, minLevel: Number(level ?? 1) };
      })
    : [];

const ages = (text: string) => {
  const [min, max] = text.split('-');
  return { minAge: min ? Number(min) : null, maxAge: max ? Number(max) : null };
};

/**
 * '3200-4500/m', '180/d', '2.5x1000/p' (yuan a piece × pieces a month), '1.2x1500-2200/p' (a
 * range of monthly output), '0.3/p' (a piece rate with no output said: pay unknown).
 */
function pay(text: string): MatchJob['pay'] {
  const [amount, unit] = text.split('/');
  if (unit === 'p') {
    const [rate, output] = amount.split('x');
    if (output === undefined) return { min: Number(rate), max: Number(rate), unit: 'piece' };
    const [pieces, piecesMax] = output.split('-').map(Number);
    return {
      min: Number(rate),
      max: Number(rate),
      unit: 'piece',
      piecesPerMonth: pieces,
      ...(piecesMax ? { piecesPerMonthMax: piecesMax } : {}),
    };
  }
  const [min, max] = amount.split('-').map(Number);
  return { min, max: max ?? min, unit: unit === 'd' ? 'day' : 'month' };
}

type JobRow = [
  family: string,
  title: string,
  required: string,
  optional: string,
  pay: string,
  mode: OpportunityWorkMode,
  demand: PhysicalDemand,
  age: string,
  places: string,
  flags?: string,
];

// biome-ignore format: one posting a line reads as a table
const jobRows: JobRow[] = [
  ['sewing-line', '缝纫工（服装厂）', 'industrial_sewing:1', 'garment_finishing', '3200-4500/m', 'full_time', 'light', '18-50', 'P1,S2,TOWN,S3T'],
  ['sewing-home', '居家手工缝纫（计件）', 'sewing:1', '', '2.5x1000/p', 'piecework_home', 'light', '18-65', 'S1,S2,S3'],
  ['embroidery-home', '苗绣居家计件', 'embroidery:2', '', '30x80/p', 'piecework_home', 'light', '18-70', 'S1,S3'],
  ['garment-finish', '服装整烫工', 'garment_finishing:1', '', '3000-3800/m', 'full_time', 'light', '18-50', 'P1,S2'],
  ['welder', '电焊工', 'welding:2', '', '6000-8000/m', 'full_time', 'medium', '18-55', 'P1,P2,FAR'],
  ['welder-export', '电焊工（广东，包住）', 'welding:3', '', '8000-10000/m', 'labour_export', 'medium', '20-50', 'EXPORT', 'accom'],
  ['arc-welder', '手把焊焊工', 'arc_welding:3', '', '7000-9000/m', 'full_time', 'medium', '20-55', 'P1'],
  ['gas-welder', '气焊工', 'gas_welding:2', '', '5500-7000/m', 'full_time', 'medium', '20-55', 'P2'],
  ['electrician', '电工', 'electrician:2', '', '5000-6500/m', 'full_time', 'medium', '20-55', 'P1,TOWN,S3T,P2'],
  ['plumber', '水电工（物业）', '水电工:1', '', '4000-5000/m', 'full_time', 'medium', '20-58', 'P2,TOWN'],
  ['forklift', '叉车司机', 'forklift:1', '', '4000-5000/m', 'full_time', 'medium', '18-55', 'P2,P1,S3T'],
  ['warehouse', '仓库理货员', 'warehousing:1', 'computer_basic', '3500-4200/m', 'full_time', 'medium', '18-50', 'P2,P1,TOWN,S3T'],
  ['packer', '包装工（普工）', '', '', '2800-3400/m', 'full_time', 'light', '18-55', 'P1,S2,S3T,TOWN,P2'],
  ['assembly', '电子装配工', 'electronics_assembly:1', '', '3500-4500/m', 'full_time', 'light', '18-45', 'P1,TOWN'],
  ['assembly-half', '电子元件组装（半天班）', '', '', '80/d', 'part_time', 'light', '18-60', 'S1,S2,S3'],
  ['cleaner-pw', '公益性岗位·保洁员', '', '', '1800/m', 'public_welfare', 'light', '40-65', 'S1,S2,S3'],
  ['forest-pw', '公益性岗位·护林员', '', '', '1500/m', 'public_welfare', 'medium', '35-62', 'S3T,FAR'],
  ['road-pw', '公益性岗位·道路养护', '', '', '1700/m', 'public_welfare', 'medium', '40-60', 'S2,S3T'],
  ['parking-pw', '公益性岗位·停车管理', '', '', '1600/m', 'public_welfare', 'light', '45-65', 'S1,S2'],
  ['security', '保安', 'security_guard:1', '', '3200-3800/m', 'full_time', 'light', '18-55', 'TOWN,P1,P2,S3T'],
  ['cook', '厨师', 'cooking:2', '', '4500-6000/m', 'full_time', 'medium', '20-55', 'TOWN,P1,S3T'],
  ['kitchen-helper', '厨房帮工', '', 'cooking', '2800-3200/m', 'full_time', 'medium', '18-55', 'TOWN,S2,S1,S3T'],
  ['canteen-half', '食堂帮厨（半天）', '', 'cooking', '60/d', 'part_time', 'light', '18-62', 'S1,S3'],
  ['waiter', '餐厅服务员', 'catering_service:1', '', '3000-3600/m', 'full_time', 'light', '18-40', 'TOWN,P1'],
  ['pastry', '面点师', 'pastry:2', '', '4000-5200/m', 'full_time', 'light', '20-50', 'TOWN,S1'],
  ['eldercare', '养老护理员', 'elderly_care:1', '', '3800-4800/m', 'full_time', 'medium', '20-55', 'TOWN,S1,S2'],
  ['eldercare-night', '夜班护工', 'elderly_care:2', '', '4500-5500/m', 'full_time', 'medium', '25-55', 'TOWN'],
  ['eldercare-home', '居家养老服务员（兼职）', 'elderly_care:1', '', '2000/m', 'part_time', 'light', '30-60', 'S1,S2'],
  ['nanny', '育婴员', 'childcare_nanny:2', '', '6000-9000/m', 'full_time', 'light', '25-55', 'TOWN'],
  ['nanny-export', '月嫂（广州，包住）', 'childcare_nanny:2', '', '8000-12000/m', 'labour_export', 'light', '25-55', 'EXPORT', 'accom'],
  ['housekeeping-hourly', '家政钟点工', 'housekeeping:1', '', '100/d', 'part_time', 'light', '25-60', 'TOWN,S1'],
  ['cleaner-property', '物业保洁', '', 'housekeeping', '2500-2800/m', 'full_time', 'light', '18-60', 'S1,S2,TOWN,S3'],
  ['hotel-room', '酒店客房服务员', 'housekeeping:1', '', '3000-3600/m', 'full_time', 'medium', '18-50', 'TOWN'],
  ['mason', '砌筑工', 'masonry:2', '', '300/d', 'full_time', 'heavy', '20-55', 'P2,TOWN,FAR'],
  ['rebar', '钢筋工', 'rebar:1', '', '280/d', 'full_time', 'heavy', '20-55', 'P2,S3T'],
  ['labourer', '建筑小工', '', '', '180/d', 'full_time', 'heavy', '18-55', 'P2,TOWN,S3T'],
  ['painter', '油漆工', 'painting:2', '', '250/d', 'full_time', 'medium', '20-58', 'TOWN,P2'],
  ['carpenter', '木工', 'carpentry:2', '', '300/d', 'full_time', 'medium', '20-58', 'TOWN,S3T'],
  ['tiler', '瓷砖工', 'tiling:2', '', '350/d', 'full_time', 'medium', '20-55', 'TOWN,P2'],
  ['construction-export', '建筑工（外省，包住）', 'masonry:1', '', '7000-9000/m', 'labour_export', 'heavy', '20-50', 'EXPORT', 'accom'],
  ['tea-picker', '采茶工（季节）', '', 'tea_picking', '120/d', 'part_time', 'light', '16-68', 'S3T,S3'],
  ['tea-processing', '制茶工', 'tea_processing:2', '', '4000-5000/m', 'full_time', 'medium', '20-58', 'S3T'],
  ['veg', '蔬菜大棚种植工', 'vegetable_growing:1', '', '120/d', 'full_time', 'medium', '18-60', 'S3T,S2,FAR'],
  ['veg-tech', '蔬菜种植技术员', 'vegetable_growing:3', '', '5000-6000/m', 'full_time', 'light', '25-58', 'S3T,S2'],
  ['greenhouse-half', '大棚采摘（兼职）', '', '', '90/d', 'part_time', 'light', '18-65', 'S2,S3T'],
  ['mushroom', '食用菌基地工', 'mushroom_cultivation:1', '', '110/d', 'full_time', 'medium', '18-60', 'S2,S3T'],
  ['pig-farm', '生猪养殖场饲养员（包住）', 'pig_raising:1', '', '4000-5000/m', 'full_time', 'heavy', '20-55', 'S3T,FAR', 'accom'],
  ['ecommerce-cs', '电商客服', 'ecommerce:1,computer_basic:1', '', '3200-4000/m', 'full_time', 'light', '18-40', 'TOWN,P1'],
  ['livestream', '直播带货主播', 'livestreaming:1', 'computer_basic', '4000-7000/m', 'full_time', 'light', '18-35', 'TOWN'],
  ['ecommerce-home', '网店客服（居家）', 'ecommerce:1,computer_basic:2', '', '2500-3000/m', 'piecework_home', 'light', '18-50', 'S1,S2'],
  ['parcel-pack', '电商打包（兼职）', '', '', '70/d', 'part_time', 'light', '18-60', 'S1,S2'],
  ['parcel-sorting', '快递分拣员', '', '', '3500-4200/m', 'full_time', 'medium', '18-50', 'P2,TOWN'],
  ['driver-c1', '送货司机', 'driving_c1:1', '', '4500-5500/m', 'full_time', 'medium', '22-50', 'P2,TOWN'],
  ['truck', '货车司机', 'truck_driving:2', '', '7000-9000/m', 'full_time', 'medium', '25-50', 'P2'],
  ['truck-export', '长途货车司机（外省）', 'truck_driving:2', '', '9000-12000/m', 'labour_export', 'medium', '25-50', 'EXPORT', 'accom'],
  ['factory-export', '电子厂普工（浙江，包住）', '', '', '4500-5500/m', 'labour_export', 'light', '18-40', 'EXPORT', 'accom'],
  ['sewing-export', '制衣厂车位（外省，包住）', 'industrial_sewing:2', '', '5500-7000/m', 'labour_export', 'light', '18-45', 'EXPORT', 'accom'],
  ['bamboo-home', '竹编居家计件', 'bamboo_weaving:1', '', '15x150/p', 'piecework_home', 'light', '18-72', 'S3,S1'],
  ['batik', '蜡染工艺工', 'batik:2', '', '3000-4000/m', 'full_time', 'light', '18-60', 'S1,TOWN'],
  ['lathe', '车工', 'lathe:2', '', '5000-6500/m', 'full_time', 'medium', '20-55', 'P1,P2'],
  ['cashier', '超市收银员', 'computer_basic:1', '', '2800-3300/m', 'full_time', 'light', '18-45', 'TOWN,S1,S3T,S2', 'dem=standing_all_day'],
  ['stocker-half', '超市理货（兼职）', '', '', '70/d', 'part_time', 'light', '18-60', 'TOWN,S1,S2,S3T'],
  ['rider', '外卖骑手', '', '', '6x800/p', 'full_time', 'medium', '18-50', 'TOWN'],
  ['closed-sewing', '缝纫工（已招满）', 'industrial_sewing:1', '', '3500-4500/m', 'full_time', 'light', '18-50', 'P1', 'closed'],
  // Issue 18: hours, take-home work, real piece pay, reach, health, trades, 公益性岗位.
  ['loading', '装卸工（物流园）', 'loading:2', '', '4800-5800/m', 'full_time', 'heavy', '18-50', 'P1,P2', 'dem=heavy_lifting'],
  ['mover', '搬运工（建材市场）', 'loading:1', '', '200/d', 'full_time', 'heavy', '18-55', 'TOWN', 'dem=heavy_lifting'],
  ['robot-welding', '焊接机器人操作学徒（带薪，包培训）', 'welding:2', '', '4500-5500/m', 'full_time', 'light', '20-45', 'P1', 'cert'],
  ['electrician-apprentice', '电工学徒（带薪，可考证）', '', 'electrician', '3200-3800/m', 'full_time', 'medium', '18-40', 'P1,TOWN'],
  ['substation', '配电房值班电工', 'electrician:2', '', '4800-5500/m', 'full_time', 'light', '22-55', 'P2,TOWN', 'sched=two_shifts'],
  ['assembly-shift', '电子厂普工（两班倒）', '', '', '4500-5500/m', 'full_time', 'light', '18-45', 'P1', 'sched=two_shifts dem=standing_all_day'],
  ['chem-operator', '化工厂操作工（三班倒）', '', '', '5500-6500/m', 'full_time', 'medium', '20-45', 'P2', 'sched=three_shifts'],
  ['night-guard', '夜班门岗', 'security_guard:1', '', '3000-3500/m', 'full_time', 'light', '20-58', 'S1,S2', 'sched=night'],
  ['school-canteen', '学校食堂帮工（上学时间）', '', 'cooking', '2200/m', 'part_time', 'light', '20-55', 'S1,S2,S3', 'sched=school_hours'],
  ['site-workshop', '安置点扶贫车间（全职，点内）', '', '', '2800-3300/m', 'full_time', 'light', '18-55', 'S1,S2,S3'],
  ['site-sewing', '安置点服装车间（可按上学时间）', 'sewing:1', '', '2600-3200/m', 'full_time', 'light', '18-55', 'S1,S2', 'sched=full_time,school_hours'],
  ['wig-home', '假发手工（送料上门，计件）', '', '', '1.2x1500-2200/p', 'piecework_home', 'light', '18-70', 'P2', 'deliv'],
  ['toy-home', '毛绒玩具手工（自取料，计件）', '', '', '0.8x2000/p', 'piecework_home', 'light', '18-70', 'FAR'],
  ['overlock-home', '服装锁边居家（送料上门）', 'sewing:1', '', '0.5x5000-6000/p', 'piecework_home', 'light', '18-68', 'TOWN', 'deliv'],
  ['beads-home', '串珠手工（计件，产量未定）', '', '', '0.3/p', 'piecework_home', 'light', '18-70', 'S1,S2'],
  ['label-home', '手工贴标（计件）', '', '', '1x700/p', 'piecework_home', 'light', '18-70', 'S1,S2,S3'],
  ['building-pw', '公益性岗位·楼栋管理员（上午）', '', '', '1600/m', 'public_welfare', 'light', '35-62', 'S1,S2,S3', 'sched=part_time_morning'],
  ['library-pw', '公益性岗位·社区图书室管理员', '', 'computer_basic', '1800/m', 'full_time', 'light', '30-60', 'S1,S2', 'pw'],
  ['facade', '外墙高空作业工', '', '', '350/d', 'full_time', 'heavy', '20-50', 'TOWN', 'dem=heights,heavy_lifting'],
  ['mall-guard', '商场保安（整天站岗）', 'security_guard:1', '', '3200/m', 'full_time', 'light', '20-55', 'TOWN', 'dem=standing_all_day'],
  ['toll-booth', '停车场收费员（坐岗）', '', '', '2600/m', 'full_time', 'light', '20-60', 'S1,S2'],
  ['phone-cs', '电话客服（坐班）', 'computer_basic:1', '', '3000-3500/m', 'full_time', 'light', '18-50', 'S1,TOWN'],
  ['food-factory', '食品厂包装工（班车约70分钟）', '', '', '3800-4300/m', 'full_time', 'light', '18-55', 'FAR', 'shuttle=S1,S2 shmin=70'],
  ['county-dorm', '县城工厂普工（包住）', '', '', '4000-4800/m', 'full_time', 'light', '18-55', 'FAR', 'accom'],
  ['weekend-market', '周末集市帮工', '', '', '150/d', 'part_time', 'light', '18-65', 'S1,S2', 'sched=weekends'],
  ['afternoon-clean', '写字楼保洁（下午）', '', 'housekeeping', '1500/m', 'part_time', 'light', '20-60', 'S1,TOWN', 'sched=part_time_afternoon'],
  ['breakfast', '早餐店帮工（上午）', '', 'cooking', '1600/m', 'part_time', 'light', '18-60', 'S1,S2,S3', 'sched=part_time_morning'],
  ['canteen-cook', '工厂食堂厨师（须持证）', 'cooking:2', '', '4000-4800/m', 'full_time', 'medium', '20-55', 'P1,S2', 'cert'],
  ['site-shop', '安置点便利店店员（0.3公里）', '', '', '2500-2800/m', 'full_time', 'light', '18-55', 'S1N'],
  ['start-later', '蔬菜分拣（次年3月开工）', '', '', '3000/m', 'full_time', 'light', '18-60', 'S2', 'start=2027-03-01'],
];

/**
 * Flags, space-separated: accom (包住), closed, deliv (送料上门), pw (公益性岗位 flag), cert (须持证),
 * sched=a,b (班次), dem=a,b (体力要求), shuttle=S1,S2 (班车 from those sites), shmin=N (minutes on it),
 * start=YYYY-MM-DD.
 */
function flagsOf(text: string) {
  const flags = new Map<string, string>();
  for (const part of text.split(' ').filter(Boolean)) {
    const [key, value = 'yes'] = part.split('=');
    flags.set(key, value);
  }
  return flags;
}

function jobs(): MatchJob[] {
  return jobRows.flatMap(([family, title, required, optional, payText, mode, demand, age, at, text = '']) => {
    const flags = flagsOf(text);
    return at.split(',').map((place) => ({
      kind: 'job' as const,
      id: `job-${family}-${place}`,
      title,
      location: places[place as PlaceCode],
      shuttleSiteIds: flags.get('shuttle')?.split(',') ?? shuttles[place as PlaceCode] ?? [],
      ...ages(age),
      physicalDemand: demand,
      deadline: flags.has('closed') ? '2026-11-20' : '2027-01-31',
      requiredSkills: skills(required),
      optionalSkills: skills(optional),
      pay: pay(payText),
      workMode: mode,
      hoursPerWeek: mode === 'part_time' ? 20 : mode === 'piecework_home' ? null : 44,
      accommodation: flags.has('accom'),
      certificateRequired: flags.has('cert'),
      startDate: flags.get('start') ?? null,
      ...(flags.has('sched') ? { schedule: flags.get('sched')!.split(',') as JobSchedule[] } : {}),
      ...(flags.has('dem') ? { demands: flags.get('dem')!.split(',') as PhysicalFact[] } : {}),
      ...(flags.has('deliv') ? { materialsDelivered: true } : {}),
      ...(flags.has('pw') ? { publicWelfare: true } : {}),
      ...(flags.has('shmin') ? { shuttleMinutes: Number(flags.get('shmin')) } : {}),
    }));
  });
}

type TrainingRow = [
  id: string,
  title: string,
  taught: string,
  prerequisites: string,
  days: number,
  flags: string,
  mode: 'full_time' | 'part_time',
  place: PlaceCode,
  startDate: string,
  seats: number,
  demand: PhysicalDemand,
  age: string,
];

// biome-ignore format: one posting a line reads as a table
const trainingRows: TrainingRow[] = [
  ['train-forklift-P2', '叉车驾驶培训', 'forklift:1', '', 12, 'sub,cert', 'full_time', 'P2', '2026-12-10', 20, 'light', '18-55'],
  ['train-forklift-TOWN', '叉车驾驶培训（自费）', 'forklift:1', '', 15, 'cert', 'full_time', 'TOWN', '2027-01-05', 20, 'light', '18-55'],
  ['train-forklift-full', '叉车驾驶培训（已满）', 'forklift:1', '', 12, 'sub,cert', 'full_time', 'P1', '2026-12-08', 0, 'light', '18-55'],
  ['train-welding-P1', '焊工培训（初级）', 'welding:2', '', 30, 'sub,cert', 'full_time', 'P1', '2026-12-15', 25, 'medium', '18-50'],
  ['train-welding-adv-P1', '焊工提升培训（高级）', 'welding:3', 'welding:2', 20, 'sub,cert', 'full_time', 'P1', '2026-12-20', 15, 'medium', '18-50'],
  ['train-welding-FAR', '焊工培训（县职校）', 'welding:2', '', 30, 'sub,cert', 'full_time', 'FAR', '2026-12-12', 25, 'medium', '18-50'],
  ['train-electrician-TOWN', '低压电工培训', 'electrician:2', '', 25, 'sub,cert', 'full_time', 'TOWN', '2026-12-14', 30, 'light', '18-55'],
  ['train-sewing-S1', '缝纫工培训（带娃可来）', 'industrial_sewing:1', '', 10, 'sub,cert,care', 'part_time', 'S1', '2026-12-07', 30, 'light', '18-60'],
  ['train-sewing-S2', '缝纫工培训', 'industrial_sewing:1', '', 10, 'sub,cert,care', 'part_time', 'S2', '2026-12-09', 30, 'light', '18-60'],
  ['train-sewing-S3', '缝纫工培训', 'industrial_sewing:1', '', 10, 'sub,cert', 'part_time', 'S3', '2027-01-04', 30, 'light', '18-60'],
  ['train-sewing-closed', '缝纫工培训（已开课）', 'industrial_sewing:1', '', 10, 'sub,cert,care', 'part_time', 'S1', '2026-11-15', 30, 'light', '18-60'],
  ['train-embroidery-S3', '苗绣技艺培训', 'embroidery:2', '', 20, 'sub,cert,care', 'part_time', 'S3', '2026-12-16', 25, 'light', '18-70'],
  ['train-embroidery-S1', '苗绣技艺培训', 'embroidery:2', '', 20, 'sub,care', 'part_time', 'S1', '2027-01-06', 25, 'light', '18-70'],
  ['train-eldercare-TOWN', '养老护理员培训', 'elderly_care:1', '', 15, 'sub,cert', 'full_time', 'TOWN', '2026-12-11', 30, 'light', '20-55'],
  ['train-eldercare-S2', '养老护理员培训', 'elderly_care:1', '', 15, 'sub,cert,care', 'part_time', 'S2', '2026-12-18', 30, 'light', '20-55'],
  ['train-nanny-TOWN', '育婴员培训', 'childcare_nanny:2', '', 20, 'sub,cert', 'full_time', 'TOWN', '2026-12-13', 30, 'light', '20-55'],
  ['train-cooking-TOWN', '中式烹调师培训', 'cooking:2', '', 30, 'sub,cert', 'full_time', 'TOWN', '2026-12-15', 30, 'light', '18-55'],
  ['train-pastry-TOWN', '面点师培训', 'pastry:2', '', 20, 'sub,cert', 'full_time', 'TOWN', '2027-01-08', 30, 'light', '18-55'],
  ['train-ecommerce-S1', '电商实操培训（带娃可来）', 'ecommerce:1,computer_basic:2', '', 15, 'sub,cert,care', 'part_time', 'S1', '2026-12-08', 40, 'light', '18-50'],
  ['train-livestream-TOWN', '直播带货培训', 'livestreaming:1', '', 10, 'sub', 'full_time', 'TOWN', '2026-12-12', 40, 'light', '18-40'],
  ['train-computer-S2', '电脑操作培训', 'computer_basic:2', '', 10, 'sub,cert,care', 'part_time', 'S2', '2026-12-10', 40, 'light', '16-60'],
  ['train-computer-S3', '电脑操作培训', 'computer_basic:2', '', 10, 'sub,cert', 'part_time', 'S3', '2026-12-17', 40, 'light', '16-60'],
  ['train-driving-TOWN', '小车驾照（C1）', 'driving_c1:1', '', 60, 'cert', 'part_time', 'TOWN', '2026-12-20', 50, 'light', '18-60'],
  ['train-truck-P2', '货车驾驶（B2）', 'truck_driving:2', 'driving_c1:1', 45, 'cert', 'full_time', 'P2', '2027-01-10', 20, 'light', '22-50'],
  ['train-security-TOWN', '保安员培训', 'security_guard:1', '', 7, 'sub,cert', 'full_time', 'TOWN', '2026-12-09', 40, 'light', '18-55'],
  ['train-masonry-P2', '砌筑工培训', 'masonry:2', '', 20, 'sub,cert', 'full_time', 'P2', '2026-12-14', 30, 'medium', '18-55'],
  ['train-tiling-TOWN', '瓷砖镶贴培训', 'tiling:2', '', 20, 'sub,cert', 'full_time', 'TOWN', '2026-12-21', 20, 'medium', '18-55'],
  ['train-painting-TOWN', '油漆工培训', 'painting:2', '', 15, 'sub', 'full_time', 'TOWN', '2026-12-16', 20, 'medium', '18-58'],
  ['train-carpentry-S3T', '木工培训', 'carpentry:2', '', 25, 'sub,cert', 'full_time', 'S3T', '2026-12-19', 20, 'medium', '18-58'],
  ['train-tea-S3T', '制茶技艺培训', 'tea_processing:2', '', 15, 'sub,cert', 'full_time', 'S3T', '2026-12-11', 30, 'light', '18-60'],
  ['train-greenhouse-S3', '大棚蔬菜种植培训', 'vegetable_growing:1', '', 10, 'sub', 'part_time', 'S3', '2026-12-09', 40, 'light', '18-65'],
  ['train-veg-tech-S3T', '蔬菜种植技术员培训', 'vegetable_growing:3', 'vegetable_growing:1', 20, 'sub,cert', 'full_time', 'S3T', '2027-01-12', 20, 'light', '18-58'],
  ['train-mushroom-S2', '食用菌栽培培训', 'mushroom_cultivation:1', '', 7, 'sub', 'part_time', 'S2', '2026-12-08', 40, 'light', '18-65'],
  ['train-pig-S3T', '生猪养殖技术培训', 'pig_raising:1', '', 10, 'sub', 'full_time', 'S3T', '2026-12-15', 30, 'medium', '18-60'],
  ['train-electronics-P1', '电子装配培训', 'electronics_assembly:1', '', 7, 'sub,cert', 'full_time', 'P1', '2026-12-07', 40, 'light', '18-45'],
  ['train-warehouse-P2', '仓储理货培训', 'warehousing:1', '', 10, 'sub,cert', 'full_time', 'P2', '2026-12-10', 30, 'light', '18-50'],
  ['train-bamboo-S3', '竹编技艺培训', 'bamboo_weaving:1', '', 15, 'sub,care', 'part_time', 'S3', '2026-12-10', 30, 'light', '18-72'],
  ['train-batik-S1', '蜡染技艺培训', 'batik:2', '', 20, 'sub,cert,care', 'part_time', 'S1', '2026-12-14', 25, 'light', '18-65'],
  ['train-housekeeping-S1', '家政服务培训', 'housekeeping:1', '', 10, 'sub,cert,care', 'part_time', 'S1', '2026-12-07', 40, 'light', '20-60'],
  ['train-lathe-P1', '车工培训', 'lathe:2', '', 30, 'sub,cert', 'full_time', 'P1', '2027-01-06', 20, 'medium', '18-45'],
  ['train-catering-TOWN', '餐厅服务培训', 'catering_service:1', '', 5, 'sub', 'full_time', 'TOWN', '2026-12-08', 40, 'light', '18-40'],
];

function trainings(): MatchTraining[] {
  return trainingRows.map(
    ([id, title, taught, prerequisites, days, flags, mode, place, startDate, seats, demand, age]) => ({
      kind: 'training' as const,
      id,
      title,
      location: places[place],
      shuttleSiteIds: shuttles[place] ?? [],
      ...ages(age),
      physicalDemand: demand,
      deadline: null,
      requiredSkills: skills(prerequisites),
      skillsTaught: skills(taught).map((s) => ({ code: s.code, levelReached: s.minLevel })),
      durationDays: days,
      subsidised: flags.includes('sub'),
      certificate: flags.includes('cert'),
      childcare: flags.includes('care'),
      seatsLeft: seats,
      startDate,
      workMode: mode,
    }),
  );
}

type ProjectRow = [
  id: string,
  title: string,
  needed: string,
  modes: ParticipationMode[],
  income: number | null,
  demand: PhysicalDemand,
  place: PlaceCode,
  age: string,
  flags?: string,
];

// biome-ignore format: one posting a line reads as a table
const projectRows: ProjectRow[] = [
  ['proj-tea-coop-S3T', '茶叶专业合作社', 'tea_picking:1', ['part_time', 'full_time', 'dividend'], 2000, 'light', 'S3T', '16-70'],
  ['proj-tea-factory-S3T', '茶叶加工厂扶贫车间', 'tea_processing:2', ['full_time'], 3800, 'medium', 'S3T', '18-58'],
  ['proj-mushroom-S2', '食用菌大棚产业基地', 'mushroom_cultivation:1', ['full_time', 'part_time'], 2500, 'medium', 'S2', '18-62'],
  ['proj-embroidery-S1', '苗绣合作社', 'embroidery:1', ['piecework_home'], 1800, 'light', 'S1', '18-75'],
  ['proj-pig-S3T', '生猪代养合作社', 'pig_raising:1', ['full_time'], 3500, 'heavy', 'S3T', '20-58'],
  ['proj-veg-S2', '蔬菜保供基地', 'vegetable_growing:1', ['full_time', 'part_time', 'dividend'], 2200, 'medium', 'S2', '18-65'],
  ['proj-ecommerce-TOWN', '农特产品电商中心', 'ecommerce:1', ['part_time', 'full_time'], 2500, 'light', 'TOWN', '18-45'],
  ['proj-bamboo-S3', '竹编合作社', 'bamboo_weaving:1', ['piecework_home'], 1500, 'light', 'S3', '18-75'],
  ['proj-homestay-S3T', '乡村旅游民宿', 'housekeeping:1', ['full_time', 'part_time'], 2800, 'light', 'S3T', '18-60'],
  ['proj-cattle-FAR', '肉牛养殖基地', 'cattle_raising:1', ['full_time'], 4000, 'heavy', 'FAR', '20-55'],
  ['proj-fruit-S3T', '精品水果种植', 'fruit_growing:1', ['part_time', 'dividend'], 2000, 'medium', 'S3T', '18-68'],
  ['proj-poultry-S2', '林下养鸡', 'poultry:1', ['full_time', 'part_time'], 3000, 'medium', 'S2', '18-60'],
  ['proj-solar-S1', '光伏电站入股分红', '', ['dividend'], 300, 'light', 'S1', ''],
  ['proj-batik-S1', '蜡染文创工坊', 'batik:1', ['part_time', 'piecework_home'], 2000, 'light', 'S1', '18-70'],
  ['proj-sewing-S2', '扶贫车间（服装加工）', 'sewing:1', ['piecework_home', 'part_time'], 2200, 'light', 'S2', '18-65'],
  ['proj-canteen-S1', '社区食堂', 'cooking:1', ['part_time'], 2000, 'light', 'S1', '20-62'],
  ['proj-herbs-S3T', '中药材种植', '', ['part_time', 'dividend'], 1500, 'medium', 'S3T', '18-68'],
  ['proj-parcel-station-P2', '快递驿站合作点', 'warehousing:1', ['part_time'], 2000, 'light', 'P2', '18-60'],
  ['proj-elderly-canteen-S2', '社区助老食堂', 'elderly_care:1', ['part_time'], 1800, 'light', 'S2', '25-62'],
  ['proj-closed-S3', '竹笋加工（已截止）', '', ['full_time'], 2500, 'medium', 'S3', '18-60', 'closed'],
  ['proj-bamboo-shoot-S3', '竹笋加工车间', '', ['full_time', 'part_time'], 2400, 'medium', 'S3', '18-60'],
];

function projects(): MatchProject[] {
  return projectRows.map(([id, title, needed, modes, income, demand, place, age, flags = '']) => ({
    kind: 'project' as const,
    id,
    title,
    location: places[place],
    shuttleSiteIds: shuttles[place] ?? [],
    ...ages(age),
    physicalDemand: demand,
    deadline: flags.includes('closed') ? '2026-11-25' : null,
    skillsNeeded: skills(needed),
    participationModes: modes,
    expectedMonthlyIncome: income,
    startDate: null,
  }));
}

export const evalJobs: MatchJob[] = jobs();
export const evalTrainings: MatchTraining[] = trainings();
export const evalProjects: MatchProject[] = projects();
export const evalPostings: MatchOpportunity[] = [...evalJobs, ...evalTrainings, ...evalProjects];
