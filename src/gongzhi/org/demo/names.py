"""Names in the demo city: its streets and communities, departments, resident organisations and
the parts that make up compound and people names. Data only; the plan decides who gets which."""
from __future__ import annotations

from gongzhi.org.models import DepartmentKind, SeatOrganisationKind

CITY_CODE = "652301"
CITY_NAME = "昌吉市"

# Street name → its communities, in code order. The main road a street is named after is the
# street name without 街道; compounds' addresses lie on it.
STREETS: list[tuple[str, list[str]]] = [
    ("宁边路街道", ["宁边社区", "天山社区", "文化社区", "光明社区", "团结社区", "新华社区", "和平社区",
                "长宁社区", "红星社区", "朝阳社区", "东苑社区", "西苑社区"]),
    ("延安北路街道", ["延安社区", "北辰社区", "育才社区", "金穗社区", "世纪社区", "康宁社区", "花园社区",
                  "新城社区", "春晓社区", "北湖社区", "兴业社区", "丽景社区"]),
    ("北京南路街道", ["北京南社区", "锦华社区", "园林社区", "迎宾社区", "绿苑社区", "水岸社区", "明珠社区",
                  "华山社区", "南湖社区", "金桥社区", "嘉和社区", "瑞祥社区"]),
    ("绿洲路街道", ["绿洲社区", "泰和社区", "振兴社区", "昆仑社区", "福润社区", "雅苑社区", "东方社区",
                "安居社区", "阳光社区", "胜利社区", "永安社区"]),
    ("中山路街道", ["中山社区", "人民社区", "友好社区", "前进社区", "三屯河社区", "龙河社区", "紫荆社区",
                "柳城社区", "建设社区", "兴盛社区", "碧水社区"]),
    ("建国路街道", ["建国社区", "新区社区", "幸福社区", "南苑社区", "同心社区", "康乐社区", "惠民社区",
                "金源社区", "银河社区", "书香社区", "景苑社区", "聚和社区"]),
]

GRID_ORDINALS = ["第一网格", "第二网格"]

# (code, name, kind). The work-order category catalogue names several of these exactly.
DEPARTMENTS: list[tuple[str, str, str]] = [
    ("HOUSING", "住房和城乡建设局", DepartmentKind.FUNCTIONAL),
    ("URBAN", "城市管理和综合执法局", DepartmentKind.LAW_ENFORCEMENT),
    ("MARKET", "市场监督管理局", DepartmentKind.LAW_ENFORCEMENT),
    ("ECOLOGY", "生态环境局", DepartmentKind.FUNCTIONAL),
    ("EDUCATION", "教育局", DepartmentKind.FUNCTIONAL),
    ("HEALTH", "卫生健康委员会", DepartmentKind.FUNCTIONAL),
    ("EMERGENCY", "应急管理局", DepartmentKind.FUNCTIONAL),
    ("WATER", "水务局", DepartmentKind.FUNCTIONAL),
    ("TRANSPORT", "交通运输局", DepartmentKind.FUNCTIONAL),
    ("CIVIL", "民政局", DepartmentKind.FUNCTIONAL),
    ("RESOURCES", "自然资源局", DepartmentKind.FUNCTIONAL),
    ("POLICE", "公安局", DepartmentKind.FUNCTIONAL),
    ("LABOUR", "人力资源和社会保障局", DepartmentKind.FUNCTIONAL),
    ("CULTURE", "文化体育广播电视和旅游局", DepartmentKind.FUNCTIONAL),
    ("AGRICULTURE", "农业农村局", DepartmentKind.FUNCTIONAL),
    ("COMMERCE", "商务局", DepartmentKind.FUNCTIONAL),
    ("FINANCE", "财政局", DepartmentKind.FUNCTIONAL),
    ("JUSTICE", "司法局", DepartmentKind.FUNCTIONAL),
    ("VETERANS", "退役军人事务局", DepartmentKind.FUNCTIONAL),
    ("POWER", "供电公司", DepartmentKind.FUNCTIONAL),
]

# Resident organisations that take seats on the streets' joint committees, by kind.
RESIDENT_ORGANISATIONS: list[tuple[str, str]] = [
    ("昌吉市第一中学", SeatOrganisationKind.SCHOOL),
    ("昌吉市第二中学", SeatOrganisationKind.SCHOOL),
    ("昌吉市第三小学", SeatOrganisationKind.SCHOOL),
    ("昌吉市第五小学", SeatOrganisationKind.SCHOOL),
    ("昌吉市实验小学", SeatOrganisationKind.SCHOOL),
    ("昌吉职业技术学院", SeatOrganisationKind.SCHOOL),
    ("昌吉州人民医院", SeatOrganisationKind.HOSPITAL),
    ("昌吉市人民医院", SeatOrganisationKind.HOSPITAL),
    ("昌吉州中医医院", SeatOrganisationKind.HOSPITAL),
    ("昌吉市妇幼保健院", SeatOrganisationKind.HOSPITAL),
    ("昌吉州税务局", SeatOrganisationKind.AGENCY),
    ("昌吉州气象局", SeatOrganisationKind.AGENCY),
    ("昌吉州统计局", SeatOrganisationKind.AGENCY),
    ("昌吉市消防救援大队", SeatOrganisationKind.AGENCY),
    ("昌吉州邮政分公司", SeatOrganisationKind.COMPANY),
    ("昌吉州供排水公司", SeatOrganisationKind.COMPANY),
    ("昌吉市热力公司", SeatOrganisationKind.COMPANY),
    ("昌吉市公交公司", SeatOrganisationKind.COMPANY),
    ("昌吉农商银行", SeatOrganisationKind.COMPANY),
    ("昌吉市国有物业公司", SeatOrganisationKind.COMPANY),
    ("昌吉市红十字会", SeatOrganisationKind.SOCIAL),
    ("昌吉市志愿者协会", SeatOrganisationKind.SOCIAL),
    ("昌吉市老年协会", SeatOrganisationKind.SOCIAL),
    ("昌吉市个体劳动者协会", SeatOrganisationKind.SOCIAL),
]
SEAT_POSITIONS = ["兼职委员", "兼职副书记", "兼职委员", "兼职委员"]

COMPOUND_NAME_STEMS = [
    "天山", "金海", "阳光", "锦绣", "御景", "世纪", "康居", "和谐", "明珠", "瑞祥", "福瑞", "昌盛",
    "碧水", "翠园", "绿城", "富丽", "华府", "紫金", "银都", "春华", "秋实", "嘉禾", "鸿福", "龙城",
    "天润", "金泰", "恒大", "泰和", "盛世", "雅居", "丽都", "万家", "和平", "祥和", "安居", "幸福",
    "新城", "康馨", "博雅", "东方", "滨河", "南湖", "北庭", "西域", "庭州", "麒麟", "凤凰", "景泰",
    "宏源", "恒通", "德润", "君悦", "怡景", "颐和", "兴隆", "裕丰", "友谊", "育才", "园林", "春天",
]
COMPOUND_NAME_ENDINGS = ["小区", "花园", "家园", "苑", "佳苑", "新村", "公寓", "雅居", "名邸", "嘉园"]

SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程魏苏吕丁任"
GIVEN_NAME_CHARACTERS = "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华玉兰萍红建文辉力新宇鹏飞婷雪梅琳晨浩然志刚海燕"
LIAISON_TITLES = ["科员", "副科长", "科长", "副主任科员", "主任科员"]
