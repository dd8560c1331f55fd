"""What residents and grid workers write about each kind of problem, for the demo's order history.
Data only. Templates take {place} (a compound or road) and {detail} (a short variation)."""
from __future__ import annotations

# minor category code → (title templates, description templates, details)
PROBLEM_TEXTS: dict[str, tuple[list[str], list[str], list[str]]] = {
    "01": (["{place}{name}", "{place}附近{name}", "反映{place}{name}问题"],
           ["{place}{detail}，已持续多日，影响居民出行和环境卫生，请尽快清理。",
            "网格员巡查发现{place}{detail}，居民意见较大。",
            "居民来电反映{place}{detail}，希望有关部门处理。"],
           ["垃圾堆放无人清运", "楼道口杂物堆积", "路边有废弃家具", "绿化带内垃圾较多", "私自搭建棚子", "路面污水横流"]),
    "02": (["{place}{name}", "{place}乱贴广告"],
           ["{place}{detail}，影响市容。", "巡查发现{place}{detail}，需清理。"],
           ["单元门和电线杆上贴满小广告", "商户招牌破损有掉落风险", "人行道上摆放广告牌"]),
    "03": (["{place}{name}", "{place}工地问题"],
           ["{place}旁工地{detail}，居民投诉较多。", "反映{place}附近施工{detail}。"],
           ["夜间施工噪音扰民", "扬尘严重未覆盖", "施工车辆占用道路", "建筑垃圾随意堆放"]),
    "04": (["{place}{name}", "紧急：{place}{name}"],
           ["{place}{detail}，存在安全隐患，请立即处置。", "居民报告{place}{detail}，情况紧急。"],
           ["路面出现塌陷", "水管破裂大量冒水", "下水道堵塞污水外溢", "道路结冰行人摔倒", "闻到燃气味"]),
    "05": (["{place}{name}", "{place}占道经营"],
           ["{place}{detail}，影响通行。", "网格巡查发现{place}{detail}。"],
           ["流动摊贩占道经营", "车辆乱停堵塞消防通道", "商户店外经营", "夜间露天烧烤油烟大", "共享单车乱停放"]),
    "06": (["{place}{name}", "{place}疑似违建"],
           ["{place}{detail}，请核查处理。", "居民举报{place}{detail}。"],
           ["顶楼私自加盖房屋", "一楼住户扩建院墙", "擅自拆改承重墙", "绿地内搭建彩钢房"]),
    "07": (["{place}{name}", "{place}污染扰民"],
           ["{place}{detail}，居民反映强烈。", "投诉{place}{detail}，影响生活。"],
           ["餐馆油烟直排", "污水直接排入雨水管", "夜间机器噪声很大"]),
    "08": (["{place}{name}", "{place}安全隐患"],
           ["{place}{detail}，存在安全隐患。", "检查发现{place}{detail}，需整改。"],
           ["消防通道被杂物堵塞", "楼道内电动车充电", "商户燃气使用不规范", "小作坊存在安全隐患"]),
    "09": (["{place}{name}", "{place}物业问题"],
           ["{place}{detail}，物业未及时处理。", "居民反映{place}{detail}。"],
           ["电梯经常故障", "小区路灯损坏", "物业服务不到位垃圾清运不及时", "单元门禁损坏", "小区无人管理"]),
}
