/**
 * The seeded skill taxonomy (技能目录) for relocated rural residents. One line per skill:
 *   code | 中文名 | English name | aliases (、-separated, colloquial ↔ official) | parent code | flags
 * The first line of each category is its root; a blank parent means "the category root".
 * Flags: `cert` = a certificate or licence is required by law for the work;
 * `occ=CODE@EDITION` = the occupation in 国家职业分类大典, only where the code is certain.
 */
export interface SeedSkill {
  code: string;
  nameZh: string;
  nameEn: string;
  aliases: string[];
  category: string;
  parentCode: string | null;
  occupationCode: string | null;
  occupationEdition: string | null;
  certificateRequired: boolean;
}

const categories: Record<string, string> = {
  construction: `
construction|建筑施工|Construction work|建筑工、工地、建筑|
construction.masonry|砌筑|Bricklaying|砌砖、泥瓦工、瓦工、泥水匠、砌筑工|
construction.plastering|抹灰|Plastering|抹灰工、粉墙、批灰|construction.masonry
construction.tiling|贴砖|Tiling|瓷砖工、贴瓷砖、镶贴工|construction.masonry
construction.rebar|钢筋工|Rebar work|扎钢筋、钢筋绑扎|
construction.formwork|木工支模|Formwork carpentry|模板工、支模、架子木工|
construction.concrete|混凝土工|Concrete work|打灰、浇筑、混凝土浇筑|
construction.scaffolding|架子工|Scaffolding|搭架子、脚手架搭设||cert
construction.painting|油漆工|Painting and decorating|刷漆、涂料工、油工、刷墙|
construction.waterproofing|防水工|Waterproofing|做防水、防水施工|
construction.plumbing|水暖工|Plumbing|水电工、管道工、水管工、安装水管|
construction.decoration|装修工|Interior decoration|装修、装饰工、室内装修|
construction.drywall|吊顶隔墙|Ceilings and partitions|吊顶、石膏板、轻钢龙骨|construction.decoration
construction.demolition|拆除工|Demolition|拆房、拆除|
construction.labourer|建筑小工|Construction labourer|小工、杂工、搬砖、普工（工地）|
construction.road|道路施工|Road works|修路、筑路工、铺路|
construction.stone|石匠|Stone masonry|石工、打石头、砌石|construction.masonry
construction.surveying|施工放线|Site setting-out|放线、测量放线|
construction.high_altitude|高处作业|Work at height|高空作业、登高作业||cert
construction.carpentry|木工|Carpentry|木匠、做木工、细木工|
construction.furniture|家具制作|Furniture making|打家具、家具木工|construction.carpentry
construction.glazing|门窗安装|Doors and windows fitting|装门窗、铝合金门窗|construction.decoration
`,
  electrical: `
electrical|电工电气|Electrical work|电工活、电气|
electrical.low_voltage|低压电工|Low-voltage electrician|电工、水电工、电工作业、装电线||cert,occ=6-31-01-03@2015
electrical.high_voltage|高压电工|High-voltage electrician|高压电工作业|electrical.low_voltage|cert
electrical.maintenance|维修电工|Maintenance electrician|设备电工、厂里电工|electrical.low_voltage|cert
electrical.pv_install|光伏安装|Solar PV installation|装光伏、光伏板安装、太阳能板安装||cert
electrical.pv_maintenance|光伏运维|Solar PV maintenance|光伏电站运维、清洗光伏板|electrical.pv_install
electrical.appliance_repair|家电维修|Appliance repair|修家电、修电器、修空调|
electrical.aircon_install|空调安装|Air-conditioner installation|装空调、空调工|electrical.appliance_repair|cert
electrical.weak_current|弱电安装|Low-current wiring|弱电、网线安装、监控安装|
`,
  welding: `
welding|焊接|Welding|焊工、电焊、焊接工、烧焊||cert,occ=6-18-02-04@2015
welding.arc|电焊|Arc welding|电焊工、手工电弧焊、烧电焊||cert
welding.gas|气焊气割|Gas welding and cutting|气焊、气割、割枪、乙炔焊||cert
welding.argon|氩弧焊|TIG welding|氩弧焊工、氩焊||cert
welding.co2|二保焊|MIG/CO2 welding|二氧化碳保护焊、气保焊、二保焊工||cert
welding.fabrication|钣金|Sheet metal work|钣金工、铁皮工、敲铁皮|
welding.fitting|铆工|Metal fitting|铆焊工、铆工、钳工|
`,
  machinery: `
machinery|机械操作|Machine operation|开机器、机修|
machinery.forklift|叉车司机|Forklift driving|开叉车、叉车工、铲车（仓库）、叉车操作||cert
machinery.excavator|挖掘机司机|Excavator operation|开挖机、挖机、挖掘机、勾机|
machinery.loader|装载机司机|Loader operation|开铲车、铲车、装载机|
machinery.crane|起重机司机|Crane operation|开吊车、塔吊司机、行车工、起重工||cert
machinery.rigger|司索指挥|Rigging and signalling|信号工、司索工、指挥吊装|machinery.crane|cert
machinery.roller|压路机司机|Road roller operation|开压路机|machinery.loader|
machinery.cnc|数控车床|CNC machine operation|数控、CNC、车床工、开车床|
machinery.lathe|普通车工|Lathe turning|车工（机加工）、车床|machinery.cnc
machinery.press|冲压工|Press operation|冲床工、冲压、开冲床|
machinery.injection|注塑工|Injection moulding|注塑、啤机、开注塑机|
machinery.mechanic|机修工|Machine maintenance|机修、修机器、设备维修|
machinery.agri_machine|农机操作|Farm machinery operation|开拖拉机、农机手、收割机、旋耕机|
machinery.boiler|锅炉工|Boiler operation|司炉工、烧锅炉||cert
machinery.electric_maint|电梯维修|Lift maintenance|电梯工、电梯安装||cert
`,
  driving: `
driving|驾驶|Driving|司机、开车、驾驶员|
driving.c1|小车驾驶（C1）|Car driving (C1)|C1驾照、开小车、小车司机、网约车||cert
driving.c2|自动挡驾驶（C2）|Automatic car driving (C2)|C2驾照|driving.c1|cert
driving.b2|货车驾驶（B2）|Lorry driving (B2)|B2驾照、大货车、开货车、货车司机||cert
driving.a1|大客车驾驶（A1）|Coach driving (A1)|A1驾照、大客车、开大巴||cert
driving.a2|牵引车驾驶（A2）|Tractor-trailer driving (A2)|A2驾照、半挂、开挂车、重型牵引车|driving.b2|cert
driving.b1|中型客车驾驶（B1）|Minibus driving (B1)|B1驾照、中巴、开中巴|driving.a1|cert
driving.a3|公交车驾驶（A3）|City bus driving (A3)|A3驾照、公交司机|driving.a1|cert
driving.d|三轮摩托车驾驶（D）|Motor tricycle driving (D)|D驾照、三轮摩托||cert
driving.e|摩托车驾驶（E）|Motorcycle driving (E)|E驾照、摩托车、骑摩托||cert
driving.shuttle|班车接送|Shuttle driving|接送员工、通勤车司机|driving.b1|cert
driving.hazmat|危险品运输|Hazardous goods transport|危化品司机、押运员|driving.b2|cert
`,
  garment: `
garment|缝纫服装|Sewing and garments|服装厂、制衣|
garment.sewing|缝纫|Sewing|缝纫工、车工、衣车、车位、缝纫机操作工、踩缝纫机、平车|
garment.overlock|锁边|Overlocking|拷边、锁边工、拷克|garment.sewing
garment.cutting|裁剪|Cutting|裁床、裁剪工、裁布|
garment.ironing|整烫|Pressing and ironing|烫衣、熨烫工、大烫|
garment.qc|服装质检|Garment inspection|查货、验货、剪线头|
garment.pattern|制版|Pattern making|打版、纸样师、版师|garment.cutting
garment.knitting|毛衣编织|Knitting|织毛衣、针织、手工编织|
garment.shoes|制鞋|Shoe making|鞋厂、做鞋、帮面车工|garment.sewing
garment.bags|箱包制作|Bag making|做包、箱包车工|garment.sewing
garment.wigs|假发制作|Wig making|做假发、发制品、勾发|
garment.toys|毛绒玩具|Soft toy making|做玩具、缝玩具|garment.sewing
garment.tailoring|裁缝|Tailoring|改衣服、做衣服、裁缝师傅|garment.sewing
`,
  electronics: `
electronics|电子装配|Electronics assembly|电子厂、电子|
electronics.assembly|电子元件装配|Electronic component assembly|插件、插件工、组装工、装配工、流水线|
electronics.soldering|电烙铁焊接|Soldering|焊锡、锡焊、烙铁焊|electronics.assembly
electronics.smt|贴片操作|SMT operation|SMT、贴片机|electronics.assembly
electronics.testing|电子测试|Electronics testing|测试员、测试工、功能测试|
electronics.wire|线束加工|Wire harness assembly|线束、做线材、端子压接|electronics.assembly
electronics.phone_assembly|手机组装|Phone assembly|手机厂、组装手机|electronics.assembly
electronics.coil|绕线|Coil winding|绕线工、绕线圈|electronics.assembly
electronics.repair|手机维修|Phone repair|修手机、手机维修员|
`,
  food: `
food|食品加工|Food processing|食品厂、食品|
food.processing_line|食品生产线|Food production line|食品普工、流水线（食品）|
food.meat|肉类分割|Meat cutting|分割工、屠宰、杀猪、剔骨|
food.baking|烘焙|Baking|做面包、烘焙师、糕点|
food.noodles|米粉面条加工|Rice noodle making|做米粉、做面条、米线加工|food.processing_line
food.pickles|腌制品加工|Pickling|做酸菜、腌菜、泡菜|food.processing_line
food.chili|辣椒加工|Chilli processing|做辣椒酱、剪辣椒、辣椒分拣|food.processing_line
food.tea_processing|茶叶加工|Tea processing|制茶、炒茶、揉茶、茶厂|
food.oil|榨油|Oil pressing|榨菜籽油、油坊|food.processing_line
food.tofu|豆制品加工|Tofu making|做豆腐、豆腐坊|food.processing_line
food.liquor|酿酒|Liquor brewing|烤酒、酒厂、酿酒工|
food.dried|干货加工|Dried goods processing|烘干、晒干货、菌子烘干|food.processing_line
food.safety|食品安全|Food safety|健康证、食品卫生|
food.packing|食品包装|Food packing|装袋、封口|packing.packing
`,
  packing: `
packing|包装分拣|Packing and sorting|打包、分拣|
packing.packing|包装|Packing|包装工、打包员、装箱|
packing.sorting|分拣|Sorting|分拣员、分拣工、挑拣、拣货|
packing.labeling|贴标|Labelling|贴标签、贴码|packing.packing
packing.grading|农产品分级|Produce grading|果蔬分级、选果、分选|packing.sorting
packing.qc|质检|Quality inspection|品检、检验员、QC|
packing.picking|拣货|Order picking|拣货员、配货|packing.sorting
packing.carton|纸箱加工|Carton making|纸箱厂、糊纸盒|packing.packing
`,
  logistics: `
logistics|物流仓储|Logistics and warehousing|物流、仓储|
logistics.warehouse|仓库管理|Warehouse keeping|仓管、仓管员、库管、保管员|
logistics.loading|装卸|Loading and unloading|装卸工、搬运工、下货、卸货、扛包|
logistics.courier|快递员|Courier|送快递、快递小哥、派件、揽件|
logistics.delivery|外卖配送|Food delivery|送外卖、骑手、外卖员、配送员|logistics.courier
logistics.station|快递驿站|Parcel station keeping|驿站、代收点、菜鸟驿站|logistics.courier
logistics.inventory|盘点|Stocktaking|盘点员、盘库|logistics.warehouse
logistics.cold_chain|冷链物流|Cold-chain logistics|冷库、冷链|logistics.warehouse
logistics.dispatch|物流调度|Dispatching|调度员、派车|
`,
  cleaning: `
cleaning|保洁清洁|Cleaning|保洁、清洁|
cleaning.housekeeping|保洁员|Cleaner|清洁工、保洁员、搞卫生、打扫卫生、清洁员|
cleaning.street|环卫工|Street cleaning|扫大街、环卫、清扫工、道路保洁|
cleaning.hotel|客房服务|Hotel room attendant|客房、铺床、酒店保洁|cleaning.housekeeping
cleaning.glass|擦玻璃|Window cleaning|擦窗、外墙清洗、蜘蛛人|cleaning.housekeeping
cleaning.deep|开荒保洁|Post-construction cleaning|开荒、深度保洁|cleaning.housekeeping
cleaning.laundry|洗衣|Laundry work|洗衣工、洗涤、布草|
cleaning.waste_sorting|垃圾分类|Waste sorting|垃圾分拣、分类督导员|cleaning.street
cleaning.public_toilet|公厕保洁|Public toilet cleaning|厕所管理员|cleaning.street
`,
  security: `
security|安保|Security|保安|
security.guard|保安员|Security guard|保安、门卫、看门、守门、安保员||cert,occ=4-07-05-01@2015
security.patrol|巡逻|Patrol|巡逻员、巡查|security.guard|cert
security.cctv|监控值守|CCTV monitoring|看监控、监控室、消防监控|security.guard
security.fire|消防设施操作|Fire-safety equipment operation|消控员、消防员（企业）、消防设施操作员||cert
security.forest_ranger|护林员|Forest ranger|护林、巡山、生态护林员|
security.traffic|交通协管|Traffic warden|协管员、交通劝导员|security.patrol
`,
  cooking: `
cooking|餐饮烹饪|Catering and cooking|餐饮、饭店|
cooking.chinese_cook|中式烹调|Chinese cooking|厨师、炒菜、掌勺、大厨、中式烹调师||occ=4-03-02-01@2015
cooking.pastry|中式面点|Chinese pastry|面点师、包子、馒头、做面食、白案||occ=4-03-02-02@2015
cooking.kitchen_helper|厨房帮工|Kitchen helper|帮厨、打荷、切配、配菜、洗碗、洗碗工|
cooking.canteen|食堂厨工|Canteen cook|食堂、大锅菜、做饭（食堂）|cooking.chinese_cook
cooking.waiter|服务员|Waiter|餐厅服务员、端盘子、传菜、传菜员|
cooking.snacks|小吃制作|Street food|做小吃、烧烤、卖早餐、摆摊|cooking.pastry
cooking.banquet|乡村宴席|Village banquets|坝坝席、流水席、办酒席、乡厨|cooking.chinese_cook
cooking.nutrition|营养配餐|Nutrition planning|营养师、配餐员|
`,
  care: `
care|家政照护|Domestic and care work|家政、照护|
care.domestic|家政服务|Domestic service|保姆、家政员、做家务、钟点工、家政服务员||occ=4-10-01-06@2015
care.elderly|养老护理|Elderly care|护工、养老院、照顾老人、护理员、养老护理员||occ=4-10-01-05@2015
care.infant|育婴|Infant care|育婴员、带孩子、带娃、育儿嫂||occ=4-10-01-02@2015
care.maternity|母婴护理|Maternity care|月嫂、月子护理、产妇护理|care.infant
care.childcare|保育|Child care|保育员、幼儿园阿姨|care.infant
care.patient|病患陪护|Patient escort|陪护、医院护工、陪诊|care.elderly
care.disability|残疾人照护|Disability care|照顾残疾人、助残员|care.elderly
care.own_elders|照护家中老人|Caring for elders at home|照顾家里老人、伺候老人、在家照顾老人|care.elderly
care.own_children|照看家中孩子|Raising children at home|在家带孩子、照看孙子|care.infant
care.massage|保健按摩|Massage|按摩、推拿、足疗、足浴技师|
care.beauty|美容美发|Hairdressing and beauty|理发、剪头发、美发、美甲、美容|
care.cooking_home|家庭烹饪|Home cooking|做家常菜、给家里做饭|care.domestic
care.companion|助老服务|Elder companionship|陪老人、助餐、送餐上门|care.elderly
`,
  farming: `
farming|种植|Crop farming|种地、务农、农业|
farming.own_plot|耕种自家土地|Farming one's own plot|种自家地、种庄稼、干农活、种田|
farming.rice|水稻种植|Rice growing|种水稻、插秧、种稻子|farming.own_plot
farming.corn|玉米种植|Maize growing|种玉米、种包谷、包谷|farming.own_plot
farming.potato|马铃薯种植|Potato growing|种土豆、洋芋|farming.own_plot
farming.vegetable|蔬菜种植|Vegetable growing|种菜、菜农、大棚蔬菜、蔬菜大棚|
farming.greenhouse|大棚管理|Greenhouse management|大棚、温室、管大棚|farming.vegetable
farming.tea|茶叶种植|Tea growing|种茶、采茶、茶园管理、摘茶叶、茶农|
farming.tea_picking|采茶|Tea picking|摘茶、采茶工|farming.tea
farming.fungus|食用菌种植|Mushroom growing|种蘑菇、菌菇、香菇、木耳、食用菌、种菌子|
farming.fungus_bag|菌棒制作|Mushroom log making|装菌包、做菌棒、菌包|farming.fungus
farming.fruit|果树种植|Fruit growing|种果树、果园、修枝、剪枝、摘果子|
farming.kiwi|猕猴桃种植|Kiwifruit growing|猕猴桃、奇异果|farming.fruit
farming.citrus|柑橘种植|Citrus growing|种橘子、柑橘、脐橙|farming.fruit
farming.herbs|中药材种植|Medicinal herb growing|种药材、中药材、天麻、党参、金银花|
farming.flowers|花卉苗木|Flowers and seedlings|种花、苗圃、育苗|
farming.chili|辣椒种植|Chilli growing|种辣椒、摘辣椒|farming.vegetable
farming.konjac|魔芋种植|Konjac growing|种魔芋|farming.own_plot
farming.pest|植保|Crop protection|打药、病虫害防治、植保员、飞防|
farming.drone|植保无人机|Crop-spraying drone|无人机飞手、打药无人机|
farming.irrigation|灌溉|Irrigation|水肥一体化、浇地、滴灌|
farming.seedlings|育苗|Seedling raising|育秧、育苗工|farming.flowers
farming.harvest|农产品采收|Harvesting|采摘、收割、摘菜|
farming.forestry|林业|Forestry|造林、植树、林下种植|
farming.bamboo|竹林管护|Bamboo grove care|竹林、挖竹笋、竹笋|farming.forestry
farming.garden|园林绿化|Landscaping|绿化工、园林工、修剪花草、种树|
`,
  livestock: `
livestock|养殖|Livestock farming|养殖、喂养|
livestock.pigs|养猪|Pig farming|生猪养殖、喂猪、猪场饲养员|
livestock.cattle|养牛|Cattle farming|肉牛养殖、放牛、喂牛|
livestock.sheep|养羊|Sheep and goat farming|放羊、山羊养殖|
livestock.poultry|养鸡养鸭|Poultry farming|养鸡、养鸭、鸡场、蛋鸡|
livestock.fish|水产养殖|Fish farming|养鱼、稻田养鱼、鱼塘|
livestock.bees|养蜂|Beekeeping|养蜜蜂、蜂农、割蜂蜜|
livestock.vet|兽医防疫|Veterinary care|兽医、打疫苗（牲口）、防疫员||cert
livestock.feed|饲料加工|Feed making|配饲料、饲料厂|
livestock.own_animals|喂养自家牲畜|Raising one's own animals|喂家里的猪、养几头牛、在家喂鸡|livestock.pigs
livestock.silkworm|养蚕|Sericulture|养蚕、桑蚕|
livestock.rabbit|养兔|Rabbit farming|养兔子|livestock.poultry
livestock.milking|挤奶|Milking|奶牛场、挤奶工|livestock.cattle
`,
  handicraft: `
handicraft|民族手工艺|Ethnic handicraft|手工艺、手工活|
handicraft.miao_embroidery|苗绣|Miao embroidery|刺绣、绣花、苗族刺绣、挑花|
handicraft.embroidery|刺绣|Embroidery|绣花、绣娘、十字绣|handicraft.miao_embroidery
handicraft.batik|蜡染|Batik|蜡染、扎染、画蜡|
handicraft.bamboo_weaving|竹编|Bamboo weaving|编竹篮、编背篓、竹编工艺、编竹子|
handicraft.rattan|藤编草编|Rattan and straw weaving|编草帽、编藤、草编|handicraft.bamboo_weaving
handicraft.silver|银饰制作|Silverwork|打银饰、银匠、苗银|
handicraft.brocade|织锦|Brocade weaving|织布、土布、侗锦、土家织锦|
handicraft.pottery|陶艺|Pottery|做陶、陶瓷、烧陶|
handicraft.woodcarving|木雕|Woodcarving|雕刻、刻木头|
handicraft.paper_cutting|剪纸|Paper cutting|剪窗花|
handicraft.beading|串珠饰品|Beadwork|串珠、穿珠子、手链加工|
handicraft.handmade_piecework|手工来料加工|Handwork piecework at home|来料加工、手工活、在家做手工、串珠子、粘花|
handicraft.artificial_flowers|仿真花制作|Artificial flower making|做假花、粘花|handicraft.handmade_piecework
handicraft.lantern|灯笼制作|Lantern making|扎灯笼|handicraft.bamboo_weaving
`,
  ecommerce: `
ecommerce|电商|E-commerce|网店、电子商务|
ecommerce.shop|网店运营|Online shop operation|开网店、淘宝店、拼多多、电商运营、电子商务师|
ecommerce.live|直播带货|Live selling|直播、带货主播、抖音直播、快手直播、主播|
ecommerce.customer_service|电商客服|Online customer service|客服、网店客服、售后|
ecommerce.photo|产品拍摄|Product photography|拍照、拍视频、短视频拍摄、剪视频|ecommerce.live
ecommerce.video_editing|短视频剪辑|Short-video editing|剪辑、剪映、做视频|ecommerce.photo
ecommerce.packing|电商打包发货|E-commerce fulfilment|打包发货、发快递|packing.packing
ecommerce.data_labeling|数据标注|Data labelling|标注员、打标签（数据）|
ecommerce.typing|电脑录入|Data entry|打字员、录入员、文员、电脑操作|
ecommerce.community_buying|社区团购|Community group buying|团长、社区团购团长|ecommerce.shop
`,
  retail: `
retail|商贸服务|Retail and services|商贸、销售|
retail.cashier|收银|Cashier|收银员、超市收银|
retail.sales|销售|Sales|导购、卖货、营业员、推销|
retail.stocking|理货|Shelf stocking|理货员、上货、补货|retail.sales
retail.shopkeeping|开小卖部|Running a small shop|开小卖部、小卖店、便利店|retail.sales
retail.market_stall|摆摊|Market stall|赶集卖东西、摆地摊|retail.shopkeeping
retail.property|物业服务|Property management|物业管理员、物业、小区管理|
retail.parking|停车管理|Parking attendant|停车场收费员、看车|retail.property
retail.receptionist|前台接待|Reception|前台、接待员|
`,
  tourism: `
tourism|乡村旅游|Rural tourism|旅游、农家乐|
tourism.homestay|民宿服务|Homestay service|民宿、农家乐服务员、客栈|
tourism.guide|导游讲解|Tour guiding|导游、讲解员、景区讲解||cert
tourism.performance|民族歌舞表演|Folk performance|跳舞、唱山歌、民族歌舞、演员（景区）|
tourism.scenic_staff|景区服务|Scenic area staff|景区员工、检票员、景区保洁|
tourism.farm_stay|农家乐经营|Farm-stay running|开农家乐、农家饭庄|tourism.homestay
`,
  public_welfare: `
public_welfare|公益岗位|Public-welfare posts|公益性岗位、公益岗|
public_welfare.community|社区服务|Community service|社区协管员、楼栋长、网格员（协助）|
public_welfare.road_care|护路员|Road maintenance|护路、道路养护员|public_welfare.community
public_welfare.water_care|管水员|Water-works keeping|管水、水管员、河道保洁、巡河员|public_welfare.community
public_welfare.health_aid|卫生协管|Health assistant|卫生员、防疫协管|public_welfare.community
public_welfare.library|农家书屋管理|Village library keeping|书屋管理员|public_welfare.community
`,
  office: `
office|办公与技术|Office and technical work|办公室、文职|
office.accounting|出纳记账|Bookkeeping|会计、出纳、记账|
office.computer|计算机操作|Computer use|会用电脑、Office、办公软件|
office.mandarin|普通话|Mandarin Chinese|讲普通话、说普通话|
office.translation_ethnic|民族语言翻译|Ethnic-language interpreting|苗语、布依语、侗语、彝语翻译|
office.teaching_assist|教学辅助|Teaching assistant|辅导作业、助教|
office.cooperative_mgmt|合作社管理|Cooperative management|合作社、带头人、理事长|
`,
  manufacturing: `
manufacturing|工厂普工|Factory work|普工、操作工、工厂、流水线工人|
manufacturing.assembly|装配|Assembly|组装、装配工、拧螺丝|electronics.assembly
manufacturing.machine_op|设备操作|Machine tending|机台操作、开机、看机器|
manufacturing.plastics|塑料制品|Plastics work|吹塑、塑料厂|machinery.injection
manufacturing.stone_processing|石材加工|Stone processing|石材厂、切石头|
manufacturing.building_materials|建材生产|Building materials production|砖厂、水泥厂、制砖|
manufacturing.furniture_factory|家具厂|Furniture factory work|家具厂、打磨、喷漆|construction.furniture
manufacturing.spray|喷涂|Spray painting|喷漆工、喷涂工、喷粉|construction.painting
manufacturing.polishing|打磨抛光|Grinding and polishing|打磨工、抛光工|
manufacturing.printing|印刷|Printing|印刷工、丝印|
manufacturing.textile|纺织|Textile work|纺纱、织布厂、挡车工|
manufacturing.quality|生产质检|Production inspection|巡检、全检|packing.qc
`,
};

function parseFlags(flags: string | undefined) {
  const list = (flags ?? '').split(',').filter(Boolean);
  const occupation = list.find((flag) => flag.startsWith('occ='))?.slice(4);
  const [occupationCode, occupationEdition] = occupation ? occupation.split('@') : [null, null];
  return { certificateRequired: list.includes('cert'), occupationCode, occupationEdition };
}

function parseCategory(category: string, block: string): SeedSkill[] {
  const lines = block
    .trim()
    .split('\n')
    .map((line) => line.trim());
  const root = lines[0].split('|')[0];
  return lines.map((line) => {
    const [code, nameZh, nameEn, aliases, parent, flags] = line.split('|');
    return {
      code,
      nameZh,
      nameEn,
      aliases: aliases ? [...new Set(aliases.split('、').filter((a) => a && a !== nameZh))] : [],
      category,
      parentCode: code === root ? null : parent || root,
      ...parseFlags(flags),
    };
  });
}

export const seedSkills: SeedSkill[] = Object.entries(categories).flatMap(([category, block]) =>
  parseCategory(category, block),
);
