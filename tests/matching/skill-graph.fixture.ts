import { SkillGraph } from '../../api/src/matching/skill-graph.ts';
import type { SkillNode } from '../../api/src/matching/types.ts';

/**
 * A realistic slice of the skill taxonomy for tests: broad skills with specific children,
 * colloquial aliases, and the trades the law licenses (持证上岗). The real taxonomy comes from
 * the opportunities seed.
 */
type Row = [code: string, zh: string, en: string, parent: string | null, aliases: string[], certificate?: boolean];

const rows: Row[] = [
  // 服装与手工 garments and handicraft
  ['sewing', '缝纫', 'sewing', null, ['缝纫工', '车位']],
  ['industrial_sewing', '工业缝纫', 'industrial sewing', 'sewing', ['平车工', '制衣']],
  ['garment_finishing', '服装整烫', 'garment finishing', 'sewing', ['整烫', '锁边']],
  ['handicraft', '手工艺', 'handicraft', null, ['手工']],
  ['embroidery', '刺绣', 'embroidery', 'handicraft', ['苗绣', '绣花']],
  ['bamboo_weaving', '竹编', 'bamboo weaving', 'handicraft', ['编织', '竹编工']],
  ['batik', '蜡染', 'batik', 'handicraft', ['蜡染工艺']],
  // 金属加工 metalwork
  ['metalwork', '金属加工', 'metalwork', null, []],
  ['welding', '焊工', 'welding', 'metalwork', ['电焊', '电焊工', '焊接'], true],
  ['arc_welding', '手工电弧焊', 'arc welding', 'welding', ['手把焊'], true],
  ['gas_welding', '气焊', 'gas welding', 'welding', ['气割'], true],
  ['lathe', '车工', 'lathe operation', 'metalwork', ['车床']],
  // 电气 electrical
  ['electrical', '电气', 'electrical work', null, []],
  ['electrician', '电工', 'electrician', 'electrical', ['低压电工', '水电工'], true],
  ['electronics_assembly', '电子装配', 'electronics assembly', 'electrical', ['电子组装', '插件']],
  // 物流与驾驶 logistics and driving
  ['logistics', '物流', 'logistics', null, []],
  ['forklift', '叉车驾驶', 'forklift driving', 'logistics', ['叉车', '叉车工', '铲车'], true],
  ['warehousing', '仓储理货', 'warehousing', 'logistics', ['理货', '仓管']],
  ['loading', '搬运装卸', 'loading and unloading', 'logistics', ['装卸', '搬运工']],
  ['driving', '驾驶', 'driving', null, ['开车']],
  ['driving_c1', '小车驾驶（C1）', 'car driving (C1)', 'driving', ['C1', '司机'], true],
  ['truck_driving', '货车驾驶', 'truck driving', 'driving', ['大车', 'A2', 'B2'], true],
  // 建筑 construction
  ['construction', '建筑施工', 'construction', null, []],
  ['masonry', '砌筑', 'masonry', 'construction', ['砌筑工', '泥瓦工', '泥水工']],
  ['rebar', '钢筋', 'rebar work', 'construction', ['钢筋工']],
  ['carpentry', '木工', 'carpentry', 'construction', ['木匠']],
  ['painting', '油漆', 'painting and decorating', 'construction', ['油漆工', '刷墙']],
  ['tiling', '贴砖', 'tiling', 'construction', ['瓷砖工', '镶贴']],
  // 餐饮 catering
  ['catering', '餐饮', 'catering', null, []],
  ['cooking', '烹饪', 'cooking', 'catering', ['厨师', '中式烹调']],
  ['pastry', '面点', 'pastry', 'catering', ['面点师']],
  ['catering_service', '餐厅服务', 'restaurant service', 'catering', ['服务员']],
  // 照护与家政 care and domestic service
  ['care', '照护', 'care work', null, []],
  ['elderly_care', '养老护理', 'elderly care', 'care', ['护工', '养老护理员']],
  ['childcare_nanny', '育婴', 'infant care', 'care', ['育婴员', '月嫂']],
  ['domestic_service', '家政服务', 'domestic service', null, ['家政']],
  ['housekeeping', '保洁', 'housekeeping', 'domestic_service', ['保洁员', '客房服务']],
  // 农业 farming
  ['crop_farming', '种植', 'crop farming', null, ['种地']],
  ['tea_picking', '采茶', 'tea picking', 'crop_farming', []],
  ['tea_processing', '制茶', 'tea processing', 'crop_farming', ['炒茶']],
  ['vegetable_growing', '蔬菜种植', 'vegetable growing', 'crop_farming', ['大棚种菜']],
  ['fruit_growing', '果树栽培', 'fruit growing', 'crop_farming', ['果树']],
  ['mushroom_cultivation', '食用菌栽培', 'mushroom cultivation', 'crop_farming', ['种菇', '食用菌']],
  ['animal_husbandry', '养殖', 'animal husbandry', null, []],
  ['pig_raising', '生猪养殖', 'pig raising', 'animal_husbandry', ['养猪']],
  ['cattle_raising', '牛羊养殖', 'cattle and sheep raising', 'animal_husbandry', ['养牛', '养羊']],
  ['poultry', '家禽养殖', 'poultry raising', 'animal_husbandry', ['养鸡']],
  // 电商与办公 e-commerce and office
  ['ecommerce', '电子商务', 'e-commerce', null, ['电商', '网店']],
  ['livestreaming', '直播带货', 'livestream selling', 'ecommerce', ['直播']],
  ['computer_basic', '电脑操作', 'computer basics', null, ['办公软件', '打字']],
  // 安保 security
  ['security_guard', '保安', 'security guard', null, ['保安员'], true],
];

export const skillNodes: SkillNode[] = rows.map(([code, nameZh, nameEn, parentCode, aliases, certificate]) => ({
  code,
  nameZh,
  nameEn,
  parentCode,
  aliases,
  certificateRequired: certificate ?? false,
}));

export const testSkillGraph = new SkillGraph(skillNodes);
