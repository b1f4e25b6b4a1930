import type { Random } from './random.ts';

// Common surnames and given-name characters: names are plausible, the people fictional.
const surnames =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'.split(
    '',
  );
const maleChars = '伟强磊军勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆帅旭宁龙林阳峰建国志文海成东亮兵永忠'.split('');
const femaleChars = '芳娜敏静丽艳娟霞秀英慧玲燕红梅琳兰凤洁琴云莲萍雪倩婷颖玉珍桂花芬菊'.split('');

export function personName(random: Random, sex: 'male' | 'female'): string {
  const chars = sex === 'male' ? maleChars : femaleChars;
  const given = random.chance(0.6) ? random.pick(chars) + random.pick(chars) : random.pick(chars);
  return random.pick(surnames) + given;
}

// Place names built from neutral syllables, so no real county or village is named.
const placeFirst = '青翠云石松竹兰枫桂梅杉柏禾丰安乐和康宁泰祥瑞福兴隆盛'.split('');
const placeSecond = '山水岭溪河坪坝湾岗塘峰川源林园田谷台'.split('');

export function placeName(random: Random, suffix: string): string {
  return random.pick(placeFirst) + random.pick(placeSecond) + suffix;
}
