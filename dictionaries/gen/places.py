#!/usr/bin/env python3
"""Regenerate tiqu's place dictionaries from data shipped in registry packages.

Writes, into dictionaries/ (or --out):
    places_cn.tsv     Chinese divisions: 34 provincial-level, prefecture-level, county-level
    countries.tsv     countries and territories (ISO 3166-1 alpha-2)
    regions.tsv       world regions (CLDR) and hand-written Chinese/world regions
    world_places.tsv  world cities and first-level divisions of other countries

Inputs (all from package registries; nothing else is fetched):
    jionlp 1.5.31 (PyPI, Apache-2.0): the wheel's jionlp/dictionary/china_location.zip,
        china_location_change.txt, world_location.txt, tra2sim_char.txt
    unicode-cldr-core 41 (Debian, Unicode licence): common/main/zh.xml,
        common/subdivisions/zh.xml, common/validity/region.xml, common/bcp47/timezone.xml
    tzdata (Debian, public domain): /usr/share/zoneinfo/zone.tab
    python3-jieba 0.42.1 (Debian, MIT): jieba/dict.txt, used only to filter common words

How to run (from the repository root; standard library only, Python >= 3.8):

    apt-get update && apt-get install -y unicode-cldr-core tzdata python3-jieba
    python3 dictionaries/gen/places.py              # downloads the jionlp wheel with pip
    python3 dictionaries/gen/places.py --jionlp-wheel /tmp/jionlp-1.5.31-py2.py3-none-any.whl

Without --jionlp-wheel the script runs `pip download --no-deps jionlp==1.5.31` into a
temporary directory.  Other paths default to the Debian locations and can be changed with
--cldr, --zone-tab and --jieba-dict.  Output is deterministic (sorted; same input, same bytes).

Hand-written supplements (Chinese regions, mainland names and short forms of foreign states
such as 加州/得州, extra country aliases, stop lists) are data inside this script, in the
section "HAND-WRITTEN DATA" below; edit them here and re-run, never the generated TSVs.

Name conflicts are resolved globally over all four files (see allocate()): every surface
form (canonical or alias) belongs to at most one entity.  Precedence, strongest first:
Chinese province-level > country > prefecture > region > county > (historical renames)
> world city > world province; a canonical beats an alias of the same class, and a tie at
the same rank leaves the name to nobody (unless PREFER names the winner).  An entity whose
canonical is lost falls back to its next candidate (吉林 → 吉林市, 朝阳区 → 长春朝阳区).
"""

import argparse
import collections
import glob
import io
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
import zipfile

JIONLP_VERSION = "1.5.31"

# ---------------------------------------------------------------------------------------
# HAND-WRITTEN DATA
# ---------------------------------------------------------------------------------------

# jieba frequency at or above which a word tagged with a POS other than ns (place name)
# counts as a common word.  Chosen by reading the list of county short forms that jieba
# knows with another tag: at >= 500 nearly all are everyday words (比如 5621 v, 南部 5612 f,
# 解放 4855 v, 前进, 港口, 公安, 友好, 通道, 平安, 延长, 光明, 新兴, 红旗, 富裕, 清新 …);
# the real places above the line that jieba mis-tags are rescued by KEEP_SHORT.  Below it
# the words are mostly names, and the common ones are listed in STOP_SHORT.
COMMON_FREQ = 500

# County short forms kept although jieba tags them as a frequent non-place word.
KEEP_SHORT = {
    "石首", "仙桃", "神农架", "洪湖", "太康", "洪山", "麻城", "监利", "赤壁", "罗田",
    "阳新", "钟祥", "石狮", "大冶", "应城", "高陵", "梁子湖",
}

# County (and HK/Macau district) short forms that are ordinary words, generic terms,
# or names of something more prominent (a mountain, lake, sea, company, brand).
STOP_SHORT = set("""
和平 城关 新华 东方 长安 江北 城区 郊区 新区 矿区 开发区 高新区 经开区 工业园 产业园 示范区
保税区 管理区 航空港 东区 西区 南区 北区 中区 市中 城东 城西 城南 城北 城中 市南 市北 路南 路北
新城 老城 古城 南城 北城 山城 江城 龙城 满城 大城 故城 城厢 河东 河西 江东 江南 中原 西山
平原 东湖 南湖 北湖 太湖 湖里 湖滨 湖口 江口 河口 江岸 沿河 新河 沙河 三河 白河 清河
临江 江海 东海 滨海 海港 海盐 盐池 盐湖 商城 江山 太平 甘泉 新建 兴国 龙门 恒山 泰山 天山
华山 衡山 嵩山 黄山 庐山 长白 千山 盘山 灵山 马山 万山 横山 平山 青山 东山 花山 龙山 钟山
名山 方山 蓝山 白山 路桥 天桥 牡丹 东坡 泰来 长寿 兴隆 上街 大关 卧龙 青龙 盘龙 龙凤 龙潭
锦江 三江 永平 南关 北关 连城 常山 无极 君山 新安 永宁 永兴 东乡 塞北 商都 高阳 离岛 大堂
平和 黄龙 六合 石柱 龙泉 白云 全州 桃源 三门 大观 永和 二七 台前 金山 方城 石棉 丰满 华容
高台 九龙 二道 无为 玄武 民权 小店 同心 宝塔 元宝 太白 白玉 灯塔 木兰 天涯 七星 海棠 博爱
同仁 回民 钟楼 鼓楼 马尾 弥勒 方正 安居 黑水 大通 麒麟 新民 高密 灵台 富民 清流 水城 紫金
爱民 新罗 惠民 新星 和顺 云霄 孝义 天台 阳明 开化 天心 金沙 白沙 天元 玉泉 天柱 鄂温克 红塔
民乐 阳春 延寿 仁寿 铜鼓 兴业 大厂 金牛 三台 紫云 白塔 孙吴 卢氏 海伦 石台 古塔 和硕 磐石
万全 樟树 石鼓 嘉禾 小金 南华 白水 梨树 双塔 大化 康乐 丰润 鸡冠 天长 牧野 九华 华龙 雨花
金水 双城 高要 西夏 新河 中方 安定 长子 平定 洞口 温泉 石门 向阳 振兴 大方 互助 莲花 凤凰
武功 合作 比如 南部 解放 前进 港口 公安 友好 通道 共和 平安 延长 光明 新兴 运河 东风 万年
红旗 会同 工农 大名 富裕 清水 天府 南开 中西 南郊 北郊 东郊 西郊 双桥 三山 红星 平房 前锋 复兴 清新 宏伟 芙蓉 太和 友谊 城关区 中沙 西沙 南沙 三沙
""".split())

# County full names that are ordinary words on their own: the canonical gets the
# prefecture prefix (阳泉城区) and the bare form is not emitted.
STOP_FULL = {"城区", "郊区", "矿区", "东区", "南区", "北区", "中西区", "大堂区"}

# When several entities claim one name at the same rank, the name goes to nobody unless
# it is listed here: name -> canonical of the winner's parent (or of the winner itself).
PREFER = {
    # duplicate county names: the one a national news reader means without qualifier
    "朝阳区": "北京", "普陀区": "上海", "普陀": "上海", "西湖区": "杭州", "西湖": "杭州",
    "南山区": "深圳", "南山": "深圳", "龙华区": "深圳", "龙华": "深圳", "白云区": "广州",
    "江北区": "重庆", "宝山区": "上海", "宝山": "上海", "通州区": "北京", "通州": "北京",
    "铁西区": "沈阳", "长安区": "西安", "南沙区": "广州", "南沙": "广州", "和平区": "天津",
    "新城区": "西安", "鼓楼区": "南京", "城关区": "兰州", "海州区": "连云港",
    "新竹": "新竹市", "嘉义": "嘉义市",
    # world names used for two places
    "金斯敦": "牙买加", "圣何塞": "美国", "乔治敦": "圭亚那", "圣约翰": "安提瓜和巴布达",
}

# Prefecture-level cities whose short canonical is also a common word or sits inside one
# (开封 "unseal", 日照 "sunshine", 来宾 "guests", 三明治, 大理石, 普洱茶, 长治久安 …).
PREFECTURE_CTX = {"开封", "日照", "大同", "白银", "来宾", "安康", "三明", "朝阳", "玉树",
                  "长治", "普洱", "大理"}

PROVINCE_EXTRA = {
    "内蒙古": ["内蒙古自治区", "内蒙"], "广西": ["广西自治区", "广西省"],
    "新疆": ["新疆自治区"], "宁夏": ["宁夏自治区"], "西藏": ["西藏省"],
    "香港": ["香港特别行政区", "香港特区", "中国香港", "中国香港特别行政区"],
    "澳门": ["澳门特别行政区", "澳门特区", "中国澳门", "中国澳门特别行政区"],
    "台湾": ["台湾省", "中国台湾", "台湾地区"],
}

# targets in china_location_change.txt spelled differently from china_location.txt
RENAME_TARGET_FIX = {"云岗区": "云冈区", "大菁山县": "大箐山县", "三江县": "三江侗族自治县",
                     "玉环区": "玉环市"}
# Taiwan-listed counties that duplicate a mainland GB/T 2260 county (金门县 350527 under
# 泉州, 连江县 350122 under 福州): only the GB/T 2260 row is kept
TAIWAN_SKIP = {"金门县", "连江县"}

# jionlp typos in the divisions data
NAME_FIXES = {"苗粟县": ("苗栗县", "苗栗"), "奎青区": ("葵青区", "葵青")}

# Countries: canonical overrides (CLDR name -> usual short Chinese name) and extra aliases.
COUNTRY_CANON = {"AE": "阿联酋", "SA": "沙特", "BA": "波黑", "CD": "刚果民主共和国",
                 "CG": "刚果共和国", "PS": "巴勒斯坦", "CC": "科科斯群岛", "DO": "多米尼加"}
COUNTRY_ALIASES = {
    "CN": ["中华人民共和国"], "US": ["美利坚合众国", "美利坚"],
    "GB": ["大不列颠及北爱尔兰联合王国", "联合王国"], "KR": ["大韩民国", "南韩"],
    "KP": ["朝鲜民主主义人民共和国", "北韩"], "RU": ["俄罗斯联邦", "俄国"],
    "JP": ["日本国"], "DE": ["德意志联邦共和国"], "FR": ["法兰西共和国"],
    "AU": ["澳洲", "澳大利亚联邦"], "NZ": ["纽西兰"], "NL": ["尼德兰", "荷兰王国"],
    "ID": ["印尼"], "SA": ["沙特阿拉伯", "沙特阿拉伯王国"], "AE": ["阿拉伯联合酋长国"],
    "BA": ["波斯尼亚和黑塞哥维那"], "MM": ["缅甸联邦共和国"], "BD": ["孟加拉"],
    "SZ": ["埃斯瓦蒂尼", "埃斯瓦蒂尼王国"], "MK": ["马其顿"], "LA": ["老挝人民民主共和国"],
    "VN": ["越南社会主义共和国"], "IR": ["伊朗伊斯兰共和国"], "PS": ["巴勒斯坦国"],
    "CD": ["刚果（金）", "刚果(金)", "刚果金", "民主刚果"],
    "CG": ["刚果（布）", "刚果(布)", "刚果布"], "CC": ["科科斯（基林）群岛", "科科斯(基林)群岛"],
    "FK": ["福克兰群岛(马尔维纳斯群岛)", "马尔维纳斯群岛"], "DO": ["多米尼加共和国"],
    "PG": ["巴新"], "SL": ["塞拉里昂"], "DM": ["多米尼克国"], "TH": ["泰王国"],
    "CZ": ["捷克共和国"], "CH": ["瑞士联邦"], "IN": ["印度共和国"], "ES": ["西班牙王国"],
    "AG": ["安提瓜"], "KN": ["圣基茨"], "KY": ["开曼"], "PN": ["皮特凯恩"],
}
# names never given to a country (ambiguous): 中非 = China–Africa, 刚果 = two countries
COUNTRY_NO_ALIAS = {"中非", "刚果"}
# CLDR region codes that are in its "regular" set but not ISO 3166-1 assignments
NON_ISO = {"AC", "CP", "DG", "EA", "IC", "TA"}
CN_INTERNAL = {"HK", "MO", "TW"}

# CLDR macro-regions: numeric ones become regions; 001 世界 is a common word; EU/UN are
# organizations; QO is not a place one names.
REGION_SKIP = {"001", "EU", "UN", "QO"}
REGION_ALIASES = {
    "北美洲": ["北美"], "南美洲": ["南美"], "拉丁美洲": ["拉美"], "加勒比地区": ["加勒比"],
    "撒哈拉以南非洲": ["撒哈拉以南"], "亚洲": ["亚洲地区"], "欧洲": ["欧洲地区"],
    "非洲": ["非洲大陆", "非洲地区"], "东南亚": ["东南亚地区"], "南亚": ["南亚地区"],
    "中亚": ["中亚地区"], "东亚": ["东亚地区"], "西亚": ["西亚地区"], "南极洲": ["南极"],
    "玻利尼西亚": ["波利尼西亚"],
}
REGION_CTX = {"中非"}

# Hand-written regions: (canonical, [aliases], flags)
HAND_REGIONS = [
    ("珠三角", ["珠江三角洲", "珠三角地区"], ""),
    ("长三角", ["长江三角洲", "长三角地区"], ""),
    ("京津冀", ["京津冀地区"], ""),
    ("粤港澳大湾区", ["大湾区", "粤港澳"], ""),
    ("成渝", ["成渝地区", "成渝地区双城经济圈", "成渝经济圈"], ""),
    ("东北", ["东北地区"], ""),
    ("东三省", ["东北三省"], ""),
    ("华北", ["华北地区"], ""), ("华东", ["华东地区"], ""), ("华南", ["华南地区"], ""),
    ("华中", ["华中地区"], ""), ("西南", ["西南地区"], "ctx"), ("西北", ["西北地区"], "ctx"),
    ("中西部", ["中西部地区"], ""), ("西部", ["西部地区"], "ctx"), ("东部", ["东部地区"], "ctx"),
    ("中部", ["中部地区"], "ctx"), ("东南沿海", [], ""),
    ("粤东", [], ""), ("粤西", [], ""), ("粤北", [], ""), ("粤东西北", [], ""),
    ("苏南", [], ""), ("苏北", [], ""), ("苏中", [], ""),
    ("浙南", [], ""), ("浙北", [], ""), ("浙东", [], ""), ("浙西", [], ""),
    ("闽南", [], ""), ("闽东", [], ""), ("闽西", [], ""), ("皖南", [], ""), ("皖北", [], ""),
    ("川西", [], ""), ("川南", [], ""), ("陕北", [], ""), ("陕南", [], ""), ("关中", ["关中地区"], ""),
    ("赣南", [], ""), ("湘南", [], ""), ("北疆", [], ""), ("南疆", [], ""),
    ("江浙沪", ["江浙沪地区"], ""), ("环渤海", ["环渤海地区"], ""),
    ("长江经济带", [], ""), ("黄河流域", [], ""), ("北部湾", ["北部湾地区", "北部湾经济区"], ""),
    ("雄安新区", ["雄安"], ""), ("两江新区", [], ""), ("苏州工业园区", ["苏州工业园"], ""),
    ("中原城市群", [], ""), ("山东半岛", [], ""), ("辽东半岛", [], ""), ("雷州半岛", [], ""),
    ("海峡两岸", ["两岸"], ""), ("港澳", ["港澳地区"], ""), ("港澳台", ["港澳台地区"], ""),
    ("中东", ["中东地区"], ""), ("亚太", ["亚太地区", "亚太区"], ""),
    ("中东欧", ["中东欧地区"], ""), ("中欧", [], ""), ("巴尔干", ["巴尔干半岛", "巴尔干地区"], ""),
    ("海湾地区", ["海湾国家"], ""), ("北非", [], ""), ("中南半岛", [], ""), ("朝鲜半岛", [], ""),
    ("欧亚大陆", ["欧亚"], ""), ("北极", ["北极地区"], ""), ("硅谷", [], ""),
    ("太平洋", [], ""), ("大西洋", [], ""), ("印度洋", [], ""), ("北冰洋", [], ""),
    ("东盟地区", [], ""),
]

# First-level divisions of other countries.  Each entry: country ISO code -> list of
# (CLDR subdivision code or None, canonical, [aliases]).  The CLDR zh name (converted to
# Simplified) is added as an alias when it differs.  Mainland (Xinhua) spellings.
US_STATES = [
    ("usal", "亚拉巴马州", ["阿拉巴马州", "亚拉巴马", "阿拉巴马"]),
    ("usak", "阿拉斯加州", ["阿拉斯加"]), ("usaz", "亚利桑那州", ["亚利桑那"]),
    ("usar", "阿肯色州", ["阿肯色"]), ("usca", "加利福尼亚州", ["加州", "加利福尼亚"]),
    ("usco", "科罗拉多州", ["科罗拉多"]), ("usct", "康涅狄格州", ["康州", "康涅狄格"]),
    ("usde", "特拉华州", ["特拉华"]), ("usfl", "佛罗里达州", ["佛州", "佛罗里达"]),
    ("usga", "佐治亚州", ["乔治亚州"]), ("ushi", "夏威夷州", ["夏威夷"]),
    ("usid", "爱达荷州", ["爱达荷"]), ("usil", "伊利诺伊州", ["伊州", "伊利诺伊", "伊利诺斯州"]),
    ("usin", "印第安纳州", ["印第安纳"]), ("usia", "艾奥瓦州", ["爱荷华州", "艾奥瓦", "爱荷华"]),
    ("usks", "堪萨斯州", ["堪萨斯"]), ("usky", "肯塔基州", ["肯塔基"]),
    ("usla", "路易斯安那州", ["路易斯安那"]), ("usme", "缅因州", ["缅因"]),
    ("usmd", "马里兰州", ["马里兰"]), ("usma", "马萨诸塞州", ["麻省", "麻州", "马萨诸塞"]),
    ("usmi", "密歇根州", ["密西根州", "密歇根", "密西根"]), ("usmn", "明尼苏达州", ["明尼苏达"]),
    ("usms", "密西西比州", []), ("usmo", "密苏里州", ["密苏里"]), ("usmt", "蒙大拿州", ["蒙大拿"]),
    ("usne", "内布拉斯加州", ["内布拉斯加"]), ("usnv", "内华达州", ["内华达"]),
    ("usnh", "新罕布什尔州", ["新罕布什尔"]), ("usnj", "新泽西州", ["新泽西"]),
    ("usnm", "新墨西哥州", ["新墨西哥"]), ("usny", "纽约州", []),
    ("usnc", "北卡罗来纳州", ["北卡", "北卡罗来纳", "北卡罗莱纳州"]),
    ("usnd", "北达科他州", ["北达科他"]), ("usoh", "俄亥俄州", ["俄亥俄"]),
    ("usok", "俄克拉何马州", ["俄克拉荷马州", "俄克拉何马", "俄克拉荷马"]),
    ("usor", "俄勒冈州", ["俄勒冈"]), ("uspa", "宾夕法尼亚州", ["宾州", "宾夕法尼亚"]),
    ("usri", "罗得岛州", ["罗德岛州", "罗德岛"]),
    ("ussc", "南卡罗来纳州", ["南卡", "南卡罗来纳", "南卡罗莱纳州"]),
    ("ussd", "南达科他州", ["南达科他"]), ("ustn", "田纳西州", ["田纳西"]),
    ("ustx", "得克萨斯州", ["得州", "德克萨斯州", "得克萨斯", "德克萨斯", "德州"]),
    ("usut", "犹他州", ["犹他"]), ("usvt", "佛蒙特州", ["佛蒙特"]),
    ("usva", "弗吉尼亚州", ["弗州", "弗吉尼亚"]), ("uswa", "华盛顿州", []),
    ("uswv", "西弗吉尼亚州", ["西弗吉尼亚"]), ("uswi", "威斯康星州", ["威斯康辛州", "威斯康星", "威斯康辛"]),
    ("uswy", "怀俄明州", ["怀俄明"]),
]
CA_PROVINCES = [
    ("caab", "阿尔伯塔省", ["艾伯塔省", "阿尔伯塔", "艾伯塔"]),
    ("cabc", "不列颠哥伦比亚省", ["卑诗省", "BC省", "不列颠哥伦比亚"]),
    ("camb", "马尼托巴省", ["曼尼托巴省", "马尼托巴", "曼尼托巴"]),
    ("canb", "新不伦瑞克省", ["新不伦瑞克"]), ("canl", "纽芬兰与拉布拉多省", ["纽芬兰和拉布拉多省", "纽芬兰"]),
    ("cans", "新斯科舍省", ["新斯科舍"]), ("cant", "加拿大西北地区", []),
    ("canu", "努纳武特地区", ["努纳武特"]), ("caon", "安大略省", ["安大略", "安省"]),
    ("cape", "爱德华王子岛省", ["爱德华王子岛"]), ("caqc", "魁北克省", ["魁省", "魁北克"]),
    ("cask", "萨斯喀彻温省", ["萨斯喀彻温"]), ("cayt", "育空地区", ["育空"]),
]
AU_STATES = [
    ("auact", "澳大利亚首都领地", ["澳大利亚首都特区", "首都领地"]),
    ("aunsw", "新南威尔士州", ["新南威尔士"]), ("aunt", "北领地", ["澳大利亚北领地"]),
    ("auqld", "昆士兰州", ["昆州", "昆士兰"]), ("ausa", "南澳大利亚州", ["南澳州", "南澳"]),
    ("autas", "塔斯马尼亚州", ["塔州", "塔斯马尼亚"]), ("auvic", "维多利亚州", ["维州"]),
    ("auwa", "西澳大利亚州", ["西澳州", "西澳"]),
]
DE_LAENDER = [  # city-states Berlin, Hamburg, Bremen are cities (world_places city rows)
    ("debw", "巴登-符腾堡州", ["巴符州", "巴登-符腾堡"]), ("deby", "巴伐利亚州", ["巴伐利亚"]),
    ("debb", "勃兰登堡州", ["勃兰登堡"]), ("dehe", "黑森州", ["黑森"]),
    ("demv", "梅克伦堡-前波美拉尼亚州", ["梅前州", "梅克伦堡-前波莫瑞州"]),
    ("deni", "下萨克森州", ["下萨克森"]), ("denw", "北莱茵-威斯特法伦州", ["北威州", "北莱茵-威斯特法伦"]),
    ("derp", "莱茵兰-普法尔茨州", ["莱法州", "莱茵兰-普法尔茨"]), ("desl", "萨尔州", []),
    ("desn", "萨克森州", ["萨克森自由州", "萨克森"]), ("dest", "萨克森-安哈尔特州", ["萨安州", "萨克森-安哈尔特"]),
    ("desh", "石勒苏益格-荷尔斯泰因州", ["石荷州"]), ("deth", "图林根州", ["图林根"]),
]
KR_PROVINCES = [  # special/metropolitan cities (首尔, 釜山 …) are city rows
    ("kr41", "京畿道", ["京畿"]), ("kr42", "江原道", ["江原特别自治道", "江原"]),
    ("kr43", "忠清北道", ["忠北"]), ("kr44", "忠清南道", ["忠南"]),
    ("kr45", "全罗北道", ["全北特别自治道", "全北"]), ("kr46", "全罗南道", ["全南"]),
    ("kr47", "庆尚北道", ["庆北"]), ("kr48", "庆尚南道", ["庆南"]),
    ("kr49", "济州特别自治道", ["济州道", "济州岛", "济州"]),
]
GB_NATIONS = [("gbeng", "英格兰", []), ("gbsct", "苏格兰", []), ("gbwls", "威尔士", []),
              ("gbnir", "北爱尔兰", [])]
MY_STATES = [
    ("my01", "柔佛州", ["柔佛"]), ("my02", "吉打州", ["吉打"]), ("my03", "吉兰丹州", ["吉兰丹"]),
    ("my04", "马六甲州", ["马六甲"]), ("my05", "森美兰州", ["森美兰"]), ("my06", "彭亨州", ["彭亨"]),
    ("my07", "槟城州", ["槟城", "槟州"]), ("my08", "霹雳州", []), ("my09", "玻璃市州", []),
    ("my10", "雪兰莪州", ["雪兰莪"]), ("my11", "登嘉楼州", ["登嘉楼", "丁加奴州"]),
    ("my12", "沙巴州", ["沙巴"]), ("my13", "砂拉越州", ["砂拉越", "砂捞越"]),
]
FR_REGIONS = [
    ("frara", "奥弗涅-罗讷-阿尔卑斯大区", []), ("frbfc", "勃艮第-弗朗什-孔泰大区", []),
    ("frbre", "布列塔尼大区", ["布列塔尼"]), ("frcvl", "中央-卢瓦尔河谷大区", []),
    ("frcor", "科西嘉", ["科西嘉岛", "科西嘉大区"]), ("frges", "大东部大区", []),
    ("frhdf", "上法兰西大区", []), ("fridf", "法兰西岛大区", ["法兰西岛", "巴黎大区"]),
    ("frnor", "诺曼底大区", ["诺曼底"]), ("frnaq", "新阿基坦大区", []),
    ("frocc", "奥克西塔尼大区", []), ("frpdl", "卢瓦尔河地区", []),
    ("frpac", "普罗旺斯-阿尔卑斯-蓝色海岸大区", ["普罗旺斯"]),
]
IT_REGIONS = [  # canonical = stem + 大区
    ("it21", "皮埃蒙特", []), ("it23", "瓦莱达奥斯塔", []), ("it25", "伦巴第", []),
    ("it32", "特伦蒂诺-上阿迪杰", []), ("it34", "威尼托", []), ("it36", "弗留利-威尼斯朱利亚", []),
    ("it42", "利古里亚", []), ("it45", "艾米利亚-罗马涅", []), ("it52", "托斯卡纳", []),
    ("it55", "翁布里亚", []), ("it57", "马尔凯", []), ("it62", "拉齐奥", []),
    ("it65", "阿布鲁佐", []), ("it67", "莫利塞", []), ("it72", "坎帕尼亚", []),
    ("it75", "普利亚", []), ("it77", "巴西利卡塔", []), ("it78", "卡拉布里亚", []),
    ("it82", "西西里", ["西西里岛"]), ("it88", "撒丁", ["撒丁岛"]),
]
ES_COMMUNITIES = [
    ("esan", "安达卢西亚", ["安达卢西亚自治区"]), ("esar", "阿拉贡", ["阿拉贡自治区"]),
    ("esas", "阿斯图里亚斯", []), ("esib", "巴利阿里群岛", []), ("escn", "加那利群岛", ["加纳利群岛"]),
    ("escb", "坎塔布里亚", []), ("escl", "卡斯蒂利亚-莱昂", []), ("escm", "卡斯蒂利亚-拉曼恰", []),
    ("esct", "加泰罗尼亚", ["加泰罗尼亚自治区", "加泰隆尼亚"]), ("esex", "埃斯特雷马杜拉", []),
    ("esga", "加利西亚", []), ("esri", "拉里奥哈自治区", ["拉里奥哈"]), ("esmd", "马德里自治区", []),
    ("esmc", "穆尔西亚", ["穆尔西亚自治区"]), ("esnc", "纳瓦拉", ["纳瓦拉自治区"]),
    ("espv", "巴斯克", ["巴斯克自治区", "巴斯克地区"]), ("esvc", "巴伦西亚自治区", ["瓦伦西亚自治区"]),
]
# Countries whose divisions are taken from CLDR by rule (name normalised, stem alias).
# country -> (CLDR code regex, suffixes to strip for the stem, skipped codes)
RULE_DIVISIONS = {
    "JP": (r"jp\d\d", ("县", "府", "都"), set()),
    "IN": (r"in[a-z]{2}", ("邦",), {"indl", "inch"}),  # 德里, 昌迪加尔 are cities
    "BR": (r"br[a-z]{2}", ("州",), {"brdf"}),
}
# stems of rule-derived names that are words or names of something else
WORLD_STOP = set("""
北方 中央 三重 山口 高知 大分 石川 宫崎 山形 帕拉 维多利亚 玻璃市 霹雳 中部 北部 南部
西北 东北 世界 未知城市 自由城 和平 德里 香港 澳门 台北 上海 乌鲁木齐
斯坦利 林德曼 威克 诺姆 朱诺 麦格理 瓦利斯 图勒 乌拉尔 萨尔
""".split())
WORLD_CTX = {"达尔文", "亚历山大"}
# CLDR time-zone exemplars that are islands, island groups or regions rather than cities
# (or that name a state or a country's island better kept for that entity)
WORLD_NOT_CITY = set("""
加那利 马德拉 法罗 开曼 查戈斯 南乔治亚 塔希提 甘比尔 马克萨斯 布干维尔 瓜达尔卡纳尔
加拉帕戈斯 堪察加 萨哈林 豪勋爵 凯尔盖朗 可可斯 皮特凯恩 密克隆 恩德伯里 夸贾林 埃法特
东加塔布 托尔托拉 圣托马斯 大特克 拉罗汤加 库赛埃 诺福克 查塔姆 圣基茨 安提瓜 巴伊亚
""".split())

# World cities written by hand (well known in business/tech news, missing from the two
# sources, or needing aliases): (canonical, country ISO, [aliases], flags)
HAND_CITIES = [
    ("首尔", "KR", ["首尔特别市", "首尔市", "汉城"], ""), ("釜山", "KR", ["釜山广域市", "釜山市"], ""),
    ("大邱", "KR", ["大邱广域市", "大邱市"], ""), ("仁川", "KR", ["仁川广域市", "仁川市"], ""),
    ("光州", "KR", ["光州广域市"], ""), ("大田广域市", "KR", ["大田"], ""),
    ("蔚山", "KR", ["蔚山广域市", "蔚山市"], ""), ("世宗特别自治市", "KR", ["世宗市"], ""),
    ("德里", "IN", ["德里国家首都辖区"], ""), ("不来梅", "DE", ["不来梅州"], ""),
    ("华盛顿", "US", ["华盛顿特区", "华盛顿哥伦比亚特区", "华盛顿DC"], ""),
    ("圣何塞", "US", [], ""), ("圣克拉拉", "US", [], ""), ("山景城", "US", [], ""),
    ("帕洛阿尔托", "US", [], ""), ("库比蒂诺", "US", [], ""), ("奥斯汀", "US", [], ""),
    ("达拉斯", "US", [], ""), ("迈阿密", "US", [], ""), ("拉斯维加斯", "US", [], ""),
    ("圣迭戈", "US", [], ""), ("波特兰", "US", [], ""), ("硅谷", None, [], ""),
    ("名古屋", "JP", [], ""), ("大阪", "JP", [], ""), ("慕尼黑", "DE", [], ""),
    ("杜塞尔多夫", "DE", [], ""), ("汉堡", "DE", [], ""), ("科隆", "DE", [], ""),
    ("巴塞罗那", "ES", [], ""), ("米兰", "IT", [], ""), ("日内瓦", "CH", [], ""),
    ("苏黎世", "CH", [], ""), ("阿布扎比", "AE", [], ""), ("吉达", "SA", [], ""),
    ("班加罗尔", "IN", [], ""), ("孟买", "IN", [], ""), ("卡尔加里", "CA", [], ""),
    ("胡志明市", "VN", ["西贡"], ""), ("符拉迪沃斯托克", "RU", ["海参崴"], ""),
    ("卡萨布兰卡", "MA", ["达尔贝达"], ""), ("阿德莱德", "AU", [], ""), ("奥克兰", "NZ", [], ""),
    ("布特拉加亚", "MY", ["布城"], ""), ("新山", "MY", [], ""), ("槟城乔治市", "MY", [], ""),
]
# jionlp world_location "major city" entries that are not cities, and where they go
JIONLP_CITY_SKIP = {"好望角", "巴新", "济州岛", "冲绳", "西贡", "海参崴", "达尔贝达"}
# jionlp country short names that differ from CLDR's
JIONLP_COUNTRY = {"沙特": "SA", "阿联酋": "AE", "波黑": "BA", "马其顿": "MK", "塞拉里昂": "SL",
                  "刚果(金)": "CD", "刚果(布)": "CG", "多米尼加": "DO", "多米尼克国": "DM",
                  "中非": "CF", "巴勒斯坦": "PS", "科索沃": "XK", "斯威士兰": "SZ"}

# ---------------------------------------------------------------------------------------
# inputs
# ---------------------------------------------------------------------------------------


def fetch_jionlp(tmp):
    subprocess.check_call([sys.executable, "-m", "pip", "download", "--no-deps", "--quiet",
                           "jionlp==" + JIONLP_VERSION, "-d", tmp])
    wheels = glob.glob(os.path.join(tmp, "jionlp-%s-*.whl" % JIONLP_VERSION))
    if not wheels:
        sys.exit("pip did not produce a jionlp %s wheel" % JIONLP_VERSION)
    return wheels[0]


class Jionlp:
    def __init__(self, wheel):
        self.z = zipfile.ZipFile(wheel)

    def text(self, name):
        return self.z.read("jionlp/dictionary/" + name).decode("utf-8")

    def china_location(self):
        inner = zipfile.ZipFile(io.BytesIO(self.z.read("jionlp/dictionary/china_location.zip")))
        return inner.read("china_location.txt").decode("utf-8")


def load_jieba(path):
    d = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 3:
                d[parts[0]] = (int(parts[1]), parts[2])
    return d


NAME_POS = {"ns", "nr", "nrt", "nrfg", "nz", "nt"}


def is_common_world(word, jieba):
    """For foreign names jieba's person-name tags (nr, nrt) are mostly transliterations of
    the same names (莫斯科 nrt, 柏林 nr), so only other tags count as common words."""
    if word not in jieba:
        return False
    freq, pos = jieba[word]
    return pos not in NAME_POS and freq >= COMMON_FREQ


def is_common(word, jieba):
    """A word jieba knows mainly as something other than a place name, and often."""
    if word not in jieba:
        return False
    freq, pos = jieba[word]
    return pos != "ns" and freq >= COMMON_FREQ


class T2S:
    FIX = {"餘": "余", "鍾": "钟", "潟": "潟", "阪": "阪", "－": "-", "﹣": "-", "‐": "-"}

    def __init__(self, text):
        self.m = {}
        for line in text.splitlines():
            p = line.split("\t")
            if len(p) >= 2 and len(p[0]) == 1 and len(p[1]) == 1:
                self.m[p[0]] = p[1]
        self.m.update(self.FIX)

    def __call__(self, s):
        return "".join(self.m.get(c, c) for c in s)


# ---------------------------------------------------------------------------------------
# entities and global name allocation
# ---------------------------------------------------------------------------------------

# rank of (class, kind); lower wins
RANK = {
    ("province", "canon"): 0, ("province", "alias"): 1,
    ("country", "canon"): 2, ("country", "alias"): 3,
    ("prefecture", "canon"): 4, ("region", "canon"): 5,
    ("prefecture", "alias"): 6, ("region", "alias"): 7,
    ("county", "canon"): 8, ("county", "alias"): 9, ("county", "prefixed"): 9, ("county", "short"): 10,
    ("county", "history"): 11, ("prefecture", "history"): 11,
    ("wcity", "canon"): 12, ("wprov", "canon"): 13,
    ("wcity", "alias"): 14, ("wprov", "alias"): 15,
}


class Ent:
    def __init__(self, klass, etype, cands, code="", parent=None, flags="", file=""):
        self.klass, self.type, self.code, self.flags, self.file = klass, etype, code, flags, file
        self.cands = [c for c in cands if c]
        self.parent = parent          # an Ent, or a plain string, or None
        self.aliases = []             # (name, kind)
        self.canonical = None

    def add(self, name, kind="alias"):
        if name and (name, kind) not in self.aliases:
            self.aliases.append((name, kind))

    def parent_name(self):
        if self.parent is None:
            return ""
        if isinstance(self.parent, str):
            return self.parent
        return self.parent.canonical or self.parent.cands[0]

    def __repr__(self):
        return "<%s %s>" % (self.klass, self.canonical or self.cands)


def allocate(ents, blocked_world, log):
    """Give every name to at most one entity.  Returns {entity: [aliases]}."""
    ents = [e for e in ents if e.cands]
    for e in ents:
        e.orig = e.cands[0]
    dropped = []
    for _ in range(20):
        claims = collections.defaultdict(list)
        for e in ents:
            claims[e.cands[0]].append((RANK[(e.klass, "canon")], e, "canon"))
            for a, kind in e.aliases:
                if a != e.cands[0]:
                    claims[a].append((RANK[(e.klass, kind)], e, kind))
        owner = {}
        for name, cl in claims.items():
            if len(name) < 2:
                continue
            best = min(r for r, _, _ in cl)
            top = list({id(e): e for r, e, _ in cl if r == best}.values())
            if all(e.klass in ("wcity", "wprov") for e in top) and name in blocked_world:
                continue
            if len(top) == 1:
                owner[name] = top[0]
            else:
                want = PREFER.get(name)
                win = [e for e in top if want and (want == e.parent_name() or want in e.cands)]
                if len(win) == 1:
                    owner[name] = win[0]
        moved = False
        keep = []
        for e in ents:
            if owner.get(e.cands[0]) is e:
                keep.append(e)
                continue
            lost = e.cands.pop(0)
            moved = True
            if e.cands:
                log.append("canonical %s (%s) lost; now %s" % (lost, e.klass, e.cands[0]))
                keep.append(e)
            else:
                log.append("dropped %s (%s): name taken" % (lost, e.klass))
                dropped.append(e)
        ents = keep
        if not moved:
            break
    result = {}
    for e in ents:
        e.canonical = e.cands[0]
        al = []
        for a, kind in e.aliases:
            if kind == "prefixed" and e.canonical == e.orig:
                continue
            if a != e.canonical and owner.get(a) is e and a not in al:
                al.append(a)
            elif a != e.canonical and owner.get(a) is not e and kind in ("alias", "history"):
                o = owner.get(a)
                log.append("alias %s of %s lost to %s" % (a, e.canonical, o.cands[0] if o else "tie"))
        result[e] = al
    return result, dropped


# ---------------------------------------------------------------------------------------
# Chinese divisions
# ---------------------------------------------------------------------------------------

PLACEHOLDER = re.compile(r"直辖|^市辖区$|^县$")
MUNICIPALITIES = {"110000", "120000", "310000", "500000"}


def short_ok(s, jieba):
    return (len(s) >= 2 and s not in STOP_SHORT and (s in KEEP_SHORT or not is_common(s, jieba)))


def build_cn(jl, jieba, log, stats):
    rows = []
    for line in jl.china_location().splitlines():
        depth = len(line) - len(line.lstrip("\t"))
        if depth > 2 or not line.strip():
            continue
        rows.append((depth, line.strip("\t").split("\t")))

    ents = []
    by_code = {}
    dropped_shorts = set()
    prov = pref = None
    for depth, p in rows:
        name = p[0]
        code = p[1] if len(p) > 1 else ""
        short = p[2] if len(p) > 2 else ""
        if name in NAME_FIXES:
            name, short = NAME_FIXES[name]
        if depth == 0:
            etype = "city" if code in MUNICIPALITIES else "province"
            prov = Ent("province", etype, [short or name], code, None, file="cn")
            prov.add(name)
            for a in PROVINCE_EXTRA.get(short, []):
                prov.add(a)
            prov.level = 0
            prov.short_name, prov.full_name = short or name, name
            ents.append(prov)
            by_code[code] = prov
            pref = None
            continue
        if depth == 1:
            if code == prov.code or PLACEHOLDER.search(name):
                pref = prov if code == prov.code else ("direct", prov)
                continue
            tw = prov.code == "710000"
            shorts = sorted(short.split("/"), key=lambda x: (-len(x), x))  # 巴州/巴音郭楞
            short = shorts[0]
            cands = [short, name] if len(short) >= 2 else [name]
            pref = Ent("prefecture", "city", cands, "" if tw else code, prov, file="cn")
            pref.add(name)
            for extra in shorts[1:]:
                pref.add(extra)
            if name.endswith("自治州") and len(short) >= 2 and not short.endswith("州"):
                pref.add(short + "州")
            if short in PREFECTURE_CTX:
                pref.flags = "ctx"
            pref.level = 1
            pref.short_name = short if len(short) >= 2 else name
            pref.full_name = name
            ents.append(pref)
            by_code[code] = pref
            continue
        # depth 2: county level
        if not code and prov.code == "710000":
            stats["skipped Taiwan districts without code"] += 1
            continue
        if PLACEHOLDER.search(name):
            continue
        if code and "71" <= code[-2:] <= "79":      # NBS functional zones, not GB/T 2260
            stats["skipped functional zones (NBS-only codes)"] += 1
            continue
        if isinstance(pref, tuple):          # 省直辖 county-level units: parent = province
            parent = pref[1]
            if prov.code == "710000":         # Taiwan's provincial cities and counties
                if name in TAIWAN_SKIP:
                    continue
                e = Ent("prefecture", "city", [short, name] if len(short) >= 2 else [name],
                        "", parent, file="cn")
                e.add(name)
                e.level = 1
                e.short_name, e.full_name = e.cands[0], name
                ents.append(e)
                continue
        else:
            parent = pref
        sar = prov.code in ("810000", "820000")
        e = Ent("county", "city", [name], "" if sar else code, parent, file="cn")
        e.level = 2
        e.full_name = name
        if short == name:                      # jionlp gives no short form: derive one
            m = re.fullmatch(r"(.{2,}?)(新区|林区|区|县|市|旗)", name)
            short = m.group(1) if m else ""
        if short.endswith("矿") and name.endswith("矿区"):
            short = ""
        e.short = short if short != name else ""
        if name in STOP_FULL:
            e.cands = [parent.short_name + name]
        else:
            e.cands = [name, parent.short_name + name]
        e.add(parent.full_name + name, "prefixed")
        if e.short:
            if short_ok(e.short, jieba):
                e.add(e.short, "short")
                for suf in ("自治县", "自治旗"):
                    if name.endswith(suf) and len(e.short) >= 2:
                        e.add(e.short + suf[-1], "short")
            else:
                dropped_shorts.add(e.short)
                stats["county short forms dropped as common words"] += 1
        ents.append(e)
        if code and not sar:
            if code in by_code:
                log.append("duplicate code %s: %s and %s" % (code, by_code[code].cands, name))
            by_code.setdefault(code, e)

    # historical renames (china_location_change.txt: old path => new path)
    def find(kind, name, parent_full):
        hits = [e for e in ents if e.klass == kind and e.full_name == name and (
            parent_full is None or e.parent.full_name == parent_full)]
        return hits[0] if len(hits) == 1 else None

    removed = set()
    for line in jl.text("china_location_change.txt").splitlines():
        if "=>" not in line:
            continue
        old, new = line.split("=>")
        old = old.split("\t")[2:]
        new = new.split("\t")
        if len(old) == 6 and len(new) == 3:          # county renamed / merged
            kind, oname, oshort, oparent = "county", old[4], old[5], old[2]
            target, tparent = RENAME_TARGET_FIX.get(new[2], new[2]), new[1]
        elif len(old) == 4 and len(new) == 2:        # prefecture renamed
            kind, oname, oshort, oparent = "prefecture", old[2], old[3], None
            target, tparent = new[1], None
        else:
            continue
        if oname == target:
            continue
        t = find(kind, target, tparent)
        o = find(kind, oname, oparent)
        if o is not None and o is t:
            continue
        if t is None and o is None:
            log.append("rename %s=>%s: neither found" % (oname, target))
            continue
        if t is None:                                 # jionlp still has the old unit only
            t = o
            if kind == "county":
                t.cands = [target, t.parent.short_name + target]
                t.aliases = [(a, k) for a, k in t.aliases if k != "prefixed"]
                t.add(t.parent.full_name + target, "prefixed")
            else:
                t.cands = [target]
            t.full_name = target
            log.append("rename %s=>%s applied (code %s kept from jionlp)" % (oname, target, t.code))
            stats["stale units renamed"] += 1
        elif o is not None and id(o) not in removed:  # jionlp has both: drop the stale one
            removed.add(id(o))
            log.append("stale %s %s removed (now %s)" % (oname, o.code, target))
            stats["stale units removed"] += 1
        for n in (oname, oshort):
            if len(n) < 2 or n in STOP_SHORT or n in STOP_FULL or is_common(n, jieba):
                continue
            if n == t.cands[0] or n in [a for a, _ in t.aliases]:
                continue
            t.add(n, "history")
            stats["historical aliases offered"] += 1
    ents = [e for e in ents if id(e) not in removed]
    return ents, dropped_shorts


# ---------------------------------------------------------------------------------------
# CLDR: countries, regions, cities, subdivisions
# ---------------------------------------------------------------------------------------


def expand_ranges(text):
    out = set()
    for tok in text.split():
        if "~" in tok:
            a, b = tok.split("~")
            prefix = a[:-1]
            for c in range(ord(a[-1]), ord(b) + 1):
                out.add(prefix + chr(c))
        else:
            out.add(tok)
    return out


def load_cldr(cldr):
    main = ET.parse(os.path.join(cldr, "main", "zh.xml")).getroot()
    terr = collections.defaultdict(dict)
    for t in main.iter("territory"):
        terr[t.get("type")][t.get("alt") or ""] = t.text
    zones = {}
    for z in main.iter("zone"):
        ex = z.find("exemplarCity")
        if ex is not None and ex.text:
            zones[z.get("type")] = ex.text
    val = ET.parse(os.path.join(cldr, "validity", "region.xml")).getroot()
    status = {}
    for i in val.iter("id"):
        for code in expand_ranges(i.text):
            status[code] = i.get("idStatus")
    sub = ET.parse(os.path.join(cldr, "subdivisions", "zh.xml")).getroot()
    subdiv = {s.get("type"): s.text for s in sub.iter("subdivision")}
    tz = ET.parse(os.path.join(cldr, "bcp47", "timezone.xml")).getroot()
    tzalias = []
    for t in tz.iter("type"):
        if t.get("alias"):
            tzalias.append(t.get("alias").split())
    return terr, zones, status, subdiv, tzalias


def zone_countries(zone_tab, tzalias):
    m = {}
    with open(zone_tab, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            p = line.rstrip("\n").split("\t")
            m[p[2]] = p[0]
    for group in tzalias:
        cc = [m[z] for z in group if z in m]
        if cc:
            for z in group:
                m.setdefault(z, cc[0])
    return m


def no_hyphen(s):
    return s.replace("-", "").replace("·", "") if ("-" in s or "·" in s) else ""


def build_world(terr, zones, status, subdiv, tzalias, zone_tab, jl, t2s, jieba, stats, log):
    ents = []
    countries = {}
    for code, names in sorted(terr.items()):
        st = status.get(code)
        if st == "regular" and code not in NON_ISO and code not in CN_INTERNAL and code != "AQ":
            main = names.get("")
            canon = COUNTRY_CANON.get(code, names.get("short") or main)
            e = Ent("country", "country", [canon], code, None, file="countries")
            for alt in ("", "short", "variant"):
                if names.get(alt):
                    e.add(names[alt])
            for a in COUNTRY_ALIASES.get(code, []):
                e.add(a)
            ents.append(e)
            countries[code] = e
        elif (st == "macroregion" and code not in REGION_SKIP) or code == "AQ":
            name = names[""]
            e = Ent("region", "region", [name], "", None, file="regions")
            for a in REGION_ALIASES.get(name, []):
                e.add(a)
            if name in REGION_CTX:
                e.flags = "ctx"
            ents.append(e)
    regions = {e.cands[0]: e for e in ents if e.klass == "region"}
    for canon, aliases, flags in HAND_REGIONS:
        e = regions.get(canon)
        if e is None:
            e = regions[canon] = Ent("region", "region", [canon], "", None, flags, file="regions")
            ents.append(e)
        for a in aliases:
            e.add(a)

    # jionlp world_location: country full names, capitals, major cities
    name2cc = {}
    for cc, e in countries.items():
        for n in e.cands + [a for a, _ in e.aliases]:
            name2cc.setdefault(n, cc)
    name2cc.update(JIONLP_COUNTRY)
    cities = collections.OrderedDict()   # (name, cc) -> aliases

    def add_city(name, cc, src):
        if not name or cc not in countries:
            return
        cities.setdefault((name, cc), set()).add(src)

    for line in jl.text("world_location.txt").splitlines():
        p = line.split("\t")
        if len(p) < 3:
            continue
        cc = name2cc.get(p[0]) or name2cc.get(p[1])
        if not cc:
            if p[0] != "中国":
                log.append("jionlp country not mapped: %s" % p[0])
            continue
        countries[cc].add(p[1])
        if p[0] not in COUNTRY_NO_ALIAS:
            countries[cc].add(p[0])
        add_city(p[2], cc, "jionlp")
        if len(p) > 3:
            for c in p[3].split("/"):
                if c not in JIONLP_CITY_SKIP:
                    add_city(c, cc, "jionlp")
    # CLDR exemplar cities
    z2c = zone_countries(zone_tab, tzalias)
    for zid, city in sorted(zones.items()):
        cc = z2c.get(zid)
        if not cc:
            stats["CLDR zones without a country in zone.tab"] += 1
            continue
        city = t2s(city)
        if cc in CN_INTERNAL or cc == "CN" or cc == "AQ":
            continue
        if city.endswith("岛") or city.endswith("群岛"):
            stats["CLDR exemplar islands skipped"] += 1
            continue
        add_city(city, cc, "cldr")
    hand = {}
    for canon, cc, aliases, flags in HAND_CITIES:
        if cc is None:
            continue
        add_city(canon, cc, "hand")
        hand[(canon, cc)] = (aliases, flags)
    for (name, cc), srcs in cities.items():
        if name in WORLD_STOP or name in WORLD_NOT_CITY:
            continue
        if "cldr" in srcs and re.fullmatch(r".+州.+", name):   # 北达科他州新塞勒姆 …
            continue
        if "hand" not in srcs and is_common_world(name, jieba):
            log.append("world city %s dropped: common word" % name)
            continue
        e = Ent("wcity", "city", [name], "", countries[cc], file="world")
        al, fl = hand.get((name, cc), ([], ""))
        for a in al:
            e.add(a)
        e.flags = fl or ("ctx" if name in WORLD_CTX else "")
        if no_hyphen(name):
            e.add(no_hyphen(name))
        ents.append(e)

    # first-level divisions
    def div(code, cc, canon, aliases, auto_stems=()):
        e = Ent("wprov", "province", [canon], "", countries[cc], file="world")
        for a in aliases:
            e.add(a)
        raw = subdiv.get(code)
        if raw and "²" not in raw and "¹" not in raw:
            s = t2s(raw)
            if s not in WORLD_STOP and len(s) >= 2:
                e.add(s)
        for s in auto_stems:
            if len(s) >= 2 and s not in WORLD_STOP and not is_common_world(s, jieba):
                e.add(s)
        for n in [canon] + list(aliases):
            if no_hyphen(n):
                e.add(no_hyphen(n))
        ents.append(e)

    for cc, table in (("US", US_STATES), ("CA", CA_PROVINCES), ("AU", AU_STATES),
                      ("DE", DE_LAENDER), ("KR", KR_PROVINCES), ("GB", GB_NATIONS),
                      ("MY", MY_STATES), ("FR", FR_REGIONS), ("ES", ES_COMMUNITIES)):
        for code, canon, aliases in table:
            div(code, cc, canon, aliases)
    for code, stem, aliases in IT_REGIONS:
        div(code, "IT", stem + "大区", [stem] + aliases)
    for cc, (pat, sufs, skip) in RULE_DIVISIONS.items():
        for code in sorted(subdiv):
            if not re.fullmatch(pat, code) or code in skip:
                continue
            name = t2s(subdiv[code])
            if cc == "BR" and not name.endswith("州"):
                name += "州"
            stems = []
            for suf in sufs:
                if name.endswith(suf) and len(name) - len(suf) >= (3 if cc == "BR" else 2):
                    stems.append(name[: -len(suf)])
            extra = {"jp47": ["冲绳"], "inor": ["奥迪沙邦"]}.get(code, [])
            div(code, cc, name, extra, stems)
    return ents, countries


# ---------------------------------------------------------------------------------------
# output
# ---------------------------------------------------------------------------------------

HEADER = """# tiqu dictionary: {what}
# GENERATED by dictionaries/gen/places.py from {src} — do not edit; edit the script and re-run.
# columns (tab-separated): canonical, type, aliases, code, parent, flags
"""


def tsv_line(e, aliases):
    cols = [e.canonical, e.type, "|".join(aliases), e.code, e.parent_name(), e.flags]
    for c in cols:
        assert "\t" not in c and "\n" not in c, c
    while cols and cols[-1] == "":
        cols.pop()
    return "\t".join(cols)


def write(path, header, ents, alloc, key):
    lines = [tsv_line(e, alloc[e]) for e in sorted(ents, key=key)]
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(header)
        for l in lines:
            f.write(l + "\n")
    return len(lines)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--jionlp-wheel", help="jionlp-%s wheel (downloaded with pip if absent)" % JIONLP_VERSION)
    ap.add_argument("--cldr", default="/usr/share/unicode/cldr/common")
    ap.add_argument("--zone-tab", default="/usr/share/zoneinfo/zone.tab")
    ap.add_argument("--jieba-dict", default="/usr/lib/python3/dist-packages/jieba/dict.txt")
    ap.add_argument("--out", default=os.path.dirname(here))
    ap.add_argument("--log", help="write the conflict log here")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        wheel = args.jionlp_wheel or fetch_jionlp(tmp)
        jl = Jionlp(wheel)
        jieba = load_jieba(args.jieba_dict)
        t2s = T2S(jl.text("tra2sim_char.txt"))
        log, stats = [], collections.Counter()
        cn, dropped_shorts = build_cn(jl, jieba, log, stats)
        terr, zones, status, subdiv, tzalias = load_cldr(args.cldr)
        world, countries = build_world(terr, zones, status, subdiv, tzalias, args.zone_tab,
                                       jl, t2s, jieba, stats, log)
    cn_names = set(dropped_shorts)
    for e in cn:
        cn_names.update(e.cands)
        cn_names.update(a for a, _ in e.aliases)
    alloc, dropped = allocate(cn + world, cn_names, log)

    def code_key(e):
        if e.code:
            return (e.code, "", e.canonical)
        p = e.parent
        while p is not None and not isinstance(p, str) and not p.code:
            p = p.parent
        return ((p.code if p is not None and not isinstance(p, str) else "999999") + "~",
                e.canonical, "")

    files = collections.defaultdict(list)
    for e in alloc:
        files[e.file].append(e)
    jsrc = "jionlp %s (Apache-2.0)" % JIONLP_VERSION
    csrc = "Unicode CLDR 41 via Debian unicode-cldr-core (Unicode licence)"
    counts = {}
    counts["places_cn.tsv"] = write(
        os.path.join(args.out, "places_cn.tsv"),
        HEADER.format(what="Chinese divisions (provincial, prefecture and county level)",
                      src=jsrc + "; jieba dict (MIT) used only to filter common words"),
        files["cn"], alloc, code_key)
    counts["countries.tsv"] = write(
        os.path.join(args.out, "countries.tsv"),
        HEADER.format(what="countries and territories (ISO 3166-1 alpha-2)", src=csrc + " and " + jsrc),
        files["countries"], alloc, lambda e: (e.code, e.canonical))
    counts["regions.tsv"] = write(
        os.path.join(args.out, "regions.tsv"),
        HEADER.format(what="regions", src=csrc + " and hand-written data in the script"),
        files["regions"], alloc, lambda e: e.canonical)
    counts["world_places.tsv"] = write(
        os.path.join(args.out, "world_places.tsv"),
        HEADER.format(what="world cities and first-level divisions of other countries",
                      src=csrc + ", tzdata zone.tab (public domain), " + jsrc + " and hand-written data"),
        files["world"], alloc, lambda e: (e.parent.code, e.type, e.canonical))
    if args.log:
        with open(args.log, "w", encoding="utf-8") as f:
            f.write("\n".join(log) + "\n")
    for k, v in sorted(stats.items()):
        print("%-45s %d" % (k, v), file=sys.stderr)
    for k, v in counts.items():
        print("%-20s %d rows" % (k, v), file=sys.stderr)
    print("entities dropped in conflicts: %d" % len(dropped), file=sys.stderr)


if __name__ == "__main__":
    main()
